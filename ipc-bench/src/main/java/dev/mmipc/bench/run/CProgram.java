/*
 * Copyright © 2026 the mmipc authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.mmipc.bench.run;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The C program beside the JVM trials ({@code bench/limit/cring.c}): built with the system C compiler at run time
 * ({@code cc -O2 -march=native}: for the CPU it runs on, as the JIT compiles),
 * then run for the C floor and copy bandwidth before every JVM trial and for the C ring in every round, on the
 * trial's CPUs. Each run prints one JSON object, returned as it is.
 */
public final class CProgram
{
    private static final long TIMEOUT_S = 120;

    private final Path binary;

    private CProgram(final Path binary)
    {
        this.binary = binary;
    }

    /** Why there is no C program, or the program. */
    public record Built(CProgram program, String note)
    {
    }

    /**
     * @param source   {@code bench/limit/cring.c}.
     * @param dir      where the binary goes.
     * @param compiler the compiler's name, looked up on {@code PATH} ({@code cc}).
     * @return the program, or a note that says why there is none (and so no C floor and no C ring).
     * @throws InterruptedException when interrupted.
     */
    public static Built build(final Path source, final Path dir, final String compiler) throws InterruptedException
    {
        if (!Files.isRegularFile(source))
        {
            return new Built(null, "the C program was not found at " + source + ": no C floor, no C ring");
        }
        final String cc = onPath(compiler);
        if (null == cc)
        {
            return new Built(null, "no C compiler (" + compiler + ") on this machine: no C floor, no C ring, and no " +
                "gate that needs them. Install one (e.g. `apt-get install gcc`) and run again");
        }
        final Path out = dir.resolve("cring");
        try
        {
            Files.createDirectories(dir);
            final Process compile = new ProcessBuilder(cc, "-O2", "-march=native", "-std=gnu11", "-o", out.toString(), source.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!compile.waitFor(TIMEOUT_S, TimeUnit.SECONDS) || compile.exitValue() != 0)
            {
                compile.destroyForcibly();
                compile.waitFor(10, TimeUnit.SECONDS);
                return new Built(null, "the C program did not compile with " + cc + ": no C floor, no C ring");
            }
        }
        catch (final IOException ex)
        {
            return new Built(null, "the C program could not be built: " + ex.getMessage());
        }
        return new Built(new CProgram(out), null);
    }

    /**
     * The C floor and the copy bandwidth.
     *
     * @param cpus         {@code A,B}: the measuring side on A, the other on B.
     * @param floorSeconds how long the cache line bounces.
     * @param copySeconds  how long memcpy runs.
     * @return the program's output: {@code cpus, parentCpu, childCpu, floor {p50 ...}, copyMBps}.
     */
    public JsonObject floor(final String cpus, final double floorSeconds, final double copySeconds)
    {
        return run(List.of("--cpus", cpus, "--floor-seconds", seconds(floorSeconds), "--copy-seconds", seconds(copySeconds)));
    }

    /**
     * The C ring, after its own floor and copy bandwidth.
     *
     * @param cpus          {@code A,B}: the measuring side (round trip's sender, stream's consumer) on A.
     * @param benchmark     {@code roundTrip} or {@code stream}.
     * @param size          message length.
     * @param capacityBytes the ring's capacity.
     * @param pollLimit     most messages per poll.
     * @param warmupSeconds time before measuring.
     * @param seconds       time measured.
     * @param floorSeconds  the floor's time.
     * @param copySeconds   the copy bandwidth's time.
     * @return the program's output, with {@code ring {...}}.
     */
    public JsonObject ring(
        final String cpus, final String benchmark, final int size, final int capacityBytes, final int pollLimit,
        final double warmupSeconds, final double seconds, final double floorSeconds, final double copySeconds)
    {
        return run(List.of("--cpus", cpus, "--floor-seconds", seconds(floorSeconds), "--copy-seconds", seconds(copySeconds),
            "--ring", benchmark, "--size", Integer.toString(size), "--capacity", Integer.toString(capacityBytes),
            "--poll-limit", Integer.toString(pollLimit), "--warmup-seconds", seconds(warmupSeconds),
            "--seconds", seconds(seconds)));
    }

    private JsonObject run(final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        try
        {
            final Path err = Files.createTempFile("cring", ".err");
            try
            {
                final Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                final byte[] out = p.getInputStream().readAllBytes();
                if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
                {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                    throw new IllegalStateException("c program timed out: command=" + command);
                }
                if (p.exitValue() != 0)
                {
                    throw new IllegalStateException("c program failed: exit=" + p.exitValue() + ", stderr=" +
                        Files.readString(err, StandardCharsets.UTF_8).trim() + ", command=" + command);
                }
                return JsonParser.parseString(new String(out, StandardCharsets.UTF_8)).getAsJsonObject();
            }
            finally
            {
                Files.deleteIfExists(err);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("c program did not run: command=" + command, ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the c program ran", ex);
        }
    }

    private static String seconds(final double s)
    {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /**
     * @param program a program name.
     * @return its path on {@code PATH}, or null.
     */
    static String onPath(final String program)
    {
        final String path = System.getenv("PATH");
        if (null == path)
        {
            return null;
        }
        return Arrays.stream(path.split(File.pathSeparator)).map(p -> Path.of(p, program))
            .filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
    }
}

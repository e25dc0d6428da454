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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Where the processes of a trial run: the benchmark JVM on one CPU, its peer on another, both pinned from their
 * first instruction with {@code taskset -c} (JMH's fork through a wrapper script given to JMH as its JVM, the peer
 * through a {@code taskset} prefix), and read back from {@code /proc/PID/status} ({@code Cpus_allowed_list}) to
 * record what the OS really applied.
 */
public final class Placement
{
    /** System property of the benchmark fork: the CPU list it was pinned to (recorded, and checked). */
    public static final String BENCH_CPU_PROPERTY = "mmipc.bench.benchCpu";
    /** System property of the benchmark fork: the CPU list its peer is pinned to; absent: not pinned. */
    public static final String PEER_CPU_PROPERTY = "mmipc.bench.peerCpu";
    /** What {@link #affinity} answers when it cannot tell. */
    public static final String UNKNOWN = "unknown";

    private Placement()
    {
    }

    /**
     * @param pid a process.
     * @return the CPUs it may run on, as {@code /proc/PID/status} lists them ({@code 0}, {@code 0-1}), or
     *         {@value #UNKNOWN}.
     */
    public static String affinity(final long pid)
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII))
            {
                if (line.startsWith("Cpus_allowed_list:"))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
            return UNKNOWN;
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return UNKNOWN;
        }
    }

    /**
     * @return the CPUs this process may run on.
     */
    public static String currentAffinity()
    {
        return affinity(ProcessHandle.current().pid());
    }

    /**
     * @return the path of {@code taskset} on {@code PATH}, or null.
     */
    public static String taskset()
    {
        return CProgram.onPath("taskset");
    }

    /**
     * Write a script that runs this JVM's {@code java} pinned to {@code cpus}, for JMH's {@code jvm} option: the
     * fork then starts on its CPU, sees one CPU, and sizes its GC and compiler threads for it, as the peer does.
     *
     * @param dir  where to write it.
     * @param cpus a CPU list for {@code taskset -c}.
     * @return the script.
     */
    public static Path pinnedJava(final Path dir, final String cpus)
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Path script = dir.resolve("java-cpu" + cpus.replace(',', '_'));
        try
        {
            Files.createDirectories(dir);
            Files.writeString(script, String.join("\n", List.of(
                "#!/bin/sh",
                "# written by mmipc's bin/bench: JMH's fork, pinned to CPU " + cpus,
                "exec taskset -c " + cpus + " '" + java + "' \"$@\"",
                "")), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return script;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("pinned java script not written: dir=" + dir, ex);
        }
    }
}

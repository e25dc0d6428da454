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
package dev.mmipc.bench;

import dev.mmipc.process.JvmProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The other JVM of a cross-process benchmark: started in trial setup through {@link JvmProcess} with the
 * benchmark's own classpath and the flags mmipc needs ({@code -Xmx256m}, HotSpot's own output to stderr), as a
 * non-daemon child (no parent watch thread in the measured JVM), optionally pinned with a
 * {@code taskset -c CPUS} launcher; always stopped (and, past a bound, killed) in teardown.
 */
public final class PeerProcess implements AutoCloseable
{
    private final JvmProcess jvm;
    private final Process process;

    private PeerProcess(final JvmProcess jvm)
    {
        this.jvm = jvm;
        this.process = jvm.process();
    }

    /**
     * @param mainClass the peer's main class, on this JVM's classpath.
     * @param args      its arguments.
     * @return the running peer; its stderr goes to this JVM's stderr, its stdout is discarded (peers write
     *         nothing there).
     */
    public static PeerProcess start(final Class<?> mainClass, final String... args)
    {
        return start(List.of(), false, mainClass, args);
    }

    /**
     * @param jvmFlags  flags beyond mmipc's own (e.g. Chronicle's).
     * @param pipeStdio true to give the peer's stdin and stdout to the caller ({@link #process()}); its stderr is
     *                  always inherited.
     * @param mainClass the peer's main class, on this JVM's classpath.
     * @param args      its arguments.
     * @return the running peer.
     */
    public static PeerProcess start(
        final List<String> jvmFlags, final boolean pipeStdio, final Class<?> mainClass, final String... args)
    {
        return start(jvmFlags, pipeStdio, null, mainClass, args);
    }

    /**
     * @param jvmFlags  flags beyond mmipc's own (e.g. Chronicle's).
     * @param pipeStdio true to give the peer's stdin and stdout to the caller ({@link #process()}); its stderr is
     *                  always inherited.
     * @param cpus      the CPU list the peer is pinned to from its first instruction ({@code taskset -c CPUS}, which
     *                  execs the JVM: the peer's pid is the JVM's, as {@code Placement.affinity} reads it), or
     *                  null to leave it to the scheduler.
     * @param mainClass the peer's main class, on this JVM's classpath.
     * @param args      its arguments.
     * @return the running peer.
     */
    public static PeerProcess start(
        final List<String> jvmFlags, final boolean pipeStdio, final String cpus, final Class<?> mainClass,
        final String... args)
    {
        final JvmProcess.Builder builder = JvmProcess.ofMain(mainClass, args)
            .name("peer-" + mainClass.getSimpleName())
            .jvmArgs(jvmFlags.toArray(new String[0]))
            // HotSpot's own warnings go to stdout by default: keep stdout for the transport (or nothing)
            .jvmArgs("-Xmx256m", "-XX:+DisplayVMOutputToStderr")
            .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (null != cpus)
        {
            builder.launcher("taskset", "-c", cpus);
        }
        if (pipeStdio)
        {
            builder.redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.PIPE);
        }
        else
        {
            // never share this JVM's stdout: under surefire it is the channel to Maven
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        try
        {
            return new PeerProcess(builder.start());
        }
        catch (final IllegalStateException ex)
        {
            throw new UncheckedIOException("peer not started: main=" + mainClass.getName(),
                ex.getCause() instanceof IOException io ? io : new IOException(ex.getMessage(), ex));
        }
    }

    /**
     * @return the peer's process (its streams when started with {@code pipeStdio}).
     */
    public Process process()
    {
        return process;
    }

    /**
     * @return the peer as {@link JvmProcess} gives it (identity, exit code with negative signal numbers).
     */
    public JvmProcess jvm()
    {
        return jvm;
    }

    /**
     * @return true while the peer runs.
     */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * Wait for the peer to exit by itself for up to {@code timeoutMs}, then kill it; always reaps.
     *
     * @param timeoutMs how long the peer may take to stop by itself.
     * @return the exit code.
     */
    public int stop(final long timeoutMs)
    {
        try
        {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
            {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    /**
     * Kill the peer at once ({@code SIGKILL}) and reap it: for a producer that streams until it is stopped.
     *
     * @return the exit code (137 after the kill, or the code it had already exited with).
     */
    public int kill()
    {
        process.destroyForcibly();
        return stop(30_000);
    }

    @Override
    public void close()
    {
        stop(0);
    }

    /** System property naming the prefix of trial directories (default {@value #DEFAULT_DIR_PREFIX}). */
    public static final String DIR_PREFIX_PROPERTY = "mmipc.bench.dirPrefix";
    /** Default prefix of trial directories. */
    public static final String DEFAULT_DIR_PREFIX = "mmipc-bench-";

    /**
     * @return a fresh private namespace directory for one benchmark trial (on tmpfs where there is one), named
     *         with the prefix of {@value #DIR_PREFIX_PROPERTY}.
     */
    public static Path tempNamespace()
    {
        try
        {
            final Path shm = Path.of("/dev/shm");
            return Files.createTempDirectory(Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")),
                System.getProperty(DIR_PREFIX_PROPERTY, DEFAULT_DIR_PREFIX));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Remove a directory made by {@link #tempNamespace()} and everything in it.
     *
     * @param dir the directory.
     */
    public static void deleteRecursively(final Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            for (final Path p : paths.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(p);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

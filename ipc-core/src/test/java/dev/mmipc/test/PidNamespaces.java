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
package dev.mmipc.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Child JVMs in PID namespaces of their own, as containers sharing {@code /dev/shm} run: the JVM is pid 1 of a new
 * PID namespace under {@code unshare --pid --fork --kill-child}, with a {@code /proc} of its own
 * ({@code --mount-proc}) or the host's. Needs root.
 */
public final class PidNamespaces
{
    private PidNamespaces()
    {
    }

    /**
     * The two forms of a PID namespace: with a /proc of its own, and with the host's /proc, where the JVM's pid 1
     * reads the host init's start time.
     */
    public enum ProcView
    {
        /** {@code --mount-proc}: a /proc of the namespace's own. */
        PRIVATE_PROC("--mount-proc "),
        /** The host's /proc. */
        HOST_PROC("");

        final String option;

        ProcView(final String option)
        {
            this.option = option;
        }
    }

    /**
     * Skip the calling test unless this JVM runs as root ({@code unshare --pid} needs it; CI runs as root).
     *
     * @throws IOException when /proc/self cannot be read.
     */
    public static void assumeRoot() throws IOException
    {
        assumeTrue((Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "unshare --pid needs root");
    }

    /**
     * Start a child JVM as pid 1 of a new PID namespace. The child process is {@code unshare}; killing it kills
     * the JVM ({@code --kill-child}), and the JVM's death ends it. {@link ChildJvm#dumpThreads()} on it ends it too.
     *
     * @param ns        the test's namespace.
     * @param view      whether the namespace gets a /proc of its own.
     * @param mainClass the JVM's main class.
     * @param args      its arguments.
     * @return the child, reaped after the test.
     */
    public static ChildJvm start(
        final TestNamespace ns, final ProcView view, final Class<?> mainClass, final String... args)
    {
        // the shell replaces itself with unshare, which runs the JVM command ("$@") in the new namespace
        return ns.startChild(new ChildJvm.Options().shellPrelude(
            "exec unshare --pid --fork --kill-child " + view.option + "\"$@\""), mainClass, args);
    }

    /**
     * @param child a child started by {@link #start}.
     * @return the host pid of its JVM: unshare's only child.
     */
    public static long jvmHostPid(final ChildJvm child)
    {
        final String unshare = Long.toString(child.pid());
        final Path children = Path.of("/proc", unshare, "task", unshare, "children");
        final long[] pid = new long[1];
        ThreadDumps.await("the jvm under unshare", Duration.ofSeconds(30), () ->
        {
            final Optional<String> first = readFirstWord(children);
            first.ifPresent(p -> pid[0] = Long.parseLong(p));
            return first.isPresent();
        }, child);
        return pid[0];
    }

    /**
     * Kill a child's JVM with SIGKILL by its host pid; its unshare then exits and is reaped here.
     *
     * @param child a child started by {@link #start}.
     * @return the nanoTime just before the kill.
     */
    public static long killJvm(final ChildJvm child)
    {
        final long jvm = jvmHostPid(child);
        final ProcessHandle handle = ProcessHandle.of(jvm).orElseThrow();
        final long killNs = System.nanoTime();
        assertTrue(handle.destroyForcibly(), "kill -9 of the jvm, host pid " + jvm);
        return killNs;
    }

    /**
     * Send a signal with {@code kill}.
     *
     * @param signal e.g. {@code STOP}, {@code CONT}.
     * @param pid    host pid.
     * @throws Exception when kill cannot run.
     */
    public static void signal(final String signal, final long pid) throws Exception
    {
        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill -" + signal + " " + pid);
        assertEquals(0, kill.exitValue(), "kill -" + signal + " " + pid);
    }

    private static Optional<String> readFirstWord(final Path path)
    {
        try
        {
            final String text = Files.readString(path).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text.split("\\s+")[0]);
        }
        catch (final IOException ex)
        {
            return Optional.empty();
        }
    }
}

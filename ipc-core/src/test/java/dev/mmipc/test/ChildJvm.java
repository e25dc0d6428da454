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

import dev.mmipc.Namespace;
import dev.mmipc.process.JvmProcess;
import dev.mmipc.region.NamespaceDirectory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real child JVM for tests, started through {@link JvmProcess}: same classpath, the Agrona flag, the test
 * namespace as {@code -Dmmipc.dir}, {@code -Xmx256m -XX:+UseSerialGC}, standard output and error to one log file.
 * Every wait is bounded (a timeout dumps the child's and this JVM's threads, then fails with the child's output);
 * {@link #close()} kills and reaps.
 */
public final class ChildJvm implements AutoCloseable
{
    private final String label;
    private final JvmProcess jvm;
    private final Process process;
    private final Path log;

    private ChildJvm(final String label, final JvmProcess jvm, final Path log)
    {
        this.label = label;
        this.jvm = jvm;
        this.process = jvm.process();
        this.log = log;
    }

    /**
     * Options for starting a child.
     */
    public static final class Options
    {
        boolean agronaFlag = true;
        final List<String> jvmArgs = new ArrayList<>();
        String shellPrelude;
        final List<String> wrapper = new ArrayList<>();
        Path javaHome;

        /**
         * @param home the JDK (or JRE) whose {@code bin/java} runs the child; by default this JVM's
         *             {@code java.home}.
         * @return these options.
         */
        public Options javaHome(final Path home)
        {
            javaHome = home;
            return this;
        }

        /**
         * Run the JVM through {@code /bin/sh -c 'PRELUDE && exec java ...'}, e.g. {@code umask 000}, or a
         * private tmpfs mount under {@code unshare -rm} (the shell runs first, then the {@link #wrapper}).
         *
         * @param prelude shell commands run before the JVM replaces the shell.
         * @return these options.
         */
        public Options shellPrelude(final String prelude)
        {
            shellPrelude = prelude;
            return this;
        }

        /**
         * Run the JVM as the last arguments of another command, e.g.
         * {@code unshare --pid --fork --mount-proc --kill-child} for a child in a PID namespace of its own.
         * The child's {@link #pid()} is then the wrapper's; it must pass signals on or die with the JVM.
         *
         * @param command the wrapping command and its options.
         * @return these options.
         */
        public Options wrapper(final String... command)
        {
            wrapper.addAll(Arrays.asList(command));
            return this;
        }

        /**
         * @return these options, for a child started without the Agrona flag.
         */
        public Options withoutAgronaFlag()
        {
            agronaFlag = false;
            return this;
        }

        /**
         * @param args extra JVM arguments.
         * @return these options.
         */
        public Options jvmArgs(final String... args)
        {
            jvmArgs.addAll(Arrays.asList(args));
            return this;
        }
    }

    static ChildJvm start(
        final NamespaceDirectory namespace, final Path logDir, final Options options, final Class<?> mainClass,
        final String... args)
    {
        final List<String> launcher = new ArrayList<>();
        if (options.shellPrelude != null)
        {
            launcher.addAll(List.of("/bin/sh", "-c", options.shellPrelude + " && exec \"$@\"", "sh"));
        }
        launcher.addAll(options.wrapper);
        final JvmProcess.Builder builder = JvmProcess.ofMain(mainClass, args)
            .name(mainClass.getSimpleName())
            .namespace(Namespace.of(namespace))
            .agronaFlag(options.agronaFlag)
            .jvmArgs("-Xmx256m", "-XX:+UseSerialGC")
            .jvmArgs(options.jvmArgs.toArray(new String[0]));
        if (!launcher.isEmpty())
        {
            builder.launcher(launcher.toArray(new String[0]));
        }
        if (options.javaHome != null)
        {
            builder.javaHome(options.javaHome);
        }
        final Path log;
        try
        {
            Files.createDirectories(logDir);
            log = Files.createTempFile(logDir, mainClass.getSimpleName() + "-", ".log");
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("child jvm log not made: main=" + mainClass.getName() + ", error=" + ex, ex);
        }
        // JvmProcess: input /dev/null, MMIPC_DIR removed from the environment, start failure an IllegalStateException
        final JvmProcess jvm = builder.logTo(log).start();
        return new ChildJvm(mainClass.getSimpleName() + " " + String.join(" ", args), jvm, log);
    }

    /**
     * @return the child's pid.
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * @return the child as {@link JvmProcess} gives it (exit code with negative signal numbers, identity).
     */
    public JvmProcess jvm()
    {
        return jvm;
    }

    /**
     * @return the underlying process.
     */
    public Process process()
    {
        return process;
    }

    /**
     * @return true while the child runs.
     */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * Wait for the child to exit; on timeout kill it and fail with its output.
     *
     * @param timeout bound on the wait.
     * @return the exit code.
     */
    public int waitFor(final Duration timeout)
    {
        try
        {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                dumpThreads();
                ThreadDumps.dumpOwnThreads("child did not exit: " + label);
                close();
                throw new AssertionError("child did not exit within " + timeout + ": " + label + "\n" + output());
            }
            return process.exitValue();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            close();
            throw new AssertionError("interrupted waiting for child: " + label, ex);
        }
    }

    /**
     * Wait for a successful exit, failing with the child's output otherwise.
     *
     * @param timeout bound on the wait.
     */
    public void awaitSuccess(final Duration timeout)
    {
        final int code = waitFor(timeout);
        if (code != 0)
        {
            throw new AssertionError("child exited with " + code + ": " + label + "\n" + output());
        }
    }

    /**
     * Wait until the child's output contains a line, e.g. a readiness marker it prints.
     *
     * @param text    text to look for.
     * @param timeout bound on the wait.
     */
    public void awaitOutput(final String text, final Duration timeout)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text))
        {
            if (!process.isAlive() && !output().contains(text))
            {
                throw new AssertionError("child exited before printing '" + text + "': " + label + "\n" + output());
            }
            if (System.nanoTime() - deadline > 0)
            {
                dumpThreads();
                ThreadDumps.dumpOwnThreads("child did not print '" + text + "': " + label);
                throw new AssertionError("child did not print '" + text + "' within " + timeout + ": " + label +
                    "\n" + output());
            }
            sleepMs(5);
        }
    }

    /**
     * Ask a running child for a thread dump ({@code SIGQUIT}: HotSpot prints every thread's stack to the
     * child's output, which {@link #output()} returns) and give it a second to write it.
     */
    public void dumpThreads()
    {
        if (!process.isAlive())
        {
            return;
        }
        ThreadDumps.askForDump(process.pid(), label);
        sleepMs(1_000);
    }

    @Override
    public String toString()
    {
        return "child pid=" + process.pid() + ": " + label;
    }

    /**
     * Kill with SIGKILL and reap.
     */
    public void kill9()
    {
        process.destroyForcibly();
        reap();
    }

    /**
     * @return what the child printed so far (stdout and stderr).
     */
    public String output()
    {
        try
        {
            return Files.readString(log, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "<no output: " + ex + ">";
        }
    }

    /**
     * Kill if still running, and reap.
     */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroyForcibly();
        }
        reap();
    }

    private void reap()
    {
        try
        {
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                throw new AssertionError("child not reaped within 30 s: pid=" + process.pid());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }
}

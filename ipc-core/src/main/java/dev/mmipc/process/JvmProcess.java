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
package dev.mmipc.process;

import dev.mmipc.Namespace;
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.region.JvmFlags;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.RegionOwner;
import dev.mmipc.region.RegionOwnerType;
import dev.mmipc.shared.SharedBytes;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.AtomicBuffer;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A child JVM, as Python's {@code multiprocessing.Process}: it runs a main class with arguments, or a
 * {@link ChildTask} object, with this JVM's classpath and the flag mmipc needs.
 * <pre>{@code
 * JvmProcess p = JvmProcess.ofTask(() -> System.out.println("hello from " + ProcessHandle.current().pid()))
 *     .name("greeter").daemon(true).jvmArgs("-Xmx64m")
 *     .start();
 * p.join(30, TimeUnit.SECONDS);
 * int code = p.exitCode().getAsInt();          // 0
 * }</pre>
 * <b>Launch.</b> Every child runs {@code bin/java} of this JVM's {@code java.home} (or of {@link Builder#javaHome(Path)})
 * with {@value JvmFlags#AGRONA_FLAG} (unless {@link Builder#agronaFlag(boolean) agronaFlag(false)}), the extra JVM
 * arguments (in the build's tests also the coverage agent of {@code -Dmmipc.test.childAgent}), {@code -Dmmipc.dir} set
 * to the namespace (so that {@link Namespace#open()} in the child meets the parent's shared objects by name), this JVM's
 * {@code java.class.path}, and {@link ChildMain} as the main class, which then runs the user's main class (public
 * or not, as {@code java} does) or task. A {@link Builder#launcher(String...) launcher} command, e.g.
 * {@code taskset -c 1} or {@code unshare --pid --fork}, goes before {@code java}: the child process is then that
 * command, which must run the JVM (with {@code exec}, the JVM keeps its pid) and pass signals on or die with it.
 * Standard output and error are inherited unless redirected; standard input is {@code /dev/null}.
 * <p>
 * <b>The namespace</b> is {@link Builder#namespace(Namespace)}'s; without one a task child gets
 * {@link Namespace#open()} (the task travels through it), while a main-class child only gets the default
 * namespace's path ({@code -Dmmipc.dir}, {@code $MMIPC_DIR} or {@code /dev/shm/mmipc-$USER}): this JVM neither
 * creates nor checks that directory, the child does when it opens it.
 * <p>
 * <b>Tasks</b> travel as bytes in a {@code BYTES} region of the namespace, named
 * {@code jvmprocess-PID-N-task} and marked internal to this process (owner {@link RegionOwnerType#PROCESS},
 * number N); the child reads and unlinks it (the parent unlinks it too once the child exits). If the child never
 * reads it: a daemon child's task region is removed by this JVM's shutdown hook when this JVM exits first
 * (exception, {@code System.exit}, SIGTERM), or by the child itself when it sees this JVM die ({@code kill -9});
 * a non-daemon child outlives this JVM by design and still reads its task later, so its region stays until it
 * does ({@code mmipc gc} run in that window, after this JVM died and before the child read its task, removes it).
 * Starting a daemon task child once this JVM's shutdown has begun is refused ({@link IllegalStateException}).
 * The child decodes it with {@link dev.mmipc.codec.SerializableCodec} under an allowlist of exactly
 * the classes the parent's serialization of the task wrote (collected in the parent from the object, passed
 * on the child's command line), plus any patterns given to {@link Builder#allow(String...)}.
 * <p>
 * <b>Exit codes</b> follow Python: the code the child exited with, or the <em>negative signal number</em>
 * when a signal ended it. The JVM reports a child killed by signal N as {@code 128 + N}, and a JVM that
 * receives SIGTERM, SIGINT or SIGHUP runs its shutdown hooks and itself exits with {@code 128 + N}; so
 * {@link #exitCode()} maps every status in 129..192 to {@code -(status - 128)}: {@link #terminate()} gives
 * {@code -15}, {@link #kill()} gives {@code -9}. A child that calls {@code System.exit(137)} is therefore
 * reported as {@code -9} too; use codes below 128 for your own meanings.
 * <p>
 * <b>Daemons</b> ({@link Builder#daemon(boolean)}) watch their parent: the child polls the parent's pid and
 * start time (passed on its command line) every {@value #PARENT_POLL_MS} ms and halts with
 * {@link #EXIT_PARENT_DIED} once the parent is gone, however it died ({@code kill -9} included). A parent
 * that exits normally also terminates its live daemon children from a shutdown hook, as Python does.
 * Non-daemon children outlive their parent.
 */
public final class JvmProcess
{
    /** Exit code of a child whose task threw. */
    public static final int EXIT_TASK_FAILED = 1;

    /** Exit code of a child that could not start its main class or task (class missing, task region gone, refused). */
    public static final int EXIT_LAUNCH_FAILED = 2;

    /** Exit code of a daemon child that saw its parent die. */
    public static final int EXIT_PARENT_DIED = 70;

    /** How often a daemon child checks that its parent lives, in milliseconds. */
    public static final long PARENT_POLL_MS = 100;

    static final String PARENT_PROPERTY = "mmipc.parent";
    static final String DAEMON_PROPERTY = "mmipc.daemon";
    static final String NAME_PROPERTY = "mmipc.process.name";

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Set<JvmProcess> CHILDREN = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private final String name;
    private final boolean daemon;
    private final Process process;
    private final ProcessIdentity identity;
    private final CompletableFuture<JvmProcess> onExit;

    private JvmProcess(final String name, final boolean daemon, final Process process)
    {
        this.name = name;
        this.daemon = daemon;
        this.process = process;
        this.identity = ProcessIdentity.of(process.toHandle());
        this.onExit = process.onExit().thenApply(p -> this);
    }

    /**
     * A child that runs {@code mainClass.main(args)}.
     *
     * @param mainClass a class with a {@code public static void main(String[])}, on this JVM's classpath.
     * @param args      its arguments.
     * @return a builder.
     */
    public static Builder ofMain(final Class<?> mainClass, final String... args)
    {
        return ofMain(mainClass.getName(), args);
    }

    /**
     * A child that runs the named main class.
     *
     * @param mainClassName fully qualified name of a class with a main method.
     * @param args          its arguments.
     * @return a builder.
     */
    public static Builder ofMain(final String mainClassName, final String... args)
    {
        final Builder builder = new Builder();
        builder.mainClass = Objects.requireNonNull(mainClassName, "mainClassName");
        builder.args.addAll(Arrays.asList(args));
        return builder;
    }

    /**
     * A child that runs a task object once.
     *
     * @param task the task; serialized now, when {@link Builder#start()} is called.
     * @return a builder.
     */
    public static Builder ofTask(final ChildTask task)
    {
        final Builder builder = new Builder();
        builder.task = Objects.requireNonNull(task, "task");
        return builder;
    }

    /**
     * A child that runs a {@link Runnable}, which must also be {@link Serializable}
     * (e.g. {@code (Runnable & Serializable) () -> ...}).
     *
     * @param task the task.
     * @return a builder.
     * @throws IllegalArgumentException when the runnable is not serializable.
     */
    public static Builder ofRunnable(final Runnable task)
    {
        if (!(task instanceof Serializable))
        {
            throw new IllegalArgumentException("task not serializable: class=" + task.getClass().getName());
        }
        return ofTask(new RunnableTask(task));
    }

    /**
     * @return the children this JVM started that are still running, oldest first (Python's
     * {@code active_children()}); exited children are dropped from the list.
     */
    public static List<JvmProcess> activeChildren()
    {
        final List<JvmProcess> live = new ArrayList<>();
        for (final JvmProcess child : CHILDREN)
        {
            if (child.isAlive())
            {
                live.add(child);
            }
            else
            {
                CHILDREN.remove(child);
            }
        }
        live.sort((a, b) -> Long.compare(a.identity.startTimeMs(), b.identity.startTimeMs()));
        return live;
    }

    /**
     * @return this process's identity.
     */
    public static ProcessIdentity currentIdentity()
    {
        return ProcessIdentity.current();
    }

    /**
     * The parent's identity: as passed by the parent that started this JVM through {@link JvmProcess}, else
     * as the OS reports the parent process.
     *
     * @return the parent's identity, empty when the OS knows none.
     */
    public static Optional<ProcessIdentity> parentIdentity()
    {
        final ProcessIdentity passed = parseIdentity(System.getProperty(PARENT_PROPERTY));
        if (passed != null)
        {
            return Optional.of(passed);
        }
        return ProcessHandle.current().parent().map(ProcessIdentity::of);
    }

    /**
     * @return true if this JVM was started as a daemon child by {@link JvmProcess}.
     */
    public static boolean isDaemonChild()
    {
        return Boolean.getBoolean(DAEMON_PROPERTY);
    }

    /**
     * @return this JVM's process name as its parent gave it, or {@code "main"} when started otherwise.
     */
    public static String currentName()
    {
        return System.getProperty(NAME_PROPERTY, "main");
    }

    /**
     * Map a JVM exit status to Python's convention.
     *
     * @param status as {@link Process#exitValue()} gives it.
     * @return the status, or {@code -N} for 128 + N with N in 1..64 (death by signal N).
     */
    public static int exitCodeOf(final int status)
    {
        if (status > 128 && status <= 128 + 64)
        {
            return -(status - 128);
        }
        return status;
    }

    /**
     * @return the child's pid.
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * @return the child's pid and start time.
     */
    public ProcessIdentity identity()
    {
        return identity;
    }

    /**
     * @return the name given, or {@code jvmprocess-N}.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return true if the child dies with this JVM.
     */
    public boolean isDaemon()
    {
        return daemon;
    }

    /**
     * @return true while the child runs.
     */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * Wait for the child to exit.
     *
     * @param timeout bound on the wait.
     * @param unit    its unit.
     * @return true if the child has exited.
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean join(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return process.waitFor(timeout, unit);
    }

    /**
     * @return the exit code once the child has exited ({@link #exitCodeOf(int) negative signal number} when a
     * signal ended it), empty while it runs.
     */
    public OptionalInt exitCode()
    {
        if (process.isAlive())
        {
            return OptionalInt.empty();
        }
        return OptionalInt.of(exitCodeOf(process.exitValue()));
    }

    /**
     * Ask the child to stop with SIGTERM: a JVM runs its shutdown hooks and exits with code {@code -15}.
     */
    public void terminate()
    {
        process.destroy();
    }

    /**
     * Stop the child with SIGKILL: exit code {@code -9}.
     */
    public void kill()
    {
        process.destroyForcibly();
    }

    /**
     * @return completes with this handle when the child has exited.
     */
    public CompletableFuture<JvmProcess> onExit()
    {
        return onExit;
    }

    /**
     * @return the underlying process, for its streams when they are piped.
     */
    public Process process()
    {
        return process;
    }

    @Override
    public String toString()
    {
        return "JvmProcess{name=" + name + ", pid=" + pid() + ", daemon=" + daemon + ", exit_code=" +
            (exitCode().isPresent() ? Integer.toString(exitCode().getAsInt()) : "none") + '}';
    }

    /**
     * @param seq the child's number in this JVM.
     * @return the name of the region its task travels in, {@code jvmprocess-PID-SEQ-task}: internal to this
     * process, owner {@link RegionOwnerType#PROCESS} number SEQ.
     */
    static String taskRegionName(final long seq)
    {
        return RegionOwnerType.PROCESS.prefix() + "-" + ProcessHandle.current().pid() + "-" + seq + "-task";
    }

    static ProcessIdentity parseIdentity(final String value)
    {
        if (value == null || value.isEmpty())
        {
            return null;
        }
        final int colon = value.indexOf(':');
        try
        {
            if (colon < 0)
            {
                return new ProcessIdentity(Long.parseLong(value), ProcessIdentity.UNKNOWN_START);
            }
            return new ProcessIdentity(
                Long.parseLong(value.substring(0, colon)), Long.parseLong(value.substring(colon + 1)));
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    static String formatIdentity(final ProcessIdentity identity)
    {
        return identity.pid() + ":" + identity.startTimeMs();
    }

    private static synchronized void installHook()
    {
        if (hookInstalled)
        {
            return;
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            for (final JvmProcess child : CHILDREN)
            {
                if (child.daemon && child.isAlive())
                {
                    child.terminate();
                }
            }
        }, "mmipc-daemon-children"));
    }

    /**
     * How to start a child: what it runs, and its JVM, environment, directory and streams.
     */
    public static final class Builder
    {
        private String mainClass;
        private final List<String> args = new ArrayList<>();
        private ChildTask task;
        private String name;
        private boolean daemon;
        private final List<String> jvmArgs = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Set<String> removedEnvironment = new LinkedHashSet<>();
        private final List<String> allow = new ArrayList<>();
        private Path directory;
        private final List<String> launcher = new ArrayList<>();
        private Path javaHome;
        private boolean agronaFlag = true;
        private ProcessBuilder.Redirect output = ProcessBuilder.Redirect.INHERIT;
        private ProcessBuilder.Redirect error = ProcessBuilder.Redirect.INHERIT;
        private ProcessBuilder.Redirect input = ProcessBuilder.Redirect.from(new File("/dev/null"));
        private Namespace namespace;

        private Builder()
        {
        }

        /**
         * @param name the process name, visible in the child as {@link JvmProcess#currentName()}.
         * @return this builder.
         */
        public Builder name(final String name)
        {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * @param daemon true for a child that exits when this JVM dies (default false).
         * @return this builder.
         */
        public Builder daemon(final boolean daemon)
        {
            this.daemon = daemon;
            return this;
        }

        /**
         * @param jvmArgs extra JVM arguments, e.g. {@code -Xmx64m}, placed before the main class.
         * @return this builder.
         */
        public Builder jvmArgs(final String... jvmArgs)
        {
            this.jvmArgs.addAll(Arrays.asList(jvmArgs));
            return this;
        }

        /**
         * A command put before {@code java}, e.g. {@code taskset -c 1} (the JVM pinned from its first
         * instruction), {@code unshare --pid --fork --kill-child} (a PID namespace of its own), {@code setpriv ...}
         * or {@code /bin/sh -c 'umask 000 && exec "$@"' sh}. The child process is that command: {@link #pid()},
         * {@link #terminate()} and {@link #kill()} act on it, so it must run the JVM with {@code exec} (the JVM
         * keeps its pid) or pass signals on and end with the JVM. Replaces an earlier launcher.
         *
         * @param prefix the command and its arguments.
         * @return this builder.
         * @throws IllegalArgumentException when the command is null or empty, or an element is null or empty.
         */
        public Builder launcher(final String... prefix)
        {
            if (prefix == null || prefix.length == 0)
            {
                throw new IllegalArgumentException("launcher: empty command: command=" + Arrays.toString(prefix));
            }
            for (int i = 0; i < prefix.length; i++)
            {
                if (prefix[i] == null || prefix[i].isEmpty())
                {
                    throw new IllegalArgumentException("launcher: null or empty element: index=" + i +
                        ", command=" + Arrays.toString(prefix));
                }
            }
            launcher.clear();
            launcher.addAll(Arrays.asList(prefix));
            return this;
        }

        /**
         * @param home the JDK (or JRE) whose {@code bin/java} runs the child (default: this JVM's
         *             {@code java.home}); it must run this JVM's classpath (same or later feature release).
         * @return this builder.
         * @throws IllegalArgumentException when {@code home} is null or has no executable {@code bin/java}.
         */
        public Builder javaHome(final Path home)
        {
            if (home == null)
            {
                throw new IllegalArgumentException("javaHome: home=null");
            }
            final Path java = home.resolve("bin").resolve("java");
            if (!java.toFile().isFile() || !java.toFile().canExecute())
            {
                throw new IllegalArgumentException("javaHome: no executable bin/java: home=" + home);
            }
            this.javaHome = home;
            return this;
        }

        /**
         * @param agronaFlag false to start the child without {@value JvmFlags#AGRONA_FLAG} (default true): only for a
         *                   child that checks what happens without it, mmipc's structures need the flag.
         * @return this builder.
         */
        public Builder agronaFlag(final boolean agronaFlag)
        {
            this.agronaFlag = agronaFlag;
            return this;
        }

        /**
         * @param key   environment variable set in the child.
         * @param value its value; null removes an inherited variable.
         * @return this builder.
         */
        public Builder env(final String key, final String value)
        {
            if (value == null)
            {
                environment.remove(key);
                removedEnvironment.add(key);
            }
            else
            {
                environment.put(key, value);
                removedEnvironment.remove(key);
            }
            return this;
        }

        /**
         * @param directory the child's working directory (default: this JVM's).
         * @return this builder.
         */
        public Builder directory(final Path directory)
        {
            this.directory = directory;
            return this;
        }

        /**
         * @param output where standard output goes (default: inherited).
         * @return this builder.
         */
        public Builder redirectOutput(final ProcessBuilder.Redirect output)
        {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /**
         * @param error where standard error goes (default: inherited).
         * @return this builder.
         */
        public Builder redirectError(final ProcessBuilder.Redirect error)
        {
            this.error = Objects.requireNonNull(error, "error");
            return this;
        }

        /**
         * @param input where standard input comes from (default: {@code /dev/null}).
         * @return this builder.
         */
        public Builder redirectInput(final ProcessBuilder.Redirect input)
        {
            this.input = Objects.requireNonNull(input, "input");
            return this;
        }

        /**
         * Standard output and error both to one file, appended.
         *
         * @param file the log file.
         * @return this builder.
         */
        public Builder logTo(final Path file)
        {
            this.output = ProcessBuilder.Redirect.appendTo(file.toFile());
            this.error = this.output;
            return this;
        }

        /**
         * @param namespace the namespace the child opens by default and the task travels through (default: for a
         *                  task child {@link Namespace#open()}, for a main-class child the default namespace's path,
         *                  neither made nor checked by this JVM).
         * @return this builder.
         */
        public Builder namespace(final Namespace namespace)
        {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            return this;
        }

        /**
         * Admit more classes when the child decodes the task, for classes that the task's own serialization
         * does not reveal (the exact classes it writes are always admitted).
         *
         * @param patterns allowlist patterns as {@link dev.mmipc.codec.SerializableCodec} takes them.
         * @return this builder.
         */
        public Builder allow(final String... patterns)
        {
            allow.addAll(Arrays.asList(patterns));
            return this;
        }

        /**
         * Start the child.
         *
         * @return the running child.
         * @throws IllegalArgumentException when the task is not serializable.
         * @throws IllegalStateException    when the JVM cannot be started.
         */
        public JvmProcess start()
        {
            // a main-class child needs only the path: no directory is made here for a child that may never open it
            final Namespace ns = namespace != null ? namespace : task != null ? Namespace.open() : null;
            final Path namespacePath = ns != null ? ns.path() : NamespaceDirectory.defaultPath(
                System.getProperty(NamespaceDirectory.DIR_PROPERTY), System.getenv());
            final long seq = SEQUENCE.incrementAndGet();
            final String processName = name != null ? name : "jvmprocess-" + seq;
            final List<String> command = new ArrayList<>(launcher);
            final Path home = javaHome != null ? javaHome : Path.of(System.getProperty("java.home"));
            command.add(home.resolve("bin").resolve("java").toString());
            if (agronaFlag)
            {
                command.addAll(Arrays.asList(JvmFlags.AGRONA_FLAG.split(" ")));
            }
            command.addAll(ChildAgent.withAgent(jvmArgs, System.getProperty(ChildAgent.PROPERTY)));
            command.add("-Dmmipc.dir=" + namespacePath);
            command.add("-D" + PARENT_PROPERTY + "=" + formatIdentity(ProcessIdentity.current()));
            command.add("-D" + DAEMON_PROPERTY + "=" + daemon);
            command.add("-D" + NAME_PROPERTY + "=" + processName);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(ChildMain.class.getName());

            String taskRegion = null;
            ShutdownCleanup.Registration atExit = null;
            if (task != null)
            {
                taskRegion = taskRegionName(seq);
                final Set<String> classes = new LinkedHashSet<>(ClassCollector.classesOf(task));
                classes.addAll(allow);
                if (daemon)
                {
                    // a daemon child dies with this JVM: if it has not read its task by then, nobody else will
                    final String region = taskRegion;
                    atExit = ShutdownCleanup.register(region, () -> ns.unlink(region));
                }
                try
                {
                    writeTask(Namespace.of(ns.directory().withOwner(new RegionOwner(RegionOwnerType.PROCESS, seq))),
                        taskRegion, task);
                }
                catch (final RuntimeException ex)
                {
                    cancel(atExit);
                    throw ex;
                }
                command.add(ChildMain.MODE_TASK);
                command.add(taskRegion);
                command.add(String.join(",", classes));
            }
            else
            {
                command.add(ChildMain.MODE_MAIN);
                command.add(mainClass);
                command.addAll(args);
            }

            final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(output)
                .redirectError(error)
                .redirectInput(input);
            if (directory != null)
            {
                builder.directory(directory.toFile());
            }
            builder.environment().keySet().removeAll(removedEnvironment);
            builder.environment().putAll(environment);
            builder.environment().remove("MMIPC_DIR");
            final Process process;
            try
            {
                process = builder.start();
            }
            catch (final IOException ex)
            {
                if (taskRegion != null)
                {
                    ns.unlink(taskRegion);
                }
                cancel(atExit);
                throw new IllegalStateException(
                    "jvm not started: name=" + processName + ", command=" + command.get(0) + ", error=" + ex, ex);
            }
            final JvmProcess child = new JvmProcess(processName, daemon, process);
            CHILDREN.add(child);
            final String region = taskRegion;
            final ShutdownCleanup.Registration registration = atExit;
            process.onExit().thenRun(() ->
            {
                CHILDREN.remove(child);
                if (region != null && ns != null && ns.exists(region))
                {
                    ns.unlink(region);
                }
                cancel(registration);
            });
            if (daemon)
            {
                installHook();
            }
            return child;
        }

        private static void cancel(final ShutdownCleanup.Registration registration)
        {
            if (registration != null)
            {
                registration.cancel();
            }
        }

        private static void writeTask(final Namespace ns, final String region, final ChildTask task)
        {
            final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(256);
            final int length = TaskCodecs.encodeObject(task, bytes, 0);
            try (SharedBytes shared = SharedBytes.create(ns, region, length + Integer.BYTES))
            {
                final AtomicBuffer buffer = shared.buffer();
                buffer.putBytes(Integer.BYTES, bytes, 0, length);
                buffer.putIntRelease(0, length); // release store: the child reads the length with acquire
            }
        }
    }

    /**
     * Adapts a serializable {@link Runnable} to a {@link ChildTask}.
     */
    private static final class RunnableTask implements ChildTask
    {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("serial") // the caller passes a serializable Runnable; the child decodes it
        private final Runnable runnable;

        RunnableTask(final Runnable runnable)
        {
            this.runnable = runnable;
        }

        @Override
        public void run()
        {
            runnable.run();
        }
    }
}

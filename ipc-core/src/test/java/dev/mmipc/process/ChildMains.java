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
import dev.mmipc.region.RegionOwner;
import dev.mmipc.region.RegionOwnerType;
import dev.mmipc.shared.SharedLong;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Main classes of the tests of the child entry point, the shutdown cleanup and the parent watch.
 */
final class ChildMains
{
    private ChildMains()
    {
    }

    /** A main method that is not static: {@link ChildMain} refuses it. */
    public static final class InstanceMain
    {
        public void main(final String[] args)
        {
            System.out.println("instance main ran");
        }
    }

    /** A class whose initialisation fails: {@link ChildMain} cannot load it. */
    public static final class BrokenInit
    {
        static final int VALUE = Integer.parseInt("not a number");

        public static void main(final String[] args)
        {
            System.out.println("broken init ran: " + VALUE);
        }
    }

    /** A main that throws. */
    public static final class Throwing
    {
        public static void main(final String[] args)
        {
            throw new IllegalStateException("main threw: " + String.join(",", args));
        }
    }

    /** A task the tests write by hand into a region, to be refused by an allowlist that does not name it. */
    static final class MarkerTask implements ChildTask
    {
        private static final long serialVersionUID = 1L;

        @Override
        public void run()
        {
            System.out.println("marker task ran");
        }
    }

    /**
     * Prints the environment variables named in args, its pid and "ready", then reads one line from standard input
     * and exits with the code it holds.
     */
    static final class EnvThenExit
    {
        public static void main(final String[] args) throws Exception
        {
            for (final String key : args)
            {
                System.out.println("env." + key + "=" + System.getenv(key));
            }
            System.out.println("pid=" + ProcessHandle.current().pid());
            System.out.println("ready");
            System.out.flush();
            final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            final String line = in.readLine();
            System.exit(line == null ? 99 : Integer.parseInt(line.trim()));
        }
    }

    /**
     * Prints "ready", a line at SIGTERM (its shutdown hook), and sleeps for up to a minute. With the argument "warm" it
     * first sweeps its namespace for a process that made nothing there, so that its parent watch finds the sweep's
     * classes loaded: on a loaded machine, loading them can take longer than the watch's bound on the cleanup.
     */
    static final class HookedSleeper
    {
        public static void main(final String[] args) throws InterruptedException
        {
            if (args.length > 0 && "warm".equals(args[0]))
            {
                final Namespace ns = Namespace.open();
                System.out.println("regions at start=" + ns.list());
                // the sweep's own path, for a process that made nothing here: it opens every region, removes none
                System.out.println("swept at start=" +
                    OrphanRegions.unlinkAll(ns.directory(), new ProcessIdentity(1, 1), RegionOwnerType.POOL));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
            {
                System.out.println("shutdown hook ran");
                System.out.flush();
            }));
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(60));
        }
    }

    /**
     * Registers cleanups (one that throws, one that tries to register another while the hook runs, one cancelled),
     * starts a daemon {@link HookedSleeper} logging to args[0], prints its pid, waits until it is ready, then exits 0:
     * the cleanup hook and the daemon-children hook run.
     */
    static final class ExitWithCleanups
    {
        public static void main(final String[] args) throws IOException, InterruptedException
        {
            ShutdownCleanup.register("thrower", () ->
            {
                throw new IllegalStateException("cleanup threw");
            });
            ShutdownCleanup.register("late", () ->
            {
                try
                {
                    ShutdownCleanup.register("too-late", () -> System.out.println("too-late ran"));
                    System.out.println("too-late registered");
                }
                catch (final IllegalStateException ex)
                {
                    System.out.println("refused: " + ex.getMessage());
                }
                System.out.println("late ran");
            });
            final ShutdownCleanup.Registration cancelled =
                ShutdownCleanup.register("cancelled", () -> System.out.println("cancelled ran"));
            cancelled.cancel();
            cancelled.cancel();
            final JvmProcess child = JvmProcess.ofMain(HookedSleeper.class)
                .daemon(true)
                .logTo(Path.of(args[0]))
                .start();
            System.out.println("grandchild=" + child.pid());
            System.out.flush();
            // the grandchild's hook must be installed before the SIGTERM of this JVM's exit reaches it
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(Path.of(args[0])) || !Files.readString(Path.of(args[0])).contains("ready"))
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("grandchild not ready");
                }
                Thread.sleep(10);
            }
            System.exit(0);
        }
    }

    /** Registers its first cleanup from a shutdown hook of its own, once the JVM's shutdown has begun. */
    static final class RegisterDuringShutdown
    {
        public static void main(final String[] args)
        {
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
            {
                try
                {
                    ShutdownCleanup.register("from-hook", () -> System.out.println("from-hook ran"));
                    System.out.println("registered during shutdown");
                }
                catch (final IllegalStateException ex)
                {
                    System.out.println("refused: " + ex.getMessage() + ", cause=" + ex.getCause());
                }
                System.out.flush();
            }));
            System.out.println("exiting");
        }
    }

    /**
     * Makes a region internal to a pool of this process and one internal to a process child, starts three daemon
     * {@link HookedSleeper}s (logs args[0..2]): one in the namespace, one whose namespace directory (args[3]) is
     * writable by everyone, one whose namespace directory (args[4]) does not exist; prints their pids, then sleeps.
     */
    static final class WatchedParent
    {
        public static void main(final String[] args) throws InterruptedException
        {
            final Namespace ns = Namespace.open();
            final long pid = ProcessHandle.current().pid();
            final Namespace poolNs = Namespace.of(ns.directory().withOwner(new RegionOwner(RegionOwnerType.POOL, 7)));
            final Namespace processNs =
                Namespace.of(ns.directory().withOwner(new RegionOwner(RegionOwnerType.PROCESS, 7)));
            final String poolRegion = new RegionOwner(RegionOwnerType.POOL, 7).name(pid) + "-slots";
            final String processRegion = JvmProcess.taskRegionName(7);
            SharedLong.create(poolNs, poolRegion).close();
            SharedLong.create(processNs, processRegion).close();
            final JvmProcess good = JvmProcess.ofMain(HookedSleeper.class, "warm").daemon(true).namespace(ns)
                .logTo(Path.of(args[0])).start();
            final JvmProcess bad = startIn(args[3], args[1]);
            final JvmProcess missing = startIn(args[4], args[2]);
            System.out.println("regions=" + poolRegion + "," + processRegion);
            System.out.println("grandchildren=" + good.pid() + "," + bad.pid() + "," + missing.pid());
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(60));
        }

        private static JvmProcess startIn(final String dir, final String log)
        {
            System.setProperty("mmipc.dir", dir);
            return JvmProcess.ofMain(HookedSleeper.class).daemon(true).logTo(Path.of(log)).start();
        }
    }
}

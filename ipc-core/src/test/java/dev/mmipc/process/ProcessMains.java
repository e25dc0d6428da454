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

import java.util.concurrent.TimeUnit;

/**
 * Main classes the process tests start in child JVMs.
 */
final class ProcessMains
{
    private ProcessMains()
    {
    }

    /** Prints what it sees, then exits with the code in args[0]. */
    static final class Echo
    {
        public static void main(final String[] args)
        {
            System.out.println("args=" + String.join(",", args));
            System.out.println("env=" + System.getenv("MMIPC_TEST_VAR"));
            System.out.println("dir=" + System.getProperty("user.dir"));
            System.out.println("prop=" + System.getProperty("mmipc.test.prop"));
            System.out.println("name=" + JvmProcess.currentName());
            System.out.println("daemon=" + JvmProcess.isDaemonChild());
            System.out.println("parent=" + JvmProcess.parentIdentity().map(ProcessIdentity::pid).orElse(-1L));
            System.out.flush();
            System.exit(Integer.parseInt(args[0]));
        }
    }

    /**
     * Prints how it was launched: its pid, the CPUs it may run on, its java.home, its mmipc.dir and whether
     * jdk.internal.misc is exported to it (the Agrona flag), then exits 0.
     */
    static final class Probe
    {
        public static void main(final String[] args) throws java.io.IOException
        {
            String cpus = "unknown";
            for (final String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")))
            {
                if (line.startsWith("Cpus_allowed_list:"))
                {
                    cpus = line.substring("Cpus_allowed_list:".length()).trim();
                }
            }
            System.out.println("pid=" + ProcessHandle.current().pid());
            System.out.println("cpus=" + cpus);
            System.out.println("home=" + System.getProperty("java.home"));
            System.out.println("nsdir=" + System.getProperty("mmipc.dir"));
            System.out.println("flag=" + Object.class.getModule().isExported("jdk.internal.misc", Probe.class.getModule()));
            System.out.println("launcher=" + System.getenv("MMIPC_TEST_LAUNCHER"));
            System.out.flush();
        }
    }

    /** Prints its JVM arguments, one a line after "jvmarg=", and the child-agent property, then exits 0. */
    static final class JvmArgs
    {
        public static void main(final String[] args)
        {
            for (final String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
            {
                System.out.println("jvmarg=" + arg);
            }
            System.out.println("agentprop=" + System.getProperty(ChildAgent.PROPERTY));
            System.out.flush();
        }
    }

    /** Prints "ready" and sleeps for up to a minute. */
    static final class Sleeper
    {
        public static void main(final String[] args) throws InterruptedException
        {
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(60));
        }
    }

    /** Starts a daemon (args[0] = "true") or non-daemon Sleeper grandchild, prints its pid, then sleeps. */
    static final class Parent
    {
        public static void main(final String[] args) throws InterruptedException
        {
            final JvmProcess child = JvmProcess.ofMain(Sleeper.class)
                .daemon(Boolean.parseBoolean(args[0]))
                .namespace(Namespace.open())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            System.out.println("grandchild=" + child.pid());
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(60));
        }
    }
}

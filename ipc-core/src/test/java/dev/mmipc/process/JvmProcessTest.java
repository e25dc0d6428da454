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
import dev.mmipc.shared.SharedLong;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.ChildrenReaped;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class JvmProcessTest
{
    private static final long TIMEOUT_S = 60;

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @RegisterExtension
    final ChildrenReaped reaper = new ChildrenReaped();

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }

    @Test
    void shouldRunMainClassWithArgumentsEnvironmentDirectoryAndJvmArgs() throws Exception
    {
        final Path log = ns.scratch().resolve("echo.log");
        final Path dir = ns.scratch();
        final JvmProcess p = JvmProcess.ofMain(ProcessMains.Echo.class, "7", "a b", "c")
            .name("echo-1")
            .jvmArgs("-Xmx64m", "-Dmmipc.test.prop=hello")
            .env("MMIPC_TEST_VAR", "v1")
            .directory(dir)
            .logTo(log)
            .namespace(namespace())
            .start();
        assertTrue(p.join(TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals(7, p.exitCode().getAsInt());
        assertFalse(p.isAlive());
        assertEquals("echo-1", p.name());
        final String out = Files.readString(log);
        assertTrue(out.contains("args=7,a b,c"), out);
        assertTrue(out.contains("env=v1"), out);
        assertTrue(out.contains("dir=" + dir), out);
        assertTrue(out.contains("prop=hello"), out);
        assertTrue(out.contains("name=echo-1"), out);
        assertTrue(out.contains("daemon=false"), out);
        assertTrue(out.contains("parent=" + ProcessHandle.current().pid()), out);
    }

    @Test
    void shouldRunTaskThatMeetsSharedObjectsByName() throws Exception
    {
        final Namespace namespace = namespace();
        try (SharedLong result = SharedLong.create(namespace, "result");
            SharedLong parentPid = SharedLong.create(namespace, "parent-pid"))
        {
            final long base = 40;
            final JvmProcess p = JvmProcess.ofTask(() ->
                {
                    final Namespace childNs = Namespace.open();
                    try (SharedLong r = SharedLong.open(childNs, "result");
                        SharedLong pp = SharedLong.open(childNs, "parent-pid"))
                    {
                        r.set(base + 2);
                        pp.set(JvmProcess.parentIdentity().orElseThrow().pid());
                    }
                })
                .namespace(namespace)
                .start();
            assertTrue(p.join(TIMEOUT_S, TimeUnit.SECONDS));
            assertEquals(0, p.exitCode().getAsInt());
            assertEquals(42, result.get());
            assertEquals(ProcessHandle.current().pid(), parentPid.get());
        }
        assertEquals(java.util.List.of("parent-pid", "result"), namespace.list(), "task region unlinked");
    }

    @Test
    void shouldExitWithTaskFailedWhenTaskThrowsAndLaunchFailedWhenClassMissing() throws Exception
    {
        final JvmProcess failing = JvmProcess.ofTask(() ->
            {
                throw new IllegalStateException("boom");
            })
            .namespace(namespace()).logTo(ns.scratch().resolve("failing.log")).start();
        final JvmProcess missing = JvmProcess.ofMain("no.such.Main")
            .namespace(namespace()).logTo(ns.scratch().resolve("missing.log")).start();
        assertTrue(failing.join(TIMEOUT_S, TimeUnit.SECONDS));
        assertTrue(missing.join(TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals(JvmProcess.EXIT_TASK_FAILED, failing.exitCode().getAsInt());
        assertEquals(JvmProcess.EXIT_LAUNCH_FAILED, missing.exitCode().getAsInt());
        assertTrue(Files.readString(ns.scratch().resolve("failing.log")).contains("boom"));
        assertTrue(Files.readString(ns.scratch().resolve("missing.log"))
            .contains("mmipc child: main class not runnable: class=no.such.Main"));
    }

    @Test
    void shouldRefuseNonSerializableRunnable()
    {
        final Runnable plain = () -> { };
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> JvmProcess.ofRunnable(plain));
        assertTrue(ex.getMessage().startsWith("task not serializable: class="), ex.getMessage());
    }

    @Test
    void shouldGiveNegativeSignalNumbersForTerminateAndKillAndListActiveChildren() throws Exception
    {
        final Path termLog = ns.scratch().resolve("term.log");
        final Path killLog = ns.scratch().resolve("kill.log");
        final JvmProcess term = JvmProcess.ofMain(ProcessMains.Sleeper.class).namespace(namespace()).logTo(termLog).start();
        final JvmProcess kill = JvmProcess.ofMain(ProcessMains.Sleeper.class).namespace(namespace()).logTo(killLog).start();
        assertTrue(JvmProcess.activeChildren().contains(term));
        assertTrue(JvmProcess.activeChildren().contains(kill));
        assertTrue(term.exitCode().isEmpty());
        awaitContains(termLog, "ready");
        awaitContains(killLog, "ready");

        term.terminate();
        kill.kill();
        assertTrue(term.join(TIMEOUT_S, TimeUnit.SECONDS));
        assertTrue(kill.join(TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals(-15, term.exitCode().getAsInt());
        assertEquals(-9, kill.exitCode().getAsInt());
        assertFalse(JvmProcess.activeChildren().contains(term));
        assertFalse(JvmProcess.activeChildren().contains(kill));
    }

    @Test
    void shouldEndDaemonChildWhenParentIsKilledWithSigkill()
    {
        final ChildJvm parent = ns.startChild(ProcessMains.Parent.class, "true");
        parent.awaitOutput("grandchild=", Duration.ofSeconds(TIMEOUT_S));
        final long grandchild = pidAfter(parent.output(), "grandchild=");
        final ProcessHandle handle = ProcessHandle.of(grandchild).orElseThrow();
        assertTrue(handle.isAlive());

        parent.kill9();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handle.isAlive() && System.nanoTime() < deadline)
        {
            handle.onExit().completeOnTimeout(handle, 100, TimeUnit.MILLISECONDS).join();
        }
        final boolean survived = handle.isAlive();
        if (survived)
        {
            handle.destroyForcibly();
        }
        assertFalse(survived, "daemon grandchild outlived its killed parent: pid=" + grandchild);
    }

    @Test
    void shouldRunJvmUnderLauncherThatExecsItKeepingItsPid() throws Exception
    {
        final Path log = ns.scratch().resolve("launcher.log");
        final JvmProcess p = JvmProcess.ofMain(ProcessMains.Probe.class)
            .launcher("env", "MMIPC_TEST_LAUNCHER=env-ran")
            .namespace(namespace()).logTo(log).start();
        assertTrue(p.join(TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals(0, p.exitCode().getAsInt());
        final String out = Files.readString(log);
        assertTrue(out.contains("launcher=env-ran"), out);
        assertTrue(out.contains("pid=" + p.pid() + "\n"), "env execs the jvm: same pid\n" + out);
        assertTrue(out.contains("flag=true"), out);
    }

    @Test
    void shouldPinJvmFromItsFirstInstructionWithTasksetLauncher() throws Exception
    {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset")),
            "taskset not installed");
        final String last = Integer.toString(Runtime.getRuntime().availableProcessors() - 1);
        final Path log = ns.scratch().resolve("taskset.log");
        final JvmProcess p = JvmProcess.ofMain(ProcessMains.Probe.class)
            .launcher("taskset", "-c", last)
            .namespace(namespace()).logTo(log).start();
        assertTrue(p.join(TIMEOUT_S, TimeUnit.SECONDS));
        final String out = Files.readString(log);
        assertEquals(0, p.exitCode().getAsInt(), out);
        assertTrue(out.contains("cpus=" + last + "\n"), out);
        assertTrue(out.contains("pid=" + p.pid() + "\n"), out);
    }

    @Test
    void shouldRunJavaOfJavaHomeAndLeaveOutAgronaFlagWhenAsked() throws Exception
    {
        // another JDK when one is installed, else this one: either way the child reports the home it runs
        final Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        final Path home = Files.isExecutable(jdk25.resolve("bin/java")) ? jdk25 : Path.of(System.getProperty("java.home"));
        final Path log = ns.scratch().resolve("home.log");
        final JvmProcess p = JvmProcess.ofMain(ProcessMains.Probe.class)
            .javaHome(home).agronaFlag(false)
            .namespace(namespace()).logTo(log).start();
        assertTrue(p.join(TIMEOUT_S, TimeUnit.SECONDS));
        final String out = Files.readString(log);
        assertEquals(0, p.exitCode().getAsInt(), out);
        assertTrue(out.contains("home=" + home.toRealPath() + "\n") || out.contains("home=" + home + "\n"), out);
        assertTrue(out.contains("flag=false"), out);
    }

    @Test
    void shouldGiveMainChildTheDefaultNamespacePathWithoutMakingIt() throws Exception
    {
        final Path unmade = ns.scratch().resolve("never-made");
        final String before = System.getProperty("mmipc.dir");
        final JvmProcess p;
        System.setProperty("mmipc.dir", unmade.toString());
        try
        {
            p = JvmProcess.ofMain(ProcessMains.Probe.class).logTo(ns.scratch().resolve("nsdir.log")).start();
        }
        finally
        {
            if (before == null)
            {
                System.clearProperty("mmipc.dir");
            }
            else
            {
                System.setProperty("mmipc.dir", before);
            }
        }
        assertTrue(p.join(TIMEOUT_S, TimeUnit.SECONDS));
        final String out = Files.readString(ns.scratch().resolve("nsdir.log"));
        assertEquals(0, p.exitCode().getAsInt(), out);
        assertTrue(out.contains("nsdir=" + unmade + "\n"), out);
        assertFalse(Files.exists(unmade), "the parent made the default namespace directory");
    }

    @Test
    void shouldRefuseBadLauncherAndJavaHomeNamingTheOption()
    {
        final JvmProcess.Builder builder = JvmProcess.ofMain(ProcessMains.Probe.class);
        assertEquals("launcher: empty command: command=[]",
            assertThrows(IllegalArgumentException.class, builder::launcher).getMessage());
        assertEquals("launcher: empty command: command=null",
            assertThrows(IllegalArgumentException.class, () -> builder.launcher((String[])null)).getMessage());
        assertEquals("launcher: null or empty element: index=1, command=[taskset, null, 1]",
            assertThrows(IllegalArgumentException.class, () -> builder.launcher("taskset", null, "1")).getMessage());
        assertEquals("launcher: null or empty element: index=2, command=[taskset, -c, ]",
            assertThrows(IllegalArgumentException.class, () -> builder.launcher("taskset", "-c", "")).getMessage());
        assertEquals("javaHome: home=null",
            assertThrows(IllegalArgumentException.class, () -> builder.javaHome(null)).getMessage());
        final Path noJdk = ns.scratch();
        assertEquals("javaHome: no executable bin/java: home=" + noJdk,
            assertThrows(IllegalArgumentException.class, () -> builder.javaHome(noJdk)).getMessage());
    }

    @Test
    void shouldFailStartNamingLauncherThatCannotRun()
    {
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () ->
            JvmProcess.ofMain(ProcessMains.Probe.class).name("nolauncher").launcher("/nonexistent/launcher", "x")
                .namespace(namespace()).start());
        assertTrue(ex.getMessage().startsWith("jvm not started: name=nolauncher, command=/nonexistent/launcher, error="),
            ex.getMessage());
    }

    @Test
    void shouldMapExitStatuses()
    {
        assertEquals(0, JvmProcess.exitCodeOf(0));
        assertEquals(1, JvmProcess.exitCodeOf(1));
        assertEquals(128, JvmProcess.exitCodeOf(128));
        assertEquals(-9, JvmProcess.exitCodeOf(137));
        assertEquals(-15, JvmProcess.exitCodeOf(143));
        assertEquals(-64, JvmProcess.exitCodeOf(192));
        assertEquals(193, JvmProcess.exitCodeOf(193));
        assertEquals(Optional.empty(), Optional.ofNullable(JvmProcess.parseIdentity("x")));
        assertEquals(new ProcessIdentity(12, 34), JvmProcess.parseIdentity("12:34"));
    }

    static long pidAfter(final String output, final String marker)
    {
        final int at = output.indexOf(marker) + marker.length();
        int end = at;
        while (end < output.length() && Character.isDigit(output.charAt(end)))
        {
            end++;
        }
        return Long.parseLong(output.substring(at, end));
    }

    static void awaitContains(final Path file, final String text) throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!Files.exists(file) || !Files.readString(file).contains(text))
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("no '" + text + "' in " + file);
            }
            Thread.sleep(10);
        }
    }
}

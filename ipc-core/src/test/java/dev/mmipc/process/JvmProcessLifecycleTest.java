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
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.RegionOwner;
import dev.mmipc.region.RegionOwnerType;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.test.ChildrenReaped;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A child's lifecycle seen from its handle (join bounds, exit code, kill and terminate after the exit, standard
 * input, environment), start failures that must leave nothing behind, the classes a task's allowlist names, and the
 * sweep of a dead process's regions.
 */
class JvmProcessLifecycleTest
{
    private static final long TIMEOUT_S = 60;

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @RegisterExtension
    final ChildrenReaped reaper = new ChildrenReaped();

    @Test
    void shouldReportARunningThenExitedChildAndIgnoreKillAndTerminateOnceItExited() throws Exception
    {
        final Path log = ns.scratch().resolve("env.log");
        final String inherited = System.getenv().containsKey("HOME") ? "HOME" : System.getenv().keySet().iterator().next();
        final JvmProcess p = JvmProcess.ofMain(ChildMains.EnvThenExit.class, "MMIPC_SET", inherited, "MMIPC_BACK")
            .env("MMIPC_SET", "v")
            .env(inherited, null)
            .env("MMIPC_BACK", null).env("MMIPC_BACK", "back")
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .daemon(true)
            .namespace(Namespace.of(ns.directory()))
            .start();
        JvmProcessTest.awaitContains(log, "ready");

        assertTrue(p.isAlive());
        assertTrue(p.isDaemon());
        assertTrue(p.exitCode().isEmpty());
        assertFalse(p.join(20, TimeUnit.MILLISECONDS), "join returns false while the child runs");
        assertFalse(p.onExit().isDone());
        assertEquals(p.pid(), p.identity().pid());
        assertEquals(ProcessHandle.of(p.pid()).orElseThrow().info().startInstant().orElseThrow().toEpochMilli(),
            p.identity().startTimeMs(), 1_000.0);
        assertTrue(p.name().startsWith("jvmprocess-"), p.name());
        assertEquals("JvmProcess{name=" + p.name() + ", pid=" + p.pid() + ", daemon=true, exit_code=none}", p.toString());
        assertTrue(JvmProcess.activeChildren().contains(p));

        try (OutputStream in = p.process().getOutputStream())
        {
            in.write("5\n".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.join(TIMEOUT_S, TimeUnit.SECONDS));
        assertSame(p, p.onExit().get(TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals(5, p.exitCode().getAsInt());
        p.kill();
        p.terminate();
        assertTrue(p.join(0, TimeUnit.SECONDS));
        assertEquals(5, p.exitCode().getAsInt(), "a kill after the exit changes nothing");
        assertEquals("JvmProcess{name=" + p.name() + ", pid=" + p.pid() + ", daemon=true, exit_code=5}", p.toString());
        assertFalse(JvmProcess.activeChildren().contains(p));

        final String out = Files.readString(log);
        assertTrue(out.contains("env.MMIPC_SET=v\n"), out);
        assertTrue(out.contains("env." + inherited + "=null\n"), "an inherited variable removed:\n" + out);
        assertTrue(out.contains("env.MMIPC_BACK=back\n"), "set again after a removal:\n" + out);
        assertTrue(out.contains("pid=" + p.pid() + "\n"), out);
    }

    @Test
    void shouldRefuseTaskThatIsNotSerializableAndRemoveTaskRegionWhenJvmCannotStart()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        final Object notSerializable = new Object();
        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> JvmProcess.ofTask(() -> System.out.println(notSerializable)).namespace(namespace).start());
        assertTrue(refused.getMessage().startsWith("task not serializable: class="), refused.getMessage());
        assertTrue(refused.getMessage().contains("java.io.NotSerializableException: java.lang.Object"),
            refused.getMessage());

        for (final boolean daemon : new boolean[]{false, true})
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class, () ->
                JvmProcess.ofRunnable((Runnable & Serializable)() -> System.out.println("never"))
                    .name("unstartable").daemon(daemon).launcher("/nonexistent/launcher")
                    .namespace(namespace).start());
            assertTrue(ex.getMessage().startsWith("jvm not started: name=unstartable, command=/nonexistent/launcher"),
                ex.getMessage());
            assertEquals(List.of(), namespace.list(), "the task region is removed when the JVM does not start");
        }
        assertThrows(IllegalArgumentException.class, () -> JvmProcess.ofRunnable(() -> { }));
        assertThrows(NullPointerException.class, () -> JvmProcess.ofTask(null));
        assertThrows(NullPointerException.class, () -> JvmProcess.ofMain((String)null));
    }

    @Test
    void shouldParseAndFormatIdentitiesAndKnowItsOwnName()
    {
        assertNull(JvmProcess.parseIdentity(null));
        assertNull(JvmProcess.parseIdentity(""));
        assertNull(JvmProcess.parseIdentity("12:x"));
        assertEquals(new ProcessIdentity(12, ProcessIdentity.UNKNOWN_START), JvmProcess.parseIdentity("12"));
        final ProcessIdentity me = JvmProcess.currentIdentity();
        assertEquals(me, JvmProcess.parseIdentity(JvmProcess.formatIdentity(me)));
        assertEquals(ProcessHandle.current().pid(), me.pid());
        assertEquals("main", JvmProcess.currentName(), "the test JVM was not started by JvmProcess");
        assertFalse(JvmProcess.isDaemonChild());
        assertEquals("jvmprocess-" + ProcessHandle.current().pid() + "-3-task", JvmProcess.taskRegionName(3));
    }

    @Test
    void shouldCollectTheClassesASerializedTaskHolds()
    {
        final int[][] ints = {{1}};
        final String[][] strings = {{"a"}};
        final Set<String> arrays = TaskCodecs.classesOf(new ArrayList<>(List.of(ints, strings)));
        assertEquals(Set.of("java.util.ArrayList", "java.lang.String"), arrays, "primitives omitted, arrays as elements");

        final ChildTask lambda = () -> System.out.println(strings.length);
        assertTrue(TaskCodecs.classesOf(lambda).contains(JvmProcessLifecycleTest.class.getName() + "$$Lambda*"),
            TaskCodecs.classesOf(lambda).toString());

        final Object proxy = Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[]{Runnable.class, Serializable.class}, new EchoHandler());
        final Set<String> proxied = TaskCodecs.classesOf((Serializable)proxy);
        assertTrue(proxied.containsAll(Set.of("java.lang.Runnable", "java.io.Serializable",
            "java.lang.reflect.Proxy", EchoHandler.class.getName())), proxied.toString());

        assertEquals(List.of(), TaskCodecs.splitAllow(null));
        assertEquals(List.of(), TaskCodecs.splitAllow(""));
        assertEquals(List.of("a.B", "c.*"), TaskCodecs.splitAllow("a.B,c.*"));
    }

    /** A serializable invocation handler, so that a proxy over it is serializable. */
    static final class EchoHandler implements InvocationHandler, Serializable
    {
        private static final long serialVersionUID = 1L;

        @Override
        public Object invoke(final Object proxy, final Method method, final Object[] args)
        {
            return null;
        }
    }

    @Test
    void shouldSweepOnlyTheRegionsOfTheDeadOwnerOfTheGivenType() throws Exception
    {
        final NamespaceDirectory dir = ns.directory();
        final ProcessIdentity me = ProcessIdentity.current();
        final Namespace pools = Namespace.of(dir.withOwner(new RegionOwner(RegionOwnerType.POOL, 1)));
        final Namespace processes = Namespace.of(dir.withOwner(new RegionOwner(RegionOwnerType.PROCESS, 1)));
        SharedLong.create(pools, "pool-a").close();
        SharedLong.create(pools, "pool-b").close();
        SharedLong.create(processes, "task-a").close();
        SharedLong.create(Namespace.of(dir), "user").close();
        Files.write(dir.resolve("junk"), new byte[]{1, 2, 3});

        assertEquals(List.of(), OrphanRegions.unlinkAll(dir, new ProcessIdentity(me.pid(), me.startTimeMs() + 1),
            RegionOwnerType.POOL), "another start time: another process");
        assertEquals(List.of(), OrphanRegions.unlinkAll(dir, new ProcessIdentity(me.pid() + 1, me.startTimeMs()),
            RegionOwnerType.POOL), "another pid");
        assertFalse(OrphanRegions.unlinkIfOwned(dir, "user", me, RegionOwnerType.POOL), "no owner");
        assertFalse(OrphanRegions.unlinkIfOwned(dir, "gone", me, RegionOwnerType.POOL), "no such region");
        assertFalse(OrphanRegions.unlinkIfOwned(dir, "junk", me, RegionOwnerType.POOL), "not a region");
        assertEquals(List.of("junk", "pool-a", "pool-b", "task-a", "user"), dir.list());

        assertEquals(List.of("pool-a", "pool-b"), OrphanRegions.unlinkAll(dir, me, RegionOwnerType.POOL));
        assertEquals(List.of("junk", "task-a", "user"), dir.list());
        assertTrue(OrphanRegions.unlinkIfOwned(dir, "task-a", me, RegionOwnerType.PROCESS));
        assertEquals(List.of("junk", "user"), dir.list());
    }

    @Test
    void shouldRemoveTheParentsPoolRegionsAndOwnTaskRegionOnlyFromAUsableNamespaceDirectory() throws Exception
    {
        final NamespaceDirectory dir = ns.directory();
        final ProcessIdentity me = ProcessIdentity.current();
        SharedLong.create(Namespace.of(dir.withOwner(new RegionOwner(RegionOwnerType.POOL, 2))), "pool-x").close();
        SharedLong.create(Namespace.of(dir.withOwner(new RegionOwner(RegionOwnerType.PROCESS, 2))), "own-task").close();
        SharedLong.create(Namespace.of(dir.withOwner(new RegionOwner(RegionOwnerType.PROCESS, 3))), "other-task").close();
        final Path open = ns.scratch().resolve("open-to-all");
        Files.createDirectory(open);
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        final Path missing = ns.scratch().resolve("never-made");

        final String before = System.getProperty(NamespaceDirectory.DIR_PROPERTY);
        final java.io.PrintStream err = System.err;
        final java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        try
        {
            System.setProperty(NamespaceDirectory.DIR_PROPERTY, missing.toString());
            assertEquals(List.of(), ParentWatch.removeParentsRegions(me, "own-task"));
            assertFalse(Files.exists(missing), "nothing to sweep, and nothing made");

            System.setProperty(NamespaceDirectory.DIR_PROPERTY, open.toString());
            System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
            assertEquals(List.of(), ParentWatch.removeParentsRegions(me, "own-task"));
            System.setErr(err);
            assertTrue(captured.toString(StandardCharsets.UTF_8).startsWith(
                "mmipc child: parent's regions not removed: parent_pid=" + me.pid() + ", error="), captured.toString());

            System.setProperty(NamespaceDirectory.DIR_PROPERTY, dir.path().toString());
            assertEquals(List.of("pool-x"), ParentWatch.removeParentsRegions(me, null));
            assertEquals(List.of(), ParentWatch.removeParentsRegions(me, "pool-gone"));
            assertEquals(List.of("own-task"), ParentWatch.removeParentsRegions(me, "own-task"));
            assertEquals(List.of("other-task"), dir.list(), "another child's task region is left to it");
        }
        finally
        {
            System.setErr(err);
            if (before == null)
            {
                System.clearProperty(NamespaceDirectory.DIR_PROPERTY);
            }
            else
            {
                System.setProperty(NamespaceDirectory.DIR_PROPERTY, before);
            }
        }
    }
}

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
import dev.mmipc.shared.SharedBytes;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The child entry point's refusals and failures, the shutdown cleanup at a child's exit, and the parent watch's
 * removal of a dead parent's regions: real child JVMs, started together so that the test waits for the slowest
 * only.
 */
class ChildMainTest
{
    private static final long TIMEOUT_S = 60;

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private final List<Long> grandchildren = new ArrayList<>();

    @AfterEach
    void reap() throws InterruptedException
    {
        for (final JvmProcess child : JvmProcess.activeChildren())
        {
            child.kill();
            assertTrue(child.join(30, TimeUnit.SECONDS));
        }
        for (final long pid : grandchildren)
        {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }

    @Test
    void shouldExitLaunchFailedOrTaskFailedNamingWhatCouldNotRun() throws Exception
    {
        final Namespace namespace = namespace();
        writeTask(namespace, "refused-task", new ChildMains.MarkerTask());
        writeTask(namespace, "string-task", "not a task");
        final Map<String, JvmProcess> children = new LinkedHashMap<>();
        // ChildMain run as the user's main class: it sees the arguments after the class name, none or two
        children.put("no-args", child(JvmProcess.ofMain(ChildMain.class).daemon(true), "no-args"));
        children.put("two-args", child(JvmProcess.ofMain(ChildMain.class, "task", "only-two"), "two-args"));
        children.put("instance", child(JvmProcess.ofMain(ChildMains.InstanceMain.class), "instance"));
        children.put("broken", child(JvmProcess.ofMain(ChildMains.BrokenInit.class), "broken"));
        children.put("throwing", child(JvmProcess.ofMain(ChildMains.Throwing.class, "x", "y"), "throwing"));
        children.put("missing", child(JvmProcess.ofMain(ChildMain.class, "task", "no-such-task", ""), "missing"));
        children.put("refused",
            child(JvmProcess.ofMain(ChildMain.class, "task", "refused-task", "java.lang.Number"), "refused"));
        children.put("string", child(JvmProcess.ofMain(ChildMain.class, "task", "string-task", ""), "string"));
        children.put("runnable", child(JvmProcess.ofRunnable((Runnable & Serializable)() ->
            System.out.println("runnable ran in " + JvmProcess.currentName())).name("runner").daemon(true), "runnable"));
        for (final JvmProcess p : children.values())
        {
            assertTrue(p.join(TIMEOUT_S, TimeUnit.SECONDS), p.toString());
        }

        assertExit(children, "no-args", JvmProcess.EXIT_LAUNCH_FAILED, "mmipc child: bad arguments: args=[]\n");
        assertExit(children, "two-args", JvmProcess.EXIT_LAUNCH_FAILED,
            "mmipc child: bad arguments: args=[task, only-two]\n");
        assertExit(children, "instance", JvmProcess.EXIT_LAUNCH_FAILED, "mmipc child: main class not runnable: class=" +
            ChildMains.InstanceMain.class.getName() + ", error=java.lang.NoSuchMethodException: main not static: class=" +
            ChildMains.InstanceMain.class.getName() + "\n");
        assertExit(children, "broken", JvmProcess.EXIT_LAUNCH_FAILED, "mmipc child: main class not runnable: class=" +
            ChildMains.BrokenInit.class.getName() + ", error=java.lang.ExceptionInInitializerError");
        assertExit(children, "throwing", JvmProcess.EXIT_TASK_FAILED,
            "java.lang.IllegalStateException: main threw: x,y\n\tat " + ChildMains.Throwing.class.getName() + ".main(");
        assertExit(children, "missing", JvmProcess.EXIT_LAUNCH_FAILED,
            "mmipc child: task not readable: region=no-such-task, error=");
        assertExit(children, "refused", JvmProcess.EXIT_LAUNCH_FAILED,
            "mmipc child: task not readable: region=refused-task, error=dev.mmipc.exceptions.RefusedClassException");
        assertExit(children, "refused", JvmProcess.EXIT_LAUNCH_FAILED, ChildMains.MarkerTask.class.getName());
        assertExit(children, "string", JvmProcess.EXIT_LAUNCH_FAILED,
            "mmipc child: task not readable: region=string-task, error=java.lang.ClassCastException");
        assertExit(children, "runnable", 0, "runnable ran in runner\n");
        assertFalse(log("refused").contains("marker task ran"), log("refused"));
        assertFalse(log("instance").contains("instance main ran"), log("instance"));
        assertEquals(List.of("refused-task"), namespace.list(),
            "a task that decodes is unlinked even when it is no ChildTask; a refused one is left to its parent");
    }

    private JvmProcess child(final JvmProcess.Builder builder, final String log)
    {
        return builder.namespace(namespace()).logTo(ns.scratch().resolve(log + ".log")).start();
    }

    private String log(final String name) throws IOException
    {
        return Files.readString(ns.scratch().resolve(name + ".log"));
    }

    private void assertExit(final Map<String, JvmProcess> children, final String name, final int code, final String text)
        throws IOException
    {
        final String out = log(name);
        assertEquals(code, children.get(name).exitCode().getAsInt(), name + ":\n" + out);
        assertTrue(out.contains(text), name + ": no '" + text + "' in:\n" + out);
    }

    private static void writeTask(final Namespace namespace, final String name, final Serializable task)
    {
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(256);
        final int length = TaskCodecs.encodeObject(task, bytes, 0);
        try (SharedBytes shared = SharedBytes.create(namespace, name, length + Integer.BYTES))
        {
            shared.buffer().putBytes(Integer.BYTES, bytes, 0, length);
            shared.buffer().putIntRelease(0, length);
        }
    }

    @Test
    void shouldRunEveryCleanupAtExitRefuseLateOwnersAndTerminateDaemonChildren() throws Exception
    {
        final Path grandchildLog = ns.scratch().resolve("hooked.log");
        final ChildJvm exiting = ns.startChild(ChildMains.ExitWithCleanups.class, grandchildLog.toString());
        final ChildJvm late = ns.startChild(ChildMains.RegisterDuringShutdown.class);
        assertEquals(0, exiting.waitFor(Duration.ofSeconds(TIMEOUT_S)), exiting.output());
        assertEquals(0, late.waitFor(Duration.ofSeconds(TIMEOUT_S)), late.output());

        final String out = exiting.output();
        assertTrue(out.contains("mmipc: regions not removed at exit: owner=thrower, " +
            "error=java.lang.IllegalStateException: cleanup threw"), out);
        assertTrue(out.contains("refused: jvm shutting down, no new owner of regions: owner=too-late\n"), out);
        assertTrue(out.contains("late ran"), "a failing cleanup does not stop the others:\n" + out);
        assertFalse(out.contains("too-late ran") || out.contains("too-late registered"), out);
        assertFalse(out.contains("cancelled ran"), out);

        final long grandchild = JvmProcessTest.pidAfter(out, "grandchild=");
        grandchildren.add(grandchild);
        awaitGone(grandchild);
        assertTrue(Files.readString(grandchildLog).contains("shutdown hook ran"),
            "the exiting parent terminated its daemon child (SIGTERM runs its hooks):\n" + Files.readString(grandchildLog));

        final String lateOut = late.output();
        assertTrue(lateOut.contains("refused: jvm shutting down, no new owner of regions: owner=from-hook, " +
            "cause=java.lang.IllegalStateException: Shutdown in progress"), lateOut);
    }

    @Test
    void shouldRemoveOnlyTheDeadParentsPoolRegionsWhereverTheNamespaceIs() throws Exception
    {
        final Path bad = ns.scratch().resolve("open-to-all");
        Files.createDirectory(bad);
        Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rwxrwxrwx"));
        final Path missing = ns.scratch().resolve("never-made");
        final Path[] logs = {ns.scratch().resolve("good.log"), ns.scratch().resolve("bad.log"),
            ns.scratch().resolve("missing.log")};
        final ChildJvm parent = ns.startChild(ChildMains.WatchedParent.class,
            logs[0].toString(), logs[1].toString(), logs[2].toString(), bad.toString(), missing.toString());
        parent.awaitOutput("grandchildren=", Duration.ofSeconds(TIMEOUT_S));
        final String out = parent.output();
        final int from = out.indexOf("grandchildren=") + "grandchildren=".length();
        final String[] pids = out.substring(from, out.indexOf('\n', from)).split(",");
        for (final String pid : pids)
        {
            grandchildren.add(Long.parseLong(pid.trim()));
        }
        final int at = out.indexOf("regions=") + "regions=".length();
        final String[] regions = out.substring(at, out.indexOf('\n', at)).split(",");
        for (final Path log : logs)
        {
            JvmProcessTest.awaitContains(log, "ready");
        }
        assertEquals(List.of(regions[0], regions[1]).stream().sorted().toList(), namespace().list());

        final long parentPid = parent.pid();
        parent.kill9();
        for (final long pid : grandchildren)
        {
            awaitGone(pid);
        }
        final String good = Files.readString(logs[0]);
        assertTrue(good.contains("mmipc child: parent died, exiting: parent_pid=" + parentPid + ", pid=" +
            grandchildren.get(0) + ", regions_removed=[" + regions[0] + "]"), good);
        assertFalse(good.contains("shutdown hook ran"), "the watch halts: no hook runs\n" + good);
        assertEquals(List.of(regions[1]), namespace().list(),
            "the pool's region removed, the region of another child's task left to that child");

        final String open = Files.readString(logs[1]);
        assertTrue(open.contains("mmipc child: parent's regions not removed: parent_pid=" + parentPid + ", error="), open);
        assertTrue(open.contains("regions_removed=[]"), open);
        final String none = Files.readString(logs[2]);
        assertTrue(none.contains("parent_pid=" + parentPid + ", pid=" + grandchildren.get(2) + ", regions_removed=[]"),
            none);
        assertFalse(Files.exists(missing), "the watch made the namespace directory it sweeps");
    }

    private static void awaitGone(final long pid)
    {
        final ProcessHandle handle = ProcessHandle.of(pid).orElse(null);
        if (handle == null)
        {
            return;
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handle.isAlive() && System.nanoTime() < deadline)
        {
            handle.onExit().completeOnTimeout(handle, 100, TimeUnit.MILLISECONDS).join();
        }
        assertFalse(handle.isAlive(), "still alive: pid=" + pid);
    }
}

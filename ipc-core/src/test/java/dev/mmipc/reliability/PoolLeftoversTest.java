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
package dev.mmipc.reliability;

import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue "A pool leaves nothing behind": a user's script with a {@code ProcessPool} ({@link PoolOwnerScript}) runs
 * as a child JVM and ends by each path — {@code close()}, an uncaught exception, {@code System.exit(3)},
 * SIGTERM, {@code kill -9} — with its first workers, with a worker replaced after a {@code kill -9}, and with a
 * daemon task child that has not read its task yet; and {@code System.exit(3)} while a shutdown hook of the
 * script's own closes the pool, or on the pool's own dispatcher thread (mmipc's hook must neither wait for that
 * thread nor deadlock with the {@code close()}); and a second pool made by a shutdown hook of the script's own
 * after mmipc's hook has run, which must be refused before it makes any region. Whatever the path, the script's JVM
 * exits within 10 s of its end,
 * every process (the script, its workers, its task child) exits and is reaped, and within 2 s of the last exit
 * the namespace directory holds no file at all: no region, no temporary file (a {@code .liveness} table, which
 * another part of mmipc may keep there, is ignored).
 */
class PoolLeftoversTest
{
    private static final Duration START = Duration.ofSeconds(90);
    private static final long EXIT_TIMEOUT_MS = 30_000;
    private static final long EMPTY_WITHIN_MS = 2_000;
    /** From the end the script chose (or the signal) to its JVM's exit: no hook may hang it. */
    private static final long EXIT_BOUND_MS = 10_000;
    private static final Pattern POOL = Pattern.compile("(?m)^pool=(pool-[0-9]+-[0-9]+)$");
    private static final Pattern WORKERS = Pattern.compile("(?m)^workers=([0-9,]+)$");
    private static final Pattern TASK_CHILD = Pattern.compile("(?m)^task_child=([0-9]+)$");
    private static final Pattern REGIONS = Pattern.compile("(?m)^regions=\\[(.*)]$");
    private static final Pattern REMOVED =
        Pattern.compile("(?m)^mmipc child: parent died, exiting: .*, regions_removed=\\[(.+)]$");

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    /**
     * How the script's JVM ends.
     */
    enum End
    {
        /** {@code close()}, then main returns: exit code 0. */
        CLOSE("close", 0),
        /** An uncaught exception in main: exit code 1. */
        EXCEPTION("exception", 1),
        /** {@code System.exit(3)} before {@code close()}. */
        EXIT("exit", 3),
        /** SIGTERM from outside: shutdown hooks run, exit code 143. */
        SIGTERM("wait", 143),
        /** {@code kill -9} from outside: nothing of the script runs any more. */
        KILL9("wait", 137),
        /** {@code System.exit(3)} while a shutdown hook of the script's own closes the pool. */
        EXIT_WHILE_HOOK_CLOSES("hookclose", 3),
        /** {@code System.exit(3)}, then a shutdown hook of the script's own tries to make a second pool. */
        POOL_IN_HOOK("poolinhook", 3),
        /** {@code System.exit(3)} on the pool's dispatcher thread, from a completion stage. */
        EXIT_ON_DISPATCHER("exitincallback", 3);

        final String scriptArg;
        final int exitCode;

        End(final String scriptArg, final int exitCode)
        {
            this.scriptArg = scriptArg;
            this.exitCode = exitCode;
        }
    }

    @ParameterizedTest(name = "{0}, extra={1}")
    @CsvSource({
        "CLOSE, false", "EXCEPTION, false", "EXIT, false", "SIGTERM, false", "KILL9, false",
        "CLOSE, true", "EXCEPTION, true", "EXIT, true", "SIGTERM, true", "KILL9, true",
        "EXCEPTION, task", "EXIT, task", "KILL9, task",
        "EXIT_WHILE_HOOK_CLOSES, false", "EXIT_WHILE_HOOK_CLOSES, true", "EXIT_ON_DISPATCHER, false",
        "POOL_IN_HOOK, false" })
    void shouldLeaveAnEmptyNamespaceWhicheverWayThePoolsOwnerEnds(final End end, final String extra)
    {
        final ChildJvm script = ns.startChild(PoolOwnerScript.class, end.scriptArg, extra);
        script.awaitOutput(end.scriptArg.equals("wait") ? "\nready\n" : "\nregions=", START);
        final String output = script.output();
        final List<ProcessHandle> others = new ArrayList<>();
        for (final String pid : find(WORKERS, output, script).split(","))
        {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(others::add);
        }
        assertEquals(2, find(WORKERS, output, script).split(",").length, output);
        if (extra.equals("task"))
        {
            ProcessHandle.of(Long.parseLong(find(TASK_CHILD, output, script))).ifPresent(others::add);
        }
        final List<String> regions = Arrays.asList(find(REGIONS, output, script).split(", "));
        assertEquals(5, regions.stream().filter(r -> r.startsWith("pool-")).count(),
            "slots, and a task and a result queue per worker: " + regions);

        switch (end)
        {
            case SIGTERM -> script.process().destroy();
            case KILL9 -> script.kill9();
            default ->
            {
            }
        }
        final long endedNs = System.nanoTime();
        assertEquals(end.exitCode, script.waitFor(Duration.ofMillis(EXIT_TIMEOUT_MS)), script::output);
        final long exitMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - endedNs);
        assertTrue(exitMs < EXIT_BOUND_MS, "the script's JVM took " + exitMs + " ms to exit: " + script.output());
        if (end == End.POOL_IN_HOOK)
        {
            final long pid = script.pid();
            assertTrue(script.output().contains("\nrefused=jvm shutting down, no new owner of regions: owner=pool-" +
                pid + "-2\n"), script::output);
        }
        if (end == End.EXIT_ON_DISPATCHER)
        {
            assertTrue(script.output().contains("\nexit_thread=" + find(POOL, output, script) + "-dispatcher\n"),
                script::output);
        }
        final long lastExitNs = awaitExits(others, script);
        awaitEmptyNamespace(lastExitNs, script);
        if (end == End.KILL9)
        {
            // nothing of the script ran after the kill: its workers (their output is the script's) removed them all
            final List<String> removed = new ArrayList<>();
            final Matcher matcher = REMOVED.matcher(script.output());
            while (matcher.find())
            {
                removed.addAll(Arrays.asList(matcher.group(1).split(", ")));
            }
            assertEquals(regions.stream().filter(r -> r.startsWith("pool-")).sorted().collect(Collectors.toList()),
                removed.stream().filter(r -> r.startsWith("pool-")).sorted().collect(Collectors.toList()),
                "each region of the pool removed by exactly one worker: " + script.output());
        }
    }

    private static String find(final Pattern pattern, final String output, final ChildJvm script)
    {
        final Matcher matcher = pattern.matcher(output);
        if (!matcher.find())
        {
            fail("script did not print " + pattern + ": " + script + "\n" + output);
        }
        return matcher.group(1);
    }

    /**
     * Wait until each process has exited (and been reaped by whoever is its parent now), bounded.
     *
     * @return when the last one was seen gone ({@link System#nanoTime()}).
     */
    private static long awaitExits(final List<ProcessHandle> processes, final ChildJvm script)
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_TIMEOUT_MS);
        while (true)
        {
            final List<Long> alive = processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toList());
            if (alive.isEmpty())
            {
                return System.nanoTime();
            }
            if (System.nanoTime() - deadline > 0)
            {
                alive.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                fail("processes of the script still alive " + EXIT_TIMEOUT_MS + " ms after it ended (killed now): " +
                    alive + "\n" + script.output());
            }
            CrashChild.sleepMs(5);
        }
    }

    private void awaitEmptyNamespace(final long lastExitNs, final ChildJvm script)
    {
        final long deadline = lastExitNs + TimeUnit.MILLISECONDS.toNanos(EMPTY_WITHIN_MS);
        List<String> left = ns.filesButLivenessTable();
        while (!left.isEmpty())
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("namespace not empty " + EMPTY_WITHIN_MS + " ms after the last process exited: left=" + left +
                    "\n" + script.output());
            }
            CrashChild.sleepMs(5);
            left = ns.filesButLivenessTable();
        }
    }

}

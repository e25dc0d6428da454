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
package dev.mmipc.liveness;

import dev.mmipc.exceptions.LivenessException;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.ThreadDumps;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Liveness} as processes use it: registration once per directory, the heartbeat thread, a slot taken while
 * its owner was stopped claimed again, judgements with the real clock and OS, the heartbeat property, tools that do
 * not register, and real processes racing to register.
 */
class LivenessTest
{
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ProcessIdentity SELF = ProcessIdentity.current();

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldRegisterOnceAndBeatEveryPeriod()
    {
        final Liveness liveness = Liveness.register(ns.path());
        assertSame(liveness, Liveness.register(ns.path()));
        assertSame(liveness, Liveness.of(ns.path()));
        assertTrue(liveness.isRegistered());
        try (LivenessTable table = LivenessTable.openIfExists(ns.path())) // a second mapping
        {
            final List<LivenessTable.SlotView> mine = table.find(SELF.pid(), SELF.startTimeMs());
            assertEquals(1, mine.size(), mine::toString);
            assertEquals(PidNamespace.current(), mine.get(0).pidNamespace());
            assertEquals(Liveness.heartbeatPeriodMs(), mine.get(0).periodMs());
            final long firstMs = mine.get(0).heartbeatMs();
            final long twoBeatsMs = firstMs + 2 * Liveness.heartbeatPeriodMs();
            ThreadDumps.await("two heartbeats", WAIT, () ->
                table.find(SELF.pid(), SELF.startTimeMs()).get(0).heartbeatMs() >= twoBeatsMs);
            assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t ->
                t.getName().equals(Heartbeat.THREAD_NAME) && t.isDaemon()), "one daemon thread beats");
        }
    }

    @Test
    void shouldClaimASlotAgainWhenItsOwnWasTakenWhileItWasStopped()
    {
        final Liveness liveness = Liveness.register(ns.path());
        final LivenessTable.Claim claim = liveness.registration().claim();
        try (LivenessTable table = LivenessTable.openIfExists(ns.path()))
        {
            // as a judge in another PID namespace would after a long stop: the slot is reused by another process
            assertTrue(table.release(claim));
            final Viewpoint other = new Viewpoint(new ProcessIdentity(SELF.pid() + 1, 1), 1, true, (p, s) -> true,
                SystemEpochClock.INSTANCE);
            assertEquals(claim.index(), table.claim(other, 100).index());
            ThreadDumps.await("a slot claimed again", WAIT, () ->
            {
                final LivenessTable.Claim again = liveness.registration().claim();
                return again != null && again.index() != claim.index();
            });
            assertEquals(1, table.find(SELF.pid(), SELF.startTimeMs()).size());
            assertEquals(SELF.pid() + 1, table.read(claim.index()).pid(), "the other process's slot is left alone");
        }
    }

    @Test
    void shouldJudgeItselfAliveNobodyDeadAndUnregisteredProcessesByTheOs() throws Exception
    {
        final Liveness liveness = Liveness.register(ns.path());
        final long timeoutNs = TimeUnit.MILLISECONDS.toNanos(200);
        assertTrue(liveness.isAlive(SELF.pid(), SELF.startTimeMs(), timeoutNs));
        assertTrue(liveness.isAlive(SELF.pid(), ProcessIdentity.UNKNOWN_START, timeoutNs));
        for (final long nobody : new long[]{ 0, -1, Integer.MIN_VALUE, Long.MIN_VALUE })
        {
            assertFalse(liveness.isAlive(nobody, SELF.startTimeMs(), timeoutNs), "pid " + nobody);
        }
        final Process sleeper = new ProcessBuilder("sleep", "30").start();
        try
        {
            final ProcessIdentity unregistered = ProcessIdentity.of(sleeper.toHandle());
            assertTrue(liveness.isAlive(unregistered.pid(), unregistered.startTimeMs(), timeoutNs));
            assertFalse(liveness.isAlive(unregistered.pid(), unregistered.startTimeMs() - 10_000, timeoutNs),
                "a reused pid is caught by the start time");
            sleeper.destroyForcibly();
            assertTrue(sleeper.waitFor(10, TimeUnit.SECONDS));
            assertFalse(liveness.isAlive(unregistered.pid(), unregistered.startTimeMs(), timeoutNs));
        }
        finally
        {
            sleeper.destroyForcibly();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldJudgeAnOwnerInAnotherPidNamespaceByItsHeartbeatAndNotByThisNamespacesPids()
    {
        final Liveness liveness = Liveness.register(ns.path());
        final long timeoutNs = TimeUnit.MILLISECONDS.toNanos(200);
        // pid 1 of another namespace, started now: this namespace's pid 1 (init) has another start time
        final ProcessIdentity foreign = new ProcessIdentity(1, System.currentTimeMillis() - 5_000);
        try (LivenessTable table = LivenessTable.openIfExists(ns.path()))
        {
            final Viewpoint container = new Viewpoint(foreign, PidNamespace.current() + 1, true, (p, s) -> true,
                SystemEpochClock.INSTANCE);
            final LivenessTable.Claim claim = table.claim(container, Liveness.DEFAULT_HEARTBEAT_MS);
            assertFalse(ProcessIdentity.isAlive(foreign.pid(), foreign.startTimeMs()), "the OS alone says dead");
            assertTrue(liveness.isAlive(foreign.pid(), foreign.startTimeMs(), timeoutNs), "its heartbeat says alive");
            assertEquals(PidNamespace.current() + 1, liveness.pidNamespaceOf(foreign.pid(), foreign.startTimeMs()));

            final long staleMs = Liveness.staleLimitMs(200, Liveness.DEFAULT_HEARTBEAT_MS);
            final long lastBeatMs = System.currentTimeMillis();
            assertTrue(table.renew(claim, lastBeatMs));
            ThreadDumps.await("the stopped heartbeat to go stale", WAIT,
                () -> !liveness.isAlive(foreign.pid(), foreign.startTimeMs(), timeoutNs));
            assertTrue(System.currentTimeMillis() - lastBeatMs >= staleMs, "not before the floor");
        }
    }

    @Test
    void shouldRefuseAHeartbeatPeriodOutOfRange()
    {
        final String saved = System.getProperty(Liveness.HEARTBEAT_PROPERTY);
        try
        {
            for (final String value : new String[]{ "9", "10001", "-100", "abc", "99999999999999999999", " " })
            {
                System.setProperty(Liveness.HEARTBEAT_PROPERTY, value);
                if (value.isBlank())
                {
                    assertEquals(Liveness.DEFAULT_HEARTBEAT_MS, Liveness.heartbeatPeriodMs());
                    continue;
                }
                final LivenessException ex = assertThrows(LivenessException.class,
                    () -> Liveness.register(ns.path().resolve("fresh")));
                assertEquals("heartbeat period out of range: property=mmipc.liveness.heartbeat.ms, value=\"" + value +
                    "\", min_ms=10, max_ms=10000", ex.getMessage());
            }
            System.setProperty(Liveness.HEARTBEAT_PROPERTY, "250");
            assertEquals(250, Liveness.heartbeatPeriodMs());
            assertEquals(TimeUnit.MILLISECONDS.toNanos(250), Liveness.recheckIntervalNs(Long.MAX_VALUE));
            assertEquals(7, Liveness.recheckIntervalNs(7));
        }
        finally
        {
            if (saved == null)
            {
                System.clearProperty(Liveness.HEARTBEAT_PROPERTY);
            }
            else
            {
                System.setProperty(Liveness.HEARTBEAT_PROPERTY, saved);
            }
        }
    }

    @Test
    void shouldNotRegisterProcessesThatOnlyRead() throws Exception
    {
        final Path writer = Files.createDirectory(ns.scratch().resolve("writer"));
        final Path reader = Files.createDirectory(ns.scratch().resolve("reader"));
        Region.create(dev.mmipc.region.NamespaceDirectory.of(writer), "hits", RegionKind.LONG, 8, Region.ZEROED).close();
        assertTrue(Files.exists(writer.resolve(LivenessDescriptor.FILE_NAME)), "create registers");
        Files.copy(writer.resolve("hits"), reader.resolve("hits"));

        final dev.mmipc.region.NamespaceDirectory readOnly = dev.mmipc.region.NamespaceDirectory.of(reader);
        assertTrue(Region.readHeader(readOnly, "hits").creatorAlive());
        Region.open(readOnly, "hits", null, 0).close();
        assertFalse(Liveness.of(reader).isAlive(SELF.pid() + 1_000_000, 1, 1), "judging maps nothing, makes nothing");
        assertFalse(Files.exists(reader.resolve(LivenessDescriptor.FILE_NAME)), "tools that read do not register");
        Region.open(readOnly, "hits", RegionKind.LONG).close();
        assertTrue(Files.exists(reader.resolve(LivenessDescriptor.FILE_NAME)), "open registers");
    }

    @Test
    void shouldGiveRacingProcessesOneTableAndDistinctSlots() throws Exception
    {
        final Path go = ns.scratch().resolve("go");
        final List<ChildJvm> children = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            children.add(ns.startChild(LivenessChild.class, ns.path().toString(), go.toString()));
        }
        for (final ChildJvm child : children)
        {
            child.awaitOutput("ready", Duration.ofSeconds(60));
        }
        Files.createFile(go);
        final Pattern line = Pattern.compile("slot=(\\d+) pid=(\\d+) start=(\\d+)");
        final Set<String> slots = new HashSet<>();
        final Liveness liveness = Liveness.of(ns.path());
        for (final ChildJvm child : children)
        {
            child.awaitSuccess(Duration.ofSeconds(60));
            final Matcher matcher = line.matcher(child.output());
            assertTrue(matcher.find(), child::output);
            slots.add(matcher.group(1));
            assertFalse(liveness.isAlive(Long.parseLong(matcher.group(2)), Long.parseLong(matcher.group(3)),
                Liveness.DEFAULT_STALE_AFTER_NS), "exited: its slot stays, judged dead by the OS");
        }
        assertEquals(3, slots.size(), slots::toString);
        try (var files = Files.list(ns.path()))
        {
            assertEquals(List.of(LivenessDescriptor.FILE_NAME), files.map(p -> p.getFileName().toString()).toList());
        }
    }
}

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
import dev.mmipc.test.TestNamespace;
import org.agrona.concurrent.CachedEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static dev.mmipc.liveness.LivenessDescriptor.*;
import static dev.mmipc.liveness.LivenessTable.ALIVE;
import static dev.mmipc.liveness.LivenessTable.DEAD;
import static dev.mmipc.liveness.LivenessTable.NO_SLOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The liveness table on its own: claims, heartbeats, releases, reuse of dead slots, a full table, the judgement
 * rules, values at and past the limits, and corrupt files, with an injected clock and OS check. A second mapping
 * of the same file checks what a claim wrote.
 */
class LivenessTableTest
{
    private static final long NOW_MS = 1_700_000_000_000L;
    private static final long PERIOD_MS = 100;
    private static final long HOST_NS = 4026531836L;
    private static final long CONTAINER_NS = 4026532174L;
    private static final long START_MS = NOW_MS - 60_000;

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private final CachedEpochClock clock = new CachedEpochClock();
    /** Pids the injected OS check says are dead (in the judge's namespace). */
    private final Set<Long> deadPids = ConcurrentHashMap.newKeySet();
    private final List<LivenessTable> tables = new ArrayList<>();

    @AfterEach
    void unmap()
    {
        tables.forEach(LivenessTable::close);
    }

    @Test
    void shouldRecordTheClaimantAndRenewItsHeartbeat()
    {
        clock.update(NOW_MS);
        final LivenessTable table = table();
        final LivenessTable.Claim claim = table.claim(host(42), PERIOD_MS);
        assertEquals(0, claim.index());
        assertEquals(stateWord(1, LIVE), claim.word());
        assertEquals(1, table.highWaterMark());

        final UnsafeBuffer raw = raw(); // a second mapping of the same file
        final int slot = slotOffset(0);
        assertEquals(claim.word(), raw.getLong(slot + STATE_WORD_OFFSET));
        assertEquals(42, raw.getLong(slot + PID_OFFSET));
        assertEquals(START_MS, raw.getLong(slot + START_MS_OFFSET));
        assertEquals(HOST_NS, raw.getLong(slot + PID_NAMESPACE_OFFSET));
        assertEquals(NOW_MS, raw.getLong(slot + HEARTBEAT_MS_OFFSET));
        assertEquals(PERIOD_MS, raw.getLong(slot + HEARTBEAT_PERIOD_MS_OFFSET));
        assertEquals(NOW_MS, raw.getLong(slot + CLAIMED_MS_OFFSET));
        assertEquals(MAGIC, raw.getLong(MAGIC_OFFSET));
        assertEquals(SLOT_COUNT, raw.getInt(SLOT_COUNT_OFFSET));

        assertTrue(table.renew(claim, NOW_MS + 100));
        assertEquals(NOW_MS + 100, raw.getLong(slot + HEARTBEAT_MS_OFFSET));
        assertTrue(table.release(claim));
        assertEquals(stateWord(1, FREE), raw.getLong(slot + STATE_WORD_OFFSET));
        assertFalse(table.renew(claim, NOW_MS + 200), "a released claim is not renewed");
        assertFalse(table.release(claim), "nor released twice");
        assertEquals(NOW_MS + 100, raw.getLong(slot + HEARTBEAT_MS_OFFSET));
    }

    @Test
    void shouldReuseAFreedSlotBeforeRaisingTheHighWaterMark()
    {
        clock.update(NOW_MS);
        final LivenessTable table = table();
        final LivenessTable.Claim first = table.claim(host(1), PERIOD_MS);
        final LivenessTable.Claim second = table.claim(host(2), PERIOD_MS);
        assertEquals(1, second.index());
        assertTrue(table.release(first));
        final LivenessTable.Claim third = table.claim(host(3), PERIOD_MS);
        assertEquals(0, third.index());
        assertEquals(stateWord(2, LIVE), third.word(), "the generation tells the claims of one slot apart");
        assertFalse(table.renew(first, NOW_MS), "the old claim no longer owns the slot");
        assertEquals(2, table.highWaterMark());
    }

    @Test
    void shouldJudgeAnOwnerInAnotherPidNamespaceByItsHeartbeatAlone()
    {
        clock.update(NOW_MS);
        final LivenessTable table = table();
        table.claim(container(1), PERIOD_MS);
        deadPids.add(1L); // pid 1 here is another process (or none): must not matter
        final Viewpoint judge = host(500);
        final long floorMs = Liveness.STALE_FLOOR_PERIODS * PERIOD_MS;

        assertEquals(ALIVE, table.judge(judge, 1, START_MS, 1));
        clock.update(NOW_MS + floorMs);
        assertEquals(ALIVE, table.judge(judge, 1, START_MS, 1), "never dead before the floor, whatever the timeout");
        clock.update(NOW_MS + floorMs + 1);
        assertEquals(DEAD, table.judge(judge, 1, START_MS, 1));
        assertEquals(ALIVE, table.judge(judge, 1, START_MS, 2_000), "a longer liveness timeout is honoured");
        clock.update(NOW_MS + 2_001);
        assertEquals(DEAD, table.judge(judge, 1, START_MS, 2_000));
        assertEquals(NO_SLOT, table.judge(judge, 1, START_MS + 1, 2_000), "another start time is another process");
        assertEquals(NO_SLOT, table.judge(judge, 2, START_MS, 2_000));
    }

    @Test
    void shouldAskTheOsAboutAnOwnerOfItsOwnPidNamespaceEvenWhenItsHeartbeatIsOld()
    {
        clock.update(NOW_MS);
        final LivenessTable table = table();
        table.claim(host(42), PERIOD_MS);
        clock.update(NOW_MS + 3_600_000); // stopped (SIGSTOP) for an hour: no heartbeat
        assertEquals(ALIVE, table.judge(host(7), 42, START_MS, 1), "the OS says it lives: alive");
        deadPids.add(42L);
        clock.update(NOW_MS);
        assertEquals(DEAD, table.judge(host(7), 42, START_MS, 60_000), "the OS says it is gone: dead, heartbeat or not");
    }

    @Test
    void shouldJudgeByHeartbeatWhenTheJudgesProcIsNotItsNamespaces()
    {
        clock.update(NOW_MS);
        final LivenessTable table = table();
        table.claim(container(37), PERIOD_MS);
        deadPids.add(37L); // the host's /proc has no pid 37, or another one
        final Viewpoint sibling = new Viewpoint(
            new ProcessIdentity(1, START_MS), CONTAINER_NS, false, this::osAlive, clock);
        assertEquals(ALIVE, table.judge(sibling, 37, START_MS, 1), "same namespace, but /proc is the host's");
        clock.update(NOW_MS + 10_000);
        assertEquals(DEAD, table.judge(sibling, 37, START_MS, 1));
    }

    @Test
    void shouldErrTowardsAliveWhenOnePidAndStartTimeLiveInTwoNamespaces()
    {
        clock.update(NOW_MS);
        final LivenessTable table = table();
        table.claim(container(1), PERIOD_MS);
        clock.update(NOW_MS + 1_000); // the first one's heartbeat went stale: it is dead, so a twin may register
        final Viewpoint twin = twinOfContainerPidOne();
        table.claim(twin, PERIOD_MS);
        assertEquals(ALIVE, table.judge(host(500), 1, START_MS, 1), "one of the two lives");
        assertEquals(2, table.find(1, START_MS).size());
        clock.update(NOW_MS + 2_000);
        assertEquals(DEAD, table.judge(host(500), 1, START_MS, 1), "both stale");
    }

    @Test
    void shouldRefuseAProcessThatALiveOneInAnotherNamespaceCannotBeToldFrom()
    {
        clock.update(NOW_MS);
        final LivenessTable table = table();
        table.claim(container(1), PERIOD_MS);
        final Viewpoint twin = twinOfContainerPidOne();
        final LivenessException ex = assertThrows(LivenessException.class, () -> table.claim(twin, PERIOD_MS));
        assertEquals("process identity ambiguous across pid namespaces: file=" + table.file() + ", pid=1, start_ms=" +
            START_MS + ", pid_ns=" + (CONTAINER_NS + 1) + ", other_pid_ns=" + CONTAINER_NS +
            ", hint=give each pid namespace its own /proc", ex.getMessage());
        assertNull(table.read(1), "the refused claim is released");
        assertEquals(1, table.find(1, START_MS).size());
    }

    @Test
    void shouldMatchAnyStartTimeWhenTheRecordedOneIsUnknown()
    {
        clock.update(NOW_MS);
        final LivenessTable table = table();
        table.claim(container(9), PERIOD_MS);
        assertEquals(ALIVE, table.judge(host(500), 9, ProcessIdentity.UNKNOWN_START, 1));
        clock.update(NOW_MS + 1_000);
        assertEquals(DEAD, table.judge(host(500), 9, ProcessIdentity.UNKNOWN_START, 1));
    }

    @Test
    void shouldSayWhenFullOfLiveProcessesAndReuseTheSlotOfADeadOne()
    {
        clock.update(NOW_MS);
        final LivenessTable table = table();
        for (int pid = 1; pid <= SLOT_COUNT; pid++)
        {
            assertEquals(pid - 1, table.claim(host(pid), PERIOD_MS).index());
        }
        clock.update(NOW_MS + 3_600_000); // old heartbeats do not matter in the same namespace: the OS does
        final LivenessException ex = assertThrows(LivenessException.class, () -> table.claim(host(5_000), PERIOD_MS));
        assertEquals("liveness table full: file=" + table.file() + ", slots=" + SLOT_COUNT +
            ", pid=5000, hint=every slot belongs to a live process", ex.getMessage());

        deadPids.add(700L);
        final LivenessTable.Claim reused = table.claim(host(5_000), PERIOD_MS);
        assertEquals(699, reused.index());
        assertEquals(stateWord(2, LIVE), reused.word());
        assertEquals(5_000, table.read(699).pid());
        assertEquals(NO_SLOT, table.judge(host(1), 700, START_MS, 1), "the dead one's slot is gone");
        assertThrows(LivenessException.class, () -> table.claim(host(5_001), PERIOD_MS), "full again");
    }

    @Test
    void shouldNeverHandOutASlotLeftClaimingByAClaimantKilledMidClaim()
    {
        clock.update(NOW_MS);
        final LivenessTable table = table();
        final UnsafeBuffer raw = raw();
        raw.putInt(HIGH_WATER_MARK_OFFSET, 1);
        raw.putLong(slotOffset(0) + STATE_WORD_OFFSET, stateWord(1, CLAIMING));
        raw.putLong(slotOffset(0) + PID_OFFSET, 42);
        assertEquals(NO_SLOT, table.judge(host(7), 42, ProcessIdentity.UNKNOWN_START, 1), "half-made: no owner yet");
        assertEquals(1, table.claim(host(43), PERIOD_MS).index());
        assertEquals(stateWord(1, CLAIMING), raw.getLong(slotOffset(0) + STATE_WORD_OFFSET));
    }

    @Test
    void shouldTakePidsAndStartTimesAtAndPastTheLimitsAsTheyAre()
    {
        clock.update(NOW_MS);
        final LivenessTable table = table();
        final long[] pids = { Integer.MAX_VALUE, 1L << 31, (1L << 32) + 1, Long.MAX_VALUE };
        final long[] starts = { -1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 31 };
        for (int i = 0; i < pids.length; i++)
        {
            table.claim(new Viewpoint(new ProcessIdentity(pids[i], starts[i]), CONTAINER_NS, true, this::osAlive, clock),
                PERIOD_MS);
        }
        for (int i = 0; i < pids.length; i++)
        {
            assertEquals(ALIVE, table.judge(host(1), pids[i], starts[i], 1), "pid " + pids[i]);
            assertEquals(NO_SLOT, table.judge(host(1), pids[i], starts[(i + 1) % starts.length], 1));
            if ((int)pids[i] != pids[i])
            {
                assertEquals(NO_SLOT, table.judge(host(1), (int)pids[i], starts[i], 1), "no truncation to 32 bits");
            }
        }
        assertEquals(NO_SLOT, table.judge(host(1), Integer.MIN_VALUE, starts[0], 1));
        assertEquals(NO_SLOT, table.judge(host(1), -1, ProcessIdentity.UNKNOWN_START, 1));
    }

    @Test
    void shouldNeverOverflowOnCorruptHeartbeatsPeriodsOrTimeouts()
    {
        clock.update(NOW_MS);
        final LivenessTable table = table();
        table.claim(container(1), PERIOD_MS);
        final UnsafeBuffer raw = raw();
        final int slot = slotOffset(0);

        raw.putLong(slot + HEARTBEAT_MS_OFFSET, Long.MIN_VALUE);
        assertEquals(DEAD, table.judge(host(9), 1, START_MS, Long.MAX_VALUE / 1_000_000), "no overflow into young");
        assertEquals(DEAD, table.judge(host(9), 1, START_MS, 1));
        raw.putLong(slot + HEARTBEAT_MS_OFFSET, Long.MAX_VALUE);
        assertEquals(ALIVE, table.judge(host(9), 1, START_MS, 1), "a heartbeat in the future errs towards alive");

        raw.putLong(slot + HEARTBEAT_MS_OFFSET, NOW_MS - 50 * Liveness.MAX_HEARTBEAT_MS);
        raw.putLong(slot + HEARTBEAT_PERIOD_MS_OFFSET, Long.MAX_VALUE);
        assertEquals(DEAD, table.judge(host(9), 1, START_MS, 1), "a corrupt period is clamped, not trusted");
        raw.putLong(slot + HEARTBEAT_PERIOD_MS_OFFSET, -1);
        raw.putLong(slot + HEARTBEAT_MS_OFFSET, NOW_MS - Liveness.STALE_FLOOR_PERIODS * Liveness.MIN_HEARTBEAT_MS);
        assertEquals(ALIVE, table.judge(host(9), 1, START_MS, 1), "a negative period is clamped to the minimum");
        raw.putLong(slot + HEARTBEAT_MS_OFFSET, NOW_MS - Liveness.STALE_FLOOR_PERIODS * Liveness.MIN_HEARTBEAT_MS - 1);
        assertEquals(DEAD, table.judge(host(9), 1, START_MS, 1));

        assertEquals(Long.MAX_VALUE / 1_000_000 + 1, Liveness.toMsRoundingUp(Long.MAX_VALUE));
        assertEquals(0, Liveness.toMsRoundingUp(Long.MIN_VALUE));
        assertEquals(1, Liveness.toMsRoundingUp(1));
        assertEquals(Long.MAX_VALUE / 1_000_000, Liveness.staleLimitMs(Long.MAX_VALUE, PERIOD_MS));
        raw.putLong(slot + HEARTBEAT_MS_OFFSET, 0);
        assertEquals(ALIVE, table.judge(host(9), 1, START_MS, Long.MAX_VALUE / 1_000_000 + 1),
            "a timeout of about for ever waits about for ever");

        raw.putInt(HIGH_WATER_MARK_OFFSET, -5);
        assertEquals(NO_SLOT, table.judge(host(9), 1, START_MS, 1), "a negative high-water mark reads as 0");
        raw.putInt(HIGH_WATER_MARK_OFFSET, Integer.MAX_VALUE);
        assertEquals(SLOT_COUNT, table.highWaterMark());
        assertEquals(1, table.claim(host(9), PERIOD_MS).index(), "free slots below the clamped mark are claimed");
        assertEquals(ALIVE, table.judge(host(10), 9, START_MS, 1));
    }

    @Test
    void shouldRefuseFilesThatAreNotLivenessTables() throws Exception
    {
        final Path file = ns.path().resolve(FILE_NAME);
        table().close();
        tables.clear();

        final UnsafeBuffer raw = raw();
        raw.putLong(MAGIC_OFFSET, 0x1234);
        assertRefused("liveness table magic mismatch: file=" + file + ", expected=0x564c2d4350494d4d, actual=0x1234");
        raw.putLong(MAGIC_OFFSET, MAGIC);
        raw.putInt(VERSION_OFFSET, 2);
        assertRefused("liveness table version unsupported: file=" + file + ", expected=1, actual=2");
        raw.putInt(VERSION_OFFSET, VERSION);
        for (final int count : new int[]{ 0, -1, Integer.MIN_VALUE, MAX_SLOT_COUNT + 1, SLOT_COUNT + 1 })
        {
            raw.putInt(SLOT_COUNT_OFFSET, count);
            assertRefused("liveness table slots invalid: file=" + file + ", slot_count=" + count + ", slot_length=64" +
                ", file_length=" + fileLength(SLOT_COUNT));
        }
        raw.putInt(SLOT_COUNT_OFFSET, SLOT_COUNT);
        raw.putInt(SLOT_LENGTH_OFFSET, 128);
        assertRefused("liveness table slots invalid: file=" + file + ", slot_count=" + SLOT_COUNT + ", slot_length=128" +
            ", file_length=" + fileLength(SLOT_COUNT));
        raw.putInt(SLOT_LENGTH_OFFSET, SLOT_LENGTH);
        raw.putInt(SLOT_COUNT_OFFSET, 16); // fewer slots than the file holds: fine
        try (LivenessTable fewer = LivenessTable.openIfExists(ns.path()))
        {
            assertEquals(16, fewer.slotCount());
        }

        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw"))
        {
            f.setLength(10);
            assertRefused("liveness table length invalid: file=" + file + ", length=10, min=128, max=" +
                fileLength(MAX_SLOT_COUNT));
            f.setLength(fileLength(MAX_SLOT_COUNT) + 1);
            assertRefused("liveness table length invalid: file=" + file + ", length=" + (fileLength(MAX_SLOT_COUNT) + 1) +
                ", min=128, max=" + fileLength(MAX_SLOT_COUNT));
        }
        Files.delete(file);
        Files.createSymbolicLink(file, ns.scratch().resolve("elsewhere"));
        final LivenessException link = assertThrows(LivenessException.class, () -> LivenessTable.openIfExists(ns.path()));
        assertTrue(link.getMessage().startsWith("liveness table not openable: file=" + file), link.getMessage());
        Files.delete(file);
        assertNull(LivenessTable.openIfExists(ns.path()), "no file: no table");
    }

    @Test
    void shouldRefuseATableOwnedByAnotherUser() throws Exception
    {
        final Path file = ns.path().resolve(FILE_NAME);
        assumeTrue((Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "chown needs root");
        table();
        Files.setAttribute(file, "unix:uid", 65534);
        final LivenessException ex = assertThrows(LivenessException.class, () -> LivenessTable.openIfExists(ns.path()));
        assertEquals("liveness table owned by another user: file=" + file + ", owner_uid=65534, uid=0", ex.getMessage());
    }

    @Test
    void shouldConvergeOnOneFileWhenCreatorsRace() throws Exception
    {
        final int threads = 8;
        final Object[] keys = new Object[threads];
        final java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        final List<Thread> racers = new ArrayList<>();
        for (int i = 0; i < threads; i++)
        {
            final int index = i;
            final Thread racer = new Thread(() ->
            {
                try
                {
                    start.await();
                    final LivenessTable table = LivenessTable.openOrCreate(ns.path(), NOW_MS);
                    keys[index] = table.fileKey();
                    synchronized (tables)
                    {
                        tables.add(table);
                    }
                }
                catch (final Exception ex)
                {
                    keys[index] = ex;
                }
            });
            racers.add(racer);
            racer.start();
        }
        for (final Thread racer : racers)
        {
            racer.join(30_000);
            assertFalse(racer.isAlive());
        }
        final Set<Object> distinct = new HashSet<>(List.of(keys));
        assertEquals(1, distinct.size(), distinct::toString);
        assertNotEquals(null, keys[0]);
        try (var files = Files.list(ns.path()))
        {
            assertEquals(List.of(FILE_NAME), files.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(ns.path().resolve(FILE_NAME))));
    }

    private void assertRefused(final String message)
    {
        final LivenessException ex = assertThrows(LivenessException.class, () -> LivenessTable.openIfExists(ns.path()));
        assertEquals(message, ex.getMessage());
    }

    private boolean osAlive(final long pid, final long startMs)
    {
        return pid > 0 && !deadPids.contains(pid);
    }

    private Viewpoint host(final long pid)
    {
        return new Viewpoint(new ProcessIdentity(pid, START_MS), HOST_NS, true, this::osAlive, clock);
    }

    /**
     * @return pid 1 with the same start time as {@code container(1)}, in yet another PID namespace.
     */
    private Viewpoint twinOfContainerPidOne()
    {
        return new Viewpoint(new ProcessIdentity(1, START_MS), CONTAINER_NS + 1, true, this::osAlive, clock);
    }

    private Viewpoint container(final long pid)
    {
        return new Viewpoint(new ProcessIdentity(pid, START_MS), CONTAINER_NS, true, this::osAlive, clock);
    }

    private LivenessTable table()
    {
        final LivenessTable table = LivenessTable.openOrCreate(ns.path(), NOW_MS);
        tables.add(table);
        return table;
    }

    private UnsafeBuffer raw()
    {
        try (FileChannel channel = FileChannel.open(ns.path().resolve(FILE_NAME),
            java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE))
        {
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
            return new UnsafeBuffer(mapped); // unmapped when collected: tests only
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}

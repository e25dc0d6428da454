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

import dev.mmipc.test.TestNamespace;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OwnerTable}: a process records itself once, reusing its entry, a free one or a dead process's; a bare pid
 * is judged with the start time recorded for it.
 */
class OwnerTableTest
{
    private static final long STALE_NS = TimeUnit.MILLISECONDS.toNanos(200);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldRecordThisProcessOnceAndReuseADeadProcesssEntry()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(8 + 3 * 8));
        final OwnerTable table = new OwnerTable(buffer, 8, 3, Liveness.register(ns.path()));
        final long self = OwnerWords.selfIdentity();
        final long deadWithOurPid = OwnerWords.identity(
            OwnerWords.selfPid(), ProcessIdentity.current().startTimeMs() - 60_000);
        final long deadOther = OwnerWords.identity(OwnerWords.MAX_PID, OwnerWords.START_EPOCH_MS + 1);
        buffer.putLong(8, deadOther);
        buffer.putLong(16, deadWithOurPid);
        buffer.putLong(24, OwnerWords.identity(1, 0)); // pid 1 by pid alone: alive
        table.register(STALE_NS);
        assertEquals(self, table.entry(0), "a dead process's entry reused");
        assertEquals(0, table.entry(1), "an older process with our pid, dead, cleared");
        assertEquals(OwnerWords.identity(1, 0), table.entry(2), "a live process's entry kept");
        table.register(STALE_NS);
        assertEquals(0, table.entry(1), "recorded once");
        assertEquals(3, table.entries());
        assertEquals(8 + 2 * 8, OwnerTable.entryOffset(8, 2));
    }

    @Test
    void shouldJudgeABarePidByTheStartTimeRecordedForIt()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(4 * 8));
        final OwnerTable table = new OwnerTable(buffer, 0, 4, Liveness.register(ns.path()));
        final ProcessIdentity parent = ProcessHandle.current().parent().map(ProcessIdentity::of).orElseThrow();
        assertTrue(table.isPidAlive((int)parent.pid(), STALE_NS), "not in the table: judged by pid");
        buffer.putLong(8, OwnerWords.identity(parent.pid(), parent.startTimeMs() - 60_000));
        assertFalse(table.isPidAlive((int)parent.pid(), STALE_NS), "a reused pid caught by the start time");
        buffer.putLong(16, OwnerWords.identity(parent));
        assertTrue(table.isPidAlive((int)parent.pid(), STALE_NS), "alive if any entry with that pid is");
        assertTrue(table.isPidAlive(OwnerWords.selfPid(), STALE_NS));
        assertFalse(table.isPidAlive(0, STALE_NS));
        assertFalse(table.isPidAlive(-1, STALE_NS));
    }

    @Test
    void shouldRefuseATableOutsideItsBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        final Liveness judge = Liveness.of(ns.path());
        assertEquals("owner table out of bounds: offset=8, entries=8, capacity=64",
            assertThrows(IllegalArgumentException.class, () -> new OwnerTable(buffer, 8, 8, judge)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OwnerTable(buffer, 0, 0, judge));
        assertThrows(IllegalArgumentException.class, () -> new OwnerTable(buffer, 4, 1, judge));
        assertThrows(IllegalArgumentException.class, () -> new OwnerTable(buffer, -8, 1, judge));
        assertThrows(IllegalArgumentException.class, () -> new OwnerTable(buffer, 0, Integer.MAX_VALUE, judge));
    }
}

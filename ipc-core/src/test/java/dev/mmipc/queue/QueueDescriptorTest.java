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
package dev.mmipc.queue;

import dev.mmipc.Namespace;
import dev.mmipc.exceptions.RegionLengthException;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.OwnerWords;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.TestNamespace;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.RandomAccessFile;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every offset of the diagrams, checked against the code and against the bytes a queue writes; corrupted
 * headers refused with typed errors.
 */
class QueueDescriptorTest
{
    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    private Namespace ns()
    {
        return Namespace.of(tns.directory());
    }

    @Test
    void shouldMatchParameterDiagram()
    {
        assertEquals(0, QueueDescriptor.MODE_OFFSET);
        assertEquals(4, QueueDescriptor.LAYOUT_VERSION_OFFSET);
        assertEquals(8, QueueDescriptor.CAPACITY_OFFSET);
        assertEquals(12, QueueDescriptor.MAX_MESSAGE_LENGTH_OFFSET);
        assertEquals(16, QueueDescriptor.SLOT_LENGTH_OFFSET);
        assertEquals(20, QueueDescriptor.RING_OFFSET_OFFSET);
        assertEquals(24, QueueDescriptor.RING_LENGTH_OFFSET);
        assertEquals(28, QueueDescriptor.CLOSED_FLAG_OFFSET_OFFSET);
        assertEquals(32, QueueDescriptor.PROCESS_TABLE_OFFSET_OFFSET);
        assertEquals(36, QueueDescriptor.PROCESS_TABLE_ENTRIES_OFFSET);
        assertEquals(40, QueueDescriptor.PARAMS_USED_LENGTH);
        assertTrue(QueueDescriptor.PARAMS_USED_LENGTH <= 64);
    }

    @Test
    void shouldMatchPayloadDiagram()
    {
        assertEquals(0, QueueDescriptor.CLOSED_FLAG_OFFSET);
        assertEquals(128, QueueDescriptor.PRODUCER_LEASE_OFFSET);
        assertEquals(256, QueueDescriptor.CONSUMER_LEASE_OFFSET);
        assertEquals(264, QueueDescriptor.CONSUMER_PENDING_OFFSET);
        assertEquals(384, QueueDescriptor.PROCESS_TABLE_OFFSET);
        assertEquals(64, QueueDescriptor.PROCESS_TABLE_ENTRIES);
        assertEquals(896, QueueDescriptor.CORRUPTION_CODE_OFFSET);
        assertEquals(904, QueueDescriptor.CORRUPTION_POSITION_OFFSET);
        assertEquals(912, QueueDescriptor.CORRUPTION_VALUE_OFFSET);
        assertEquals(1024, QueueDescriptor.CONTROL_LENGTH);
        assertEquals(1024, QueueDescriptor.RING_OFFSET);
        assertEquals(768, QueueDescriptor.RING_TRAILER_LENGTH);
        assertEquals(1024 + 4096 + 768, QueueDescriptor.payloadLength(QueueMode.ONE_TO_ONE, 4096));
        assertEquals(1024 + 4096 + 384, QueueDescriptor.payloadLength(QueueMode.MANY_TO_MANY, 4096));
    }

    @Test
    void shouldMatchSlotDiagram()
    {
        assertEquals(0, ManyToManyQueue.STATE_OFFSET);
        assertEquals(8, ManyToManyQueue.LENGTH_OFFSET);
        assertEquals(16, ManyToManyQueue.SLOT_HEADER_LENGTH);
        assertEquals(128, ManyToManyQueue.TAIL_POSITION_OFFSET);
        assertEquals(256, ManyToManyQueue.HEAD_POSITION_OFFSET);
        assertEquals(384, ManyToManyQueue.TRAILER_LENGTH);
        assertEquals(22, ManyToManyQueue.STATE_SHIFT);
        assertEquals(24, ManyToManyQueue.LAP_SHIFT);

        final long word = ManyToManyQueue.word(0xAB_CDEF_0123L, ManyToManyQueue.READING, 4_194_303);
        assertEquals(0xAB_CDEF_0123L, ManyToManyQueue.lapOf(word));
        assertEquals(ManyToManyQueue.READING, ManyToManyQueue.stateOf(word));
        assertEquals(4_194_303, ManyToManyQueue.pidOf(word));
        assertEquals(0xAB_CDEF_0123L << 24 | 3L << 22 | 4_194_303L, word);
        assertEquals(0L, ManyToManyQueue.word(0, ManyToManyQueue.EMPTY, 0), "a zeroed slot is EMPTY on lap 0");

        final long lastLap = (1L << 40) - 1;
        final long wrapped = ManyToManyQueue.lapOf(ManyToManyQueue.word(lastLap + 1, ManyToManyQueue.EMPTY, 0));
        assertEquals(0L, wrapped, "the lap wraps at 2^40");
        assertEquals(1L, ManyToManyQueue.lapDiff(wrapped, lastLap), "ahead across the wrap");
        assertEquals(-1L, ManyToManyQueue.lapDiff(lastLap, wrapped), "behind across the wrap");
        assertEquals(0L, ManyToManyQueue.lapDiff(5, 5));
    }

    @Test
    void shouldRecordLeasesAsTheIdentityWordOfTheLivenessPackage()
    {
        // the diagram's formula, (startMs - 2020-01-01) << 22 | pid: the encoding itself is pinned by OwnerWordsTest
        final long startMs = OwnerWords.START_EPOCH_MS + 123_456_789L;
        assertEquals(123_456_789L << 22 | 4_194_303L, OwnerWords.identity(4_194_303, startMs));
        assertTrue(Liveness.of(tns.path()).isOwnerAlive(OwnerWords.selfIdentity(), Liveness.DEFAULT_STALE_AFTER_NS));
        assertEquals(ProcessHandle.current().pid(), OwnerWords.selfPid());
    }

    @Test
    void shouldWriteWhatTheDiagramsSay()
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", QueueMode.MANY_TO_ONE, 4096);
             Region raw = Region.open(tns.directory(), "q", RegionKind.QUEUE))
        {
            final AtomicBuffer params = raw.params();
            assertEquals(QueueMode.MANY_TO_ONE.code(), params.getInt(0));
            assertEquals(1, params.getInt(4));
            assertEquals(4096, params.getInt(8));
            assertEquals(512, params.getInt(12));
            assertEquals(0, params.getInt(16));
            assertEquals(1024, params.getInt(20));
            assertEquals(4096 + 768, params.getInt(24));
            assertEquals(0, params.getInt(28));
            assertEquals(384, params.getInt(32));
            assertEquals(64, params.getInt(36));

            final AtomicBuffer payload = raw.payload();
            assertEquals(OwnerWords.selfIdentity(), payload.getLong(384), "creator recorded in the process table");
            assertTrue(q.offer(new byte[]{ 1, 2, 3 }));
            assertEquals(16L, payload.getLong(1024 + 4096 + 128), "Agrona tail after one 3-byte record");
            assertEquals(8 + 3, payload.getInt(1024), "Agrona record length");
            assertEquals(OwnerWords.selfPid(), payload.getInt(1024 + 4), "record type is the producer pid");
            assertTrue(q.poll((b, o, l) -> {}));
            assertEquals(16L, payload.getLong(1024 + 4096 + 384), "Agrona head");
            assertEquals(16L, payload.getLong(264), "pending position");
            assertEquals(OwnerWords.selfIdentity(), payload.getLong(256), "consumer lease");
            q.markClosed();
            assertEquals(1, payload.getInt(0), "closed flag");
        }
        try (MessageQueue q = MessageQueue.create(ns(), "m", QueueMode.MANY_TO_MANY, 4096);
             Region raw = Region.open(tns.directory(), "m", RegionKind.QUEUE))
        {
            final AtomicBuffer params = raw.params();
            assertEquals(512 - 16, params.getInt(12));
            assertEquals(512, params.getInt(16));
            assertEquals(4096 + 384, params.getInt(24));
            final int index = q.tryClaim(5);
            assertEquals(16, index);
            final AtomicBuffer payload = raw.payload();
            assertEquals(ManyToManyQueue.word(0, ManyToManyQueue.WRITING, OwnerWords.selfPid()), payload.getLong(1024));
            assertEquals(5, payload.getInt(1024 + 8));
            assertEquals(1L, payload.getLong(1024 + 4096 + 128), "tail");
            q.commit(index);
            assertEquals(ManyToManyQueue.word(0, ManyToManyQueue.FULL, 0), payload.getLong(1024));
            assertTrue(q.poll((b, o, l) -> assertEquals(5, l)));
            assertEquals(ManyToManyQueue.word(1, ManyToManyQueue.EMPTY, 0), payload.getLong(1024), "next lap");
            assertEquals(1L, payload.getLong(1024 + 4096 + 256), "head");
        }
    }

    @Test
    void shouldDescribeQueueForInspect()
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", QueueMode.ONE_TO_ONE, 4096))
        {
            assertTrue(q.offer(new byte[10]));
            assertTrue(q.offer(new byte[10]));
            assertTrue(q.poll((b, o, l) -> {}));
            final Map<String, String> map = QueueInspector.describe(q.region());
            final long pid = ProcessHandle.current().pid();
            assertEquals(
                "{mode=ONE_TO_ONE, capacity_bytes=4096, max_message_length=512, producer_position=48, " +
                "consumer_position=24, depth_bytes=24, depth_messages=1, closed=false, " +
                "producer_lease=pid " + pid + " (alive), consumer_lease=pid " + pid + " (alive), " +
                "consumer_pending_position=24, processes=[" + pid + "]}",
                map.toString());
        }
        try (MessageQueue q = MessageQueue.create(ns(), "m", QueueMode.MANY_TO_MANY, 4096))
        {
            assertTrue(q.offer(new byte[10]));
            final int claim = q.tryClaim(4);
            q.markClosed();
            final long pid = ProcessHandle.current().pid();
            assertEquals(
                "{mode=MANY_TO_MANY, capacity_bytes=4096, max_message_length=496, slot_length=512, slots=8, " +
                "producer_position=2, consumer_position=0, depth_messages=2, closed=true, " +
                "slots_writing=1 [" + pid + "], slots_reading=0, processes=[" + pid + "]}",
                QueueInspector.describe(q.region()).toString());
            q.commit(claim);
        }
    }

    private void corrupt(final QueueMode mode, final Consumer<Region> damage)
    {
        MessageQueue.create(ns(), "q", mode, 4096).close();
        try (Region raw = Region.open(tns.directory(), "q", RegionKind.QUEUE))
        {
            damage.accept(raw);
        }
    }

    private RegionParameterException openFails()
    {
        return assertThrows(RegionParameterException.class, () -> MessageQueue.open(ns(), "q"));
    }

    @Test
    void shouldRefuseCapacityNotPowerOfTwo()
    {
        corrupt(QueueMode.ONE_TO_ONE, r -> r.params().putInt(QueueDescriptor.CAPACITY_OFFSET, 3000));
        assertEquals(
            "queue capacity invalid: name=q, capacity=3000, min=64, max=1073741824, rule=power of two",
            openFails().getMessage());
    }

    @Test
    void shouldRefuseUnknownMode()
    {
        corrupt(QueueMode.ONE_TO_ONE, r -> r.params().putInt(QueueDescriptor.MODE_OFFSET, 77));
        assertEquals("queue mode unknown: name=q, code=77", openFails().getMessage());
    }

    @Test
    void shouldRefuseMaxMessageLengthBeyondLimit()
    {
        corrupt(QueueMode.MANY_TO_ONE, r -> r.params().putInt(QueueDescriptor.MAX_MESSAGE_LENGTH_OFFSET, 513));
        assertEquals("queue max message length invalid: name=q, max_message_length=513, limit=512",
            openFails().getMessage());
    }

    @Test
    void shouldRefuseRingBeyondPayload()
    {
        corrupt(QueueMode.ONE_TO_ONE, r ->
        {
            r.params().putInt(QueueDescriptor.CAPACITY_OFFSET, 1 << 20);
            r.params().putInt(QueueDescriptor.RING_LENGTH_OFFSET, (1 << 20) + 768);
        });
        assertEquals("queue ring beyond payload: name=q, capacity=1048576, required_payload=1050368, " +
            "payload_length=5888", openFails().getMessage());
    }

    @Test
    void shouldRefuseLayoutMismatch()
    {
        corrupt(QueueMode.MANY_TO_MANY, r -> r.params().putInt(QueueDescriptor.RING_LENGTH_OFFSET, 99));
        assertEquals("queue layout mismatch: name=q, ring_length=99, expected=4480", openFails().getMessage());
    }

    @Test
    void shouldRefuseSlotLengthMismatch()
    {
        corrupt(QueueMode.MANY_TO_MANY, r -> r.params().putInt(QueueDescriptor.SLOT_LENGTH_OFFSET, 96));
        assertEquals("queue slot length invalid: name=q, slot_length=96, expected=512", openFails().getMessage());
    }

    @Test
    void shouldRefuseRingPositionsBeyondCapacity()
    {
        corrupt(QueueMode.MANY_TO_ONE, r -> r.payload().putLong(1024 + 4096 + 128, 4096 + 8));
        assertEquals("queue positions invalid: name=q, head=0, tail=4104, capacity=4096", openFails().getMessage());
    }

    @Test
    void shouldRefuseUnalignedRingPosition()
    {
        corrupt(QueueMode.ONE_TO_ONE, r ->
        {
            r.payload().putLong(1024 + 4096 + 128, 13);
            r.payload().putLong(1024 + 4096 + 384, 13);
        });
        assertEquals("queue positions invalid: name=q, head=13, tail=13, capacity=4096", openFails().getMessage());
    }

    @Test
    void shouldRefuseSlotPositionsBeyondCapacity()
    {
        corrupt(QueueMode.MANY_TO_MANY, r ->
        {
            r.payload().putLong(1024 + 4096 + 128, 100);
            r.payload().putLong(1024 + 4096 + 256, 50);
        });
        assertEquals("queue positions invalid: name=q, head=50, tail=100, slots=8", openFails().getMessage());
    }

    @Test
    void shouldRefuseFileShorterThanItsHeaderSays() throws Exception
    {
        MessageQueue.create(ns(), "q", QueueMode.MANY_TO_MANY, 4096).close();
        try (RandomAccessFile file = new RandomAccessFile(tns.path().resolve("q").toFile(), "rw"))
        {
            file.setLength(file.length() - 1000);
        }
        final RegionLengthException ex = assertThrows(RegionLengthException.class, () -> MessageQueue.open(ns(), "q"));
        assertTrue(ex.getMessage().startsWith("region lengths beyond file: name=q"), ex.getMessage());
    }

    @Test
    void shouldRefuseInvalidCapacityOnCreate()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> MessageQueue.create(ns(), "q", QueueMode.ONE_TO_ONE, 1000));
        assertEquals("queue capacity invalid: name=q, capacity=1000, min=64, max=1073741824, rule=power of two",
            ex.getMessage());
        final IllegalArgumentException max = assertThrows(IllegalArgumentException.class,
            () -> MessageQueue.create(ns(), "q", QueueMode.MANY_TO_MANY, 1024,
                QueueOptions.defaults().withMaxMessageLength(600)));
        assertEquals("queue max message length invalid: name=q, max_message_length=600, limit=496, " +
            "mode=MANY_TO_MANY, capacity=1024", max.getMessage());
        assertFalse(ns().exists("q"));
    }
}

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
import dev.mmipc.codec.Codecs;
import dev.mmipc.exceptions.RegionKindException;
import dev.mmipc.exceptions.RegionLengthException;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.OwnerWords;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionFiles;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.TestNamespace;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * MANY_TO_MANY after a lap: the positions shown are the tail and the head as they stand, the depth between them.
     */
    @Test
    void shouldDescribeManyToManyPositionsAfterALap()
    {
        try (MessageQueue q = MessageQueue.create(ns(), "m", QueueMode.MANY_TO_MANY, 4096))
        {
            for (int i = 0; i < 10; i++)
            {
                assertTrue(q.offer(new byte[] { (byte)i }));
                assertTrue(q.poll((b, o, l) -> { }));
            }
            for (int i = 0; i < 3; i++)
            {
                assertTrue(q.offer(new byte[] { (byte)i }));
            }
            final Map<String, String> map = QueueInspector.describe(q.region());
            assertEquals("13", map.get("producer_position"));
            assertEquals("10", map.get("consumer_position"));
            assertEquals("3", map.get("depth_messages"));
        }
    }

    /**
     * A queue marked corrupt is shown with the record a handle left (and the record is not taken for a process of
     * the table before it); a closed flag no queue writes is shown as invalid, with its value.
     */
    @Test
    void shouldDescribeACorruptQueueAndAnInvalidClosedFlag()
    {
        try (MessageQueue q = MessageQueue.create(ns(), "m", QueueMode.MANY_TO_MANY, 4096);
             Region raw = Region.open(tns.directory(), "m", RegionKind.QUEUE))
        {
            final AtomicBuffer payload = raw.payload();
            payload.putInt(QueueDescriptor.CORRUPTION_CODE_OFFSET, QueueCorruption.SLOT_WORD);
            payload.putLong(QueueDescriptor.CORRUPTION_POSITION_OFFSET, 9);
            payload.putLong(QueueDescriptor.CORRUPTION_VALUE_OFFSET, 77);
            payload.putIntVolatile(QueueDescriptor.CLOSED_FLAG_OFFSET, QueueCorruption.CORRUPT);
            final long pid = ProcessHandle.current().pid();
            assertEquals(
                "{mode=MANY_TO_MANY, capacity_bytes=4096, max_message_length=496, slot_length=512, slots=8, " +
                "producer_position=0, consumer_position=0, depth_messages=0, closed=corrupt, " +
                "corruption=code=4, position=9, value=77, slots_writing=0, slots_reading=0, processes=[" + pid + "]}",
                QueueInspector.describe(q.region()).toString());

            payload.putIntVolatile(QueueDescriptor.CLOSED_FLAG_OFFSET, 7);
            final Map<String, String> map = QueueInspector.describe(q.region());
            assertEquals("invalid(7)", map.get("closed"));
            assertFalse(map.containsKey("corruption"));
            payload.putIntVolatile(QueueDescriptor.CLOSED_FLAG_OFFSET, QueueCorruption.OPEN);
        }
    }

    /**
     * The task count of a joinable queue: the queue it belongs to, its layout version and the unfinished tasks;
     * a region of another kind, or of another layout version, is refused; a count with no queue name shows "-".
     */
    @Test
    void shouldDescribeTheTaskCountOfAJoinableQueue()
    {
        try (JoinableQueue<String> jq = JoinableQueue.create(ns(), "jq", QueueMode.MANY_TO_MANY, 4096, Codecs.utf8());
             Region tasks = Region.open(tns.directory(), "jq.tasks", RegionKind.QUEUE_TASKS);
             Region queue = Region.open(tns.directory(), "jq", RegionKind.QUEUE))
        {
            assertEquals("{queue=jq, layout_version=1, unfinished_tasks=0}", QueueInspector.describeTasks(tasks).toString());
            assertTrue(jq.offer("a"));
            assertTrue(jq.offer("b"));
            assertEquals("{queue=jq, layout_version=1, unfinished_tasks=2}", QueueInspector.describeTasks(tasks).toString());

            assertEquals("region kind mismatch: name=jq, expected=QUEUE_TASKS, actual=QUEUE",
                assertThrows(RegionKindException.class, () -> QueueInspector.describeTasks(queue)).getMessage());
            assertEquals("region kind mismatch: name=jq.tasks, expected=QUEUE, actual=QUEUE_TASKS",
                assertThrows(RegionKindException.class, () -> QueueInspector.describe(tasks)).getMessage());

            tasks.params().putLong(JoinableQueueDescriptor.LAYOUT_VERSION_PARAM_OFFSET, 2);
            final RegionParameterException version = assertThrows(RegionParameterException.class,
                () -> QueueInspector.describeTasks(tasks));
            assertTrue(version.getMessage().startsWith(
                "joinable queue task count invalid: name=jq.tasks, layout_version=2, expected=1"), version.getMessage());
            tasks.params().putLong(JoinableQueueDescriptor.LAYOUT_VERSION_PARAM_OFFSET, JoinableQueueDescriptor.LAYOUT_VERSION);
        }
        try (Region orphan = Region.create(tns.directory(), "orphan", RegionKind.QUEUE_TASKS,
            JoinableQueueDescriptor.PAYLOAD_LENGTH, (params, payload) ->
                params.putLong(JoinableQueueDescriptor.LAYOUT_VERSION_PARAM_OFFSET, JoinableQueueDescriptor.LAYOUT_VERSION)))
        {
            assertEquals("{queue=-, layout_version=1, unfinished_tasks=0}", QueueInspector.describeTasks(orphan).toString());
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

    /**
     * The message limit of every valid capacity, the smallest and the largest included; any other capacity is
     * refused with the rule it breaks.
     */
    @Test
    void shouldGiveTheMessageLimitOfTheSmallestAndLargestCapacity()
    {
        assertEquals(8, MessageQueue.maxMessageLimit(QueueMode.ONE_TO_ONE, MessageQueue.MIN_CAPACITY));
        assertEquals(16, MessageQueue.maxMessageLimit(QueueMode.MANY_TO_MANY, MessageQueue.MIN_CAPACITY));
        assertEquals(1 << 27, MessageQueue.maxMessageLimit(QueueMode.MANY_TO_ONE, MessageQueue.MAX_CAPACITY));
        assertEquals((1 << 29) - 16, MessageQueue.maxMessageLimit(QueueMode.MANY_TO_MANY, MessageQueue.MAX_CAPACITY));
        for (final int capacity : new int[] { 32, 63, 96, 0, -64, Integer.MIN_VALUE, Integer.MAX_VALUE })
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> MessageQueue.maxMessageLimit(QueueMode.ONE_TO_ONE, capacity));
            assertEquals("queue capacity invalid: name=-, capacity=" + capacity + ", min=64, max=1073741824, " +
                "rule=power of two", ex.getMessage());
        }
    }

    /**
     * The shortest maximum message length, 1 byte, is a valid header: created, reopened, and used.
     */
    @Test
    void shouldOpenAQueueWhoseLongestMessageIsOneByte()
    {
        final QueueOptions options = QueueOptions.defaults().withMaxMessageLength(1);
        try (MessageQueue q = MessageQueue.create(ns(), "q", QueueMode.MANY_TO_ONE, 64, options);
             MessageQueue opened = MessageQueue.open(ns(), "q"))
        {
            assertEquals(1, opened.maxMessageLength());
            assertTrue(q.offer(new byte[] { 42 }));
            assertTrue(opened.poll((b, o, l) -> assertEquals(42, b.getByte(o))));
        }
    }

    /**
     * Each layout int of the header (where the ring, the closed flag and the process table are, and how long the
     * table is) must be this version's: another value is refused by name, and the refused open holds nothing.
     */
    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "20, ring_offset, 1088, 1024",
        "24, ring_length, 4096, 4480",
        "28, closed_flag_offset, 8, 0",
        "32, process_table_offset, 0, 384",
        "36, process_table_entries, 32, 64" })
    void shouldRefuseEachLayoutIntOfAnotherLayout(final int offset, final String key, final int value, final int expected)
        throws Exception
    {
        corrupt(QueueMode.MANY_TO_MANY, r -> r.params().putInt(offset, value));
        assertEquals("queue layout mismatch: name=q, " + key + "=" + value + ", expected=" + expected,
            openFails().getMessage());
        assertEquals(RegionFiles.Removal.UNUSED, RegionFiles.removeIfUnused(tns.path().resolve("q"), null, true));
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

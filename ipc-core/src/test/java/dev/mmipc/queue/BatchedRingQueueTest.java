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
import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.TestNamespace;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link RingEngine#BATCHED}, in one process: what its protocol changes (records published by the tail alone, claims
 * published when none is outstanding, the whole capacity usable, no claim ever visible), and what it keeps (order,
 * wrap-around, bounded refusal of corrupt lengths and positions). Crash behaviour across processes is in the
 * engine-parameterised crash tests.
 */
class BatchedRingQueueTest
{
    private static final int CAPACITY = 1024;
    private static final QueueOptions BATCHED = QueueOptions.defaults().withRingEngine(RingEngine.BATCHED);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }

    private MessageQueue create()
    {
        return create("q");
    }

    private MessageQueue create(final String name)
    {
        return MessageQueue.create(namespace(), name, QueueMode.ONE_TO_ONE, CAPACITY, BATCHED);
    }

    private static UnsafeBuffer message(final int sequence, final int length)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[Math.max(length, Integer.BYTES)]);
        message.setMemory(0, length, (byte)sequence);
        if (length >= Integer.BYTES)
        {
            message.putInt(0, sequence);
        }
        return message;
    }

    @Test
    void shouldDeliverMessagesOfEveryLengthInOrderAcrossManyWraps()
    {
        final Random random = new Random(42);
        try (MessageQueue q = create())
        {
            final List<Integer> lengths = new ArrayList<>();
            final int[] received = {0};
            int sent = 0;
            while (received[0] < 5_000)
            {
                while (sent < 5_000)
                {
                    final int length = Integer.BYTES + random.nextInt(q.maxMessageLength() - Integer.BYTES + 1);
                    if (!q.offer(message(sent, length), 0, length))
                    {
                        break;
                    }
                    lengths.add(length);
                    sent++;
                }
                final int got = q.drain((buffer, offset, length) ->
                {
                    final int sequence = buffer.getInt(offset);
                    assertEquals(received[0], sequence, "in order");
                    assertEquals(lengths.get(sequence), length);
                    for (int i = Integer.BYTES; i < length; i++)
                    {
                        assertEquals((byte)sequence, buffer.getByte(offset + i), "byte " + i);
                    }
                    received[0]++;
                }, 1 + random.nextInt(7));
                assertTrue(got > 0, "sent " + sent + ", received " + received[0] + ": every drain finds a message");
            }
            assertEquals(5_000, sent);
            assertTrue(q.isEmpty());
        }
    }

    @Test
    void shouldUseTheWholeCapacityAndRefuseTheNextMessage()
    {
        try (MessageQueue q = create())
        {
            assertTrue(q.isEmpty());
            assertEquals(CAPACITY, q.remainingCapacity());
            for (int i = 0; i < 16; i++)
            {
                assertTrue(q.offer(message(i, 56), 0, 56), "64-byte record " + i + " of 16");
                assertFalse(q.isEmpty());
                assertEquals(CAPACITY - 64 * (i + 1), q.remainingCapacity(), "after record " + i);
            }
            assertFalse(q.offer(message(16, 1), 0, 1), "full: not even a header fits");
            assertEquals(0, q.remainingCapacity());
            assertEquals(16, q.size());
            assertTrue(q.poll((b, o, l) -> assertEquals(0, b.getInt(o))));
            assertEquals(64, q.remainingCapacity(), "one record's room, once the head has moved");
            assertTrue(q.offer(message(16, 56), 0, 56), "the room one message made");
            assertFalse(q.offer(message(17, 1), 0, 1));
        }
    }

    @Test
    void shouldPublishClaimsOnlyWhenNoneIsOutstanding()
    {
        try (MessageQueue q = create(); MessageQueue consumer = MessageQueue.open(namespace(), "q"))
        {
            final int first = q.tryClaim(8);
            final int second = q.tryClaim(8);
            final int third = q.tryClaim(8);
            q.buffer().putLong(first, 1);
            q.buffer().putLong(second, 2);
            q.buffer().putLong(third, 3);
            final UnsafeBuffer four = new UnsafeBuffer(new byte[8]);
            four.putLong(0, 4);
            assertTrue(q.offer(four, 0, 8), "an offer while claims are outstanding goes after them");
            assertTrue(consumer.isEmpty(), "nothing is published while claims are outstanding");
            q.commit(third);
            q.abort(second);
            assertEquals(0, consumer.drain((b, o, l) -> fail("published early"), 10));
            q.commit(first);
            final List<Long> got = new ArrayList<>();
            assertEquals(3, consumer.drain((b, o, l) -> got.add(b.getLong(o)), 10));
            assertEquals(List.of(1L, 3L, 4L), got);
            assertTrue(consumer.isEmpty(), "the aborted claim was padding");
        }
    }

    @Test
    void shouldRefuseACommitOrAbortOfNoOutstandingClaim()
    {
        try (MessageQueue q = create())
        {
            final int index = q.tryClaim(16);
            q.commit(index);
            final IllegalStateException twice = assertThrows(IllegalStateException.class, () -> q.commit(index));
            assertEquals("no claim outstanding at this index: name=q, index=" + index + ", outstanding=0", twice.getMessage());
            assertThrows(IllegalStateException.class, () -> q.abort(index));
            final int next = q.tryClaim(16);
            for (final int wrong : new int[] {next - 8, next + 8, next + 1, 0, -8, CAPACITY, Integer.MAX_VALUE, Integer.MIN_VALUE})
            {
                assertThrows(IllegalStateException.class, () -> q.commit(wrong), "index " + wrong);
            }
            q.commit(next);
            assertEquals(2, q.size());
        }
    }

    @Test
    void shouldDeliverWhatWasPublishedAfterTheTailTheConsumerLastRead()
    {
        try (MessageQueue q = create())
        {
            for (int i = 0; i < 4; i++)
            {
                assertTrue(q.offer(message(i, 8), 0, 8));
            }
            assertTrue(q.poll((b, o, l) -> assertEquals(0, b.getInt(o))), "reads the tail: 4 messages");
            assertTrue(q.offer(message(4, 8), 0, 8));
            final List<Integer> got = new ArrayList<>();
            assertEquals(4, q.drain((b, o, l) -> got.add(b.getInt(o)), 100));
            assertEquals(List.of(1, 2, 3, 4), got);
        }
    }

    @Test
    void shouldStoreItsEngineAndRefuseAnotherOrAnotherMode()
    {
        try (MessageQueue q = create())
        {
            assertEquals(RingEngine.BATCHED, q.options().ringEngine());
            try (Region raw = Region.open(ns.directory(), "q", RegionKind.QUEUE))
            {
                assertEquals(QueueDescriptor.BATCHED_LAYOUT_VERSION, raw.params().getInt(QueueDescriptor.LAYOUT_VERSION_OFFSET));
            }
            final RegionParameterException mismatch = assertThrows(RegionParameterException.class, () -> MessageQueue.open(
                namespace(), "q", QueueOptions.defaults().withRingEngine(RingEngine.AGRONA)));
            assertEquals("queue parameters mismatch: name=q, key=ring_engine, expected=AGRONA, actual=BATCHED",
                mismatch.getMessage());
            try (MessageQueue same = MessageQueue.open(namespace(), "q", BATCHED))
            {
                assertTrue(same.isEmpty());
            }
        }
        for (final QueueMode mode : new QueueMode[] {QueueMode.MANY_TO_ONE, QueueMode.MANY_TO_MANY})
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> MessageQueue.create(namespace(), "m", mode, CAPACITY, BATCHED));
            assertEquals("queue ring engine invalid: name=m, ring_engine=BATCHED, mode=" + mode +
                ", rule=only ONE_TO_ONE has a choice", ex.getMessage());
            assertFalse(namespace().exists("m"), "nothing made");
        }
    }

    @Test
    void shouldMarkCorruptANegativeOrOverlongLengthBelowTheTail()
    {
        // below a header; negative (no claim is ever below the tail); past the tail; longer than a header and the longest
        // message (136) yet before the tail (464)
        for (final int corrupt : new int[] {-16, -1, 0, 7, 9 + CAPACITY, Integer.MAX_VALUE, Integer.MIN_VALUE, 137, 200, 456})
        {
            final String name = "l" + Integer.toUnsignedString(corrupt);
            try (MessageQueue q = create(name); Region raw = Region.open(ns.directory(), name, RegionKind.QUEUE))
            {
                assertTrue(q.offer(message(0, 8), 0, 8));
                for (int i = 1; i <= 4; i++)
                {
                    assertTrue(q.offer(message(i, 100), 0, 100)); // 112 bytes each: the tail at 464
                }
                final AtomicBuffer ring = new UnsafeBuffer(raw.payload(), QueueDescriptor.RING_OFFSET, CAPACITY);
                ring.putInt(16, corrupt); // the second record's length
                final List<Integer> got = new ArrayList<>();
                final RegionFormatException ex = assertThrows(RegionFormatException.class,
                    () -> q.drain((b, o, l) -> got.add(b.getInt(o)), 10), "length " + corrupt);
                assertEquals("queue record length invalid: name=" + name + ", position=16, index=16, record_length=" + corrupt +
                    ", capacity=" + CAPACITY, ex.getMessage());
                assertEquals(List.of(0), got, "the record before it is delivered, nothing past it");
                assertThrows(RegionFormatException.class, () -> q.offer(message(2, 8), 0, 8), "marked corrupt for every call");
            }
        }
    }

    @Test
    void shouldMarkCorruptATailMoreThanACapacityAheadOrMisaligned()
    {
        for (final long tail : new long[] {CAPACITY + 8, 4, -8, Long.MAX_VALUE, Long.MIN_VALUE})
        {
            final String name = "t" + Long.toUnsignedString(tail);
            try (MessageQueue q = create(name); Region raw = Region.open(ns.directory(), name, RegionKind.QUEUE))
            {
                final AtomicBuffer ring = new UnsafeBuffer(
                    raw.payload(), QueueDescriptor.RING_OFFSET, QueueDescriptor.ringLength(QueueMode.ONE_TO_ONE, CAPACITY));
                ring.putLongVolatile(CAPACITY + RingBufferDescriptor.TAIL_POSITION_OFFSET, tail);
                final RegionFormatException ex = assertThrows(RegionFormatException.class,
                    () -> q.drain((b, o, l) -> fail("delivered"), 10), "tail " + tail);
                assertEquals("queue positions invalid: name=" + name + ", head=0, tail=" + tail + ", capacity=" + CAPACITY,
                    ex.getMessage());
            }
        }
    }
}

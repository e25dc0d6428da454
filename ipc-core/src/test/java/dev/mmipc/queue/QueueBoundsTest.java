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
import dev.mmipc.exceptions.MessageTooLongException;
import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.liveness.OwnerWords;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.WriteWords;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The bounds of the queue engines, each on every record of a batch and with the batch near or across the end of the
 * ring, after a lap (so positions and indexes differ): record and slot lengths written into the ring by another
 * writer of the file (0, 1, the longest message and one more, capacity - 1, capacity, negative), drain limits when a
 * batch straddles the ring end, the positions checked on open, and messages of every length up to the longest.
 * A refused length names the record, delivers nothing past it and leaves the head on it.
 */
class QueueBoundsTest
{
    private static final int CAPACITY = 1024;
    /** Agrona's limit for the ring-buffer modes at this capacity: capacity / 8; a record is 8 bytes more. */
    private static final int RING_MAX_MESSAGE = CAPACITY / 8;
    /** MANY_TO_MANY's default at this capacity: slots of 128 bytes, 16 of them a header. */
    private static final int SLOT_LENGTH = 128;
    private static final int SLOTS = CAPACITY / SLOT_LENGTH;
    private static final int SLOT_MAX_MESSAGE = SLOT_LENGTH - ManyToManyQueue.SLOT_HEADER_LENGTH;
    /** 24 bytes and Agrona's 8-byte header: 32-byte records. */
    private static final int MESSAGE_LENGTH = 24;
    private static final int RECORD_LENGTH = 32;
    /** Records in the batch whose lengths are corrupted, the last one ending at the ring end. */
    private static final int BATCH = 6;
    /** Index of the batch's first record: the batch runs to the end of the ring. */
    private static final int BATCH_INDEX = CAPACITY - BATCH * RECORD_LENGTH;
    /** Messages cycled through the ring before the batch: a lap, then up to the batch's first record. */
    private static final int RING_CYCLED = (CAPACITY + BATCH_INDEX) / RECORD_LENGTH;
    /** MANY_TO_MANY: the batch starts 3 slots before the end of the slots, after 3 laps. */
    private static final int SLOTS_CYCLED = 3 * SLOTS + SLOTS - 3;
    private static final int POLLS_BOUND = 4 * (RingQueue.EMPTY_POLL_TAIL_MASK + 1);

    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    private final UnsafeBuffer message = new UnsafeBuffer(new byte[RING_MAX_MESSAGE + 1]);

    private Namespace ns()
    {
        return Namespace.of(tns.directory());
    }

    private Path file()
    {
        return tns.path().resolve("q");
    }

    /** File offset of byte {@code index} of the ring. */
    private static long ringFileOffset(final int index)
    {
        return RegionDescriptor.HEADER_LENGTH + QueueDescriptor.RING_OFFSET + index;
    }

    private static int ringHeadIndex(final QueueMode mode)
    {
        return CAPACITY + (mode == QueueMode.MANY_TO_MANY ?
            ManyToManyQueue.HEAD_POSITION_OFFSET : RingBufferDescriptor.HEAD_POSITION_OFFSET);
    }

    private static int ringTailIndex(final QueueMode mode)
    {
        return CAPACITY + (mode == QueueMode.MANY_TO_MANY ?
            ManyToManyQueue.TAIL_POSITION_OFFSET : RingBufferDescriptor.TAIL_POSITION_OFFSET);
    }

    private long rawHead(final QueueMode mode)
    {
        try (Region region = Region.open(tns.directory(), "q", RegionKind.QUEUE))
        {
            return region.payload().getLongVolatile(QueueDescriptor.RING_OFFSET + ringHeadIndex(mode));
        }
    }

    private long rawTail(final QueueMode mode)
    {
        try (Region region = Region.open(tns.directory(), "q", RegionKind.QUEUE))
        {
            return region.payload().getLongVolatile(QueueDescriptor.RING_OFFSET + ringTailIndex(mode));
        }
    }

    /** Message {@code sequence} of {@code length} bytes: its sequence, then bytes derived from it. */
    private UnsafeBuffer message(final int sequence, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            message.putByte(i, (byte)(sequence * 7 + i));
        }
        if (length >= Integer.BYTES)
        {
            message.putInt(0, sequence);
        }
        return message;
    }

    private static void checkMessage(final DirectBuffer buffer, final int offset, final int length, final int sequence)
    {
        for (int i = length >= Integer.BYTES ? Integer.BYTES : 0; i < length; i++)
        {
            assertEquals((byte)(sequence * 7 + i), buffer.getByte(offset + i), "byte " + i + " of message " + sequence);
        }
    }

    /** Offer then take {@code count} messages, one at a time: moves the positions on without leaving anything. */
    private void cycle(final MessageQueue q, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            assertTrue(q.offer(message(i, MESSAGE_LENGTH), 0, MESSAGE_LENGTH), "cycle offer " + i);
            assertEquals(1, q.drain((buffer, offset, length) -> assertEquals(MESSAGE_LENGTH, length), 1), "cycle " + i);
        }
    }

    private void offerBatch(final MessageQueue q, final int count)
    {
        for (int sequence = 0; sequence < count; sequence++)
        {
            assertTrue(q.offer(message(sequence, MESSAGE_LENGTH), 0, MESSAGE_LENGTH), "offer " + sequence);
        }
    }

    /** A handler that records sequences, checking each message's length and bytes. */
    private static MessageHandler recorder(final List<Integer> got)
    {
        return (buffer, offset, length) ->
        {
            assertEquals(MESSAGE_LENGTH, length, "length of message " + got.size());
            final int sequence = buffer.getInt(offset);
            checkMessage(buffer, offset, length, sequence);
            got.add(sequence);
        };
    }

    /**
     * Drain until the queue reports corruption, within {@link #POLLS_BOUND} calls (a negative length is looked at
     * only once a poll finds nothing, and the tail on every 64th empty poll).
     */
    private static RegionFormatException drainUntilCorrupt(final MessageQueue q, final MessageHandler handler)
    {
        for (int calls = 0; calls < POLLS_BOUND; calls++)
        {
            try
            {
                q.drain(handler, Integer.MAX_VALUE);
            }
            catch (final RegionFormatException ex)
            {
                return ex;
            }
        }
        return fail("no corruption reported by " + POLLS_BOUND + " drains");
    }

    static Stream<Arguments> ringModesRecordsAndLengths()
    {
        final List<Arguments> arguments = new ArrayList<>();
        for (final QueueMode mode : List.of(QueueMode.ONE_TO_ONE, QueueMode.MANY_TO_ONE))
        {
            for (int record = 0; record < BATCH; record++)
            {
                final int room = CAPACITY - (BATCH_INDEX + record * RECORD_LENGTH);
                for (final int length : new int[] {
                    1, 7, room + 1, RING_MAX_MESSAGE + 8 + 1, CAPACITY - 1, CAPACITY, Integer.MAX_VALUE,
                    -1, -(room + 8), -(RING_MAX_MESSAGE + 8 + 1), Integer.MIN_VALUE})
                {
                    arguments.add(Arguments.of(mode, record, length));
                }
            }
        }
        return arguments.stream();
    }

    /**
     * ONE_TO_ONE and MANY_TO_ONE: an impossible length in any record of a batch that runs to the ring end (shorter
     * than a header, past the end of the ring, longer than a header and the longest message, or a negative one no claim
     * has) is refused with the record's position; the records before it are delivered once, in order, nothing after
     * it, and the head stays on it.
     */
    @ParameterizedTest(name = "{0}: record {1} of the batch, length {2}")
    @MethodSource("ringModesRecordsAndLengths")
    void shouldRefuseImpossibleRecordLengthOnEveryRecordOfABatch(final QueueMode mode, final int record, final int length)
        throws IOException
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", mode, CAPACITY))
        {
            assertEquals(RING_MAX_MESSAGE, q.maxMessageLength());
            cycle(q, RING_CYCLED);
            offerBatch(q, BATCH);
            final int index = BATCH_INDEX + record * RECORD_LENGTH;
            final long position = CAPACITY + index;
            WriteWords.write(file(), ringFileOffset(index), Integer.BYTES, length);
            if (!RingRecords.isRecordLength(length, CAPACITY - index))
            {
                assertEquals(record, q.size(), "the count stops at a length no record has");
            }

            final List<Integer> got = new ArrayList<>();
            final RegionFormatException ex = drainUntilCorrupt(q, recorder(got));
            final String expected = "queue record length invalid: name=q, position=" + position + ", index=" + index +
                ", record_length=" + length + ", capacity=" + CAPACITY;
            assertEquals(expected, ex.getMessage());
            assertEquals(IntStream.range(0, record).boxed().toList(), got, "the records before it, once each");
            assertEquals(position, rawHead(mode), "the head stays on the refused record");
            final RegionFormatException again = assertThrows(RegionFormatException.class,
                () -> q.poll((buffer, offset, messageLength) -> fail("delivered after corruption")));
            assertEquals(expected, again.getMessage());
        }
    }

    static Stream<Arguments> ringModesRecordsAndClaimLengths()
    {
        final List<Arguments> arguments = new ArrayList<>();
        for (final QueueMode mode : List.of(QueueMode.ONE_TO_ONE, QueueMode.MANY_TO_ONE))
        {
            for (int record = 0; record < BATCH; record++)
            {
                final int room = CAPACITY - (BATCH_INDEX + record * RECORD_LENGTH);
                arguments.add(Arguments.of(mode, record, -8));
                arguments.add(Arguments.of(mode, record, -RECORD_LENGTH));
                arguments.add(Arguments.of(mode, record, -room));
                if (room >= RING_MAX_MESSAGE + 8)
                {
                    arguments.add(Arguments.of(mode, record, -(RING_MAX_MESSAGE + 8)));
                }
            }
        }
        return arguments.stream();
    }

    /**
     * A negative length that a claim can have (minus a header, minus a record up to a header and the longest message,
     * minus the room to the ring end while padding is written there), in a record whose producer lives, is waited on,
     * not reported: the records before it are delivered, and once the length is committed, the rest, each once.
     */
    @ParameterizedTest(name = "{0}: record {1} of the batch, length {2}")
    @MethodSource("ringModesRecordsAndClaimLengths")
    void shouldWaitOnAClaimLengthThenDeliverTheRestOnce(final QueueMode mode, final int record, final int length)
        throws IOException
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", mode, CAPACITY))
        {
            cycle(q, RING_CYCLED);
            offerBatch(q, BATCH);
            final int index = BATCH_INDEX + record * RECORD_LENGTH;
            WriteWords.write(file(), ringFileOffset(index), Integer.BYTES, length);
            final List<Integer> got = new ArrayList<>();
            for (int calls = 0; calls < POLLS_BOUND; calls++)
            {
                q.drain(recorder(got), Integer.MAX_VALUE);
            }
            assertEquals(IntStream.range(0, record).boxed().toList(), got, "the records before the claim");
            if (length == -RECORD_LENGTH)
            {
                assertEquals(BATCH - record, q.size(), "the claim and what follows it");
            }

            WriteWords.write(file(), ringFileOffset(index), Integer.BYTES, MESSAGE_LENGTH + 8);
            assertEquals(BATCH - record, q.drain(recorder(got), Integer.MAX_VALUE));
            assertEquals(IntStream.range(0, BATCH).boxed().toList(), got, "each once, in order");
            assertTrue(q.isEmpty());
        }
    }

    /**
     * A padding record may run exactly to the end of the ring, not one alignment further: the check against the room
     * left covers padding, which the longest-message check does not.
     */
    @ParameterizedTest(name = "{0}: padding at record {1}")
    @CsvSource({"ONE_TO_ONE, 1", "ONE_TO_ONE, 4", "MANY_TO_ONE, 1", "MANY_TO_ONE, 5"})
    void shouldRefusePaddingPastTheRingEnd(final QueueMode mode, final int record) throws IOException
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", mode, CAPACITY))
        {
            cycle(q, RING_CYCLED);
            offerBatch(q, BATCH);
            final int index = BATCH_INDEX + record * RECORD_LENGTH;
            final int room = CAPACITY - index;
            WriteWords.write(file(), ringFileOffset(index), Integer.BYTES, room + 8,
                ringFileOffset(index + 4), Integer.BYTES, RingBuffer.PADDING_MSG_TYPE_ID);

            final List<Integer> got = new ArrayList<>();
            final RegionFormatException ex = drainUntilCorrupt(q, recorder(got));
            assertEquals("queue record length invalid: name=q, position=" + (CAPACITY + index) + ", index=" + index +
                ", record_length=" + (room + 8) + ", capacity=" + CAPACITY, ex.getMessage());
            assertEquals(IntStream.range(0, record).boxed().toList(), got);
        }
    }

    /**
     * The same record turned into padding that runs exactly to the end of the ring is a valid record: the records it
     * covers are skipped, the ones after the wrap delivered, in order.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = QueueMode.class, names = {"ONE_TO_ONE", "MANY_TO_ONE"})
    void shouldSkipPaddingRunningExactlyToTheRingEnd(final QueueMode mode) throws IOException
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", mode, CAPACITY))
        {
            cycle(q, RING_CYCLED);
            offerBatch(q, BATCH + 3);
            final int index = BATCH_INDEX + 2 * RECORD_LENGTH;
            WriteWords.write(file(), ringFileOffset(index), Integer.BYTES, CAPACITY - index,
                ringFileOffset(index + 4), Integer.BYTES, RingBuffer.PADDING_MSG_TYPE_ID);
            assertEquals(5, q.size(), "padding is not counted, nor what it covers");
            final List<Integer> got = new ArrayList<>();
            int calls = 0;
            while (got.size() < 5)
            {
                q.drain(recorder(got), Integer.MAX_VALUE);
                assertTrue(++calls < POLLS_BOUND, "got " + got);
            }
            assertEquals(List.of(0, 1, 6, 7, 8), got);
            assertTrue(q.isEmpty());
        }
    }

    /**
     * Messages of every length from 0 to the longest and the longest plus one (refused before anything is claimed), in
     * batches that cross the ring end, after a lap: each delivered once, in order, with its bytes.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueMode.class)
    void shouldDeliverMessagesOfEveryLengthUpToTheLongestAcrossTheRingEnd(final QueueMode mode)
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", mode, CAPACITY))
        {
            final int max = mode == QueueMode.MANY_TO_MANY ? SLOT_MAX_MESSAGE : RING_MAX_MESSAGE;
            assertEquals(max, q.maxMessageLength());
            final MessageTooLongException tooLong = assertThrows(MessageTooLongException.class,
                () -> q.offer(message(0, max + 1), 0, max + 1));
            assertEquals("message too long: name=q, length=" + (max + 1) + ", max=" + max, tooLong.getMessage());
            final IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> q.offer(message(0, 1), 0, -1));
            assertEquals("message length negative: name=q, length=-1", negative.getMessage());
            cycle(q, mode == QueueMode.MANY_TO_MANY ? SLOTS_CYCLED : RING_CYCLED + 3);

            final int[] lengths = {max, 0, 1, max, max - 1, 7, 8, 9, max, max};
            int next = 0;
            int delivered = 0;
            final List<Integer> got = new ArrayList<>();
            for (int round = 0; round < 6; round++)
            {
                // at most three messages in flight: the longest take 136 bytes of 1024 (or one of 8 slots)
                for (int i = 0; i < 3; i++, next++)
                {
                    final int length = lengths[next % lengths.length];
                    assertTrue(q.offer(message(next, length), 0, length), "offer " + next + " of " + length + " bytes");
                }
                while (delivered < next)
                {
                    final int count = q.drain((buffer, offset, length) ->
                    {
                        final int sequence = got.size();
                        assertEquals(lengths[sequence % lengths.length], length, "length of message " + sequence);
                        if (length >= Integer.BYTES)
                        {
                            assertEquals(sequence, buffer.getInt(offset));
                        }
                        checkMessage(buffer, offset, length, sequence);
                        got.add(sequence);
                    }, Integer.MAX_VALUE);
                    assertTrue(count > 0, "nothing delivered with " + (next - delivered) + " messages queued");
                    delivered += count;
                }
            }
            assertEquals(IntStream.range(0, next).boxed().toList(), got);
            assertTrue(q.isEmpty());
        }
    }

    /**
     * Drains with a limit, the batch straddling the ring end after a lap, in every mode: each drain takes exactly
     * {@code min(limit, left)} messages, the part before the end counting towards the limit of the part after it.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueMode.class)
    void shouldRespectTheDrainLimitWhenTheBatchStraddlesTheRingEnd(final QueueMode mode)
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", mode, CAPACITY))
        {
            final boolean slotted = mode == QueueMode.MANY_TO_MANY;
            // three messages before the end, then the rest after the wrap
            cycle(q, slotted ? SLOTS_CYCLED : (CAPACITY + CAPACITY - 3 * RECORD_LENGTH) / RECORD_LENGTH);
            final int queued = slotted ? SLOTS : 14;
            offerBatch(q, queued);
            final List<Integer> got = new ArrayList<>();
            for (final int limit : new int[] {4, 1, 2, 5, 100})
            {
                final int left = queued - got.size();
                assertEquals(Math.min(limit, left), q.drain(recorder(got), limit), "limit " + limit + ", " + left + " left");
            }
            assertEquals(IntStream.range(0, queued).boxed().toList(), got);

            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> q.drain(recorder(got), 0));
            assertEquals("drain limit below 1: name=q, limit=0", ex.getMessage());
        }
    }

    static Stream<Arguments> slotRecordsAndLengths()
    {
        final List<Arguments> arguments = new ArrayList<>();
        for (int record = 0; record < BATCH; record++)
        {
            for (final int length : new int[] {
                -1, Integer.MIN_VALUE, SLOT_MAX_MESSAGE + 1, SLOT_LENGTH - 1, SLOT_LENGTH, SLOT_LENGTH + 16, CAPACITY - 1,
                CAPACITY, Integer.MAX_VALUE})
            {
                arguments.add(Arguments.of(record, length));
            }
        }
        return arguments.stream();
    }

    /**
     * MANY_TO_MANY: a message length longer than its slot, or negative, in any slot of a batch that wraps around the
     * slots, is refused with the position and the slot; the messages before it are delivered once, in order.
     */
    @ParameterizedTest(name = "slot {0} of the batch, length {1}")
    @MethodSource("slotRecordsAndLengths")
    void shouldRefuseImpossibleSlotLengthOnEverySlotOfABatch(final int record, final int length) throws IOException
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", QueueMode.MANY_TO_MANY, CAPACITY))
        {
            assertEquals(SLOT_MAX_MESSAGE, q.maxMessageLength());
            cycle(q, SLOTS_CYCLED);
            offerBatch(q, BATCH);
            final long position = SLOTS_CYCLED + record;
            final int slot = (int)(position % SLOTS);
            WriteWords.write(file(), ringFileOffset(slot * SLOT_LENGTH + ManyToManyQueue.LENGTH_OFFSET), Integer.BYTES,
                length);

            final List<Integer> got = new ArrayList<>();
            final RegionFormatException ex = drainUntilCorrupt(q, recorder(got));
            final String expected = "queue slot length invalid: name=q, position=" + position + ", slot=" + slot +
                ", length=" + length + ", max=" + SLOT_MAX_MESSAGE;
            assertEquals(expected, ex.getMessage());
            assertEquals(IntStream.range(0, record).boxed().toList(), got, "the messages before it, once each");
            final RegionFormatException again = assertThrows(RegionFormatException.class,
                () -> q.poll((buffer, offset, messageLength) -> fail("delivered after corruption")));
            assertEquals(expected, again.getMessage());
        }
    }

    /**
     * MANY_TO_MANY: a length rewritten to another that fits the slot (0, 1, the longest) is delivered as it is, in
     * its place, and no message is lost or delivered twice.
     */
    @ParameterizedTest(name = "slot {0} of the batch, length {1}")
    @CsvSource({"0, 0", "2, 1", "5, 112", "3, 112", "1, 24"})
    void shouldDeliverSlotLengthsWithinTheSlot(final int record, final int length) throws IOException
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", QueueMode.MANY_TO_MANY, CAPACITY))
        {
            cycle(q, SLOTS_CYCLED);
            offerBatch(q, BATCH);
            final int slot = (SLOTS_CYCLED + record) % SLOTS;
            WriteWords.write(file(), ringFileOffset(slot * SLOT_LENGTH + ManyToManyQueue.LENGTH_OFFSET), Integer.BYTES,
                length);
            final List<Integer> lengths = new ArrayList<>();
            assertEquals(BATCH, q.drain((buffer, offset, messageLength) -> lengths.add(messageLength), Integer.MAX_VALUE));
            final List<Integer> expected = new ArrayList<>(List.of(24, 24, 24, 24, 24, 24));
            expected.set(record, length);
            assertEquals(expected, lengths);
            assertTrue(q.isEmpty());
        }
    }

    /**
     * Positions found on open: valid ones (empty, full, wrapped, nearly wrapped, a MANY_TO_MANY head hint one ahead of
     * the tail hint) are accepted; anything no ring can have is refused with both positions.
     */
    @ParameterizedTest(name = "{0}: head={1}, tail={2}, valid={3}")
    @CsvSource({
        "ONE_TO_ONE, 0, 0, true", "ONE_TO_ONE, 0, 1024, true", "ONE_TO_ONE, 2040, 3064, true",
        "ONE_TO_ONE, 2040, 2048, true", "ONE_TO_ONE, 8, 0, false", "ONE_TO_ONE, 0, 1032, false",
        "ONE_TO_ONE, -8, 0, false", "ONE_TO_ONE, -8, -8, false", "ONE_TO_ONE, 4, 8, false", "ONE_TO_ONE, 8, 12, false",
        "MANY_TO_ONE, 1016, 1016, true", "MANY_TO_ONE, 1016, 2040, true", "MANY_TO_ONE, 1016, 2048, false",
        "MANY_TO_ONE, 1024, 1016, false",
        "MANY_TO_MANY, 0, 0, true", "MANY_TO_MANY, 0, 8, true", "MANY_TO_MANY, 5, 13, true", "MANY_TO_MANY, 6, 5, true",
        "MANY_TO_MANY, 7, 7, true", "MANY_TO_MANY, 7, 6, true",
        "MANY_TO_MANY, 0, 9, false", "MANY_TO_MANY, 7, 5, false", "MANY_TO_MANY, -1, 0, false",
        "MANY_TO_MANY, 0, -1, false", "MANY_TO_MANY, -1, -1, false", "MANY_TO_MANY, 5, 14, false"})
    void shouldCheckPositionsOnOpen(final QueueMode mode, final long head, final long tail, final boolean valid)
        throws IOException
    {
        MessageQueue.create(ns(), "q", mode, CAPACITY).close();
        WriteWords.write(file(), ringFileOffset(ringHeadIndex(mode)), Long.BYTES, head,
            ringFileOffset(ringTailIndex(mode)), Long.BYTES, tail);
        if (valid)
        {
            MessageQueue.open(ns(), "q").close();
            return;
        }
        final RegionParameterException ex = assertThrows(RegionParameterException.class,
            () -> MessageQueue.open(ns(), "q"));
        assertEquals("queue positions invalid: name=q, head=" + head + ", tail=" + tail + (mode == QueueMode.MANY_TO_MANY ?
            ", slots=" + SLOTS : ", capacity=" + CAPACITY), ex.getMessage());
    }

    /**
     * Reopen a full queue whose head is one alignment (ring modes: 8 bytes, one empty message) or one slot before the
     * end of the ring, in every mode: everything is delivered once, in order, and the queue goes on.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueMode.class)
    void shouldReopenAFullQueueNearlyWrapped(final QueueMode mode)
    {
        final boolean slotted = mode == QueueMode.MANY_TO_MANY;
        final List<Integer> lengths = new ArrayList<>();
        try (MessageQueue q = MessageQueue.create(ns(), "q", mode, CAPACITY))
        {
            // empty messages: 8-byte records (one slot each) up to 8 bytes (one slot) before the end, a lap on
            final int empties = slotted ? 2 * SLOTS - 1 : (2 * CAPACITY - 8) / 8;
            for (int i = 0; i < empties; i++)
            {
                assertTrue(q.offer(message(i, 0), 0, 0));
                assertEquals(1, q.drain((buffer, offset, length) -> assertEquals(0, length), 1));
            }
            int sequence = 0;
            while (q.offer(message(sequence, MESSAGE_LENGTH), 0, MESSAGE_LENGTH))
            {
                sequence++;
                assertTrue(sequence <= CAPACITY / RECORD_LENGTH, "never full");
            }
            // ring modes: 8 bytes of padding at the end, then 31 records of 32 bytes (a 32nd would need 1032 bytes)
            assertEquals(slotted ? SLOTS : 31, sequence, "messages that fill it");
        }
        try (MessageQueue q = MessageQueue.open(ns(), "q"))
        {
            final int filled = slotted ? SLOTS : 31;
            assertEquals(filled, q.size());
            assertFalse(q.offer(message(-1, MESSAGE_LENGTH), 0, MESSAGE_LENGTH), "still full");
            final List<Integer> got = new ArrayList<>();
            assertEquals(1, q.drain(recorder(got), 1));
            assertEquals(List.of(0), got, "the oldest message, just past the ring end");
            assertEquals(filled - 1, q.drain(recorder(got), Integer.MAX_VALUE));
            assertEquals(IntStream.range(0, filled).boxed().toList(), got);
            offerBatch(q, 3);
            got.clear();
            assertEquals(3, q.drain(recorder(got), Integer.MAX_VALUE));
            assertEquals(List.of(0, 1, 2), got);
            lengths.add(got.size());
        }
        assertEquals(List.of(3), lengths);
    }

    /**
     * Leases belong to the process: with two handles of this process in the consumer and producer roles, closing one
     * keeps both leases; closing the second frees them; a third handle takes them again.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = QueueMode.class, names = {"ONE_TO_ONE", "MANY_TO_ONE"})
    void shouldKeepLeasesUntilTheLastHandleOfTheProcessCloses(final QueueMode mode)
    {
        final long self = OwnerWords.selfIdentity();
        final long producerLease = mode == QueueMode.ONE_TO_ONE ? self : 0L;
        try (Region raw = Region.open(createClosed(mode), "q", RegionKind.QUEUE))
        {
            final AtomicBuffer control = raw.payload();
            final MessageQueue first = MessageQueue.open(ns(), "q");
            final MessageQueue second = MessageQueue.open(ns(), "q");
            assertTrue(first.offer(message(0, MESSAGE_LENGTH), 0, MESSAGE_LENGTH));
            assertTrue(second.offer(message(1, MESSAGE_LENGTH), 0, MESSAGE_LENGTH));
            final List<Integer> got = new ArrayList<>();
            assertEquals(1, first.drain(recorder(got), 1));
            assertEquals(1, second.drain(recorder(got), 1));
            assertEquals(List.of(0, 1), got);
            assertEquals(self, control.getLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET));
            assertEquals(producerLease, control.getLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET));

            first.close();
            assertEquals(self, control.getLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET), "second handle uses it");
            assertEquals(producerLease, control.getLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET));
            first.close();
            assertEquals(self, control.getLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET), "closing twice is once");
            assertTrue(second.offer(message(2, MESSAGE_LENGTH), 0, MESSAGE_LENGTH));
            assertEquals(1, second.drain(recorder(got), 1));

            second.close();
            assertEquals(0L, control.getLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET), "freed by the last handle");
            assertEquals(0L, control.getLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET));

            try (MessageQueue third = MessageQueue.open(ns(), "q"))
            {
                assertTrue(third.offer(message(3, MESSAGE_LENGTH), 0, MESSAGE_LENGTH));
                assertEquals(1, third.drain(recorder(got), 1));
                assertEquals(List.of(0, 1, 2, 3), got);
                assertEquals(self, control.getLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET));
            }
            assertEquals(0L, control.getLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET));
        }
    }

    private NamespaceDirectory createClosed(final QueueMode mode)
    {
        MessageQueue.create(ns(), "q", mode, CAPACITY).close();
        return tns.directory();
    }

    /**
     * A closed flag no handle writes is refused by every call, with its value.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(QueueMode.class)
    void shouldRefuseUnknownClosedFlag(final QueueMode mode) throws IOException
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", mode, CAPACITY))
        {
            offerBatch(q, 2);
            WriteWords.write(file(), RegionDescriptor.HEADER_LENGTH + QueueDescriptor.CLOSED_FLAG_OFFSET, Integer.BYTES, 7);
            final String expected = "queue closed flag invalid: name=q, value=7";
            assertEquals(expected, assertThrows(RegionFormatException.class, q::size).getMessage());
            assertEquals(expected, assertThrows(RegionFormatException.class,
                () -> q.poll((buffer, offset, length) -> fail("delivered"))).getMessage());
            assertEquals(expected, assertThrows(RegionFormatException.class,
                () -> q.offer(message(0, MESSAGE_LENGTH), 0, MESSAGE_LENGTH)).getMessage());
            assertEquals(expected, assertThrows(RegionFormatException.class, q::markClosed).getMessage());
        }
    }

    /**
     * A corruption record left by a handle that died before setting the flag (code, position and value written, the
     * flag still open) wins over the one found next: the finder waits for the flag briefly, then sets it, and every
     * call reports the first record. A code this mode does not describe is reported as numbers.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = QueueMode.class, names = {"ONE_TO_ONE", "MANY_TO_ONE"})
    void shouldReportTheFirstCorruptionRecord(final QueueMode mode) throws IOException
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", mode, CAPACITY))
        {
            offerBatch(q, 2);
            final long control = RegionDescriptor.HEADER_LENGTH;
            WriteWords.write(file(), control + QueueDescriptor.CORRUPTION_CODE_OFFSET, Integer.BYTES,
                QueueCorruption.SLOT_WORD, control + QueueDescriptor.CORRUPTION_POSITION_OFFSET, Long.BYTES, 77,
                control + QueueDescriptor.CORRUPTION_VALUE_OFFSET, Long.BYTES, 999, ringFileOffset(RECORD_LENGTH),
                Integer.BYTES, 1);
            assertEquals(1, q.size(), "a recorded code without the flag is not yet corruption; the count stops at length 1");
            final List<Integer> got = new ArrayList<>();
            final RegionFormatException ex = drainUntilCorrupt(q, recorder(got));
            final String expected = "queue corrupt: name=q, code=" + QueueCorruption.SLOT_WORD + ", position=77, value=999";
            assertEquals(expected, ex.getMessage());
            assertEquals(List.of(0), got);
            assertEquals(expected, assertThrows(RegionFormatException.class, q::isEmpty).getMessage());
        }
        try (MessageQueue q = MessageQueue.open(ns(), "q"))
        {
            assertEquals("queue corrupt: name=q, code=" + QueueCorruption.SLOT_WORD + ", position=77, value=999",
                assertThrows(RegionFormatException.class, q::remainingCapacity).getMessage());
        }
    }

    /**
     * MANY_TO_MANY: commit and abort take only the index of a claim this process holds: an index before the first
     * slot, past the last, not at a slot's message, or of a slot not being written is refused, and the claim stays.
     */
    @Test
    void shouldRefuseCommitOrAbortOfAnIndexNotClaimed()
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", QueueMode.MANY_TO_MANY, CAPACITY))
        {
            cycle(q, SLOTS_CYCLED);
            final int header = ManyToManyQueue.SLOT_HEADER_LENGTH;
            final int index = q.tryClaim(MESSAGE_LENGTH);
            assertEquals((SLOTS_CYCLED % SLOTS) * SLOT_LENGTH + header, index);
            for (final int bad : new int[] {header - 1, 0, -header, CAPACITY + header, CAPACITY - SLOT_LENGTH + header + 8,
                index + 1, index - 1, index + SLOT_LENGTH / 2})
            {
                final IllegalArgumentException commit = assertThrows(IllegalArgumentException.class, () -> q.commit(bad));
                assertEquals("claim index invalid: name=q, index=" + bad, commit.getMessage());
                final IllegalArgumentException abort = assertThrows(IllegalArgumentException.class, () -> q.abort(bad));
                assertEquals("claim index invalid: name=q, index=" + bad, abort.getMessage());
            }
            final int other = index + SLOT_LENGTH == CAPACITY + header ? header : index + SLOT_LENGTH;
            final IllegalStateException empty = assertThrows(IllegalStateException.class, () -> q.commit(other));
            assertEquals("claim not held: name=q, index=" + other + ", state=EMPTY", empty.getMessage());

            q.buffer().putBytes(index, message(5, MESSAGE_LENGTH), 0, MESSAGE_LENGTH);
            q.commit(index);
            final IllegalStateException full = assertThrows(IllegalStateException.class, () -> q.abort(index));
            assertEquals("claim not held: name=q, index=" + index + ", state=FULL", full.getMessage());
            final List<Integer> got = new ArrayList<>();
            assertEquals(1, q.drain(recorder(got), Integer.MAX_VALUE));
            assertEquals(List.of(5), got);

            final int aborted = q.tryClaim(MESSAGE_LENGTH);
            q.abort(aborted);
            assertEquals("claim not held: name=q, index=" + aborted + ", state=EMPTY",
                assertThrows(IllegalStateException.class, () -> q.commit(aborted)).getMessage());
            assertEquals(0, q.drain(recorder(got), Integer.MAX_VALUE), "the aborted position is skipped");
            assertTrue(q.isEmpty());
            offerBatch(q, 1);
            assertEquals(1, q.drain(recorder(got), Integer.MAX_VALUE));
            assertEquals(List.of(5, 0), got);
        }
    }

    /**
     * MANY_TO_MANY: a slot word two laps ahead of a tail on lap 1 is refused by the producer that finds it, with the
     * position, slot, state, lap and expected lap, and the refusal is sticky: the tail did not move past it.
     */
    @Test
    void shouldRefuseASlotWordTwoLapsAheadOfTheTail() throws IOException
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", QueueMode.MANY_TO_MANY, CAPACITY))
        {
            cycle(q, SLOTS + 1);
            WriteWords.write(file(), ringFileOffset(SLOT_LENGTH), Long.BYTES,
                ManyToManyQueue.word(3, ManyToManyQueue.READING, 4242));
            final String expected = "queue slot word invalid: name=q, position=" + (SLOTS + 1) + ", slot=1, state=READING, " +
                "lap=3, expected_lap=1, pid=4242";
            assertEquals(expected, assertThrows(RegionFormatException.class,
                () -> q.offer(message(0, MESSAGE_LENGTH), 0, MESSAGE_LENGTH)).getMessage());
            assertEquals(SLOTS + 1L, rawTail(QueueMode.MANY_TO_MANY));
            assertEquals(expected, assertThrows(RegionFormatException.class, q::size).getMessage());
            assertEquals(expected, assertThrows(RegionFormatException.class,
                () -> q.poll((buffer, offset, length) -> fail("delivered after corruption"))).getMessage());
        }
    }

    /**
     * MANY_TO_MANY: head and tail written while the queue is open into a pair no queue can have (the tail more than
     * {@code slots + 1} ahead of the head, or the head more than one ahead of the tail) are refused by the size.
     */
    @ParameterizedTest(name = "head={0} tail={1}")
    @CsvSource({ "0, 10", "3, 1", "-1, 0" })
    void shouldRefuseImpossibleSlotPositionsWrittenWhileOpen(final long head, final long tail) throws IOException
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", QueueMode.MANY_TO_MANY, CAPACITY))
        {
            offerBatch(q, 2);
            WriteWords.write(file(), ringFileOffset(ringHeadIndex(QueueMode.MANY_TO_MANY)), Long.BYTES, head,
                ringFileOffset(ringTailIndex(QueueMode.MANY_TO_MANY)), Long.BYTES, tail);
            final String expected = "queue positions invalid: name=q, head=" + head + ", tail=" + tail + ", slots=" + SLOTS;
            assertEquals(expected, assertThrows(RegionFormatException.class, q::size).getMessage());
            assertEquals(expected, assertThrows(RegionFormatException.class, q::isEmpty).getMessage());
        }
    }

    /**
     * MANY_TO_MANY: a corruption record whose code this mode does not describe is reported as numbers by every call.
     */
    @Test
    void shouldReportACorruptionCodeTheModeDoesNotDescribe() throws IOException
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", QueueMode.MANY_TO_MANY, CAPACITY))
        {
            offerBatch(q, 1);
            final long control = RegionDescriptor.HEADER_LENGTH;
            WriteWords.write(file(), control + QueueDescriptor.CORRUPTION_CODE_OFFSET, Integer.BYTES,
                QueueCorruption.RECORD_LENGTH, control + QueueDescriptor.CORRUPTION_POSITION_OFFSET, Long.BYTES, 77,
                control + QueueDescriptor.CORRUPTION_VALUE_OFFSET, Long.BYTES, 999,
                control + QueueDescriptor.CLOSED_FLAG_OFFSET, Integer.BYTES, QueueCorruption.CORRUPT);
            final String expected = "queue corrupt: name=q, code=" + QueueCorruption.RECORD_LENGTH + ", position=77, value=999";
            assertEquals(expected, assertThrows(RegionFormatException.class,
                () -> q.poll((buffer, offset, length) -> fail("delivered after corruption"))).getMessage());
            assertEquals(expected, assertThrows(RegionFormatException.class, q::size).getMessage());
        }
    }

    /**
     * MANY_TO_MANY: a slot being written by another process is not this process's claim: commit and abort of its
     * index are refused with its state, and the slot is left as it was.
     */
    @Test
    void shouldRefuseCommitOfASlotAnotherProcessIsWriting() throws IOException
    {
        try (MessageQueue q = MessageQueue.create(ns(), "q", QueueMode.MANY_TO_MANY, CAPACITY);
             Region region = Region.open(tns.directory(), "q", RegionKind.QUEUE))
        {
            final int index = ManyToManyQueue.SLOT_HEADER_LENGTH;
            final long word = ManyToManyQueue.word(0, ManyToManyQueue.WRITING, OwnerWords.selfPid() + 1);
            WriteWords.write(file(), ringFileOffset(0), Long.BYTES, word);
            final String expected = "claim not held: name=q, index=" + index + ", state=WRITING";
            assertEquals(expected, assertThrows(IllegalStateException.class, () -> q.commit(index)).getMessage());
            assertEquals(expected, assertThrows(IllegalStateException.class, () -> q.abort(index)).getMessage());
            assertEquals(word, region.payload().getLongVolatile(QueueDescriptor.RING_OFFSET));
        }
    }

    @Test
    void shouldRefuseNegativeMaxMessageLengthOption()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> QueueOptions.defaults().withMaxMessageLength(-1));
        assertEquals("max message length negative: max_message_length=-1", ex.getMessage());
        assertEquals(0, QueueOptions.defaults().withMaxMessageLength(0).maxMessageLength());
    }
}

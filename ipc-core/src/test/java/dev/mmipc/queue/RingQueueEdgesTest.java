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
import dev.mmipc.events.RecordedEvents;
import dev.mmipc.events.Recoveries;
import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.liveness.OwnerWords;
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.TestNamespace;
import jdk.jfr.consumer.RecordedEvent;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The edges of the ring-buffer engines ({@code ONE_TO_ONE}, {@code MANY_TO_ONE}), each put into the ring in-process
 * and checked by what a user or another process sees: the pending position a consumer killed in a handler leaves,
 * the repair walk of a dead {@code ONE_TO_ONE} producer's claims (a claim at the first position, claims running past
 * the tail or the ring end) and the lease word while a consumer repairs, the leases of live and dead holders, how
 * {@code size()} counts (empty messages, header-less claims, lengths past the tail or the ring end) and refuses
 * positions no ring has (event, log line, every later call), the bounded wait for a corruption record's winner, the
 * claim lengths judged at the ring end, the tail looked at on every 64th empty poll, and the words after the ring
 * (the trailer's unused first line) never read as ring memory. Each mode runs in the same test, one queue each.
 */
class RingQueueEdgesTest
{
    private static final long UNBLOCK_MS = 100;
    private static final int CAPACITY = 1024;
    private static final int RING = QueueDescriptor.RING_OFFSET;
    private static final int RING_TAIL = RING + CAPACITY + 128;
    private static final int RING_HEAD = RING + CAPACITY + 384;
    /** A 24-byte message and Agrona's 8-byte header: 32-byte records. */
    private static final int RECORD = 32;
    private static final int MESSAGE = RECORD - 8;
    /** Agrona's longest message at this capacity (capacity / 8) and its header: the longest record. */
    private static final int MAX_RECORD = CAPACITY / 8 + 8;
    private static final int POLLS_BOUND = 4 * (RingQueue.EMPTY_POLL_TAIL_MASK + 1);
    private static final List<QueueMode> MODES = List.of(QueueMode.ONE_TO_ONE, QueueMode.MANY_TO_ONE);

    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    private MessageQueue create(final QueueMode mode)
    {
        return MessageQueue.create(Namespace.of(tns.directory()), name(mode), mode, CAPACITY, QueueOptions.defaults()
            .withLivenessTimeout(Duration.ofMillis(UNBLOCK_MS)));
    }

    private static String name(final QueueMode mode)
    {
        return "q-" + mode.name().toLowerCase();
    }

    private Region openRaw(final QueueMode mode)
    {
        return Region.open(tns.directory(), name(mode), RegionKind.QUEUE);
    }

    private static boolean offer(final MessageQueue q, final int seq)
    {
        final UnsafeBuffer m = new UnsafeBuffer(new byte[MESSAGE]);
        m.putInt(0, seq);
        return q.offer(m, 0, MESSAGE);
    }

    /** Offer and take {@code messages} messages: the head and the tail move on by as many records. */
    private static void cycle(final MessageQueue q, final int messages)
    {
        for (int i = 0; i < messages; i++)
        {
            assertTrue(offer(q, -1));
            assertEquals(1, q.drain((b, o, l) -> { }, 1));
        }
    }

    private static MessageHandler recorder(final List<Integer> got)
    {
        return (b, o, l) ->
        {
            assertEquals(MESSAGE, l);
            got.add(b.getInt(o));
        };
    }

    private static int seqOf(final DirectBuffer b, final int o)
    {
        return b.getInt(o);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The pending position and the repair of a dead ONE_TO_ONE producer's claims
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A consumer killed in the handler of the second message of a batch (the state copied from inside that handler)
     * leaves the end of the first message as its pending position: the next consumer delivers the second and the
     * third, once each, and counts one recovery.
     */
    @Test
    void shouldResumeAtTheMessageWhoseHandlerRanWhenTheConsumerDied()
    {
        for (final QueueMode mode : MODES)
        {
            try (MessageQueue q = create(mode); Region region = openRaw(mode))
            {
                final AtomicBuffer raw = region.payload();
                final byte[] snapshot = new byte[raw.capacity()];
                for (int seq = 0; seq < 3; seq++)
                {
                    assertTrue(offer(q, seq));
                }
                assertEquals(3, q.drain((b, o, l) ->
                {
                    if (seqOf(b, o) == 1)
                    {
                        raw.getBytes(0, snapshot); // killed here
                    }
                }, 10));
                raw.putBytes(0, snapshot);
                raw.putLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET, QueueCrashStatesTest.deadIdentity());

                final List<Integer> got = new ArrayList<>();
                assertEquals(2, q.drain(recorder(got), 10), mode.name());
                assertEquals(List.of(1, 2), got, mode.name());
                assertEquals(1, q.recoveries(), mode.name());
                assertEquals(3L * RECORD, raw.getLong(RING_HEAD), mode.name());
                assertTrue(q.isEmpty());
            }
        }
    }

    /**
     * A handler that throws has had its message: the pending position covers that message's record at once (the copy
     * of {@code deliver}'s finally that runs on the exception), so a consumer killed before the head moved would not
     * hand it over again. ONE_TO_ONE leaves that position in the file, where {@code mmipc inspect} shows it; an odd
     * length shows that the record's aligned end is recorded, not the message's.
     */
    @Test
    void shouldRecordThePendingPositionPastAMessageWhoseHandlerThrew()
    {
        final QueueMode mode = QueueMode.ONE_TO_ONE;
        try (MessageQueue q = create(mode); Region region = openRaw(mode))
        {
            final UnsafeBuffer odd = new UnsafeBuffer(new byte[5]);
            assertTrue(q.offer(odd, 0, 5)); // a record of 13 bytes, 16 aligned
            assertTrue(offer(q, 1));
            final IllegalStateException thrown = new IllegalStateException("handler failed");
            assertEquals(thrown, assertThrows(IllegalStateException.class, () -> q.poll((b, o, l) ->
            {
                throw thrown;
            })));
            assertEquals("16", QueueInspector.describe(region).get("consumer_pending_position"));
            assertEquals(16L, region.payload().getLong(RING_HEAD), "the message whose handler threw is consumed");
            final List<Integer> got = new ArrayList<>();
            assertTrue(q.poll(recorder(got)));
            assertEquals(List.of(1), got);
            assertEquals("48", QueueInspector.describe(region).get("consumer_pending_position"));
        }
    }

    /**
     * While a blocked ONE_TO_ONE consumer pads a dead producer's claims, the producer lease names it with the repair
     * bit (so a producer of any process waits for it, see {@link QueueCrashStatesTest}); it is given back after.
     * The lease word is read in the shared memory each time the repair reports a padded record.
     */
    @Test
    void shouldHoldTheRepairBitWhileTheConsumerPadsADeadProducersClaims() throws Exception
    {
        final QueueMode mode = QueueMode.ONE_TO_ONE;
        try (MessageQueue q = create(mode); Region region = openRaw(mode))
        {
            final AtomicBuffer raw = region.payload();
            assertTrue(offer(q, 0));
            q.tryClaim(MESSAGE); // header written, never committed
            raw.putLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET, QueueCrashStatesTest.deadIdentity());
            assertTrue(q.poll((b, o, l) -> assertEquals(0, seqOf(b, o))));

            final List<Long> leaseWhilePadding = new ArrayList<>();
            final Handler handler = new Handler()
            {
                @Override
                public void publish(final LogRecord record)
                {
                    synchronized (leaseWhilePadding)
                    {
                        leaseWhilePadding.add(raw.getLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET));
                    }
                }

                @Override
                public void flush()
                {
                }

                @Override
                public void close()
                {
                }
            };
            final Logger logger = Logger.getLogger(Recoveries.QUEUE_LOGGER);
            logger.addHandler(handler);
            try
            {
                assertFalse(q.take((b, o, l) -> fail("delivered a torn claim"), 4 * UNBLOCK_MS, TimeUnit.MILLISECONDS));
            }
            finally
            {
                logger.removeHandler(handler);
            }
            synchronized (leaseWhilePadding)
            {
                assertEquals(List.of(OwnerWords.selfIdentity() | RingQueue.REPAIR_BIT), leaseWhilePadding);
            }
            assertEquals(1, q.recoveries());
            assertEquals(0L, raw.getLong(QueueDescriptor.PRODUCER_LEASE_OFFSET), "given back");
        }
    }

    /**
     * The dead producer's claim is the very first record of the ring (nothing consumed before it), a committed message
     * after it: the repair pads the claim alone, and the message after it is delivered.
     */
    @Test
    void shouldPadAClaimAtTheFirstPositionAndKeepTheMessageAfterIt()
    {
        final QueueMode mode = QueueMode.ONE_TO_ONE;
        try (MessageQueue q = create(mode); Region region = openRaw(mode))
        {
            final AtomicBuffer raw = region.payload();
            q.tryClaim(MESSAGE);
            assertTrue(offer(q, 1));
            raw.putLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET, QueueCrashStatesTest.deadIdentity());
            assertTrue(offer(q, 2)); // takes the lease over: repairs first
            assertEquals(1, q.recoveries());
            assertEquals(RingBuffer.PADDING_MSG_TYPE_ID, raw.getInt(RING + 4));
            assertEquals(RECORD, raw.getInt(RING));
            final List<Integer> got = new ArrayList<>();
            assertEquals(2, q.drain(recorder(got), 10));
            assertEquals(List.of(1, 2), got);
        }
    }

    /**
     * A claim length running past the tail, or past the end of the ring with the tail beyond it, is no claim: the
     * producer taking the lease over marks the queue corrupt, and every later call says so.
     */
    @Test
    void shouldMarkCorruptAClaimRunningPastTheTailOrTheRingEndInTheRepairWalk()
    {
        final QueueMode mode = QueueMode.ONE_TO_ONE;
        for (final boolean pastTheEnd : new boolean[] {false, true})
        {
            try (MessageQueue q = create(mode); Region region = openRaw(mode))
            {
                final AtomicBuffer raw = region.payload();
                final int index = pastTheEnd ? CAPACITY - RECORD : RECORD;
                cycle(q, index / RECORD);
                for (int seq = 0; seq < (pastTheEnd ? 3 : 1); seq++)
                {
                    assertTrue(offer(q, seq)); // past the end: one record before it, two after the wrap
                }
                final long position = raw.getLong(RING_HEAD);
                raw.putInt(RING + index, -2 * RECORD);
                raw.putLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET, QueueCrashStatesTest.deadIdentity());

                final String expected = "queue record length invalid: name=" + name(mode) + ", position=" + position +
                    ", index=" + index + ", record_length=" + -2 * RECORD + ", capacity=" + CAPACITY;
                assertEquals(expected, assertThrows(RegionFormatException.class, () -> offer(q, 9)).getMessage(),
                    "past the end: " + pastTheEnd);
                assertEquals(expected, assertThrows(RegionFormatException.class, q::size).getMessage());
            }
            assertTrue(Namespace.of(tns.directory()).unlink(name(mode)));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Leases
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A live consumer (the parent process) is refused by its pid; a dead one's lease is taken over.
     */
    @Test
    void shouldRefuseALiveConsumerAndTakeOverADeadOnesLease()
    {
        for (final QueueMode mode : MODES)
        {
            try (MessageQueue q = create(mode); Region region = openRaw(mode))
            {
                final AtomicBuffer raw = region.payload();
                assertTrue(offer(q, 0));
                final ProcessIdentity parent = QueueCrashStatesTest.parent();
                raw.putLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET, OwnerWords.identity(parent));
                final IllegalStateException busy = assertThrows(IllegalStateException.class,
                    () -> q.poll((b, o, l) -> fail("delivered past a live consumer")));
                assertEquals("queue consumer busy: name=" + name(mode) + ", mode=" + mode + ", holder_pid=" + parent.pid(),
                    busy.getMessage());

                raw.putLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET, QueueCrashStatesTest.deadIdentity());
                assertTrue(q.poll((b, o, l) -> assertEquals(0, seqOf(b, o))));
                assertEquals(OwnerWords.selfIdentity(), raw.getLong(QueueDescriptor.CONSUMER_LEASE_OFFSET));
            }
        }
    }

    /**
     * A producer lease taken over from a dead producer by a single offer belongs to the handle like any other: closing
     * the handle gives it back, so that another process can produce.
     */
    @Test
    void shouldGiveBackAProducerLeaseTakenOverFromADeadProducerOnClose()
    {
        final QueueMode mode = QueueMode.ONE_TO_ONE;
        try (Region region = openRawAfterCreate(mode))
        {
            final AtomicBuffer raw = region.payload();
            try (MessageQueue q = MessageQueue.open(Namespace.of(tns.directory()), name(mode)))
            {
                raw.putLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET, QueueCrashStatesTest.deadIdentity());
                assertTrue(offer(q, 0));
                assertEquals(OwnerWords.selfIdentity(), raw.getLong(QueueDescriptor.PRODUCER_LEASE_OFFSET));
            }
            assertEquals(0L, raw.getLong(QueueDescriptor.PRODUCER_LEASE_OFFSET), "given back on close");
        }
    }

    private Region openRawAfterCreate(final QueueMode mode)
    {
        create(mode).close();
        return openRaw(mode);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // size()
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * {@code size()} counts an empty message (a record of a header alone) and a claim whose header is not written yet
     * (the tail moved, the header still zero), in both modes.
     */
    @Test
    void shouldCountEmptyMessagesAndHeaderlessClaims()
    {
        for (final QueueMode mode : MODES)
        {
            try (MessageQueue q = create(mode); Region region = openRaw(mode))
            {
                final AtomicBuffer raw = region.payload();
                assertTrue(q.offer(new UnsafeBuffer(new byte[0]), 0, 0));
                assertEquals(1, q.size(), mode.name());
                assertTrue(offer(q, 1));
                raw.getAndAddLong(RING_TAIL, RECORD); // a claim, its header not written yet
                assertEquals(3, q.size(), mode.name());
            }
        }
    }

    /**
     * {@code size()} stops at a length running past the tail, or past the ring end with the tail beyond it: the records
     * before it are counted, nothing from it on.
     */
    @Test
    void shouldStopCountingAtALengthPastTheTailOrTheRingEnd()
    {
        for (final QueueMode mode : MODES)
        {
            try (MessageQueue q = create(mode); Region region = openRaw(mode))
            {
                final AtomicBuffer raw = region.payload();
                assertTrue(offer(q, 0));
                assertTrue(offer(q, 1));
                raw.putInt(RING + RECORD, 2 * RECORD);
                assertEquals(1, q.size(), mode + ": past the tail");
            }
            assertTrue(Namespace.of(tns.directory()).unlink(name(mode)));
            try (MessageQueue q = create(mode); Region region = openRaw(mode))
            {
                final AtomicBuffer raw = region.payload();
                cycle(q, CAPACITY / RECORD - 1);
                for (int seq = 0; seq < 3; seq++)
                {
                    assertTrue(offer(q, seq)); // one record before the end, two after the wrap
                }
                raw.putInt(RING + CAPACITY - RECORD, 2 * RECORD);
                assertEquals(0, q.size(), mode + ": past the end");
            }
            assertTrue(Namespace.of(tns.directory()).unlink(name(mode)));
        }
    }

    /**
     * Positions no ring can have, found by {@code size()} (the head still): the queue is marked corrupt, recorded as a
     * {@code dev.mmipc.QueueCorrupted} event and logged, and every later call throws the same error.
     */
    @Test
    void shouldMarkCorruptPositionsFoundBySize()
    {
        for (final QueueMode mode : MODES)
        {
            try (MessageQueue q = create(mode); Region region = openRaw(mode);
                 RecordedEvents recorded = new RecordedEvents(tns.scratch(), List.of("dev.mmipc.QueueCorrupted"),
                     List.of(Recoveries.QUEUE_LOGGER)))
            {
                final AtomicBuffer raw = region.payload();
                assertTrue(offer(q, 0));
                final long tail = CAPACITY + 8;
                raw.putLongVolatile(RING_TAIL, tail);
                final String expected = "queue positions invalid: name=" + name(mode) + ", head=0, tail=" + tail +
                    ", capacity=" + CAPACITY;
                assertEquals(expected, assertThrows(RegionFormatException.class, q::size).getMessage(), mode.name());
                assertEquals(expected, assertThrows(RegionFormatException.class, () -> offer(q, 1)).getMessage());
                assertEquals(expected, assertThrows(RegionFormatException.class,
                    () -> q.poll((b, o, l) -> fail("delivered"))).getMessage());

                assertEquals(List.of("queue marked corrupt: region=" + name(mode) + ", position=0, value=" + tail +
                    ", action=every call now throws, recreate the queue, what=" + expected),
                    recorded.lines(Recoveries.QUEUE_LOGGER, Level.WARNING));
                final List<RecordedEvent> events = recorded.events("dev.mmipc.QueueCorrupted");
                assertEquals(1, events.size(), events::toString);
                assertEquals(name(mode), events.get(0).getString("region"));
                assertEquals(expected, events.get(0).getString("what"));
                assertEquals(tail, events.get(0).getLong("value"));
            }
        }
    }

    /**
     * A corruption record left by a handle that has not set the flag yet (or died before): the handle that finds the
     * next corruption gives it {@link QueueCorruption#RECORD_WAIT_NS} to set the flag, then sets it, and reports the
     * first record.
     */
    @Test
    void shouldGiveTheFirstRecorderItsBoundedWaitBeforeSettingTheFlag()
    {
        final QueueMode mode = QueueMode.MANY_TO_ONE;
        for (int round = 0; round < 3; round++) // each round waits: one slow round cannot pass for a wait
        {
            try (MessageQueue q = create(mode); Region region = openRaw(mode))
            {
                final AtomicBuffer raw = region.payload();
                raw.putLong(QueueDescriptor.CORRUPTION_POSITION_OFFSET, 40);
                raw.putLong(QueueDescriptor.CORRUPTION_VALUE_OFFSET, -3);
                raw.putIntVolatile(QueueDescriptor.CORRUPTION_CODE_OFFSET, QueueCorruption.RECORD_LENGTH);
                raw.putLongVolatile(RING_TAIL, 4); // misaligned

                final long startNs = System.nanoTime();
                final RegionFormatException ex = assertThrows(RegionFormatException.class, q::size);
                final long elapsedNs = System.nanoTime() - startNs;
                assertEquals("queue record length invalid: name=" + name(mode) + ", position=40, index=40, " +
                    "record_length=-3, capacity=" + CAPACITY, ex.getMessage());
                assertTrue(elapsedNs >= QueueCorruption.RECORD_WAIT_NS, "waited " + elapsedNs + " ns for the first recorder");
                assertEquals(QueueCorruption.CORRUPT, raw.getIntVolatile(QueueDescriptor.CLOSED_FLAG_OFFSET));
            }
            assertTrue(Namespace.of(tns.directory()).unlink(name(mode)));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Lengths at the head, judged by a blocked consumer
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A consumer finding nothing to read looks at the tail (for a claim blocking the head) only on every 64th empty
     * poll: a negative length no claim has, at the head, is reported by the 64th, not before.
     */
    @Test
    void shouldLookAtTheBlockedHeadOnEvery64thEmptyPoll()
    {
        for (final QueueMode mode : MODES)
        {
            try (MessageQueue q = create(mode); Region region = openRaw(mode))
            {
                final AtomicBuffer raw = region.payload();
                assertTrue(offer(q, 0));
                raw.putInt(RING, -1);
                for (int poll = 1; poll <= RingQueue.EMPTY_POLL_TAIL_MASK; poll++)
                {
                    assertEquals(0, q.drain((b, o, l) -> fail("delivered"), 10), mode + ": poll " + poll);
                }
                final RegionFormatException ex = assertThrows(RegionFormatException.class,
                    () -> q.drain((b, o, l) -> fail("delivered"), 10));
                assertEquals("queue record length invalid: name=" + name(mode) + ", position=0, index=0, record_length=-1" +
                    ", capacity=" + CAPACITY, ex.getMessage());
            }
        }
    }

    /**
     * At the ring end, minus the room to the end is a claim writing padding only with the tail beyond the end; with the
     * tail before it, it is reported. With the tail beyond, and the room longer than any record, it is waited on (its
     * producer lives), then delivered once committed.
     */
    @Test
    void shouldJudgeMinusTheRoomToTheEndByTheTail()
    {
        for (final QueueMode mode : MODES)
        {
            try (MessageQueue q = create(mode); Region region = openRaw(mode))
            {
                final AtomicBuffer raw = region.payload();
                cycle(q, CAPACITY / RECORD - 2); // two records before the end
                assertTrue(offer(q, 0)); // the tail before the end
                raw.putInt(RING + CAPACITY - 2 * RECORD, -2 * RECORD);
                final RegionFormatException ex = drainUntilCorrupt(q);
                assertEquals("queue record length invalid: name=" + name(mode) + ", position=" + (CAPACITY - 2 * RECORD) +
                    ", index=" + (CAPACITY - 2 * RECORD) + ", record_length=" + -2 * RECORD + ", capacity=" + CAPACITY,
                    ex.getMessage());
            }
            assertTrue(Namespace.of(tns.directory()).unlink(name(mode)));
            try (MessageQueue q = create(mode); Region region = openRaw(mode))
            {
                final AtomicBuffer raw = region.payload();
                final int room = 6 * RECORD;
                assertTrue(room > MAX_RECORD);
                cycle(q, (CAPACITY - room) / RECORD);
                for (int seq = 0; seq < 7; seq++)
                {
                    assertTrue(offer(q, seq)); // six records to the end, one after the wrap
                }
                final int index = CAPACITY - room;
                raw.putInt(RING + index, -room);
                final List<Integer> got = new ArrayList<>();
                for (int calls = 0; calls < POLLS_BOUND; calls++)
                {
                    assertEquals(0, q.drain(recorder(got), 10), mode + ": a claim writing padding, waited on");
                }
                raw.putIntRelease(RING + index, RECORD);
                assertEquals(7, q.drain(recorder(got), 10));
                assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), got);
            }
            assertTrue(Namespace.of(tns.directory()).unlink(name(mode)));
        }
    }

    private static RegionFormatException drainUntilCorrupt(final MessageQueue q)
    {
        for (int calls = 0; calls < POLLS_BOUND; calls++)
        {
            try
            {
                q.drain((b, o, l) -> fail("delivered"), 10);
            }
            catch (final RegionFormatException ex)
            {
                return ex;
            }
        }
        return fail("no corruption reported by " + POLLS_BOUND + " drains");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The ring ends at its capacity
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The first line of the trailer after the ring is unused: a word written there is never read as a record (a batch
     * running exactly to the ring end is delivered) nor as part of a zeroed gap (MANY_TO_ONE: header-less claims up to
     * the end, the tail beyond, are padded to the end once the liveness timeout has passed, and logged).
     */
    @Test
    void shouldNeverReadTheWordsAfterTheRingEnd() throws Exception
    {
        for (final QueueMode mode : MODES)
        {
            try (MessageQueue q = create(mode); Region region = openRaw(mode))
            {
                final AtomicBuffer raw = region.payload();
                raw.putLong(RING + CAPACITY, RECORD);
                cycle(q, CAPACITY / RECORD - 2);
                assertTrue(offer(q, 0));
                assertTrue(offer(q, 1));
                final List<Integer> got = new ArrayList<>();
                assertEquals(2, q.drain(recorder(got), 10), mode.name());
                assertEquals(List.of(0, 1), got);
            }
        }
        final QueueMode mode = QueueMode.MANY_TO_ONE;
        assertTrue(Namespace.of(tns.directory()).unlink(name(mode)));
        try (MessageQueue q = create(mode); Region region = openRaw(mode);
             RecordedEvents recorded = new RecordedEvents(tns.scratch(), List.of(), List.of(Recoveries.QUEUE_LOGGER)))
        {
            final AtomicBuffer raw = region.payload();
            raw.putLong(RING + CAPACITY, RECORD);
            cycle(q, CAPACITY / RECORD - 2);
            final long head = raw.getLong(RING_HEAD);
            raw.getAndAddLong(RING_TAIL, 2 * RECORD); // claims up to the end, never written
            assertTrue(offer(q, 0));
            final List<Integer> got = new ArrayList<>();
            assertTrue(q.take(recorder(got), 2, TimeUnit.SECONDS));
            assertEquals(List.of(0), got);
            assertEquals(1, q.recoveries());
            assertEquals(List.of("torn record skipped: region=" + name(mode) + ", mode=MANY_TO_ONE, dead_pid=0, position=" +
                head + ", action=unwritten claim padded"), recorded.lines(Recoveries.QUEUE_LOGGER, Level.WARNING));
        }
    }
}

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
import dev.mmipc.exceptions.QueueClosedException;
import dev.mmipc.liveness.OwnerTable;
import dev.mmipc.liveness.OwnerWords;
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.BoundedCall;
import dev.mmipc.test.TestNamespace;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every intermediate state a process killed during claim, commit, delivery or batch completion leaves, put into the
 * ring deterministically: either captured where it happens (a handler copies the queue's memory while it runs, which
 * is what a consumer killed in its handler leaves) or written word by word as the dead process would have left it,
 * its owner word naming a process that is gone (our pid with another start time, or the parent's pid recorded in the
 * process table with another start time: a reused pid). A survivor then recovers; each message must be delivered
 * exactly once (the one whose handler was running: again), none lost, each producer's order kept, and the recovery
 * counted. Last, close racing claims: every offer either went through and is delivered, or threw and is absent.
 */
class QueueCrashStatesTest
{
    private static final long UNBLOCK_MS = 100;
    private static final int CAPACITY = 1024;
    private static final int MAX_MESSAGE = 40;
    private static final int RING = QueueDescriptor.RING_OFFSET;
    private static final int RING_TAIL = RING + CAPACITY + 128;
    private static final int RING_HEAD = RING + CAPACITY + 384;
    private static final int SLOTS_TAIL = RING + CAPACITY + ManyToManyQueue.TAIL_POSITION_OFFSET;
    private static final int SLOTS_HEAD = RING + CAPACITY + ManyToManyQueue.HEAD_POSITION_OFFSET;
    /** A 24-byte message and Agrona's 8-byte header. */
    private static final int RECORD = 32;
    private static final int FIXED_LENGTH = RECORD - 8;
    private static final Duration CALL_BOUND = Duration.ofSeconds(5);

    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    private final UnsafeBuffer msg = new UnsafeBuffer(new byte[MAX_MESSAGE]);

    private MessageQueue create(final QueueMode mode, final int capacity)
    {
        return MessageQueue.create(Namespace.of(tns.directory()), "q", mode, capacity, QueueOptions.defaults()
            .withMaxMessageLength(MAX_MESSAGE)
            .withLivenessTimeout(Duration.ofMillis(UNBLOCK_MS)));
    }

    private Region openRaw()
    {
        return Region.open(tns.directory(), "q", RegionKind.QUEUE);
    }

    /** 12 to 40 bytes, so that records of every aligned size, and paddings at the end of the ring, occur. */
    private static int lengthOf(final long seq)
    {
        return 12 + (int)(seq * 7 % 29);
    }

    private boolean offer(final MessageQueue q, final int producer, final long seq, final int length)
    {
        final UnsafeBuffer m = new UnsafeBuffer(new byte[length]);
        m.putInt(0, producer);
        m.putLong(4, seq);
        return q.offer(m, 0, length);
    }

    private boolean offer(final MessageQueue q, final long seq)
    {
        return offer(q, 0, seq, lengthOf(seq));
    }

    private boolean offerFixed(final MessageQueue q, final long seq)
    {
        return offer(q, 0, seq, FIXED_LENGTH);
    }

    private static long seqOf(final DirectBuffer b, final int o, final int l)
    {
        return b.getLong(o + 4);
    }

    /** A handler that expects sequence numbers {@code next[0]}, {@code next[0] + 1}, ... of producer 0. */
    private static MessageHandler inOrder(final long[] next, final boolean fixed)
    {
        return (b, o, l) ->
        {
            final long seq = seqOf(b, o, l);
            assertEquals(next[0], seq, "sequence");
            assertEquals(0, b.getInt(o), "producer");
            assertEquals(fixed ? FIXED_LENGTH : lengthOf(seq), l, "length of " + seq);
            next[0]++;
        };
    }

    /** Our pid with another start time: the identity of a dead process whose pid we now have. */
    static long deadIdentity()
    {
        final ProcessIdentity self = ProcessIdentity.current();
        return OwnerWords.identity(new ProcessIdentity(self.pid(), self.startTimeMs() - 10_000));
    }

    static ProcessIdentity parent()
    {
        return ProcessHandle.current().parent().map(ProcessIdentity::of).orElseThrow();
    }

    /**
     * @return a bare pid the queue judges dead: the parent's, recorded in the process table with another start time
     * (the process that had that pid and opened the queue is gone; the pid was reused).
     */
    private static int deadBarePid(final AtomicBuffer raw)
    {
        final ProcessIdentity parent = parent();
        raw.putLongVolatile(OwnerTable.entryOffset(QueueDescriptor.PROCESS_TABLE_OFFSET, QueueDescriptor.PROCESS_TABLE_ENTRIES - 1),
            OwnerWords.identity(new ProcessIdentity(parent.pid(), parent.startTimeMs() - 60_000)));
        return (int)parent.pid();
    }

    /** Offer and take {@code messages} records of 32 bytes: the head and tail move on by as much. */
    private void cycleFixed(final MessageQueue q, final int messages)
    {
        for (int i = 0; i < messages; i++)
        {
            assertTrue(offerFixed(q, i));
            assertTrue(q.poll((b, o, l) -> { }));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // ONE_TO_ONE and MANY_TO_ONE: a consumer killed during delivery or batch completion
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Many batches of 1 to 6 messages of every length, over many laps (paddings at the end of the ring, batches that
     * straddle it). In each, the handler of one message copies the queue's memory: the state a consumer killed in that
     * handler leaves (the pending position at the end of the message before, the head not moved, in MANY_TO_ONE
     * nothing zeroed yet). Restored, with the consumer lease naming a dead process, the next consumer must deliver that
     * message and the rest of the batch once each, in order, and nothing before it again.
     */
    @ParameterizedTest
    @EnumSource(value = QueueMode.class, names = { "ONE_TO_ONE", "MANY_TO_ONE" })
    void shouldRedeliverOnlyTheMessageWhoseHandlerRanWhenTheConsumerDied(final QueueMode mode)
    {
        try (MessageQueue q = create(mode, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            final byte[] snapshot = new byte[raw.capacity()];
            long next = 0;
            int completed = 0;
            for (int round = 0; round < 72; round++)
            {
                final int batch = 1 + round % 6;
                final int diesAt = (round / 6) % batch;
                final long first = next;
                for (int i = 0; i < batch; i++)
                {
                    assertTrue(offer(q, first + i), "offer " + (first + i));
                }
                final long[] expected = { first };
                final MessageHandler inOrder = inOrder(expected, false);
                assertEquals(batch, q.drain((b, o, l) ->
                {
                    if (seqOf(b, o, l) == first + diesAt)
                    {
                        raw.getBytes(0, snapshot); // killed here, in the handler
                    }
                    inOrder.onMessage(b, o, l);
                }, batch + 1));
                final long tail = raw.getLong(RING_TAIL);
                assertEquals(tail, raw.getLong(RING_HEAD));

                raw.putBytes(0, snapshot);
                raw.putLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET, deadIdentity());
                final long head = raw.getLong(RING_HEAD);
                final long pending = raw.getLong(QueueDescriptor.CONSUMER_PENDING_OFFSET);
                final boolean batchToComplete = pending > head;
                final long recoveries = q.recoveries();

                expected[0] = first + diesAt;
                assertEquals(batch - diesAt, q.drain(inOrder(expected, false), batch + 1), "round " + round);
                assertEquals(first + batch, expected[0]);
                assertTrue(q.isEmpty());
                assertEquals(tail, raw.getLong(RING_HEAD));
                assertEquals(batchToComplete ? 1 : 0, q.recoveries() - recoveries, "round " + round);
                if (batchToComplete)
                {
                    completed++;
                }
                next += batch;
            }
            assertTrue(completed >= 20, "batches completed for a dead consumer: " + completed);
        }
    }

    /**
     * A consumer killed after its last handler returned and before it moved the head (ONE_TO_ONE), or after it
     * recorded the end of its batch and while it zeroed it (MANY_TO_ONE, any number of bytes zeroed): the next consumer
     * completes the batch, and delivers nothing of it again.
     */
    @ParameterizedTest
    @EnumSource(value = QueueMode.class, names = { "ONE_TO_ONE", "MANY_TO_ONE" })
    void shouldCompleteTheBatchOfAConsumerKilledAfterItsLastHandler(final QueueMode mode)
    {
        try (MessageQueue q = create(mode, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            final byte[] snapshot = new byte[raw.capacity()];
            long next = 0;
            for (int round = 0; round < 60; round++)
            {
                final int batch = 1 + round % 5;
                final long last = next + batch - 1;
                for (long seq = next; seq <= last; seq++)
                {
                    assertTrue(offer(q, seq));
                }
                final long[] expected = { next };
                final MessageHandler inOrder = inOrder(expected, false);
                assertEquals(batch, q.drain((b, o, l) ->
                {
                    inOrder.onMessage(b, o, l);
                    if (seqOf(b, o, l) == last)
                    {
                        raw.getBytes(0, snapshot);
                    }
                }, batch + 1));
                final long tail = raw.getLong(RING_TAIL);

                raw.putBytes(0, snapshot);
                final long head = raw.getLong(RING_HEAD);
                final int headIndex = (int)head & (CAPACITY - 1);
                // the pending position the last handler's return stores: the end of the batch, the tail
                raw.putLong(QueueDescriptor.CONSUMER_PENDING_OFFSET, tail);
                final int zeroed = mode == QueueMode.MANY_TO_ONE ? (int)(round * 8L % (tail - head)) : 0;
                raw.setMemory(RING + headIndex, zeroed, (byte)0);
                raw.putLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET, deadIdentity());
                final long recoveries = q.recoveries();

                assertFalse(q.poll((b, o, l) -> fail("delivered again: " + seqOf(b, o, l))), "round " + round);
                assertEquals(1, q.recoveries() - recoveries, "round " + round);
                assertEquals(tail, raw.getLong(RING_HEAD));
                assertTrue(q.isEmpty());
                if (mode == QueueMode.MANY_TO_ONE)
                {
                    for (long p = head; p < tail; p += Long.BYTES)
                    {
                        assertEquals(0L, raw.getLong(RING + ((int)p & (CAPACITY - 1))), "not zeroed at " + p);
                    }
                }
                next = last + 1;
            }
        }
    }

    /**
     * Pending positions no consumer of this batch can have recorded are not trusted: the head stays, and every
     * message from it is delivered (a message may come twice, none is lost). One that ends exactly at the end of the
     * buffer, where a batch ends, is.
     */
    @ParameterizedTest
    @CsvSource({
        "ONE_TO_ONE, at_head", "ONE_TO_ONE, misaligned", "ONE_TO_ONE, past_end", "ONE_TO_ONE, past_tail",
        "ONE_TO_ONE, behind_head", "ONE_TO_ONE, buffer_end",
        "MANY_TO_ONE, at_head", "MANY_TO_ONE, misaligned", "MANY_TO_ONE, past_end", "MANY_TO_ONE, past_tail",
        "MANY_TO_ONE, behind_head", "MANY_TO_ONE, buffer_end"})
    void shouldTrustOnlyAPendingPositionABatchCanHave(final QueueMode mode, final String pendingCase)
    {
        try (MessageQueue q = create(mode, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            cycleFixed(q, CAPACITY / RECORD - 2); // head = tail = two records before the end of the buffer
            final long head = raw.getLong(RING_HEAD);
            for (int seq = 0; seq < 4; seq++)
            {
                assertTrue(offerFixed(q, seq)); // two before the end, two from index 0 on
            }
            final long tail = raw.getLong(RING_TAIL);
            assertEquals(head + 4 * RECORD, tail);
            final long pending;
            switch (pendingCase)
            {
                case "at_head":
                    pending = head;
                    break;
                case "misaligned":
                    pending = head + RECORD + 4;
                    break;
                case "past_end":
                    pending = head + 3 * RECORD; // a batch never crosses the end of the buffer
                    break;
                case "past_tail":
                    pending = tail + RECORD;
                    break;
                case "behind_head":
                    pending = head - RECORD;
                    break;
                default:
                    pending = head + 2 * RECORD; // the end of the buffer: the batch of messages 0 and 1
                    break;
            }
            raw.putLong(QueueDescriptor.CONSUMER_PENDING_OFFSET, pending);
            raw.putLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET, deadIdentity());

            final boolean trusted = "buffer_end".equals(pendingCase);
            final long[] expected = { trusted ? 2 : 0 };
            assertEquals(trusted ? 2 : 4, q.drain(inOrder(expected, true), 10));
            assertEquals(4, expected[0]);
            assertEquals(trusted ? 1 : 0, q.recoveries());
            assertEquals(tail, raw.getLong(RING_HEAD));
            assertTrue(q.isEmpty());
        }
    }

    /**
     * Each recovery of a dead consumer is logged once, in words that name what was done: the lease taken over (with the
     * dead holder's pid and start time), then its batch completed (with the head and the pending position).
     */
    @Test
    void shouldLogTheLeaseTakenOverAndTheBatchCompleted()
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_ONE, CAPACITY); Region region = openRaw();
             RecordedEvents recorded = new RecordedEvents(tns.scratch(), List.of(), List.of(Recoveries.QUEUE_LOGGER)))
        {
            final AtomicBuffer raw = region.payload();
            for (int seq = 0; seq < 3; seq++)
            {
                assertTrue(offerFixed(q, seq));
            }
            raw.putLong(QueueDescriptor.CONSUMER_PENDING_OFFSET, 2 * RECORD);
            final ProcessIdentity self = ProcessIdentity.current();
            raw.putLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET, deadIdentity());
            final long[] expected = { 2 };
            assertEquals(1, q.drain(inOrder(expected, true), 10));
            assertEquals(List.of(
                "queue repaired: region=q, mode=MANY_TO_ONE, role=consumer, dead_pid=" + self.pid() + ", dead_start_ms=" +
                    (self.startTimeMs() - 10_000) + ", action=consumer lease taken over from dead consumer",
                "queue repaired: region=q, mode=MANY_TO_ONE, role=consumer, dead_pid=0, dead_start_ms=0, " +
                    "action=dead consumer's batch completed: head=0, pending=" + 2 * RECORD),
                recorded.lines(Recoveries.QUEUE_LOGGER, Level.WARNING));
        }
    }

    /**
     * Committed, not yet delivered, when the consumer died (holding its lease, between batches): nothing is lost.
     */
    @ParameterizedTest
    @EnumSource(value = QueueMode.class, names = { "ONE_TO_ONE", "MANY_TO_ONE" })
    void shouldDeliverWhatWasCommittedWhenTheConsumerDied(final QueueMode mode)
    {
        try (MessageQueue q = create(mode, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            for (int seq = 0; seq < 3; seq++)
            {
                assertTrue(offer(q, seq));
            }
            raw.putLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET, deadIdentity());
            final long[] expected = { 0 };
            assertEquals(3, q.drain(inOrder(expected, false), 10));
            assertEquals(0, q.recoveries(), "a lease taken over with no batch to complete");
            assertEquals(OwnerWords.selfIdentity(), raw.getLong(QueueDescriptor.CONSUMER_LEASE_OFFSET));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // MANY_TO_ONE: producers killed between claim and commit
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * Claimed, header written (minus the record length, the owner's pid as type), message half written: the owner
     * dead (by start time), or no owner recorded (type 0): padded once the liveness timeout has passed, the messages
     * around it delivered once each, in order.
     */
    @ParameterizedTest
    @CsvSource({ "dead", "none" })
    void shouldPadTheClaimOfADeadManyToOneProducer(final String owner) throws Exception
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_ONE, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            assertTrue(offerFixed(q, 0));
            final int index = q.tryClaim(FIXED_LENGTH); // claimed in this process, then "killed": owner rewritten
            raw.putInt(RING + index - 8 + 4, "dead".equals(owner) ? deadBarePid(raw) : 0);
            raw.putLong(RING + index, 0x5eedL); // half a message
            assertTrue(offerFixed(q, 1));
            final long[] expected = { 0 };
            assertEquals(1, q.drain(inOrder(expected, true), 10));
            final long startNs = System.nanoTime();
            assertTrue(q.take(inOrder(expected, true), 10, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(UNBLOCK_MS), "not before the timeout");
            assertEquals(2, expected[0]);
            assertEquals(1, q.recoveries());
            assertTrue(q.isEmpty());
        }
    }

    /**
     * A claim whose owner lives is never padded, however long it takes; committed late, it is delivered in its place.
     */
    @Test
    void shouldWaitForTheClaimOfALiveManyToOneProducer() throws Exception
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_ONE, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            final int index = q.tryClaim(FIXED_LENGTH);
            raw.putInt(RING + index - 8 + 4, (int)parent().pid()); // the parent: alive, not in the table
            assertTrue(offerFixed(q, 1));
            assertFalse(q.take((b, o, l) -> fail("delivered past a live claim"), 4 * UNBLOCK_MS, TimeUnit.MILLISECONDS));
            assertEquals(0, q.recoveries());
            raw.putInt(RING + index - 8 + 4, OwnerWords.selfPid());
            q.buffer().putInt(index, 0);
            q.buffer().putLong(index + 4, 0);
            q.commit(index);
            final long[] expected = { 0 };
            assertEquals(2, q.drain(inOrder(expected, true), 10));
            assertEquals(0, q.recoveries());
        }
    }

    /**
     * A header-less claim (the producer died between its tail CAS and its header) that is the last one and ends
     * exactly at the end of the buffer: nothing after it shows that it is torn rather than slow, as for one in the
     * middle of the buffer, so it is waited on; once a later claim lies beyond it, the zeroed gap is padded to the end.
     */
    @Test
    void shouldPadAZeroedGapToTheEndOnlyWithTheTailBeyondIt() throws Exception
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_ONE, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            cycleFixed(q, CAPACITY / RECORD - 2);
            raw.getAndAddLong(RING_TAIL, 2 * RECORD); // claims up to the end, never written
            assertFalse(q.take((b, o, l) -> fail("delivered"), 4 * UNBLOCK_MS, TimeUnit.MILLISECONDS));
            assertEquals(0, q.recoveries());
            assertTrue(offerFixed(q, 0));
            final long[] expected = { 0 };
            assertTrue(q.take(inOrder(expected, true), 10, TimeUnit.SECONDS));
            assertEquals(1, q.recoveries());
            assertTrue(q.isEmpty());
        }
    }

    /**
     * A gap to the end of the buffer that is not all zero (here the body of a message whose header is zeroed) is not
     * padded: it is no header-less claim, and padding it would hide what left it.
     */
    @Test
    void shouldNotPadAGapToTheEndThatIsNotZeroed() throws Exception
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_ONE, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            cycleFixed(q, CAPACITY / RECORD - 2);
            raw.getAndAddLong(RING_TAIL, 2 * RECORD);
            raw.putInt(RING + CAPACITY - 4, 0x5eed); // the type field of the last 8 bytes: no length Agrona scans
            assertTrue(offerFixed(q, 0));
            assertFalse(q.take((b, o, l) -> fail("delivered"), 4 * UNBLOCK_MS, TimeUnit.MILLISECONDS));
            assertEquals(0, q.recoveries());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // ONE_TO_ONE: the producer lease and its repair bit
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * The producer (this process) claimed and has not committed: a blocked consumer past the liveness timeout leaves
     * the claim and the lease alone; committed, the message is delivered.
     */
    @Test
    void shouldNeverRepairTheClaimOfALiveOneToOneProducer() throws Exception
    {
        try (MessageQueue q = create(QueueMode.ONE_TO_ONE, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            final int index = q.tryClaim(FIXED_LENGTH);
            assertFalse(q.take((b, o, l) -> fail("delivered a claim"), 4 * UNBLOCK_MS, TimeUnit.MILLISECONDS));
            assertEquals(0, q.recoveries());
            assertEquals(OwnerWords.selfIdentity(), raw.getLong(QueueDescriptor.PRODUCER_LEASE_OFFSET));
            q.buffer().putInt(index, 0);
            q.buffer().putLong(index + 4, 0);
            q.commit(index);
            final long[] expected = { 0 };
            assertTrue(q.poll(inOrder(expected, true)));
        }
    }

    /**
     * A live consumer (the parent, here) is repairing a dead producer's claims: the lease holds its identity and the
     * repair bit. A producer waits for it up to the liveness timeout, then reports it busy by its pid; a blocked
     * consumer does not repair a second time.
     */
    @Test
    void shouldWaitForALiveRepairThenReportTheRepairerBusy() throws Exception
    {
        try (MessageQueue q = create(QueueMode.ONE_TO_ONE, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            final ProcessIdentity repairer = parent();
            final long repairing = OwnerWords.identity(repairer) | RingQueue.REPAIR_BIT;
            raw.putLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET, repairing);
            raw.getAndAddLong(RING_TAIL, RECORD); // the claim it repairs

            final BoundedCall<Boolean> offer = BoundedCall.run("offer", CALL_BOUND, () -> offerFixed(q, 0));
            final IllegalStateException busy = offer.failure(IllegalStateException.class);
            assertEquals("queue producer busy: name=q, mode=ONE_TO_ONE, holder_pid=" + repairer.pid(), busy.getMessage());
            assertTrue(offer.elapsedNs() >= TimeUnit.MILLISECONDS.toNanos(UNBLOCK_MS), "waited for the repair");

            assertFalse(q.take((b, o, l) -> fail("delivered"), 4 * UNBLOCK_MS, TimeUnit.MILLISECONDS));
            assertEquals(0, q.recoveries());
            assertEquals(repairing, raw.getLong(QueueDescriptor.PRODUCER_LEASE_OFFSET));
        }
    }

    /**
     * A live producer (the parent) holds the lease with no repair bit: busy at once, not after the liveness timeout.
     */
    @Test
    void shouldReportALiveOneToOneProducerBusyAtOnce()
    {
        try (MessageQueue q = MessageQueue.create(Namespace.of(tns.directory()), "q", QueueMode.ONE_TO_ONE, CAPACITY,
            QueueOptions.defaults().withMaxMessageLength(MAX_MESSAGE).withLivenessTimeout(Duration.ofSeconds(30)));
             Region region = openRaw())
        {
            final ProcessIdentity producer = parent();
            region.payload().putLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET, OwnerWords.identity(producer));
            final BoundedCall<Boolean> offer = BoundedCall.run("offer", CALL_BOUND, () -> offerFixed(q, 0));
            assertEquals("queue producer busy: name=q, mode=ONE_TO_ONE, holder_pid=" + producer.pid(),
                offer.failure(IllegalStateException.class).getMessage());
        }
    }

    /**
     * A consumer that died while repairing (the lease names it, with the repair bit) and the producer whose claim it
     * was repairing: the next producer takes the lease over, pads the claim, and its messages follow.
     */
    @Test
    void shouldTakeOverTheLeaseOfARepairerThatDied()
    {
        try (MessageQueue q = create(QueueMode.ONE_TO_ONE, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            assertTrue(offerFixed(q, 0));
            raw.putLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET, deadIdentity() | RingQueue.REPAIR_BIT);
            final long claim = raw.getAndAddLong(RING_TAIL, RECORD); // header-less claim
            raw.putInt(RING + (int)claim + RECORD, RECORD); // stale record after the tail, to be zeroed
            assertTrue(offerFixed(q, 1));
            assertEquals(1, q.recoveries());
            assertEquals(OwnerWords.selfIdentity(), raw.getLong(QueueDescriptor.PRODUCER_LEASE_OFFSET));
            final long[] expected = { 0 };
            assertEquals(2, q.drain(inOrder(expected, true), 10));
            assertTrue(q.isEmpty());
        }
    }

    /**
     * The ONE_TO_ONE producer died with a claim whose header it had written (minus its length) and another, header
     * less, after it: a blocked consumer takes the lease with the repair bit, pads both, gives the lease back, and
     * the next producer's messages follow.
     */
    @Test
    void shouldRepairEveryClaimOfADeadOneToOneProducerFromTheConsumer() throws Exception
    {
        try (MessageQueue q = create(QueueMode.ONE_TO_ONE, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            assertTrue(offerFixed(q, 0));
            final int first = q.tryClaim(FIXED_LENGTH);
            raw.getAndAddLong(RING_TAIL, RECORD); // the second claim, header-less
            raw.putLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET, deadIdentity());
            final long[] expected = { 0 };
            assertTrue(q.poll(inOrder(expected, true)));
            try (RecordedEvents recorded = new RecordedEvents(tns.scratch(), List.of(), List.of(Recoveries.QUEUE_LOGGER)))
            {
                assertFalse(q.take((b, o, l) -> fail("delivered a torn claim"), 4 * UNBLOCK_MS, TimeUnit.MILLISECONDS));
                assertEquals(List.of(
                    "torn record skipped: region=q, mode=ONE_TO_ONE, dead_pid=0, position=" + RECORD +
                        ", action=dead producer's claim padded",
                    "torn record skipped: region=q, mode=ONE_TO_ONE, dead_pid=0, position=" + 2 * RECORD +
                        ", action=unwritten claim padded to the tail"), recorded.lines(Recoveries.QUEUE_LOGGER, Level.WARNING));
            }
            assertEquals(2, q.recoveries());
            assertEquals(0L, raw.getLong(QueueDescriptor.PRODUCER_LEASE_OFFSET), "lease given back");
            assertEquals(RingBuffer.PADDING_MSG_TYPE_ID, raw.getInt(RING + first - 8 + 4));
            assertTrue(q.isEmpty());
            assertTrue(offerFixed(q, 1));
            assertTrue(q.poll(inOrder(expected, true)));
            assertEquals(2, expected[0]);
        }
    }

    /**
     * The leases belong to the process: closing one of its handles keeps them while another handle uses them, the
     * last one gives them back (here read in the control block, as the next process would).
     */
    @Test
    void shouldGiveBackTheLeasesWithTheLastHandleOfTheProcessThatUsesThem()
    {
        final MessageQueue first = create(QueueMode.ONE_TO_ONE, CAPACITY);
        try (Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            final MessageQueue second = MessageQueue.open(Namespace.of(tns.directory()), "q");
            final MessageQueue third = MessageQueue.open(Namespace.of(tns.directory()), "q");
            assertTrue(offerFixed(first, 0));
            assertTrue(offerFixed(second, 1));
            assertTrue(first.poll((b, o, l) -> { }));
            assertTrue(second.poll((b, o, l) -> { }));
            third.close(); // used no lease
            final long self = OwnerWords.selfIdentity();
            assertEquals(self, raw.getLong(QueueDescriptor.PRODUCER_LEASE_OFFSET));
            assertEquals(self, raw.getLong(QueueDescriptor.CONSUMER_LEASE_OFFSET));
            first.close();
            assertEquals(self, raw.getLong(QueueDescriptor.PRODUCER_LEASE_OFFSET), "the second handle still produces");
            assertEquals(self, raw.getLong(QueueDescriptor.CONSUMER_LEASE_OFFSET), "the second handle still consumes");
            second.close();
            assertEquals(0L, raw.getLong(QueueDescriptor.PRODUCER_LEASE_OFFSET));
            assertEquals(0L, raw.getLong(QueueDescriptor.CONSUMER_LEASE_OFFSET));
        }
        assertTrue(LocalLeaseCount.release("never acquired"), "a lease no handle counted is given back");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // MANY_TO_MANY: slots held by dead processes
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A consumer died holding a message (READING) after moving the head: other consumers go on at once; a producer
     * that wraps onto the slot frees it after the liveness timeout, losing only that message.
     */
    @Test
    void shouldFreeTheSlotOfAConsumerThatDiedHoldingAMessage() throws Exception
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_MANY, CAPACITY); Region region = openRaw();
             RecordedEvents recorded = new RecordedEvents(tns.scratch(), List.of(), List.of(Recoveries.QUEUE_LOGGER)))
        {
            final AtomicBuffer raw = region.payload();
            final int slots = CAPACITY / QueueDescriptor.slotLength(MAX_MESSAGE);
            for (int seq = 0; seq < slots; seq++)
            {
                assertTrue(offerFixed(q, seq));
            }
            final int deadPid = deadBarePid(raw);
            raw.putLongVolatile(RING, ManyToManyQueue.word(0, ManyToManyQueue.READING, deadPid));
            raw.putLongVolatile(SLOTS_HEAD, 1);
            final long[] expected = { 1 };
            assertEquals(slots - 1, q.drain(inOrder(expected, true), slots));
            assertEquals(0, q.recoveries(), "consumers pass a READING slot at once");

            final long startNs = System.nanoTime();
            while (!offerFixed(q, slots))
            {
                assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(10), "slot never freed");
                Thread.onSpinWait();
            }
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(UNBLOCK_MS), "not before the timeout");
            assertEquals(1, q.recoveries());
            assertEquals(List.of("torn record skipped: region=q, mode=MANY_TO_MANY, dead_pid=" + deadPid +
                ", position=0, action=slot freed, dead consumer's message lost"), recorded.lines(Recoveries.QUEUE_LOGGER,
                Level.WARNING));
            assertTrue(q.poll(inOrder(new long[] { slots }, true)));
            assertTrue(q.isEmpty());
            assertEquals((long)slots + 1, raw.getLong(SLOTS_TAIL));
        }
    }

    /**
     * A consumer died between its CAS to READING and its move of the head: the next consumer helps the head on.
     */
    @Test
    void shouldHelpTheHeadOfAConsumerThatDiedBeforeMovingIt()
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_MANY, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            for (int seq = 0; seq < 3; seq++)
            {
                assertTrue(offerFixed(q, seq));
            }
            raw.putLongVolatile(RING, ManyToManyQueue.word(0, ManyToManyQueue.READING, deadBarePid(raw)));
            final long[] expected = { 1 };
            assertEquals(2, q.drain(inOrder(expected, true), 10));
            assertEquals(3L, raw.getLong(SLOTS_HEAD));
            assertTrue(q.isEmpty());
        }
    }

    /**
     * A slot held by a live process (the parent: alive, not in the table) is never freed: the producer that wraps
     * onto it finds the queue full for as long as it holds it.
     */
    @Test
    void shouldNeverFreeTheSlotOfALiveConsumer() throws Exception
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_MANY, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            final int slots = CAPACITY / QueueDescriptor.slotLength(MAX_MESSAGE);
            for (int seq = 0; seq < slots; seq++)
            {
                assertTrue(offerFixed(q, seq));
            }
            raw.putLongVolatile(RING, ManyToManyQueue.word(0, ManyToManyQueue.READING, (int)parent().pid()));
            raw.putLongVolatile(SLOTS_HEAD, 1);
            assertEquals(slots - 1, q.drain((b, o, l) -> { }, slots));
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(4 * UNBLOCK_MS);
            while (System.nanoTime() - deadlineNs < 0)
            {
                assertFalse(offerFixed(q, slots), "a live consumer's slot taken");
            }
            assertEquals(0, q.recoveries());
        }
    }

    /**
     * A producer died holding a claim on a later lap (lap 1, slot 2), the tail moved past it: a consumer blocked on it
     * skips it after the liveness timeout, and the warning names its position (lap times slots plus slot).
     */
    @Test
    void shouldNameThePositionOfADeadProducersClaimOnALaterLap()
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_MANY, CAPACITY); Region region = openRaw();
             RecordedEvents recorded = new RecordedEvents(tns.scratch(), List.of(), List.of(Recoveries.QUEUE_LOGGER)))
        {
            final AtomicBuffer raw = region.payload();
            final int slotLength = QueueDescriptor.slotLength(MAX_MESSAGE);
            final int slots = CAPACITY / slotLength;
            final int position = slots + 2;
            cycleFixed(q, position);
            final int deadPid = deadBarePid(raw);
            raw.putLongVolatile(RING + 2 * slotLength, ManyToManyQueue.word(1, ManyToManyQueue.WRITING, deadPid));
            raw.putLongVolatile(SLOTS_TAIL, position + 1);
            assertTrue(offerFixed(q, 7));

            final long[] expected = { 7 };
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!q.poll(inOrder(expected, true)))
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "claim never skipped");
                Thread.onSpinWait();
            }
            assertEquals(8, expected[0]);
            assertEquals(1, q.recoveries());
            assertEquals(List.of("torn record skipped: region=q, mode=MANY_TO_MANY, dead_pid=" + deadPid +
                ", position=" + position + ", action=dead producer's claim skipped"),
                recorded.lines(Recoveries.QUEUE_LOGGER, Level.WARNING));
            assertTrue(q.isEmpty());
        }
    }

    /**
     * A consumer died between taking the oldest message of a full queue and moving the head; a producer frees its
     * slot after the liveness timeout and fills it. The tail is then {@code slots + 1} ahead of the head hint: a full
     * queue, counted as such (not refused as corrupt), and the consumers help the head on and deliver the rest in order.
     */
    @Test
    void shouldCountAFullQueueWhoseHeadHintLagsBehindAFreedSlot()
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_MANY, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            final int slots = CAPACITY / QueueDescriptor.slotLength(MAX_MESSAGE);
            for (int seq = 0; seq < slots; seq++)
            {
                assertTrue(offerFixed(q, seq));
            }
            raw.putLongVolatile(RING, ManyToManyQueue.word(0, ManyToManyQueue.READING, deadBarePid(raw)));
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!offerFixed(q, slots))
            {
                assertTrue(System.nanoTime() - deadlineNs < 0, "slot never freed");
                Thread.onSpinWait();
            }
            assertEquals(1, q.recoveries());
            assertEquals(0L, raw.getLong(SLOTS_HEAD));
            assertEquals(slots + 1L, raw.getLong(SLOTS_TAIL));
            assertEquals(slots, q.size());
            assertFalse(q.isEmpty());
            assertEquals(0, q.remainingCapacity());

            final long[] expected = { 1 };
            assertEquals(slots, q.drain(inOrder(expected, true), slots + 1));
            assertEquals(slots + 1L, expected[0]);
            assertEquals(0, q.size());
        }
    }

    /**
     * A producer died after its claim, before moving the tail, on an empty queue: a consumer blocked on the claim
     * skips it after the liveness timeout and moves the head past it, one ahead of the tail hint. That is an empty
     * queue, not a corrupt one; the next producer helps the tail past the freed slot and its message is delivered.
     */
    @Test
    void shouldCountAnEmptyQueueWhoseHeadHintIsAheadOfTheTail()
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_MANY, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            raw.putLongVolatile(RING, ManyToManyQueue.word(0, ManyToManyQueue.WRITING, deadBarePid(raw)));
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (q.recoveries() == 0)
            {
                assertFalse(q.poll((b, o, l) -> fail("delivered a dead producer's claim")));
                assertTrue(System.nanoTime() - deadlineNs < 0, "claim never skipped");
                Thread.onSpinWait();
            }
            assertFalse(q.poll((b, o, l) -> fail("delivered from an empty queue")));
            assertEquals(1L, raw.getLong(SLOTS_HEAD));
            assertEquals(0L, raw.getLong(SLOTS_TAIL));
            assertEquals(0, q.size());
            assertTrue(q.isEmpty());

            assertTrue(offerFixed(q, 0));
            assertEquals(2L, raw.getLong(SLOTS_TAIL), "the producer helped the tail past the freed slot");
            assertEquals(1, q.size());
            assertTrue(q.poll(inOrder(new long[] { 0 }, true)));
            assertTrue(q.isEmpty());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Close racing claims
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A claim made before the queue was marked closed may still be committed: a consumer that finds it at the head
     * gets nothing, not the end of stream, until it is committed and taken.
     */
    @Test
    void shouldNotEndTheStreamWhileAClaimMadeBeforeTheCloseIsOpen()
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_MANY, CAPACITY))
        {
            assertTrue(offerFixed(q, 0));
            final int index = q.tryClaim(FIXED_LENGTH);
            q.markClosed();
            final long[] expected = { 0 };
            assertTrue(q.poll(inOrder(expected, true)));
            assertFalse(q.poll((b, o, l) -> fail("delivered an open claim")), "an open claim is not the end");
            assertFalse(q.isEndOfStream());
            q.buffer().putInt(index, 0);
            q.buffer().putLong(index + 4, 1);
            q.commit(index);
            assertTrue(q.poll(inOrder(expected, true)));
            assertThrows(QueueClosedException.class, () -> q.poll((b, o, l) -> fail("delivered after the end")));
        }
    }

    /**
     * The flag seen only after the claim, deterministically: the engine is built over a control block whose closed
     * flag is set by the read that follows the claim (the second read of an offer). The offer throws, the position it
     * took is given back (padding in MANY_TO_ONE, the slot freed for the next lap in MANY_TO_MANY), and the consumer
     * delivers what came before, then reaches the end of stream.
     */
    @ParameterizedTest
    @EnumSource(value = QueueMode.class, names = { "MANY_TO_ONE", "MANY_TO_MANY" })
    void shouldGiveBackAClaimThatSawTheCloseOnlyAfterIt(final QueueMode mode)
    {
        try (MessageQueue q = create(mode, CAPACITY); Region region = openRaw())
        {
            final AtomicBuffer payload = region.payload();
            final boolean slots = mode == QueueMode.MANY_TO_MANY;
            final int tailIndex = slots ? SLOTS_TAIL : RING_TAIL;
            final CloseOnRead control = new CloseOnRead(payload);
            final UnsafeBuffer ring = new UnsafeBuffer(payload, RING, QueueDescriptor.ringLength(mode, CAPACITY));
            final long timeoutNs = TimeUnit.MILLISECONDS.toNanos(UNBLOCK_MS);
            final QueueEngine engine = slots ?
                new ManyToManyQueue("q", region.liveness(), control, ring, CAPACITY, QueueDescriptor.slotLength(MAX_MESSAGE),
                    timeoutNs) :
                new RingQueue("q", region.path().toString(), mode, region.liveness(), control, ring, timeoutNs);
            for (int seq = 0; seq < 2; seq++)
            {
                msg.putInt(0, 0);
                msg.putLong(4, seq);
                assertTrue(engine.offer(msg, 0, FIXED_LENGTH));
            }
            final long tail = payload.getLong(tailIndex);

            control.closeAtRead(2);
            msg.putLong(4, 2);
            assertThrows(QueueClosedException.class, () -> engine.offer(msg, 0, FIXED_LENGTH));
            assertEquals(2, control.reads(), "the flag read before and after the claim");
            assertEquals(tail + (slots ? 1 : RECORD), payload.getLong(tailIndex), "a position was claimed");
            if (slots)
            {
                final int slot = RING + 2 * QueueDescriptor.slotLength(MAX_MESSAGE);
                assertEquals(ManyToManyQueue.word(1, ManyToManyQueue.EMPTY, 0), payload.getLong(slot),
                    "and its slot freed for the next lap");
            }
            else
            {
                assertEquals(RingBuffer.PADDING_MSG_TYPE_ID, payload.getInt(RING + 2 * RECORD + 4), "and padded");
            }

            final long[] expected = { 0 };
            assertEquals(2, q.drain(inOrder(expected, true), 10));
            assertTrue(q.isEndOfStream());
            assertThrows(QueueClosedException.class, () -> q.drain((b, o, l) -> fail("delivered after the end"), 10));
            assertThrows(QueueClosedException.class, () -> offerFixed(q, 3));
        }
    }

    /**
     * A control block over the queue's, whose closed flag is set to closed just before the n-th volatile read of it.
     */
    private static final class CloseOnRead extends UnsafeBuffer
    {
        private int closeAt;
        private int reads;

        CloseOnRead(final AtomicBuffer payload)
        {
            super(payload, 0, QueueDescriptor.CONTROL_LENGTH);
        }

        void closeAtRead(final int read)
        {
            closeAt = read;
            reads = 0;
        }

        int reads()
        {
            return reads;
        }

        @Override
        public int getIntVolatile(final int index)
        {
            if (index == QueueDescriptor.CLOSED_FLAG_OFFSET && closeAt > 0 && ++reads == closeAt)
            {
                putIntVolatile(index, QueueCorruption.CLOSED);
            }
            return super.getIntVolatile(index);
        }
    }

    /**
     * Producers offer without pause while the queue is marked closed, round after round (the closed flag is reset
     * between rounds). Every offer either went through, and its message is delivered once, in its producer's order,
     * before the end of stream, or threw {@link QueueClosedException}, and its message is absent; no claim is left
     * behind (the end of stream is reached). The claims that saw the flag only after their claim are what
     * {@link #shouldGiveBackAClaimThatSawTheCloseOnlyAfterIt} pins down deterministically; here they happen a few times
     * in a hundred rounds.
     */
    @ParameterizedTest
    @EnumSource(value = QueueMode.class, names = { "MANY_TO_ONE", "MANY_TO_MANY" })
    void shouldDeliverExactlyTheOffersThatWentThroughWhenCloseRacesClaims(final QueueMode mode) throws Exception
    {
        final int capacity = 1 << 16;
        try (MessageQueue q = create(mode, capacity); Region region = openRaw())
        {
            final AtomicBuffer raw = region.payload();
            final int tailIndex = mode == QueueMode.MANY_TO_MANY ? RING + capacity + ManyToManyQueue.TAIL_POSITION_OFFSET :
                RING + capacity + 128;
            final int unit = mode == QueueMode.MANY_TO_MANY ? 1 : RECORD;
            final int producers = 4;
            final long[] nextSeq = new long[producers];
            for (int rounds = 1; rounds <= 20; rounds++)
            {
                raw.putIntVolatile(QueueDescriptor.CLOSED_FLAG_OFFSET, QueueCorruption.OPEN);
                final long tailBefore = raw.getLongVolatile(tailIndex);
                final AtomicInteger offered = new AtomicInteger();
                final long[] accepted = new long[producers];
                final List<Thread> threads = new ArrayList<>();
                final List<Throwable> failures = new ArrayList<>();
                final CountDownLatch done = new CountDownLatch(producers);
                for (int p = 0; p < producers; p++)
                {
                    final int producer = p;
                    final long firstSeq = nextSeq[p];
                    final Thread t = new Thread(() ->
                    {
                        final UnsafeBuffer m = new UnsafeBuffer(new byte[FIXED_LENGTH]);
                        long seq = firstSeq;
                        try
                        {
                            while (true)
                            {
                                m.putInt(0, producer);
                                m.putLong(4, seq);
                                if (q.offer(m, 0, FIXED_LENGTH))
                                {
                                    seq++;
                                    offered.incrementAndGet();
                                }
                            }
                        }
                        catch (final QueueClosedException expected)
                        {
                            accepted[producer] = seq - firstSeq;
                        }
                        catch (final Throwable e)
                        {
                            synchronized (failures)
                            {
                                failures.add(e);
                            }
                        }
                        finally
                        {
                            done.countDown();
                        }
                    }, "offer-" + p);
                    threads.add(t);
                    t.start();
                }
                while (offered.get() < producers && done.getCount() == producers)
                {
                    Thread.onSpinWait();
                }
                q.markClosed();
                assertTrue(done.await(10, TimeUnit.SECONDS), "producers stopped");
                for (final Thread t : threads)
                {
                    t.join(TimeUnit.SECONDS.toMillis(10));
                }
                assertEquals(List.of(), failures);

                final long[] expected = nextSeq.clone();
                final AtomicLong delivered = new AtomicLong();
                final MessageHandler check = (b, o, l) ->
                {
                    final int producer = b.getInt(o);
                    assertEquals(expected[producer], b.getLong(o + 4), "producer " + producer);
                    expected[producer]++;
                    delivered.incrementAndGet();
                };
                final long endNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!q.isEndOfStream())
                {
                    q.drain(check, Integer.MAX_VALUE);
                    assertTrue(System.nanoTime() - endNs < 0, "no end of stream: a claim left behind");
                }
                for (int p = 0; p < producers; p++)
                {
                    assertEquals(nextSeq[p] + accepted[p], expected[p], "producer " + p + ", round " + rounds);
                    nextSeq[p] = expected[p];
                }
                final long taken = (raw.getLongVolatile(tailIndex) - tailBefore) / unit;
                assertTrue(taken >= delivered.get(), "positions taken: " + taken + ", delivered: " + delivered);
            }
            assertThrows(QueueClosedException.class, () -> offerFixed(q, 0));
        }
    }
}

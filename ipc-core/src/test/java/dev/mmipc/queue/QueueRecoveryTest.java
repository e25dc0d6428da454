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
import dev.mmipc.liveness.OwnerTable;
import dev.mmipc.liveness.OwnerWords;
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.BoundedCall;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.WriteWords;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The crash windows too narrow to hit with a kill (a few instructions wide), reproduced by writing the state a
 * process killed there leaves behind, then checking that the next process recovers from it.
 */
class QueueRecoveryTest
{
    private static final long UNBLOCK_MS = 100;
    private static final int CAPACITY = 4096;
    private static final int RECORD = 32; // 24-byte message + 8-byte Agrona header
    private static final int RING = QueueDescriptor.RING_OFFSET;
    private static final int RING_TAIL = RING + CAPACITY + 128;
    private static final int RING_HEAD = RING + CAPACITY + 384;
    /** Slack for a loaded machine on top of the longest wait a call may make (the unblock timeout here). */
    private static final long CALL_MARGIN_MS = 1_000;
    /** Longest any single call may take. */
    private static final Duration CALL_BOUND = Duration.ofMillis(UNBLOCK_MS + CALL_MARGIN_MS);
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    private final UnsafeBuffer msg = new UnsafeBuffer(new byte[Deliveries.MESSAGE_LENGTH]);

    private MessageQueue create(final QueueMode mode)
    {
        return MessageQueue.create(Namespace.of(tns.directory()), "q", mode, CAPACITY, QueueOptions.defaults()
            .withMaxMessageLength(Deliveries.MESSAGE_LENGTH)
            .withLivenessTimeout(Duration.ofMillis(UNBLOCK_MS)));
    }

    private AtomicBuffer raw(final Region region)
    {
        return region.payload();
    }

    private MessageQueue open()
    {
        return MessageQueue.open(Namespace.of(tns.directory()), "q", QueueOptions.defaults()
            .withLivenessTimeout(Duration.ofMillis(UNBLOCK_MS)));
    }

    private Path file()
    {
        return tns.path().resolve("q");
    }

    /** File offset of the ring byte at {@code index}. */
    private static long ringFileOffset(final int index)
    {
        return RegionDescriptor.HEADER_LENGTH + RING + index;
    }

    private Region openRaw()
    {
        return Region.open(tns.directory(), "q", RegionKind.QUEUE);
    }

    private boolean offer(final MessageQueue q, final long seq)
    {
        msg.putInt(0, 0);
        msg.putLong(8, seq);
        msg.putLong(16, Deliveries.checksum(0, seq));
        return q.offer(msg, 0, Deliveries.MESSAGE_LENGTH);
    }

    private static MessageHandler expect(final long seq)
    {
        return (b, o, l) ->
        {
            assertEquals(Deliveries.MESSAGE_LENGTH, l);
            assertEquals(seq, b.getLong(o + 8), "sequence");
            assertEquals(Deliveries.checksum(0, seq), b.getLong(o + 16), "checksum");
        };
    }

    private void cycle(final MessageQueue q, final int messages)
    {
        for (int seq = 0; seq < messages; seq++)
        {
            assertTrue(offer(q, seq));
            assertTrue(q.poll(expect(seq)));
        }
    }

    /** Our pid with another start time: the identity of a dead process whose pid we now have. */
    private static long deadIdentityWithOurPid()
    {
        final ProcessIdentity self = ProcessIdentity.current();
        return OwnerWords.identity(new ProcessIdentity(self.pid(), self.startTimeMs() - 10_000));
    }

    private int deadPid()
    {
        final var child = tns.startChild(QueueChildren.Exit.class);
        child.awaitSuccess(Duration.ofSeconds(60));
        return (int)child.pid();
    }

    @Test
    void shouldSkipManyToOneClaimWhoseProducerDiedBeforeWritingItsHeader() throws Exception
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_ONE); Region region = openRaw())
        {
            assertTrue(offer(q, 0));
            assertTrue(offer(q, 1));
            raw(region).getAndAddLong(RING_TAIL, RECORD); // tail CAS done, then killed: 32 zero bytes claimed
            assertTrue(offer(q, 2));
            assertTrue(q.poll(expect(0)));
            assertTrue(q.poll(expect(1)));
            final long start = System.nanoTime();
            assertTrue(q.take(expect(2), 30, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(UNBLOCK_MS));
            assertEquals(1, q.recoveries());
            assertTrue(q.isEmpty());
        }
    }

    @Test
    void shouldSkipManyToOneHeaderlessClaimRunningToBufferEnd() throws Exception
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_ONE); Region region = openRaw())
        {
            cycle(q, CAPACITY / RECORD - 2); // head = tail = 64 bytes before the end
            raw(region).getAndAddLong(RING_TAIL, 2 * RECORD); // claims up to the end, never written
            assertTrue(offer(q, 7)); // written at index 0 of the next lap
            assertTrue(q.take(expect(7), 30, TimeUnit.SECONDS), "Agrona's scan stops at the end; ours pads to it");
            assertEquals(1, q.recoveries());
            assertTrue(q.isEmpty());
        }
    }

    @Test
    void shouldFinishBatchOfConsumerKilledWhileZeroingIt()
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_ONE); Region region = openRaw())
        {
            assertTrue(offer(q, 0));
            assertTrue(offer(q, 1));
            assertTrue(offer(q, 2));
            final AtomicBuffer raw = raw(region);
            // a consumer handed 0 and 1 to its handler, recorded the pending position, zeroed the first header only
            raw.putLong(QueueDescriptor.CONSUMER_LEASE_OFFSET, deadIdentityWithOurPid());
            raw.putLong(QueueDescriptor.CONSUMER_PENDING_OFFSET, 2 * RECORD);
            raw.putLong(RING, 0L);
            assertEquals(0L, raw.getLong(RING_HEAD));

            assertTrue(q.poll(expect(2)), "the batch is finished, the next message follows at once");
            assertEquals(1, q.recoveries());
            assertEquals(3L * RECORD, raw.getLong(RING_HEAD));
            for (int i = 0; i < 2 * RECORD; i += 8)
            {
                assertEquals(0L, raw.getLong(RING + i), "consumed bytes zeroed at " + i);
            }
        }
    }

    /**
     * A batch that ends with padding: here the padding a consumer made of a dead producer's torn claim, whose
     * body holds half a message. The pending position must cover that padding before the consumer zeroes the
     * batch: a consumer killed while zeroing would otherwise leave the padding's header zeroed and its body not,
     * and the next consumer, blocked there, would skip the zeroed bytes and read the half message as records.
     */
    @Test
    void shouldCoverPaddingAtEndOfBatchBeforeZeroingIt() throws Exception
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_ONE); Region region = openRaw())
        {
            final AtomicBuffer raw = raw(region);
            assertTrue(offer(q, 0));
            tornClaimPaddedByConsumer(raw, RECORD);
            assertEquals(1, q.drain(expect(0), 10));
            assertEquals(2L * RECORD, raw.getLong(RING_HEAD), "message and padding read in one batch");
            assertEquals(2L * RECORD, raw.getLong(QueueDescriptor.CONSUMER_PENDING_OFFSET),
                "the pending position covers the padding read after the last message");

            // the state a consumer killed while zeroing that batch leaves, with the pending position it recorded
            cycle(q, CAPACITY / RECORD - 2); // back to index 0, one lap on
            final long head = raw.getLong(RING_HEAD);
            assertEquals(0, (int)head & (CAPACITY - 1));
            assertTrue(offer(q, 0));
            tornClaimPaddedByConsumer(raw, (int)head + RECORD);
            raw.putLong(QueueDescriptor.CONSUMER_LEASE_OFFSET, deadIdentityWithOurPid());
            raw.putLong(QueueDescriptor.CONSUMER_PENDING_OFFSET, head + 2 * RECORD);
            raw.setMemory(RING, RECORD + 8, (byte)0); // the message and the padding's header zeroed, not its body
            assertTrue(offer(q, 2));

            assertTrue(q.take(expect(2), 30, TimeUnit.SECONDS), "the next message, and nothing made of the half one");
            assertTrue(q.isEmpty());
        }
    }

    /**
     * A producer claimed a record at the tail, wrote half of its message (producer 0, sequence 1) and died; a
     * consumer turned the record into padding, as Agrona's unblock does.
     */
    private static void tornClaimPaddedByConsumer(final AtomicBuffer raw, final int expectedIndex)
    {
        final long tail = raw.getAndAddLong(RING_TAIL, RECORD);
        final int index = RING + ((int)tail & (CAPACITY - 1));
        assertEquals(RING + (expectedIndex & (CAPACITY - 1)), index);
        raw.putInt(index + 8, 0);
        raw.putLong(index + 16, 1);
        raw.putInt(index + 4, org.agrona.concurrent.ringbuffer.RingBuffer.PADDING_MSG_TYPE_ID);
        raw.putIntVolatile(index, RECORD);
    }

    @Test
    void shouldRepairOneToOneClaimWhoseProducerDiedBeforeZeroingTheNextHeader() throws Exception
    {
        try (MessageQueue q = create(QueueMode.ONE_TO_ONE); Region region = openRaw())
        {
            cycle(q, 300); // several laps: the ring is full of stale records
            final AtomicBuffer raw = raw(region);
            final long tail = raw.getLong(RING_TAIL);
            final int oldTailIndex = (int)tail & (CAPACITY - 1);
            // the producer published the tail, then died before writing its header or pre-zeroing the next one
            raw.putLong(QueueDescriptor.PRODUCER_LEASE_OFFSET, deadIdentityWithOurPid());
            raw.putLong(RING_TAIL, tail + RECORD);
            assertEquals(0, raw.getInt(RING + oldTailIndex), "its own header was pre-zeroed by the claim before");
            raw.putInt(RING + oldTailIndex + RECORD, RECORD); // a stale record after it: length 32 ...
            raw.putInt(RING + oldTailIndex + RECORD + 4, 5);  // ... type 5

            assertFalse(q.take((b, o, l) -> fail("torn claim or stale record delivered"),
                4 * UNBLOCK_MS, TimeUnit.MILLISECONDS), "the blocked consumer repairs, and finds nothing after");
            assertEquals(1, q.recoveries());
            assertEquals(tail + RECORD, raw.getLong(RING_HEAD), "past the padded claim");
            assertEquals(0L, raw.getLong(QueueDescriptor.PRODUCER_LEASE_OFFSET), "lease free for the next producer");
            assertTrue(offer(q, 1000));
            assertTrue(q.poll(expect(1000)));
            assertTrue(q.isEmpty());
        }
    }

    @Test
    void shouldRepairOneToOneClaimThatDiedWhileWrapping()
    {
        try (MessageQueue q = create(QueueMode.ONE_TO_ONE); Region region = openRaw())
        {
            cycle(q, 2 * CAPACITY / RECORD - 2); // head = tail = 64 bytes before the end, on lap 2
            final AtomicBuffer raw = raw(region);
            final long tail = raw.getLong(RING_TAIL);
            assertEquals(CAPACITY - 2 * RECORD, (int)tail & (CAPACITY - 1));
            // a 40-byte record does not fit in the 64 bytes left: 64 of padding, then 48 at index 0; the producer
            // died after publishing the tail, before writing the padding or zeroing index 0 (stale there)
            raw.putLong(QueueDescriptor.PRODUCER_LEASE_OFFSET, deadIdentityWithOurPid());
            raw.putLong(RING_TAIL, tail + 2 * RECORD + 48);
            assertEquals(RECORD, raw.getInt(RING), "index 0 holds a stale record from the lap before");

            assertTrue(offer(q, 1));
            assertEquals(1, q.recoveries());
            assertTrue(q.poll(expect(1)));
            assertTrue(q.isEmpty());
        }
    }

    @Test
    void shouldSkipManyToManySlotWhoseProducerDiedBeforeMovingTheTail() throws Exception
    {
        final int deadPid = deadPid();
        try (MessageQueue q = create(QueueMode.MANY_TO_MANY); Region region = openRaw())
        {
            final AtomicBuffer raw = raw(region);
            // slot 0 claimed (WRITING, lap 0) by a process that died before moving the tail
            raw.putLong(RING, ManyToManyQueue.word(0, ManyToManyQueue.WRITING, deadPid));
            assertTrue(offer(q, 0), "the next producer helps the tail on and takes position 1");
            assertEquals(2L, raw.getLong(RING + CAPACITY + ManyToManyQueue.TAIL_POSITION_OFFSET));
            final long start = System.nanoTime();
            assertTrue(q.take(expect(0), 30, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(UNBLOCK_MS));
            assertEquals(1, q.recoveries());
            assertEquals(ManyToManyQueue.word(1, ManyToManyQueue.EMPTY, 0), raw.getLong(RING), "slot freed for lap 1");
        }
    }

    @Test
    void shouldNeverOverrideLiveOwnerFoundInProcessTable() throws Exception
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_MANY); Region region = openRaw())
        {
            final AtomicBuffer raw = raw(region);
            raw.putLong(RING, ManyToManyQueue.word(0, ManyToManyQueue.WRITING, OwnerWords.selfPid()));
            assertTrue(offer(q, 0));
            assertFalse(q.take((b, o, l) -> fail("delivered past a live claim"), 4 * UNBLOCK_MS, TimeUnit.MILLISECONDS));
            assertEquals(0, q.recoveries());
        }
    }

    @Test
    void shouldJudgeBarePidByStartTimeInProcessTable()
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_ONE); Region region = openRaw())
        {
            final AtomicBuffer control = new UnsafeBuffer(raw(region), 0, QueueDescriptor.CONTROL_LENGTH);
            final long staleNs = TimeUnit.MILLISECONDS.toNanos(UNBLOCK_MS);
            final OwnerTable owners = new OwnerTable(
                control, QueueDescriptor.PROCESS_TABLE_OFFSET, QueueDescriptor.PROCESS_TABLE_ENTRIES, region.liveness());
            final ProcessIdentity parent = ProcessHandle.current().parent().map(ProcessIdentity::of).orElseThrow();
            assertTrue(owners.isPidAlive((int)parent.pid(), staleNs),
                "not in the table: judged by pid");
            control.putLong(OwnerTable.entryOffset(QueueDescriptor.PROCESS_TABLE_OFFSET, 5),
                OwnerWords.identity(new ProcessIdentity(parent.pid(), parent.startTimeMs() - 60_000)));
            assertFalse(owners.isPidAlive((int)parent.pid(), staleNs),
                "reused pid caught by the start time");
            assertTrue(owners.isPidAlive(OwnerWords.selfPid(), staleNs));
            assertFalse(owners.isPidAlive(0, staleNs));
            assertTrue(q.isEmpty());
        }
    }

    /**
     * A record length near {@code Integer.MAX_VALUE} overflowed {@code align}, one near {@code Integer.MIN_VALUE} its
     * negation: the repair walk a new ONE_TO_ONE producer runs (inside {@code offer}) and the one a blocked consumer
     * runs (inside {@code poll}, documented as never waiting) took about 2^32 steps, 14-18 s at 100 % CPU, and left
     * the queue silently stuck. Now the length is refused before any step, and the refusal is sticky.
     */
    @ParameterizedTest
    @CsvSource({
        "offer, 2147483647", "offer, 2147483641", "offer, -2147483648", "offer, -2147483641",
        "poll, 2147483647", "poll, 2147483641", "poll, -2147483648", "poll, -2147483641"})
    void shouldRefuseOverflowingRecordLengthInOneToOneWalksWithinBound(final String call, final int length)
        throws Exception
    {
        try (MessageQueue q = create(QueueMode.ONE_TO_ONE))
        {
            for (int seq = 0; seq < 3; seq++)
            {
                assertTrue(offer(q, seq));
            }
        } // both leases released: the next producer runs the repair walk, the next consumer reads
        WriteWords.write(file(), ringFileOffset(0), Integer.BYTES, length);
        try (MessageQueue q = open())
        {
            final Callable<Boolean> first = "offer".equals(call) ? () -> offer(q, 3) : () -> q.poll(
                (b, o, l) -> fail("corrupt record delivered: length=" + l));
            final RegionFormatException ex = firstCorruption(call, first);
            assertEquals("queue record length invalid: name=q, position=0, index=0, record_length=" + length +
                ", capacity=" + CAPACITY, ex.getMessage());
            assertSticky(q, ex.getMessage());
        }
        try (MessageQueue q = open())
        {
            assertSticky(q, "queue record length invalid: name=q, position=0, index=0, record_length=" + length +
                ", capacity=" + CAPACITY);
        }
    }

    /**
     * A negative length written by another process over the head record of a live ring (a live producer, a consumer
     * that has taken a message) was taken for the producer's claim and stalled the queue silently, for ever. A claim
     * has a length in [header, header + max message]: any other negative length is corruption, reported within the
     * unblock timeout, to the consumer and then to the producer at its next offer, in the same words.
     */
    @ParameterizedTest
    @CsvSource({
        "ONE_TO_ONE, -1", "ONE_TO_ONE, -2147483648", "ONE_TO_ONE, -528",
        "MANY_TO_ONE, -1", "MANY_TO_ONE, -2147483648", "MANY_TO_ONE, -528"})
    void shouldReportImpossibleNegativeLengthWrittenIntoLiveRingWithinUnblockTimeout(
        final QueueMode mode, final int length) throws Exception
    {
        final Path marker = tns.scratch().resolve("offer-now");
        try (MessageQueue q = create(mode))
        {
            final ChildJvm producer = tns.startChild(
                QueueChildren.HoldThenOffer.class, "q", Long.toString(UNBLOCK_MS), "3", marker.toString());
            producer.awaitOutput("OFFERED 3", CHILD_TIMEOUT);
            assertTrue(q.poll(expect(0)));
            final ChildJvm writer = tns.startChild(
                WriteWords.class, file().toString(), WriteWords.arg(ringFileOffset(RECORD), Integer.BYTES, length));
            writer.awaitSuccess(CHILD_TIMEOUT);
            final long writtenNs = System.nanoTime();

            final RegionFormatException ex = firstCorruption("poll", () -> q.poll(
                (b, o, l) -> fail("corrupt record delivered: length=" + l)), producer);
            final long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - writtenNs);
            final String expected = "queue record length invalid: name=q, position=" + RECORD + ", index=" + RECORD +
                ", record_length=" + length + ", capacity=" + CAPACITY;
            assertEquals(expected, ex.getMessage());
            assertTrue(ms <= UNBLOCK_MS + CALL_MARGIN_MS, "reported " + ms + " ms after the write");
            assertTrue(producer.isAlive(), "the producer lives: its claim could not have been this");
            assertSticky(q, expected);

            Files.createFile(marker);
            producer.awaitSuccess(CHILD_TIMEOUT);
            assertTrue(producer.output().contains("OFFER RegionFormatException: " + expected), producer::output);
        }
    }

    /**
     * MANY_TO_MANY: a slot word two laps ahead of a head that did not move cannot come from any run of the protocol
     * (see ManyToManyQueue, "Corruption"); it was passed as "taken" and the queue went on one slot short, silently.
     */
    @Test
    void shouldReportManyToManySlotOnImpossibleLapWithinBound() throws Exception
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_MANY))
        {
            assertTrue(offer(q, 0));
            assertTrue(offer(q, 1));
            final long word = ManyToManyQueue.word(2, ManyToManyQueue.FULL, 0);
            WriteWords.write(file(), ringFileOffset(0), Long.BYTES, word);
            final RegionFormatException ex = firstCorruption("poll", () -> q.poll(
                (b, o, l) -> fail("delivered past a corrupt slot: length=" + l)));
            final String expected = "queue slot word invalid: name=q, position=0, slot=0, state=FULL, lap=2, " +
                "expected_lap=0, pid=0";
            assertEquals(expected, ex.getMessage());
            assertSticky(q, expected);
        }
    }

    /**
     * MANY_TO_MANY: a head hint moved past messages not yet taken (here by 5) made the queue look emptier than it
     * is; a producer that then finds it full, its oldest message still FULL behind the head, reports the positions.
     */
    @Test
    void shouldReportManyToManyHeadPastUnreadMessagesWhenFull() throws Exception
    {
        try (MessageQueue q = create(QueueMode.MANY_TO_MANY); Region region = openRaw())
        {
            final int slots = CAPACITY / QueueDescriptor.slotLength(Deliveries.MESSAGE_LENGTH);
            final int headIndex = RING + CAPACITY + ManyToManyQueue.HEAD_POSITION_OFFSET;
            WriteWords.write(file(), RegionDescriptor.HEADER_LENGTH + headIndex, Long.BYTES, 5);
            int offered = 0;
            RegionFormatException ex = null;
            while (ex == null && offered <= slots)
            {
                final int seq = offered;
                final BoundedCall<Boolean> outcome = BoundedCall.run("offer " + seq, CALL_BOUND, () -> offer(q, seq));
                if (outcome.failureOrNull() == null)
                {
                    assertTrue(outcome.value(), "full before the corruption was found: offered=" + offered);
                    offered++;
                }
                else
                {
                    ex = outcome.failure(RegionFormatException.class);
                }
            }
            assertEquals(slots, offered, "every slot taken, then the full queue finds its oldest message behind the head");
            assertEquals("queue positions invalid: name=q, head=5, tail=" + slots + ", slots=" + slots, ex.getMessage());
            assertEquals(5L, raw(region).getLong(headIndex), "nothing was taken");
            assertSticky(q, ex.getMessage());
        }
    }

    /**
     * Call until the call throws {@link RegionFormatException}: each call within {@link #CALL_BOUND}, the whole
     * within the unblock timeout and the margin; a call that delivers or enqueues is a failure.
     */
    private static RegionFormatException firstCorruption(
        final String what, final Callable<Boolean> call, final ChildJvm... children)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(UNBLOCK_MS + CALL_MARGIN_MS);
        int calls = 0;
        while (true)
        {
            calls++;
            final BoundedCall<Boolean> outcome = BoundedCall.run(what + " #" + calls, CALL_BOUND, call, children);
            if (outcome.failureOrNull() != null)
            {
                return outcome.failure(RegionFormatException.class);
            }
            assertFalse(outcome.value(), what + " #" + calls + " went through a corrupt queue");
            assertTrue(System.nanoTime() - deadlineNs < 0, "no corruption reported by " + calls + " calls of " + what);
        }
    }

    /**
     * Every call of the handle that looks at the queue throws the same error, each within {@link #CALL_BOUND}.
     */
    private void assertSticky(final MessageQueue q, final String message)
    {
        final List<Callable<Object>> calls = new ArrayList<>();
        calls.add(() -> q.poll((b, o, l) -> fail("delivered after corruption")));
        calls.add(() -> q.drain((b, o, l) -> fail("delivered after corruption"), 10));
        calls.add(() -> q.take((b, o, l) -> fail("delivered after corruption"), 10, TimeUnit.MILLISECONDS));
        calls.add(() -> offer(q, 99));
        calls.add(() -> q.tryClaim(8));
        calls.add(() ->
        {
            q.put(new byte[8], 10, TimeUnit.MILLISECONDS);
            return null;
        });
        calls.add(q::size);
        calls.add(q::isEmpty);
        calls.add(q::remainingCapacity);
        calls.add(q::isMarkedClosed);
        calls.add(q::isEndOfStream);
        calls.add(() ->
        {
            q.markClosed();
            return null;
        });
        for (int i = 0; i < calls.size(); i++)
        {
            final BoundedCall<Object> outcome = BoundedCall.run("call " + i + " after corruption", CALL_BOUND, calls.get(i));
            assertEquals(message, outcome.failure(RegionFormatException.class).getMessage(), "call " + i);
        }
    }
}

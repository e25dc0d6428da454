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

import dev.mmipc.events.Recoveries;
import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.OwnerWords;
import dev.mmipc.liveness.StallWatch;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

/**
 * {@link QueueMode#MANY_TO_MANY}: a bounded multi-producer, multi-consumer queue of fixed-size slots on an
 * Agrona atomic buffer, after Dmitry Vyukov's bounded MPMC queue, with one change that makes it survive
 * {@code kill -9}: a slot is claimed by a compare-and-set on the slot's own state word, which names the
 * claiming process, rather than on a shared counter.
 *
 * <h2>Layout</h2>
 * <pre>
 *  ring (capacity bytes = N slots of slotLength bytes, N and slotLength powers of two)
 *  +-------------------------------------------+-------------------------------------------+----
 *  | slot 0                                    | slot 1                                    | ...
 *  +-------------------------------------------+-------------------------------------------+----
 *  then the trailer:
 *  +---------------------------------------------------------------------------------------+
 *  | padding, 128 bytes (keeps the last slot and the tail apart)                           |
 *  | tail position (long; next position to claim, a hint that may lag by one), 128 bytes   |
 *  | head position (long; next position to take, a hint that may lag by one), 128 bytes   |
 *  +---------------------------------------------------------------------------------------+
 *
 *  one slot:
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     State word (64, see below)                |  0
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                     Message length (32)                       |  8
 *  +---------------------------------------------------------------+
 *  |                         Reserved (32)                         | 12
 *  +---------------------------------------------------------------+
 *  |                  Message, up to slotLength - 16 bytes        ...| 16
 *  +---------------------------------------------------------------+
 *
 *  state word:
 *   63                                       24 23 22 21                    0
 *  +-------------------------------------------+-----+-----------------------+
 *  |  lap (40 bits, position / N modulo 2^40)  |state|  owner pid (22 bits)  |
 *  +-------------------------------------------+-----+-----------------------+
 *  state: 0 EMPTY, 1 WRITING, 2 FULL, 3 READING; the pid is set in WRITING and READING only.
 * </pre>
 * Position {@code p} lives in slot {@code p mod N} on lap {@code p / N}. Each slot cycles, one lap at a time:
 * <pre>
 *   EMPTY(lap) --producer CAS--&gt; WRITING(lap, pid) --commit (release)--&gt; FULL(lap)
 *       --consumer CAS--&gt; READING(lap, pid) --release (release)--&gt; EMPTY(lap + 1)
 *   and, to skip a position: WRITING(lap, pid) or READING(lap, pid) --abort or recovery--&gt; EMPTY(lap + 1)
 * </pre>
 * Initially every word is 0: EMPTY on lap 0, so a zero-filled region is an empty queue.
 *
 * <h2>Protocol</h2>
 * <b>Claim</b> (producer): read the tail {@code t}; read the word of slot {@code t mod N} and compare its lap
 * with {@code t / N} (modulo 2^40, sign-extended difference d):
 * <ul>
 *   <li>d = 0 and EMPTY: compare-and-set the word to WRITING(lap, my pid). On success the position is mine;
 *   then compare-and-set the tail from t to t + 1 (it may already have been moved by a helper). On failure
 *   another producer won: re-read the tail.</li>
 *   <li>d = 0 and not EMPTY, or d &gt; 0: position t is taken already, and the tail lags: help, by
 *   compare-and-set of the tail from t to t + 1, and retry.</li>
 *   <li>d &lt; 0: the slot still holds the previous lap (its message not yet taken, or being read): the queue
 *   is full, if the tail is still t.</li>
 * </ul>
 * Then write the length and the message, and <b>commit</b>: store FULL(lap) with release.
 * <p>
 * <b>Take</b> (consumer): the mirror image on the head: FULL on this lap: CAS to READING(lap, my pid), move the
 * head, hand the message to the handler, then store EMPTY(lap + 1) with release. READING on this lap, or any
 * later lap: the position is taken (or was skipped), help the head on. EMPTY or WRITING on this lap, or the
 * previous lap: nothing to take yet.
 *
 * <h2>Why it is correct</h2>
 * <ol>
 *   <li><i>Each position is claimed by exactly one producer and taken by at most one consumer.</i> The only
 *   way to own position p is the CAS of slot p mod N from EMPTY(p / N), resp. FULL(p / N); a CAS succeeds
 *   once for a given expected word, and the lap in the word makes every lap's words distinct (ABA would need
 *   a thread to stall between read and CAS for 2^40 laps).</li>
 *   <li><i>Positions are claimed in order, with no gap.</i> Invariant: every position below the tail has been
 *   claimed (its slot has left EMPTY of that lap). The tail moves from t only by CAS to t + 1 by a thread that
 *   saw slot t claimed on t's lap or later, so the invariant holds. A producer claims only at the tail it read,
 *   and only if the slot is EMPTY on that exact lap; a stale tail t' &lt; t finds its slot claimed or on a later
 *   lap and retries. Hence the tail lags the last claim by at most one, and any thread repairs the lag.</li>
 *   <li><i>Likewise for the head</i>, over positions whose slot has left FULL of that lap. A consumer moves
 *   past position p only when the slot shows READING on p's lap or a later lap, so no committed message is
 *   passed over; a message is skipped only by an abort or by recovery of a dead producer's claim, both of
 *   which turn WRITING(lap) into EMPTY(lap + 1).</li>
 *   <li><i>A slot is reused only after its message was taken.</i> EMPTY(lap + 1), which the producer of
 *   position p + N needs, is written only by the consumer that took p, after its handler returned (or by
 *   abort/recovery). The release store of FULL pairs with the consumer's volatile read of the word, so the
 *   consumer sees the length and bytes; the release store of EMPTY(lap + 1) pairs with the next producer's
 *   read, so it never writes under a reader.</li>
 *   <li><i>FIFO.</i> Messages are taken in position order; a consumer's positions increase, so any one consumer
 *   sees any one producer thread's messages in the order that thread offered them.</li>
 *   <li><i>End of stream.</i> A producer reads the closed flag (volatile) after its claim CAS and aborts if
 *   set; a consumer reads the flag before it reads the head slot, and reports the end only if that slot is
 *   unclaimed on the head's lap. In the single total order of these volatile accesses, either the consumer
 *   sees the claim, or the producer sees the flag and the position is skipped: no message committed after a
 *   consumer has seen the end.</li>
 * </ol>
 *
 * <h2>Crashes</h2>
 * A producer killed between claim and commit leaves WRITING(lap, pid); a consumer killed while holding a
 * message leaves READING(lap, pid). Whoever finds such a slot blocking it (consumers at the head for WRITING,
 * producers that wrap onto it for either) for the liveness timeout asks whether the pid lives (with the start time
 * from the process table; by the OS in the asker's PID namespace, by heartbeat in another, see
 * {@link Liveness}); if not, it CASes the word to EMPTY(lap + 1). The torn message is
 * skipped; the message the dead consumer held is lost (it may or may not have been handled); nothing else is
 * lost or duplicated. A live owner is never overridden. A process killed between its slot CAS and the tail or
 * head CAS only leaves the hint behind, which the next thread repairs. Other consumers never wait for a dead
 * consumer: they pass READING slots at once.
 *
 * <h2>Corruption</h2>
 * Some values no run of this protocol, crash or race can leave; finding one marks the queue corrupt for every
 * handle ({@link QueueCorruption}), and every later call throws the same {@link RegionFormatException}:
 * <ul>
 *   <li>A slot two laps or more ahead of, or behind, the tail (head) position that was read both before and
 *   after its word: by 2, position p + N must have been claimed (taken) for the slot to reach lap(p) + 2, which needs
 *   the tail (head) past p; by 3, the head (tail) passed p - N, which needs the slot on lap(p) - 1 at least. (Read
 *   between two different tails, a slot may be any lap ahead: a stale tail, and the loop reads it again.)</li>
 *   <li>A full queue whose oldest message, still FULL in a word read before and after the head, lies behind the
 *   head: the head moves past a position only once it is taken, and a taken word never returns to FULL of its
 *   lap.</li>
 *   <li>A message length longer than its slot.</li>
 *   <li>{@link #size()}: head and tail hints more than one slot count apart, or the head more than one ahead, read
 *   with the head still (each hint lags its position by at most one).</li>
 * </ul>
 * With these refused, the loops are bounded: each turn of a claim or take loop returns, finds the position taken by
 * another thread (progress), or helps a hint on by one past a position on this lap or the next, which corruption of
 * the hints can make at most two laps long.
 */
final class ManyToManyQueue extends QueueEngine
{
    /** Bytes before the message in a slot. */
    static final int SLOT_HEADER_LENGTH = 16;
    /** Offset of the state word in a slot. */
    static final int STATE_OFFSET = 0;
    /** Offset of the message length in a slot. */
    static final int LENGTH_OFFSET = 8;
    /** Offset of the tail position after the slots. */
    static final int TAIL_POSITION_OFFSET = BitUtil.CACHE_LINE_LENGTH * 2;
    /** Offset of the head position after the slots. */
    static final int HEAD_POSITION_OFFSET = TAIL_POSITION_OFFSET + BitUtil.CACHE_LINE_LENGTH * 2;
    /** Bytes after the slots. */
    static final int TRAILER_LENGTH = HEAD_POSITION_OFFSET + BitUtil.CACHE_LINE_LENGTH * 2;

    static final int EMPTY = 0;
    static final int WRITING = 1;
    static final int FULL = 2;
    static final int READING = 3;

    static final int STATE_SHIFT = OwnerWords.PID_BITS;
    static final int LAP_SHIFT = 24;
    static final long PID_MASK = (1L << STATE_SHIFT) - 1;
    /** The lap bits of a state word, once shifted down: laps count modulo 2^40. */
    static final long LAP_MASK = (1L << (Long.SIZE - LAP_SHIFT)) - 1;

    private static final int UNCLAIMED = 0;
    private static final int TAKEN = 1;
    private static final int BLOCKED = 2;

    private final AtomicBuffer buffer;
    private final int capacity;
    private final int slotLength;
    private final int slotShift;
    private final int slots;
    private final int mask;
    private final int lapShift;
    private final int selfPid;
    private final StallWatch producerStallWatch;
    private final StallWatch consumerStallWatch;

    ManyToManyQueue(
        final String name, final Liveness liveness, final AtomicBuffer control, final AtomicBuffer ringBuffer,
        final int capacity, final int slotLength, final long livenessTimeoutNs)
    {
        super(name, liveness, control, livenessTimeoutNs, capacity + HEAD_POSITION_OFFSET, capacity + TAIL_POSITION_OFFSET);
        this.buffer = ringBuffer;
        this.capacity = capacity;
        this.slotLength = slotLength;
        this.slotShift = Integer.numberOfTrailingZeros(slotLength);
        this.slots = capacity / slotLength;
        this.mask = slots - 1;
        this.lapShift = Integer.numberOfTrailingZeros(slots);
        this.selfPid = OwnerWords.selfPid();
        this.producerStallWatch = new StallWatch(livenessTimeoutNs);
        this.consumerStallWatch = new StallWatch(livenessTimeoutNs);
        ringBuffer.verifyAlignment();
        checkPositions(name, ringBuffer, capacity, slots);
    }

    static void checkPositions(final String name, final AtomicBuffer ringBuffer, final int capacity, final int slots)
    {
        final long head = ringBuffer.getLongVolatile(capacity + HEAD_POSITION_OFFSET);
        final long tail = ringBuffer.getLongVolatile(capacity + TAIL_POSITION_OFFSET);
        if (head < 0 || tail < 0 || tail - head > slots || head - tail > 1)
        {
            throw new RegionParameterException(
                "queue positions invalid: name=" + name + ", head=" + head + ", tail=" + tail + ", slots=" + slots);
        }
    }

    static long word(final long lap, final int state, final int pid)
    {
        return (lap << LAP_SHIFT) | ((long)state << STATE_SHIFT) | (pid & PID_MASK);
    }

    static long lapOf(final long word)
    {
        return word >>> LAP_SHIFT;
    }

    static int stateOf(final long word)
    {
        return (int)(word >>> STATE_SHIFT) & 3;
    }

    static int pidOf(final long word)
    {
        return (int)(word & PID_MASK);
    }

    /**
     * @return {@code slotLap - lap} modulo 2^40, sign-extended: 0 same lap, negative behind, positive ahead.
     */
    static long lapDiff(final long slotLap, final long lap)
    {
        return ((slotLap - lap) << LAP_SHIFT) >> LAP_SHIFT;
    }

    private int slotOffset(final long position)
    {
        return ((int)position & mask) << slotShift;
    }

    @Override
    int tryClaim(final int length)
    {
        if (closedFlag())
        {
            throw closedException();
        }
        final AtomicBuffer buffer = this.buffer;
        long tail = buffer.getLongVolatile(tailPositionIndex);
        while (true)
        {
            final int slot = slotOffset(tail);
            final long lap = tail >>> lapShift;
            final long word = buffer.getLongVolatile(slot); // acquire: pairs with the consumer's release of EMPTY
            final long d = lapDiff(lapOf(word), lap);
            final int state = stateOf(word);
            if (d == 0 && state == EMPTY)
            {
                if (buffer.compareAndSetLong(slot, word, word(lap, WRITING, selfPid)))
                {
                    buffer.compareAndSetLong(tailPositionIndex, tail, tail + 1); // may fail: a helper moved it already
                    if (closedFlag()) // volatile read after the claim CAS: see "end of stream"
                    {
                        buffer.putLongRelease(slot, word(lap + 1, EMPTY, 0));
                        throw closedException();
                    }
                    buffer.putInt(slot + LENGTH_OFFSET, length);
                    return slot + SLOT_HEADER_LENGTH;
                }
                tail = buffer.getLongVolatile(tailPositionIndex);
            }
            else if (d >= 0)
            {
                if (d > 1 && buffer.getLongVolatile(tailPositionIndex) == tail) // volatile: the tail read after the word
                {
                    throw corrupt(QueueCorruption.SLOT_WORD, tail, word); // see "Corruption"
                }
                buffer.compareAndSetLong(tailPositionIndex, tail, tail + 1); // position taken: help the lagging tail
                tail = buffer.getLongVolatile(tailPositionIndex);
            }
            else
            {
                final long current = buffer.getLongVolatile(tailPositionIndex);
                if (current == tail)
                {
                    if (d < -1)
                    {
                        throw corrupt(QueueCorruption.SLOT_WORD, tail, word); // see "Corruption"
                    }
                    if (state != FULL)
                    {
                        producerBlocked(tail, slot, word);
                    }
                    else
                    {
                        checkHeadBehindOldest(slot, word, tail);
                    }
                    return MessageQueue.INSUFFICIENT_CAPACITY;
                }
                tail = current;
            }
        }
    }

    /**
     * Full: the slot at the tail holds the oldest message, position {@code tail - slots}, FULL and not yet taken. The
     * head cannot have passed it; if it has, and the word is the same after the head was read (a taken word never
     * returns to FULL of its lap), the hints are corrupt.
     */
    private void checkHeadBehindOldest(final int slot, final long word, final long tail)
    {
        final long head = buffer.getLongVolatile(headPositionIndex); // volatile: after the word, before its second read
        if (head > tail - slots && buffer.getLongVolatile(slot) == word)
        {
            throw corrupt(QueueCorruption.POSITIONS, head, tail);
        }
    }

    @Override
    void commit(final int index)
    {
        final int slot = claimedSlot(index);
        final long word = buffer.getLong(slot);
        buffer.putLongRelease(slot, word(lapOf(word), FULL, 0)); // release: length and message happen before
    }

    @Override
    void abort(final int index)
    {
        final int slot = claimedSlot(index);
        final long word = buffer.getLong(slot);
        buffer.putLongRelease(slot, word(lapOf(word) + 1, EMPTY, 0)); // consumers skip the position
    }

    private int claimedSlot(final int index)
    {
        final int slot = index - SLOT_HEADER_LENGTH;
        if (slot < 0 || slot >= capacity || (slot & (slotLength - 1)) != 0)
        {
            throw new IllegalArgumentException("claim index invalid: name=" + name + ", index=" + index);
        }
        final long word = buffer.getLongVolatile(slot);
        if (stateOf(word) != WRITING || pidOf(word) != (selfPid & PID_MASK))
        {
            throw new IllegalStateException(
                "claim not held: name=" + name + ", index=" + index + ", state=" + stateName(stateOf(word)));
        }
        return slot;
    }

    @Override
    AtomicBuffer buffer()
    {
        return buffer;
    }

    @Override
    boolean offer(final DirectBuffer src, final int offset, final int length)
    {
        final int index = tryClaim(length);
        if (index < 0)
        {
            return false;
        }
        buffer.putBytes(index, src, offset, length);
        final int slot = index - SLOT_HEADER_LENGTH;
        buffer.putLongRelease(slot, word(lapOf(buffer.getLong(slot)), FULL, 0)); // release: publishes the message
        return true;
    }

    @Override
    int poll(final MessageHandler handler, final int limit)
    {
        final boolean closed = closedFlag(); // before reading the head slot: see "end of stream"
        int count = 0;
        int result = UNCLAIMED;
        while (count < limit && (result = takeOne(handler)) == TAKEN)
        {
            count++;
        }
        if (count == 0 && closed && result == UNCLAIMED)
        {
            return END_OF_STREAM;
        }
        return count;
    }

    private int takeOne(final MessageHandler handler)
    {
        final AtomicBuffer buffer = this.buffer;
        long head = buffer.getLongVolatile(headPositionIndex);
        while (true)
        {
            final int slot = slotOffset(head);
            final long lap = head >>> lapShift;
            final long word = buffer.getLongVolatile(slot); // acquire: pairs with the producer's release of FULL
            final long d = lapDiff(lapOf(word), lap);
            final int state = stateOf(word);
            if (d == 0 && state == FULL)
            {
                if (buffer.compareAndSetLong(slot, word, word(lap, READING, selfPid)))
                {
                    buffer.compareAndSetLong(headPositionIndex, head, head + 1); // may fail: a helper moved it already
                    try
                    {
                        final int length = buffer.getInt(slot + LENGTH_OFFSET);
                        if (length < 0 || length > slotLength - SLOT_HEADER_LENGTH)
                        {
                            // only a foreign write into the mapped file gives such a length (found by header fuzzing):
                            // the queue is marked corrupt, the message refused, and the slot freed below
                            throw corrupt(QueueCorruption.SLOT_LENGTH, head, length);
                        }
                        handler.onMessage(buffer, slot + SLOT_HEADER_LENGTH, length);
                    }
                    finally
                    {
                        buffer.putLongRelease(slot, word(lap + 1, EMPTY, 0)); // release: our reads happen before
                    }
                    return TAKEN;
                }
                head = buffer.getLongVolatile(headPositionIndex);
            }
            else if (d > 0 || (d == 0 && state == READING))
            {
                if (d > 1 && buffer.getLongVolatile(headPositionIndex) == head) // volatile: the head read after the word
                {
                    throw corrupt(QueueCorruption.SLOT_WORD, head, word); // see "Corruption"
                }
                buffer.compareAndSetLong(headPositionIndex, head, head + 1); // position taken or skipped: help the head
                head = buffer.getLongVolatile(headPositionIndex);
            }
            else
            {
                final long current = buffer.getLongVolatile(headPositionIndex);
                if (current != head)
                {
                    head = current;
                    continue;
                }
                if (d < -1)
                {
                    throw corrupt(QueueCorruption.SLOT_WORD, head, word); // see "Corruption"
                }
                if (d == 0 && state == WRITING)
                {
                    consumerBlocked(head, slot, word);
                    return BLOCKED;
                }
                return UNCLAIMED;
            }
        }
    }

    /**
     * A producer is blocked at the tail by a slot still held on the previous lap. The tail position and the word name
     * the stall: a word appears once per position (the lap is in it), and the tail never comes back, so nothing needs
     * resetting when the producer moves on.
     */
    private void producerBlocked(final long tail, final int slot, final long word)
    {
        if (producerStallWatch.isDue(tail, word))
        {
            recoverIfOwnerDead(slot, word);
        }
    }

    /**
     * A consumer is blocked at the head by a claim not yet committed; named by the head position and the word, as
     * for {@link #producerBlocked}.
     */
    private void consumerBlocked(final long head, final int slot, final long word)
    {
        if (consumerStallWatch.isDue(head, word))
        {
            recoverIfOwnerDead(slot, word);
        }
    }

    private void recoverIfOwnerDead(final int slot, final long word)
    {
        if (isPidAlive(pidOf(word)))
        {
            return; // a live owner is never overridden
        }
        if (buffer.compareAndSetLong(slot, word, word(lapOf(word) + 1, EMPTY, 0))) // fails if it moved on meanwhile
        {
            recoveries.incrementAndGet();
            Recoveries.tornRecordSkipped(name, "MANY_TO_MANY", pidOf(word), lapOf(word) * slots + (slot >> slotShift),
                stateOf(word) == READING ? "slot freed, dead consumer's message lost" : "dead producer's claim skipped");
        }
    }

    /**
     * Each hint lags its position by at most one, and the positions differ by 0 to {@code slots}: hints read at one
     * instant differ by -1 to {@code slots + 1}.
     */
    @Override
    boolean possiblePositions(final long head, final long tail)
    {
        return head >= 0 && tail >= 0 && tail - head <= slots + 1 && head - tail <= 1;
    }

    @Override
    int countBetween(final long head, final long tail)
    {
        return (int)Math.max(0, Math.min(slots, tail - head));
    }

    @Override
    String describeCorruption(final int code, final long position, final long value)
    {
        switch (code)
        {
            case QueueCorruption.POSITIONS:
                return "queue positions invalid: name=" + name + ", head=" + position + ", tail=" + value +
                    ", slots=" + slots;

            case QueueCorruption.SLOT_LENGTH:
                return "queue slot length invalid: name=" + name + ", position=" + position + ", slot=" +
                    ((int)position & mask) + ", length=" + value + ", max=" + (slotLength - SLOT_HEADER_LENGTH);

            case QueueCorruption.SLOT_WORD:
                return "queue slot word invalid: name=" + name + ", position=" + position + ", slot=" +
                    ((int)position & mask) + ", state=" + stateName(stateOf(value)) + ", lap=" + lapOf(value) +
                    ", expected_lap=" + ((position >>> lapShift) & LAP_MASK) +
                    ", pid=" + pidOf(value);

            default:
                return null;
        }
    }

    @Override
    boolean isEmpty()
    {
        return size() == 0;
    }

    @Override
    int remainingCapacity()
    {
        return (slots - size()) * slotLength;
    }

    @Override
    void release()
    {
    }

    static String stateName(final int state)
    {
        switch (state)
        {
            case EMPTY:
                return "EMPTY";
            case WRITING:
                return "WRITING";
            case FULL:
                return "FULL";
            default:
                return "READING";
        }
    }
}

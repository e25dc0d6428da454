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
import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.StallWatch;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import static dev.mmipc.queue.RingRecords.isClaimLength;
import static dev.mmipc.queue.RingRecords.isRecordLength;
import static dev.mmipc.queue.RingRecords.validPositions;
import static org.agrona.BitUtil.align;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.lengthOffset;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.typeOffset;
import static org.agrona.concurrent.ringbuffer.RingBuffer.PADDING_MSG_TYPE_ID;

/**
 * {@link QueueMode#ONE_TO_ONE} and {@link QueueMode#MANY_TO_ONE}: Agrona's ring buffers (record format, claim,
 * commit, abort, unblock reused as they are), plus what crossing processes needs around them. The consumer's
 * read loop is Agrona's, rewritten here so that a corrupt record length is refused before it is counted (see
 * {@code read}).
 * <ul>
 *   <li><b>Lengths bounded before use.</b> Every record length read from the ring is checked against the room it
 *   claims (at least a header, at most the bytes to the end of the buffer and, in the repair walk, to the tail; at
 *   most a header and the longest message unless it is padding) before it is aligned, negated or added, so no
 *   overflow can turn it into a step backwards, and every walk takes at most capacity / 8 steps. A length outside
 *   those bounds, impossible positions, or a negative length that no claim can have (a claim stores minus a
 *   record length, or minus the distance to the end of the buffer while it writes padding) is corruption: the
 *   queue is marked corrupt for every handle ({@link QueueCorruption}), and every later call throws the same
 *   {@link RegionFormatException}. A negative length that a claim can have, in a record whose owner lives, is
 *   waited on like a claim: such a record cannot be told from a slow producer's.</li>
 *   <li><b>Owner in every record.</b> Messages are claimed with {@code tryClaim(pid, length)}, so the Agrona
 *   type id of a record is the producer's pid from a few instructions after its space is claimed until the
 *   consumer frees it. ({@code offer} is tryClaim, copy, commit, so it carries the pid too.)</li>
 *   <li><b>Leases.</b> The single consumer (both modes) and the single producer ({@code ONE_TO_ONE}) hold a
 *   lease, an owner identity stored with compare-and-set in the control block. A second live process is
 *   refused; a dead holder's lease is taken over, and taking it over runs recovery.</li>
 *   <li><b>Pending position.</b> After each message has been handed to the handler, the consumer stores
 *   (release) the position up to which messages are delivered, and in {@code MANY_TO_ONE}, before it zeroes
 *   a batch, the end of the batch, paddings included. The head advances once per batch, after zeroing it
 *   ({@code MANY_TO_ONE}); a consumer killed in between leaves the head behind the pending position,
 *   and the next lease holder completes the batch: zeroes what is left and moves the head to the pending
 *   position. So a killed consumer costs no message; the message whose handler was running is delivered
 *   again.</li>
 *   <li><b>Torn claims.</b> {@code MANY_TO_ONE}: a consumer that has found the record at the head not ready for
 *   the liveness timeout reads its owner pid; a live owner is left alone (and checked again once per recheck
 *   interval, see {@link dev.mmipc.liveness.StallWatch}), a dead or unknown one is skipped with Agrona's {@code
 * unblock()}, which pads the record (or the
 *   zeroed gap up to the next record). When the gap runs to the end of the buffer, where Agrona's scan stops,
 *   it is padded to the end. {@code ONE_TO_ONE}: Agrona has no unblock there, and its consumer does not zero
 *   what it consumed, so a scan is unsafe. Instead, whoever takes the producer lease from a dead holder (the
 *   next producer, or a blocked consumer once the liveness timeout has passed) walks the records from the head
 *   to the tail while no producer can run: it first zeroes the header after the tail (the dead producer may
 *   have died before pre-zeroing it), then pads each claimed record (negative length) in place, and pads the
 *   last claim, if it died before writing its header, up to the tail.</li>
 * </ul>
 * End of stream in {@code MANY_TO_ONE}: a producer reads the closed flag after its claim (a compare-and-set
 * of the tail) and aborts the claim if closed; a consumer reads the flag before it looks at the ring and
 * reports the end only if the head then equals the tail. All four accesses are volatile, so in their single
 * total order either the consumer sees the claim or the producer sees the flag. In {@code ONE_TO_ONE} the
 * tail is published with a release store (no compare-and-set), so the producer checks the flag only before
 * its claim: call {@link MessageQueue#markClosed()} from the producer itself, or once it has stopped.
 */
final class RingQueue extends LeasedRing
{
    /** Empty polls between two looks at the tail (a power of two less one). */
    static final int EMPTY_POLL_TAIL_MASK = 63;

    private final RingBuffer ring;
    private final StallWatch stallWatch;

    private MessageHandler handler;
    private long readHead;
    private int readHeadIndex;
    private int emptyPolls;

    RingQueue(
        final String name, final String file, final QueueMode mode, final Liveness liveness, final AtomicBuffer control,
        final AtomicBuffer ringBuffer, final long livenessTimeoutNs)
    {
        super(name, file, mode, liveness, control, ringBuffer, livenessTimeoutNs);
        this.ring = mode == QueueMode.ONE_TO_ONE ? new OneToOneRingBuffer(ringBuffer) : new ManyToOneRingBuffer(ringBuffer);
        this.stallWatch = new StallWatch(livenessTimeoutNs);
    }

    @Override
    void onProducerLeaseTaken()
    {
        repairTornClaims();
    }

    @Override
    int tryClaim(final int length)
    {
        checkProducerLease();
        if (closedFlag())
        {
            throw closedException();
        }
        final int index = ring.tryClaim(selfPid, length);
        if (index < 0)
        {
            return MessageQueue.INSUFFICIENT_CAPACITY;
        }
        if (!oneToOne && closedFlag()) // volatile read after the tail CAS: see the class documentation
        {
            ring.abort(index);
            throw closedException();
        }
        return index;
    }

    @Override
    void commit(final int index)
    {
        ring.commit(index);
    }

    @Override
    void abort(final int index)
    {
        ring.abort(index);
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
        ring.commit(index);
        return true;
    }

    @Override
    int poll(final MessageHandler handler, final int limit)
    {
        checkConsumerLease();
        final boolean closed = closedFlag(); // before looking at the ring: see the class documentation
        int count = 0;
        this.handler = handler;
        try
        {
            while (count < limit)
            {
                readHead = buffer.getLong(headPositionIndex); // plain: only the lease holder writes the head
                readHeadIndex = (int)readHead & mask;
                final int read = read(limit - count);
                count += read;
                if (read == 0 && buffer.getLong(headPositionIndex) == readHead)
                {
                    break; // nothing consumed, not even padding
                }
            }
        }
        finally
        {
            this.handler = null;
        }
        if (count > 0)
        {
            return count;
        }
        if (!closed && (++emptyPolls & EMPTY_POLL_TAIL_MASK) != 0)
        {
            // nothing to read and no end of stream: the tail is looked at only on every 64th empty poll (for a
            // claim that blocks the head), because reading it here would pull the producer's tail line into this
            // core on each poll of a spinning consumer and cost the producer a cache miss on its next claim
            return 0;
        }
        final long head = buffer.getLongVolatile(headPositionIndex);
        final long tail = buffer.getLongVolatile(tailPositionIndex);
        if (!validPositions(head, tail, capacity))
        {
            // only the lease holder, this handle, moves the head: the pair cannot be a race's
            throw corrupt(QueueCorruption.POSITIONS, head, tail);
        }
        if (head == tail)
        {
            return closed ? END_OF_STREAM : 0;
        }
        onBlocked(head, tail);
        return 0;
    }

    /**
     * One batch from the head up to the end of the buffer, as Agrona's {@code read} does it (same record format,
     * same order of effects: {@code MANY_TO_ONE} zeroes what it consumed, then both modes store the head with
     * release), with one difference: a record whose length field is impossible (shorter than a header, running
     * past the end of the ring, or longer than a header and the longest message unless it is padding) marks the
     * queue corrupt and is refused with {@link RegionFormatException} before it is counted, so nothing past it is
     * zeroed and the head stays on it. Agrona counts it first, and its clean-up then zeroes or skips memory by the
     * corrupt length: an {@code IndexOutOfBoundsException}, or the trailer (head and tail) zeroed, found by header
     * fuzzing; a length within 7 of {@code Integer.MAX_VALUE} overflows its {@code align}. The checks are two
     * compares on the length already loaded, and one more for a message: the fast path keeps Agrona's shape.
     * <p>
     * Adapted from Agrona's {@code OneToOneRingBuffer.read} (Copyright 2014-2025 Real Logic Limited, Apache License
     * 2.0; see the NOTICE file at the root of the project).
     * <p>
     * A committed length is stored with release after everything it covers, and the header at the head was zeroed
     * (pre-zeroed by the claim before it, or by the consumer) before the head reached it: a length read here is
     * never a torn or stale one, so an impossible one is corruption.
     */
    private int read(final int limit)
    {
        final AtomicBuffer buffer = this.buffer;
        final long head = readHead;
        final int headIndex = readHeadIndex;
        final int contiguousLength = capacity - headIndex;
        int bytesRead = 0;
        int messagesRead = 0;
        try
        {
            while (bytesRead < contiguousLength && messagesRead < limit)
            {
                final int recordIndex = headIndex + bytesRead;
                final int recordLength = buffer.getIntVolatile(lengthOffset(recordIndex)); // acquire: pairs with commit
                if (recordLength <= 0)
                {
                    break;
                }
                // before align: within 7 of Integer.MAX_VALUE it overflows (the room is a multiple of the alignment)
                if (recordLength < HEADER_LENGTH || recordLength > contiguousLength - bytesRead)
                {
                    throw corrupt(QueueCorruption.RECORD_LENGTH, head + bytesRead, recordLength);
                }
                final int alignedLength = align(recordLength, ALIGNMENT);
                if (buffer.getInt(typeOffset(recordIndex)) == PADDING_MSG_TYPE_ID)
                {
                    bytesRead += alignedLength;
                    continue;
                }
                if (recordLength > maxRecordLength)
                {
                    // refused before it is counted, so the handler never sees a length it cannot use (found by header
                    // fuzzing: NegativeArraySizeException, OutOfMemoryError)
                    throw corrupt(QueueCorruption.RECORD_LENGTH, head + bytesRead, recordLength);
                }
                bytesRead += alignedLength;
                deliver(recordIndex + HEADER_LENGTH, recordLength - HEADER_LENGTH);
                ++messagesRead;
            }
        }
        finally
        {
            if (bytesRead > 0)
            {
                if (!oneToOne)
                {
                    // the pending position first covers the whole batch, paddings included (release: the
                    // handler's reads happen before), then the batch is zeroed: a consumer killed while zeroing
                    // leaves nothing half zeroed past the pending position (else a padding made of a dead
                    // producer's torn claim could keep its body, half a message, with its header zeroed, and the
                    // next consumer would skip the zeroed bytes and read that body as records)
                    control.putLongRelease(QueueDescriptor.CONSUMER_PENDING_OFFSET, head + bytesRead);
                    buffer.setMemory(headIndex, bytesRead, (byte)0);
                }
                buffer.putLongRelease(headPositionIndex, head + bytesRead);
            }
        }
        return messagesRead;
    }

    /**
     * Hand one message over, then record how far messages are delivered.
     */
    private void deliver(final int index, final int length)
    {
        try
        {
            handler.onMessage(buffer, index, length);
        }
        finally
        {
            final int recordEndIndex = index - HEADER_LENGTH + align(length + HEADER_LENGTH, ALIGNMENT);
            // release: the handler's reads of the message happen before; the zeroing and head store come after
            control.putLongRelease(QueueDescriptor.CONSUMER_PENDING_OFFSET, readHead + (recordEndIndex - readHeadIndex));
        }
    }




    @Override
    boolean isEmpty()
    {
        closedFlag();
        return buffer.getLongVolatile(headPositionIndex) == buffer.getLongVolatile(tailPositionIndex);
    }

    @Override
    int remainingCapacity()
    {
        closedFlag();
        return capacity - ring.size();
    }







    private void onBlocked(final long head, final long tail)
    {
        final int headIndex = (int)head & mask;
        final int length = buffer.getIntVolatile(lengthOffset(headIndex)); // acquire: pairs with claim and commit
        if (length < 0 && !isClaimLength(length, capacity - headIndex, tail - head, maxRecordLength))
        {
            // at first sight, not after the liveness timeout: no claim, however slow its producer, has this length
            throw corrupt(QueueCorruption.RECORD_LENGTH, head, length);
        }
        // the head position names the stall: the head moves on once it ends, and never comes back
        if (!stallWatch.isDue(head, 0))
        {
            return;
        }
        if (oneToOne)
        {
            repairIfProducerDead();
        }
        else
        {
            unblockIfOwnerDead(head, tail);
        }
    }

    private void unblockIfOwnerDead(final long head, final long tail)
    {
        final int headIndex = (int)head & mask;
        final int length = buffer.getIntVolatile(lengthOffset(headIndex));
        if (length > 0)
        {
            return; // ready now
        }
        if (length < 0)
        {
            final int owner = buffer.getInt(typeOffset(headIndex));
            if (owner > 0 && isPidAlive(owner))
            {
                return; // a live producer is never overridden
            }
            if (ring.unblock())
            {
                recoveries.incrementAndGet();
                Recoveries.tornRecordSkipped(name, mode.name(), owner, head, "dead producer's claim padded");
            }
            return;
        }
        if (ring.unblock() || padZeroedGapToEnd(head, tail))
        {
            recoveries.incrementAndGet();
            Recoveries.tornRecordSkipped(name, mode.name(), 0, head, "unwritten claim padded");
        }
    }

    /**
     * Agrona's unblock scans only up to the end of the buffer; a zeroed gap that runs to the end, with the
     * tail beyond it, is torn claims (or a dead consumer's half-zeroed padding): pad it to the end.
     */
    private boolean padZeroedGapToEnd(final long head, final long tail)
    {
        final int headIndex = (int)head & mask;
        final int toEnd = capacity - headIndex;
        if (tail - head <= toEnd)
        {
            return false;
        }
        for (int i = headIndex; i < capacity; i += Long.BYTES)
        {
            if (buffer.getLongVolatile(i) != 0)
            {
                return false;
            }
        }
        buffer.putInt(typeOffset(headIndex), PADDING_MSG_TYPE_ID);
        buffer.putIntRelease(lengthOffset(headIndex), toEnd);
        return true;
    }

    private void repairIfProducerDead()
    {
        final long holder = control.getLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET);
        if (holder != 0 && isAlive(holder & ~REPAIR_BIT))
        {
            return; // a live producer is never overridden
        }
        final long repairing = self | REPAIR_BIT;
        if (control.compareAndSetLong(QueueDescriptor.PRODUCER_LEASE_OFFSET, holder, repairing))
        {
            try
            {
                repairTornClaims();
            }
            finally
            {
                control.compareAndSetLong(QueueDescriptor.PRODUCER_LEASE_OFFSET, repairing, 0L);
            }
        }
    }

    /**
     * ONE_TO_ONE, with the producer lease held so that no producer runs: pad every claim left uncommitted.
     * <p>
     * The positions are checked first, and every length before it is negated or aligned: a committed record or a
     * claim takes at least a header and ends before the tail and the end of the buffer; any other length marks the
     * queue corrupt. Every step moves on by at least a header, so the walk takes at most capacity / 8 steps. (A
     * length within 7 of {@code Integer.MAX_VALUE} overflowed {@code align}, {@code Integer.MIN_VALUE} its negation:
     * the walk took about 2^32 steps, 14-18 s, inside {@code offer} or {@code poll}, and padded with the garbage.)
     * Nothing between head and tail is stale in this mode: each record there was written after its claim, and the
     * header after the last one was pre-zeroed by its claim, or is zeroed here.
     */
    private void repairTornClaims()
    {
        if (!oneToOne)
        {
            return;
        }
        final long head = buffer.getLongVolatile(headPositionIndex);
        final long tail = buffer.getLongVolatile(tailPositionIndex);
        if (!validPositions(head, tail, capacity))
        {
            throw corrupt(QueueCorruption.POSITIONS, head, tail); // no producer runs, and the consumer stays behind
        }
        // first, the header after the tail: Agrona's claim pre-zeroes it after publishing the tail
        buffer.putLongVolatile((int)tail & mask, 0L);
        long position = head;
        while (position < tail)
        {
            final int index = (int)position & mask;
            final int length = buffer.getIntVolatile(lengthOffset(index));
            if (length != 0 && !isRecordLength(length, (int)Math.min(capacity - index, tail - position)))
            {
                throw corrupt(QueueCorruption.RECORD_LENGTH, position, length);
            }
            if (length > 0)
            {
                position += align(length, ALIGNMENT);
            }
            else if (length < 0)
            {
                pad(index, -length);
                Recoveries.tornRecordSkipped(name, mode.name(), 0, position, "dead producer's claim padded");
                position += align(-length, ALIGNMENT);
                recoveries.incrementAndGet();
            }
            else
            {
                // the last claim died before writing its header: everything up to the tail is its
                final int toEnd = capacity - index;
                final long remaining = tail - position;
                if (remaining <= toEnd)
                {
                    pad(index, (int)remaining);
                }
                else
                {
                    pad(0, (int)(remaining - toEnd));
                    pad(index, toEnd);
                }
                Recoveries.tornRecordSkipped(name, mode.name(), 0, position, "unwritten claim padded to the tail");
                position = tail;
                recoveries.incrementAndGet();
            }
        }
    }

    private void pad(final int index, final int length)
    {
        buffer.putInt(typeOffset(index), PADDING_MSG_TYPE_ID);
        buffer.putIntRelease(lengthOffset(index), length); // release: the consumer reads the length with acquire
    }
}

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

import dev.mmipc.liveness.Liveness;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

import static dev.mmipc.queue.RingRecords.validPositions;
import static org.agrona.BitUtil.align;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.lengthOffset;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.typeOffset;
import static org.agrona.concurrent.ringbuffer.RingBuffer.PADDING_MSG_TYPE_ID;

/**
 * {@link QueueMode#ONE_TO_ONE} on mmipc's own protocol ({@link RingEngine#BATCHED}): Agrona's record format and
 * trailer, but the records are published by the tail alone, so that the two cores do not share a line per message.
 * <ul>
 *   <li><b>Publication.</b> The producer writes whole records (header, message, padding before a wrap) past the
 *   tail with plain stores, then moves the tail with one release store; the consumer reads the tail with acquire
 *   and then every record below it with plain loads. A record's length is never a readiness flag: nobody spins on a
 *   record line while the producer writes it, no header is pre-zeroed, and the consumer writes nothing back into
 *   the records (Agrona's producer pre-zeroes the next header on every message, and its consumer polls that line).
 *   Claims are published when no claim of the handle is outstanding: several claims, or {@code offer}'s batch,
 *   take one release store.</li>
 *   <li><b>Cached indices.</b> Each side keeps its own copy of the other's position and reads the shared one only
 *   when its copy says full (producer) or empty (consumer): the head line travels once per batch the producer
 *   finds room for, the tail line once per batch the consumer reads.</li>
 *   <li><b>A batch builds while the consumer is behind.</b> A poll that finds messages right after a poll that
 *   delivered some (the consumer is chasing a streaming producer) and less than {@value #BATCH_BYTES} bytes
 *   waits up to {@value #BATCH_WAIT_NS} ns before it reads the tail again, so that it then reads whole lines the
 *   producer has finished, instead of each line while the producer still writes it. A message after an empty
 *   poll (a lone message, a round trip) is read at once.</li>
 *   <li><b>Crashes.</b> A producer killed between claim and commit published nothing: its claim is past the tail,
 *   invisible, and the next producer overwrites it (no torn record ever blocks the consumer, so no unblock or
 *   repair is needed). A consumer killed mid-batch: the pending position, as in {@link RingQueue}.</li>
 *   <li><b>Corruption.</b> Positions are checked on every read of the other side's; every record length below the
 *   tail must be a whole record before the tail and the end of the buffer (padding included), and a message at
 *   most the longest: anything else marks the queue corrupt.</li>
 * </ul>
 * Queues of this engine have layout version {@value QueueDescriptor#BATCHED_LAYOUT_VERSION}, so that a build that
 * knows only Agrona's protocol refuses them.
 */
final class BatchedRingQueue extends LeasedRing
{
    /** Bytes below which a chasing consumer lets a batch build. */
    static final int BATCH_BYTES = 2048;
    /** Longest a chasing consumer waits for a batch to build, in nanoseconds. */
    static final long BATCH_WAIT_NS = 1_000;

    /** Producer: head position last read, a lower bound of the head. */
    private long headCache;
    /** Producer: position of the next claim while claims are outstanding. */
    private long claimTail;
    /** Producer: claims not yet committed or aborted. */
    private int outstanding;

    /** Consumer: tail position last read, a lower bound of the tail. */
    private long tailCache;
    /** Consumer: the last poll delivered messages. */
    private boolean chasing;

    private MessageHandler handler;
    private long readHead;
    private int readHeadIndex;

    BatchedRingQueue(
        final String name, final String file, final Liveness liveness, final AtomicBuffer control,
        final AtomicBuffer ringBuffer, final long livenessTimeoutNs)
    {
        super(name, file, QueueMode.ONE_TO_ONE, liveness, control, ringBuffer, livenessTimeoutNs);
    }

    @Override
    void onProducerLeaseTaken()
    {
        // nothing to repair: a dead producer's claims are past the tail, and the next claim overwrites them
        outstanding = 0;
    }

    @Override
    int tryClaim(final int length)
    {
        final int recordIndex = reserve(length);
        if (recordIndex < 0)
        {
            return MessageQueue.INSUFFICIENT_CAPACITY;
        }
        buffer.putInt(typeOffset(recordIndex), selfPid);
        buffer.putInt(lengthOffset(recordIndex), -(length + HEADER_LENGTH)); // claimed: positive once committed
        return recordIndex + HEADER_LENGTH;
    }

    @Override
    void commit(final int index)
    {
        final int recordIndex = claimedRecord(index);
        buffer.putInt(lengthOffset(recordIndex), -buffer.getInt(lengthOffset(recordIndex)));
        resolved();
    }

    @Override
    void abort(final int index)
    {
        final int recordIndex = claimedRecord(index);
        buffer.putInt(typeOffset(recordIndex), PADDING_MSG_TYPE_ID);
        buffer.putInt(lengthOffset(recordIndex), -buffer.getInt(lengthOffset(recordIndex)));
        resolved();
    }

    @Override
    AtomicBuffer buffer()
    {
        return buffer;
    }

    @Override
    boolean offer(final DirectBuffer src, final int offset, final int length)
    {
        final int recordIndex = reserve(length);
        if (recordIndex < 0)
        {
            return false;
        }
        buffer.putInt(typeOffset(recordIndex), selfPid);
        buffer.putInt(lengthOffset(recordIndex), length + HEADER_LENGTH);
        buffer.putBytes(recordIndex + HEADER_LENGTH, src, offset, length);
        resolved();
        return true;
    }

    /**
     * Room for one record past the last claim (and padding to the end of the buffer before it if it does not fit
     * there), counted as outstanding; nothing is published.
     *
     * @return the index of the record's header, or -1 when there is no room.
     */
    private int reserve(final int length)
    {
        checkProducerLease();
        if (closedFlag())
        {
            throw closedException();
        }
        // plain: only the lease holder writes the tail; while claims are outstanding the handle's own position
        final long tail = outstanding == 0 ? buffer.getLong(tailPositionIndex) : claimTail;
        final int tailIndex = (int)tail & mask;
        final int toEnd = capacity - tailIndex;
        final int alignedLength = align(length + HEADER_LENGTH, ALIGNMENT);
        final int padding = alignedLength > toEnd ? toEnd : 0;
        final long end = tail + padding + alignedLength;
        if (end - headCache > capacity)
        {
            final long head = buffer.getLongVolatile(headPositionIndex); // acquire: pairs with the consumer's release
            if (!validPositions(head, tail, capacity))
            {
                throw corrupt(QueueCorruption.POSITIONS, head, tail);
            }
            headCache = head;
            if (end - head > capacity)
            {
                return -1;
            }
        }
        int recordIndex = tailIndex;
        if (padding != 0)
        {
            buffer.putInt(typeOffset(tailIndex), PADDING_MSG_TYPE_ID);
            buffer.putInt(lengthOffset(tailIndex), padding);
            recordIndex = 0;
        }
        claimTail = end;
        outstanding++;
        return recordIndex;
    }

    /**
     * @param index an index {@link #tryClaim} returned.
     * @return the index of its record, still claimed.
     * @throws IllegalStateException when it is not a claim of this handle waiting for commit or abort.
     */
    private int claimedRecord(final int index)
    {
        final int recordIndex = index - HEADER_LENGTH;
        if (outstanding == 0 || recordIndex < 0 || recordIndex > capacity - HEADER_LENGTH ||
            (recordIndex & (ALIGNMENT - 1)) != 0 || buffer.getInt(lengthOffset(recordIndex)) >= 0)
        {
            throw new IllegalStateException(
                "no claim outstanding at this index: name=" + name + ", index=" + index + ", outstanding=" + outstanding);
        }
        return recordIndex;
    }

    /**
     * One claim committed or aborted: when none is left outstanding, publish every record written since the last
     * publication.
     */
    private void resolved()
    {
        if (--outstanding == 0)
        {
            buffer.putLongRelease(tailPositionIndex, claimTail); // release: the records and paddings before
        }
    }

    @Override
    int poll(final MessageHandler handler, final int limit)
    {
        checkConsumerLease();
        final boolean closed = closedFlag(); // before the tail: the end is reported only with nothing left
        long head = buffer.getLong(headPositionIndex); // plain: only the lease holder writes the head
        long tail = tailCache;
        boolean fresh = false;
        int count = 0;
        this.handler = handler;
        try
        {
            while (count < limit)
            {
                if (head >= tail)
                {
                    if (fresh)
                    {
                        break; // everything published when this call began is read
                    }
                    tail = readTail(head);
                    fresh = true;
                    if (tail == head)
                    {
                        break;
                    }
                    if (chasing && count == 0 && tail - head < BATCH_BYTES)
                    {
                        // the last poll delivered, and this one finds a line or two more: the producer is streaming
                        // and this consumer keeps pace, reading each line while the producer still writes it; let
                        // a batch build (reading nothing shared meanwhile), then take all of it
                        final long deadline = System.nanoTime() + BATCH_WAIT_NS;
                        while (System.nanoTime() - deadline < 0)
                        {
                            Thread.onSpinWait();
                        }
                        tail = readTail(head);
                    }
                }
                readHead = head;
                readHeadIndex = (int)head & mask;
                count += read(tail, limit - count);
                head = buffer.getLong(headPositionIndex);
            }
        }
        finally
        {
            this.handler = null;
            tailCache = tail; // any tail read is a lower bound of the tail
        }
        chasing = count > 0;
        if (count == 0)
        {
            return closed ? END_OF_STREAM : 0; // the loop ended on a fresh tail equal to the head
        }
        return count;
    }

    private long readTail(final long head)
    {
        final long tail = buffer.getLongVolatile(tailPositionIndex); // acquire: pairs with the producer's release
        if (!validPositions(head, tail, capacity))
        {
            // only the lease holder, this handle, moves the head, and the tail never moves back
            throw corrupt(QueueCorruption.POSITIONS, head, tail);
        }
        return tail;
    }

    /**
     * The records from the head up to the tail or the end of the buffer, whichever is nearer: each length bounded
     * before it is aligned or used, the head stored with release once after them.
     */
    private int read(final long tail, final int limit)
    {
        final AtomicBuffer buffer = this.buffer;
        final long head = readHead;
        final int headIndex = readHeadIndex;
        final int available = (int)Math.min(capacity - headIndex, tail - head);
        int bytesRead = 0;
        int messagesRead = 0;
        try
        {
            while (bytesRead < available && messagesRead < limit)
            {
                final int recordIndex = headIndex + bytesRead;
                final int recordLength = buffer.getInt(lengthOffset(recordIndex)); // plain: after the tail's acquire
                if (recordLength < HEADER_LENGTH || recordLength > available - bytesRead)
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
                    throw corrupt(QueueCorruption.RECORD_LENGTH, head + bytesRead, recordLength);
                }
                bytesRead += alignedLength;
                try
                {
                    handler.onMessage(buffer, recordIndex + HEADER_LENGTH, recordLength - HEADER_LENGTH);
                }
                finally
                {
                    // release: the handler's reads of the message happen before the head store after it
                    control.putLongRelease(QueueDescriptor.CONSUMER_PENDING_OFFSET, head + bytesRead);
                }
                ++messagesRead;
            }
        }
        finally
        {
            if (bytesRead > 0)
            {
                buffer.putLongRelease(headPositionIndex, head + bytesRead); // release: the reads of the records before
            }
        }
        return messagesRead;
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
        final long head = buffer.getLongVolatile(headPositionIndex);
        final long tail = buffer.getLongVolatile(tailPositionIndex); // after the head: at least the head
        return capacity - (int)Math.min(capacity, Math.max(0, tail - head));
    }
}

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
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.OwnerWords;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import static dev.mmipc.queue.RingRecords.isRecordLength;
import static dev.mmipc.queue.RingRecords.validPositions;
import static org.agrona.BitUtil.align;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.lengthOffset;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.typeOffset;
import static org.agrona.concurrent.ringbuffer.RingBuffer.PADDING_MSG_TYPE_ID;

/**
 * What the two ring engines of the single-consumer modes share: Agrona's record format (an 8-byte header of
 * length and type, records aligned to 8, padding type -1) and trailer (tail and head positions, each on its own
 * cache lines), the consumer lease and its pending position, the producer lease ({@code ONE_TO_ONE}), and the
 * corruption messages. {@link RingQueue} runs Agrona's own protocol over it; {@link BatchedRingQueue} its own.
 * See {@link RingQueue} for the leases and the pending position.
 */
abstract class LeasedRing extends QueueEngine
{
    /** Set in the producer lease while a consumer repairs torn claims of a dead producer (ONE_TO_ONE). */
    static final long REPAIR_BIT = 1L << 63;

    final QueueMode mode;
    final boolean oneToOne;
    final AtomicBuffer buffer;
    final int capacity;
    final int mask;
    /** A header and the longest message the ring takes (Agrona's limit, capacity / 8). */
    final int maxRecordLength;
    final long self;
    final int selfPid;

    private final String consumerKey;
    private final String producerKey;
    private boolean consumerRole;
    private boolean producerRole;

    LeasedRing(
        final String name, final String file, final QueueMode mode, final Liveness liveness, final AtomicBuffer control,
        final AtomicBuffer ringBuffer, final long livenessTimeoutNs)
    {
        super(name, liveness, control, livenessTimeoutNs,
            ringBuffer.capacity() - RingBufferDescriptor.TRAILER_LENGTH + RingBufferDescriptor.HEAD_POSITION_OFFSET,
            ringBuffer.capacity() - RingBufferDescriptor.TRAILER_LENGTH + RingBufferDescriptor.TAIL_POSITION_OFFSET);
        this.consumerKey = file + "#consumer";
        this.producerKey = file + "#producer";
        this.mode = mode;
        this.oneToOne = mode == QueueMode.ONE_TO_ONE;
        this.buffer = ringBuffer;
        this.capacity = ringBuffer.capacity() - RingBufferDescriptor.TRAILER_LENGTH;
        this.mask = capacity - 1;
        this.maxRecordLength = HEADER_LENGTH + (capacity >> 3);
        this.self = OwnerWords.selfIdentity();
        this.selfPid = OwnerWords.selfPid();
        checkPositions(name, ringBuffer, capacity);
    }

    /**
     * Take the producer lease unless this handle holds it ({@code ONE_TO_ONE}; the other mode has many producers).
     */
    final void checkProducerLease()
    {
        if (oneToOne && (control.getLong(QueueDescriptor.PRODUCER_LEASE_OFFSET) != self || !producerRole))
        {
            acquireProducerLease();
        }
    }

    /**
     * Take the consumer lease unless this handle holds it.
     */
    final void checkConsumerLease()
    {
        if (control.getLong(QueueDescriptor.CONSUMER_LEASE_OFFSET) != self || !consumerRole)
        {
            acquireConsumerLease();
        }
    }

    /**
     * Called once this process has taken the producer lease with a compare-and-set (from nobody or from a dead
     * holder), before the claim that took it goes on.
     */
    abstract void onProducerLeaseTaken();

    static void checkPositions(final String name, final AtomicBuffer ringBuffer, final int capacity)
    {
        final long head = ringBuffer.getLongVolatile(capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET);
        final long tail = ringBuffer.getLongVolatile(capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET);
        if (!validPositions(head, tail, capacity))
        {
            throw new RegionParameterException(
                "queue positions invalid: name=" + name + ", head=" + head + ", tail=" + tail + ", capacity=" + capacity);
        }
    }

    @Override
    String describeCorruption(final int code, final long position, final long value)
    {
        if (code == QueueCorruption.RECORD_LENGTH)
        {
            return "queue record length invalid: name=" + name + ", position=" + position + ", index=" +
                ((int)position & mask) + ", record_length=" + value + ", capacity=" + capacity;
        }
        if (code == QueueCorruption.POSITIONS)
        {
            return "queue positions invalid: name=" + name + ", head=" + position + ", tail=" + value +
                ", capacity=" + capacity;
        }
        return null;
    }

    @Override
    boolean possiblePositions(final long head, final long tail)
    {
        return validPositions(head, tail, capacity);
    }

    /**
     * Records between head and tail, counted by {@link #countRecords}, which stops at the first one it cannot read
     * as a record: a consumer may be zeroing or overwriting it under the count, so only the consumer, which reads it
     * next, can tell corruption there, and report it.
     */
    @Override
    int countBetween(final long head, final long tail)
    {
        return countRecords(buffer, capacity, head, tail);
    }

    /**
     * Count the records, committed or claimed, between head and tail, padding excluded. A snapshot: the walk stops at
     * anything it cannot read as a record, and takes at most capacity / 8 steps.
     *
     * @param buffer   the ring.
     * @param capacity its capacity.
     * @param head     a head read from it.
     * @param tail     a tail read from it.
     * @return records found; 0 for positions no ring can have.
     */
    static int countRecords(final AtomicBuffer buffer, final int capacity, final long head, final long tail)
    {
        if (!validPositions(head, tail, capacity))
        {
            return 0;
        }
        final int mask = capacity - 1;
        int count = 0;
        long position = head;
        while (position < tail)
        {
            final int index = (int)position & mask;
            final int room = (int)Math.min(capacity - index, tail - position);
            final int length = buffer.getIntVolatile(lengthOffset(index));
            if (length == 0)
            {
                count++; // claimed, header not yet written
                break;
            }
            if (!isRecordLength(length, room))
            {
                break; // overwritten under us, or corrupt: stop
            }
            if (buffer.getInt(typeOffset(index)) != PADDING_MSG_TYPE_ID)
            {
                count++;
            }
            position += align(Math.abs(length), ALIGNMENT); // at least a header: at most capacity / 8 steps
        }
        return count;
    }

    @Override
    final void release()
    {
        if (consumerRole)
        {
            consumerRole = false;
            if (LocalLeaseCount.release(consumerKey))
            {
                control.compareAndSetLong(QueueDescriptor.CONSUMER_LEASE_OFFSET, self, 0L);
            }
        }
        if (producerRole)
        {
            producerRole = false;
            if (LocalLeaseCount.release(producerKey))
            {
                control.compareAndSetLong(QueueDescriptor.PRODUCER_LEASE_OFFSET, self, 0L);
            }
        }
    }

    final void takeConsumerRole()
    {
        if (!consumerRole)
        {
            consumerRole = true;
            LocalLeaseCount.acquire(consumerKey);
        }
    }

    final void takeProducerRole()
    {
        if (!producerRole)
        {
            producerRole = true;
            LocalLeaseCount.acquire(producerKey);
        }
    }

    private void acquireConsumerLease()
    {
        closedFlag(); // a corrupt queue says so before anything else
        while (true)
        {
            final long holder = control.getLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET);
            if (holder == self)
            {
                takeConsumerRole();
                return;
            }
            if (holder != 0 && isAlive(holder))
            {
                throw new IllegalStateException(
                    "queue consumer busy: name=" + name + ", mode=" + mode + ", holder_pid=" + OwnerWords.identityPid(holder));
            }
            if (control.compareAndSetLong(QueueDescriptor.CONSUMER_LEASE_OFFSET, holder, self))
            {
                takeConsumerRole();
                if (holder != 0)
                {
                    Recoveries.queueRepaired(name, mode.name(), "consumer", OwnerWords.identityPid(holder),
                        OwnerWords.identityStartMs(holder), "consumer lease taken over from dead consumer");
                }
                completeDeadConsumerBatch();
                return;
            }
        }
    }

    /**
     * The previous consumer may have died after handing messages over and before Agrona moved the head (or,
     * in MANY_TO_ONE, while zeroing them): finish its batch up to the pending position.
     */
    private void completeDeadConsumerBatch()
    {
        final long pending = control.getLongVolatile(QueueDescriptor.CONSUMER_PENDING_OFFSET);
        final long head = buffer.getLongVolatile(headPositionIndex);
        final long tail = buffer.getLongVolatile(tailPositionIndex);
        final int headIndex = (int)head & mask;
        if (pending > head && pending <= tail && pending - head <= capacity - headIndex &&
            (pending & (ALIGNMENT - 1)) == 0)
        {
            if (!oneToOne)
            {
                buffer.setMemory(headIndex, (int)(pending - head), (byte)0);
            }
            buffer.putLongRelease(headPositionIndex, pending); // release: the zeroing happens before
            recoveries.incrementAndGet();
            Recoveries.queueRepaired(name, mode.name(), "consumer", 0, 0,
                "dead consumer's batch completed: head=" + head + ", pending=" + pending);
        }
    }

    private void acquireProducerLease()
    {
        closedFlag(); // a corrupt queue says so before "busy"
        final long deadlineNs = System.nanoTime() + livenessTimeoutNs;
        while (true)
        {
            final long holder = control.getLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET);
            if (holder == self)
            {
                takeProducerRole();
                return;
            }
            final long owner = holder & ~REPAIR_BIT;
            if (holder != 0 && isAlive(owner))
            {
                if ((holder & REPAIR_BIT) != 0 && System.nanoTime() - deadlineNs < 0)
                {
                    Thread.onSpinWait(); // a consumer is padding a dead producer's claims: microseconds
                    continue;
                }
                throw new IllegalStateException(
                    "queue producer busy: name=" + name + ", mode=" + mode + ", holder_pid=" + OwnerWords.identityPid(owner));
            }
            if (control.compareAndSetLong(QueueDescriptor.PRODUCER_LEASE_OFFSET, holder, self))
            {
                takeProducerRole();
                if (holder != 0)
                {
                    Recoveries.queueRepaired(name, mode.name(), "producer", OwnerWords.identityPid(owner),
                        OwnerWords.identityStartMs(owner), "producer lease taken over from dead producer");
                }
                onProducerLeaseTaken();
                return;
            }
        }
    }
}

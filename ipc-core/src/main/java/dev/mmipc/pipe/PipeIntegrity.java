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
package dev.mmipc.pipe;

import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.queue.RingRecords;
import dev.mmipc.region.Region;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * What one {@link Connection} has found corrupt, and the checks of a ring's positions that both its directions make.
 * The first corruption found is kept: from then on every call of that connection throws a
 * {@link RegionFormatException} with the same words ({@link #checkIntact()}).
 */
final class PipeIntegrity
{
    /** Empty reads (full writes) between two looks at a ring's positions, a power of two less one. */
    static final int EMPTY_LOOK_MASK = 63;

    private final Region region;
    private final PipeEnd end;
    private volatile String corruption;

    /**
     * @param region the pipe's region, for its name in messages.
     * @param end    the connection's end.
     */
    PipeIntegrity(final Region region, final PipeEnd end)
    {
        this.region = region;
        this.end = end;
    }

    /**
     * Head and tail of a ring, read in that order by its reader (whose head only it moves) or by its writer (whose
     * tail only it moves): either way a pair no ring can have is corruption, not a race.
     *
     * @param ring     the ring.
     * @param receiver the end that reads it, for the message.
     * @throws RegionFormatException when the pair is one no ring can have.
     */
    void checkPositions(final OneToOneRingBuffer ring, final PipeEnd receiver)
    {
        final int capacity = ring.capacity();
        final AtomicBuffer buffer = ring.buffer();
        // volatile, head first: the tail then is at least the head read, and at most a capacity beyond it
        final long head = buffer.getLongVolatile(capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET);
        final long tail = buffer.getLongVolatile(capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET);
        if (!RingRecords.validPositions(head, tail, capacity))
        {
            throw corrupt("pipe positions invalid: name=" + region.name() + ", end=" + receiver + ", head=" + head +
                ", tail=" + tail + ", capacity=" + capacity);
        }
    }

    /**
     * @param position     the record's position in the ring this end reads.
     * @param recordLength the length found there.
     * @param capacity     the ring's capacity.
     * @return the error to throw, now and from every later call of this connection.
     */
    RegionFormatException corruptRecord(final long position, final int recordLength, final int capacity)
    {
        return corrupt("pipe record length invalid: name=" + region.name() + ", end=" + end + ", position=" + position +
            ", index=" + ((int)position & (capacity - 1)) + ", record_length=" + recordLength + ", capacity=" + capacity);
    }

    /**
     * @param message what was found.
     * @return the error to throw, now and from every later call of this connection.
     */
    RegionFormatException corrupt(final String message)
    {
        if (corruption == null)
        {
            corruption = message;
        }
        return new RegionFormatException(corruption);
    }

    /**
     * @throws RegionFormatException when this connection has found its pipe corrupt.
     */
    void checkIntact()
    {
        final String message = corruption;
        if (message != null)
        {
            throw new RegionFormatException(message);
        }
    }
}

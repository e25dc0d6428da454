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

import dev.mmipc.region.RegionDescriptor;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * File offsets of a pipe's words, for tests that write into the file what another (foreign or broken) process
 * could have written: ring positions, record headers, end states and owner words.
 */
final class PipeFiles
{
    private PipeFiles()
    {
    }

    /**
     * @param receiver the end that reads the ring.
     * @param capacity the ring's capacity.
     * @param index    a record's index in the ring.
     * @return file offset of that record's length word.
     */
    static long recordLengthOffset(final PipeEnd receiver, final int capacity, final int index)
    {
        return RegionDescriptor.HEADER_LENGTH + PipeDescriptor.ringOffset(receiver, capacity) +
            RecordDescriptor.lengthOffset(index);
    }

    /**
     * @param receiver the end that reads the ring.
     * @param capacity the ring's capacity.
     * @param index    a record's index in the ring.
     * @return file offset of that record's type word.
     */
    static long recordTypeOffset(final PipeEnd receiver, final int capacity, final int index)
    {
        return RegionDescriptor.HEADER_LENGTH + PipeDescriptor.ringOffset(receiver, capacity) +
            RecordDescriptor.typeOffset(index);
    }

    /**
     * @param receiver the end that reads the ring.
     * @param capacity the ring's capacity.
     * @return file offset of the ring's head position (what its reader consumed).
     */
    static long headOffset(final PipeEnd receiver, final int capacity)
    {
        return trailerOffset(receiver, capacity) + RingBufferDescriptor.HEAD_POSITION_OFFSET;
    }

    /**
     * @param receiver the end that reads the ring.
     * @param capacity the ring's capacity.
     * @return file offset of the ring's tail position (what its writer wrote).
     */
    static long tailOffset(final PipeEnd receiver, final int capacity)
    {
        return trailerOffset(receiver, capacity) + RingBufferDescriptor.TAIL_POSITION_OFFSET;
    }

    /**
     * @param end an end.
     * @return file offset of its state word (new, open, closed).
     */
    static long stateOffset(final PipeEnd end)
    {
        return RegionDescriptor.HEADER_LENGTH + PipeDescriptor.endOffset(end) + PipeDescriptor.END_STATE_OFFSET;
    }

    /**
     * @param end an end.
     * @return file offset of the start time its owner recorded with its pid.
     */
    static long ownerStartOffset(final PipeEnd end)
    {
        return RegionDescriptor.HEADER_LENGTH + PipeDescriptor.endOffset(end) + PipeDescriptor.END_OWNER_START_OFFSET;
    }

    private static long trailerOffset(final PipeEnd receiver, final int capacity)
    {
        return RegionDescriptor.HEADER_LENGTH + PipeDescriptor.ringOffset(receiver, capacity) + capacity;
    }
}

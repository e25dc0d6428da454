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

import org.agrona.BitUtil;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Layout of a {@link dev.mmipc.region.RegionKind#PIPE} region: a section per end, then one Agrona
 * {@link org.agrona.concurrent.ringbuffer.OneToOneRingBuffer} per direction (one for a one-way pipe).
 * <p>
 * <b>Parameters</b>:
 * <pre>
 *  +---------------------------------------------------------------+
 *  |   Duplex (64): 1 duplex, 0 one-way                            |  0
 *  +---------------------------------------------------------------+
 *  |   Ring Capacity (64): bytes of messages per ring, power of 2  |  8
 *  +---------------------------------------------------------------+
 *  |   Layout Version (64)                                         | 16
 *  +---------------------------------------------------------------+
 *  |   Reserved, 40 bytes                                         ...| 24
 *  +---------------------------------------------------------------+ 64
 * </pre>
 * <b>Payload</b> ({@code c} = ring capacity, {@code t} = Agrona's ring trailer, 768 bytes):
 * <pre>
 *  +---------------------------------------------------------------+ 0
 *  |   FIRST end section, 128 bytes (below)                        |
 *  +---------------------------------------------------------------+ 128
 *  |   SECOND end section, 128 bytes                               |
 *  +---------------------------------------------------------------+ 256
 *  |   Ring to FIRST (written by SECOND): c + t bytes              |
 *  +---------------------------------------------------------------+ 256 + c + t
 *  |   Ring to SECOND (written by FIRST), duplex only: c + t bytes |
 *  +---------------------------------------------------------------+ 256 + 2 (c + t)
 * </pre>
 * <b>End section</b>:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |  Owner Generation (low 32)    |  Owner Pid (high 32)          |  0  owner word (LockWord)
 *  +-------------------------------+-------------------------------+
 *  |              Owner Start Time, epoch ms (64)                  |  8
 *  +---------------------------------------------------------------+
 *  |              Owner Confirm (64)                               | 16
 *  +---------------------------------------------------------------+
 *  |   State (64): 0 never attached, 1 open, 2 closed; volatile    | 24
 *  +---------------------------------------------------------------+
 *  |              Reserved, 96 bytes                              ...| 32
 *  +---------------------------------------------------------------+ 128
 * </pre>
 */
public final class PipeDescriptor
{
    /** Version of this layout. */
    public static final int LAYOUT_VERSION = 1;

    /** Parameter offset of the duplex flag. */
    public static final int DUPLEX_PARAM_OFFSET = 0;
    /** Parameter offset of the ring capacity. */
    public static final int CAPACITY_PARAM_OFFSET = 8;
    /** Parameter offset of the layout version. */
    public static final int VERSION_PARAM_OFFSET = 16;

    /** Length of an end section. */
    public static final int END_SECTION_LENGTH = 128;
    /** Offset of the owner word in an end section. */
    public static final int END_OWNER_WORD_OFFSET = 0;
    /** Offset of the owner start time in an end section. */
    public static final int END_OWNER_START_OFFSET = 8;
    /** Offset of the owner confirm field in an end section. */
    public static final int END_OWNER_CONFIRM_OFFSET = 16;
    /** Offset of the end's state in an end section. */
    public static final int END_STATE_OFFSET = 24;
    /** Offset of the first ring in the payload. */
    public static final int RINGS_OFFSET = 2 * END_SECTION_LENGTH;

    /** End state: no process has attached yet. */
    public static final long STATE_NEW = 0;
    /** End state: attached. */
    public static final long STATE_OPEN = 1;
    /** End state: closed; the end cannot be attached again. */
    public static final long STATE_CLOSED = 2;

    /** Smallest ring capacity. */
    public static final int MIN_CAPACITY = 1024;
    /** Largest ring capacity. */
    public static final int MAX_CAPACITY = 1 << 28;

    private PipeDescriptor()
    {
    }

    /**
     * @param end an end.
     * @return offset of its section in the payload.
     */
    public static int endOffset(final PipeEnd end)
    {
        return end.ordinal() * END_SECTION_LENGTH;
    }

    /**
     * @param capacity ring capacity.
     * @return bytes one ring takes, trailer included.
     */
    public static int ringLength(final int capacity)
    {
        return capacity + RingBufferDescriptor.TRAILER_LENGTH;
    }

    /**
     * @param receiver the end that reads the ring.
     * @param capacity ring capacity.
     * @return offset of the ring read by {@code receiver}.
     */
    public static int ringOffset(final PipeEnd receiver, final int capacity)
    {
        return RINGS_OFFSET + receiver.ordinal() * ringLength(capacity);
    }

    /**
     * @param duplex   two rings or one.
     * @param capacity ring capacity.
     * @return payload length.
     */
    public static int payloadLength(final boolean duplex, final int capacity)
    {
        return RINGS_OFFSET + (duplex ? 2 : 1) * ringLength(capacity);
    }

    /**
     * @param name     pipe name, for the message.
     * @param capacity ring capacity asked for.
     * @throws IllegalArgumentException unless a power of two within the limits.
     */
    public static void checkCapacity(final String name, final int capacity)
    {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || !BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException(
                "pipe capacity invalid: name=" + name + ", capacity=" + capacity + ", min=" + MIN_CAPACITY +
                ", max=" + MAX_CAPACITY + ", power_of_two=required");
        }
    }
}

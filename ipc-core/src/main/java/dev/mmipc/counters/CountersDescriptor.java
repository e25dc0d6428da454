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
package dev.mmipc.counters;

import dev.mmipc.region.RegionDescriptor;
import org.agrona.concurrent.status.CountersReader;

/**
 * Layout of a {@link dev.mmipc.region.RegionKind#COUNTERS} region: Agrona's counters metadata and values
 * buffers, preceded by a small allocation section that makes allocation safe between processes.
 * <p>
 * <b>Sections</b> (offsets from the start of the region's payload, {@code n} = max counters):
 * <pre>
 *  +---------------------------------------------------------------+
 *  | Region header (RegionDescriptor), with the 8 parameter slots: |
 *  |   slot 0  max counters (n)                                    |
 *  |   slot 1  allocation section offset (0)                       |
 *  |   slot 2  metadata buffer offset (128)                        |
 *  |   slot 3  metadata buffer length (n * 512)                    |
 *  |   slot 4  values buffer offset (128 + n * 512)                |
 *  |   slot 5  values buffer length (n * 128)                      |
 *  |   slot 6  counters layout version (1)                         |
 *  |   slot 7  reserved                                            |
 *  +---------------------------------------------------------------+ payload 0
 *  | Allocation section, 128 bytes (below)                         |
 *  +---------------------------------------------------------------+ 128
 *  | Agrona metadata buffer: n records of 512 bytes                |
 *  | (CountersReader.METADATA_LENGTH), exactly Agrona's format      |
 * ...                                                              |
 *  +---------------------------------------------------------------+ 128 + n * 512
 *  | Agrona values buffer: n records of 128 bytes                  |
 *  | (CountersReader.COUNTER_LENGTH), exactly Agrona's format       |
 * ...                                                              |
 *  +---------------------------------------------------------------+ 128 + n * 640
 * </pre>
 * <b>Allocation section</b>:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |  Lock Generation (low 32)     |  Lock Holder Pid (high 32)    |  0  lock word, CAS; pid 0 = free
 *  +-------------------------------+-------------------------------+
 *  |              Lock Holder Start Time, epoch ms (64)            |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |      Lock Confirm (64): the lock word whose start time is     | 16
 *  |      in the field above, stored with release after it         |
 *  +-------------------------------+-------------------------------+
 *  |  High-Water Mark (ids used)   |  Reclaimed Count              | 24
 *  +-------------------------------+-------------------------------+
 *  |                   Last Registration Id (64)                   | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Lock Takeovers (64)                      | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Reserved, 80 bytes                      ...| 48
 *  +---------------------------------------------------------------+ 128
 * </pre>
 * The high-water mark is the number of ids ever handed out: ids {@code 0..hwm-1} have a record that is
 * allocated or reclaimed, ids from {@code hwm} on are unused. Every field of the allocation section except
 * the lock word is written only by the lock holder. All fields are native (little-endian) order.
 */
public final class CountersDescriptor
{
    /** Version of this counters layout, stored in parameter slot 6. */
    public static final int LAYOUT_VERSION = 1;

    /** Parameter slot of the max number of counters. */
    public static final int MAX_COUNTERS_PARAM = 0;
    /** Parameter slot of the allocation section's payload offset. */
    public static final int ALLOCATION_OFFSET_PARAM = 1;
    /** Parameter slot of the metadata buffer's payload offset. */
    public static final int METADATA_OFFSET_PARAM = 2;
    /** Parameter slot of the metadata buffer's length. */
    public static final int METADATA_LENGTH_PARAM = 3;
    /** Parameter slot of the values buffer's payload offset. */
    public static final int VALUES_OFFSET_PARAM = 4;
    /** Parameter slot of the values buffer's length. */
    public static final int VALUES_LENGTH_PARAM = 5;
    /** Parameter slot of the counters layout version. */
    public static final int LAYOUT_VERSION_PARAM = 6;

    /** Offset, in the allocation section, of the lock word: holder pid in the high 32 bits, generation low. */
    public static final int LOCK_WORD_OFFSET;
    /** Offset of the lock holder's process start time (epoch ms). */
    public static final int LOCK_HOLDER_START_OFFSET;
    /** Offset of the lock confirm word: equals the lock word once the holder's start time is stored. */
    public static final int LOCK_CONFIRM_OFFSET;
    /** Offset of the high-water mark: how many ids have ever been handed out (int). */
    public static final int HIGH_WATER_MARK_OFFSET;
    /** Offset of the number of reclaimed (freed, reusable) records below the high-water mark (int). */
    public static final int RECLAIMED_COUNT_OFFSET;
    /** Offset of the last registration id handed out; each allocation writes the next into its values record. */
    public static final int LAST_REGISTRATION_ID_OFFSET;
    /** Offset of the number of times the lock was taken over from a dead holder. */
    public static final int LOCK_TAKEOVERS_OFFSET;
    /** Offset of the reserved bytes. */
    public static final int RESERVED_OFFSET;
    /** Length of the allocation section; the metadata buffer starts here. */
    public static final int ALLOCATION_SECTION_LENGTH = 128;

    /** Offset of the allocation section in the payload. */
    public static final int ALLOCATION_SECTION_OFFSET = 0;

    /** Offset of the metadata buffer in the payload, whatever the number of counters. */
    public static final int METADATA_OFFSET = ALLOCATION_SECTION_OFFSET + ALLOCATION_SECTION_LENGTH;

    /** Bytes per counter: one metadata record and one values record. */
    public static final int BYTES_PER_COUNTER = CountersReader.METADATA_LENGTH + CountersReader.COUNTER_LENGTH;

    /** Largest number of counters a region can hold (its payload must fit a mapped int-indexed buffer). */
    public static final int MAX_COUNTERS_LIMIT =
        (Integer.MAX_VALUE - RegionDescriptor.HEADER_LENGTH - ALLOCATION_SECTION_LENGTH) / BYTES_PER_COUNTER;

    /** Longest label in UTF-8 bytes: Agrona's {@link CountersReader#MAX_LABEL_LENGTH}. */
    public static final int MAX_LABEL_LENGTH = CountersReader.MAX_LABEL_LENGTH;

    static
    {
        int offset = 0;
        LOCK_WORD_OFFSET = offset;
        offset += Long.BYTES;
        LOCK_HOLDER_START_OFFSET = offset;
        offset += Long.BYTES;
        LOCK_CONFIRM_OFFSET = offset;
        offset += Long.BYTES;
        HIGH_WATER_MARK_OFFSET = offset;
        offset += Integer.BYTES;
        RECLAIMED_COUNT_OFFSET = offset;
        offset += Integer.BYTES;
        LAST_REGISTRATION_ID_OFFSET = offset;
        offset += Long.BYTES;
        LOCK_TAKEOVERS_OFFSET = offset;
        offset += Long.BYTES;
        RESERVED_OFFSET = offset;
    }

    private CountersDescriptor()
    {
    }

    /**
     * @param maxCounters max number of counters.
     * @return length of the metadata buffer.
     */
    public static int metadataLength(final int maxCounters)
    {
        return maxCounters * CountersReader.METADATA_LENGTH;
    }

    /**
     * @param maxCounters max number of counters.
     * @return payload offset of the values buffer.
     */
    public static int valuesOffset(final int maxCounters)
    {
        return METADATA_OFFSET + metadataLength(maxCounters);
    }

    /**
     * @param maxCounters max number of counters.
     * @return length of the values buffer.
     */
    public static int valuesLength(final int maxCounters)
    {
        return maxCounters * CountersReader.COUNTER_LENGTH;
    }

    /**
     * @param maxCounters max number of counters.
     * @return payload length of a region holding that many counters.
     */
    public static int payloadLength(final int maxCounters)
    {
        return valuesOffset(maxCounters) + valuesLength(maxCounters);
    }

    /**
     * @param name        region name, for the message.
     * @param maxCounters requested max number of counters.
     * @throws IllegalArgumentException unless {@code 1 <= maxCounters <= MAX_COUNTERS_LIMIT}.
     */
    public static void checkMaxCounters(final String name, final int maxCounters)
    {
        if (maxCounters < 1 || maxCounters > MAX_COUNTERS_LIMIT)
        {
            throw new IllegalArgumentException(
                "max counters out of range: name=" + name + ", max_counters=" + maxCounters + ", min=1, max=" +
                MAX_COUNTERS_LIMIT);
        }
    }

    /**
     * @param pid        lock holder's pid, 1..2^32-1.
     * @param generation lock generation (low 32 bits kept).
     * @return the lock word.
     */
    public static long lockWord(final long pid, final int generation)
    {
        return (pid << 32) | (generation & 0xFFFF_FFFFL);
    }

    /**
     * @param lockWord a lock word.
     * @return the holder's pid, 0 when free.
     */
    public static long lockPid(final long lockWord)
    {
        return lockWord >>> 32;
    }

    /**
     * @param lockWord a lock word.
     * @return its generation: incremented on every acquisition.
     */
    public static int lockGeneration(final long lockWord)
    {
        return (int)lockWord;
    }
}

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
package dev.mmipc.liveness;

/**
 * Layout of a namespace directory's liveness table, version 1: one file named {@value #FILE_NAME} (a name no
 * region can have, since region names start with a letter or digit), a header and {@link #SLOT_COUNT} slots, one
 * per process that uses the namespace, each on its own cache line.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Magic (64) "MMIPC-LV"                     |  0
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |          Version (32)         |        Slot Count (32)        |  8
 *  +-------------------------------+-------------------------------+
 *  |        Slot Length (32)       |         Reserved (32)         | 16
 *  +-------------------------------+-------------------------------+
 *  |                   Created At, epoch ms (64)                   | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Reserved, 32 bytes                      ...| 32
 *  +-------------------------------+-------------------------------+
 *  |  High-Water Mark (32), CAS:   |      Reserved, 60 bytes      ...| 64
 *  |  slots below it were claimed  |                               |
 *  +-------------------------------+-------------------------------+
 *  |                  Slot 0, 64 bytes (below)                    ...| 128
 *  +---------------------------------------------------------------+
 *  |                  Slot 1 ...                                  ...| 192
 *  +---------------------------------------------------------------+
 *
 *  one slot:
 *  +---------------------------------------------------------------+
 *  |  State Word (64): generation &lt;&lt; 2 | state, changed by CAS     |  0
 *  |  (state 0 FREE, 1 CLAIMING, 2 LIVE)                           |
 *  +---------------------------------------------------------------+
 *  |  Pid (64), as the owner's own PID namespace numbers it        |  8
 *  +---------------------------------------------------------------+
 *  |  Start Time (64), epoch ms, as ProcessIdentity gives it       | 16
 *  +---------------------------------------------------------------+
 *  |  PID Namespace (64): inode of /proc/self/ns/pid, 0 unknown    | 24
 *  +---------------------------------------------------------------+
 *  |  Heartbeat (64), epoch ms, renewed every period (release)     | 32
 *  +---------------------------------------------------------------+
 *  |  Heartbeat Period (64), ms, the owner's                       | 40
 *  +---------------------------------------------------------------+
 *  |  Claimed At (64), epoch ms                                    | 48
 *  +---------------------------------------------------------------+
 *  |  Reserved (64)                                                | 56
 *  +---------------------------------------------------------------+ 64
 * </pre>
 * A slot moves FREE(g) or LIVE(g) → CLAIMING(g + 1) by CAS (a LIVE one only once its owner is judged dead),
 * the claimant writes its fields (release stores), then CLAIMING(g + 1) → LIVE(g + 1) with a release store; a
 * reader loads the state word (acquire), the fields, and the state word again, and retries when it changed. All
 * fields are native (little-endian) order. The file is made whole under a temporary name and linked into place, so no
 * process ever maps a half-made table.
 */
public final class LivenessDescriptor
{
    /** Name of the table file in the namespace directory. */
    public static final String FILE_NAME = ".liveness";

    /** "MMIPC-LV" as a little-endian long: the first eight bytes of a liveness table. */
    public static final long MAGIC = 0x564C2D4350494D4DL;

    /** Layout version: another one is refused on open. */
    public static final int VERSION = 1;

    /** Slots in a table this version creates. */
    public static final int SLOT_COUNT = 1024;

    /** Most slots a table may declare (a corrupt count is refused, not mapped). */
    public static final int MAX_SLOT_COUNT = 1 << 16;

    /** Bytes per slot: one cache line. */
    public static final int SLOT_LENGTH = 64;

    /** Slot state: never claimed, or released. */
    public static final int FREE = 0;
    /** Slot state: taken by CAS, fields being written. */
    public static final int CLAIMING = 1;
    /** Slot state: a registered process's. */
    public static final int LIVE = 2;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET;
    /** Offset of the layout version. */
    public static final int VERSION_OFFSET;
    /** Offset of the slot count. */
    public static final int SLOT_COUNT_OFFSET;
    /** Offset of the slot length. */
    public static final int SLOT_LENGTH_OFFSET;
    /** Offset of the creation time, epoch ms. */
    public static final int CREATED_MS_OFFSET;
    /** Offset of the high-water mark: slots at and above it were never claimed (own cache line). */
    public static final int HIGH_WATER_MARK_OFFSET;
    /** Bytes before slot 0. */
    public static final int HEADER_LENGTH;

    /** Slot offset of the state word. */
    public static final int STATE_WORD_OFFSET;
    /** Slot offset of the owner's pid. */
    public static final int PID_OFFSET;
    /** Slot offset of the owner's start time. */
    public static final int START_MS_OFFSET;
    /** Slot offset of the owner's PID namespace inode. */
    public static final int PID_NAMESPACE_OFFSET;
    /** Slot offset of the heartbeat. */
    public static final int HEARTBEAT_MS_OFFSET;
    /** Slot offset of the owner's heartbeat period. */
    public static final int HEARTBEAT_PERIOD_MS_OFFSET;
    /** Slot offset of the claim time. */
    public static final int CLAIMED_MS_OFFSET;

    static
    {
        int offset = 0;
        MAGIC_OFFSET = offset;
        offset += Long.BYTES;
        VERSION_OFFSET = offset;
        offset += Integer.BYTES;
        SLOT_COUNT_OFFSET = offset;
        offset += Integer.BYTES;
        SLOT_LENGTH_OFFSET = offset;
        offset += Integer.BYTES * 2;
        CREATED_MS_OFFSET = offset;
        offset = 64;
        HIGH_WATER_MARK_OFFSET = offset;
        offset = 128;
        HEADER_LENGTH = offset;

        offset = 0;
        STATE_WORD_OFFSET = offset;
        offset += Long.BYTES;
        PID_OFFSET = offset;
        offset += Long.BYTES;
        START_MS_OFFSET = offset;
        offset += Long.BYTES;
        PID_NAMESPACE_OFFSET = offset;
        offset += Long.BYTES;
        HEARTBEAT_MS_OFFSET = offset;
        offset += Long.BYTES;
        HEARTBEAT_PERIOD_MS_OFFSET = offset;
        offset += Long.BYTES;
        CLAIMED_MS_OFFSET = offset;
    }

    private LivenessDescriptor()
    {
    }

    /**
     * @param slotCount slots in the table.
     * @return the file length of a table with that many slots.
     */
    public static long fileLength(final int slotCount)
    {
        return HEADER_LENGTH + (long)slotCount * SLOT_LENGTH;
    }

    /**
     * @param index a slot index.
     * @return the offset of that slot in the file.
     */
    public static int slotOffset(final int index)
    {
        return HEADER_LENGTH + index * SLOT_LENGTH;
    }

    /**
     * @param generation a generation (kept modulo 2^62).
     * @param state      {@link #FREE}, {@link #CLAIMING} or {@link #LIVE}.
     * @return the state word.
     */
    public static long stateWord(final long generation, final int state)
    {
        return (generation << 2) | state;
    }

    /**
     * @param word a state word.
     * @return its state.
     */
    public static int state(final long word)
    {
        return (int)(word & 3);
    }

    /**
     * @param word a state word.
     * @return its generation.
     */
    public static long generation(final long word)
    {
        return word >>> 2;
    }
}

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
package dev.mmipc.sync;

/**
 * Layout of a {@link dev.mmipc.region.RegionKind#SYNC} region: one primitive per region, its
 * {@link SyncType} in the parameters.
 * <p>
 * <b>Parameters</b> (the region header's 64 bytes of kind-specific parameters):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                   Sync Type code (64)                         |  0
 *  +---------------------------------------------------------------+
 *  |                   Layout Version (64)                         |  8
 *  +---------------------------------------------------------------+
 *  |   Initial Value (64): permits, parties or count               | 16
 *  +---------------------------------------------------------------+
 *  |   Bound (64): most permits of a bounded semaphore, else 0     | 24
 *  +---------------------------------------------------------------+
 *  |                   Reserved, 32 bytes                         ...| 32
 *  +---------------------------------------------------------------+ 64
 * </pre>
 * <b>Payload</b>, 256 bytes: the owner section and the state section each on their own 128 bytes.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |  Owner Generation (low 32)    |  Owner Pid (high 32)          |  0  owner word, CAS; pid 0 = free
 *  +-------------------------------+-------------------------------+
 *  |              Owner Start Time, epoch ms (64)                  |  8
 *  +---------------------------------------------------------------+
 *  |   Owner Confirm (64): the owner word whose start time is      | 16
 *  |   above, stored with release after it (see LockWord)         |
 *  +---------------------------------------------------------------+
 *  |   Owner Thread Id (64): RLock and Condition, 0 = none         | 24
 *  +---------------------------------------------------------------+
 *  |   Hold Count (64): RLock and Condition recursion depth        | 32
 *  +---------------------------------------------------------------+
 *  |   Recoveries (64): times taken over from a dead owner         | 40
 *  +---------------------------------------------------------------+
 *  |                   Reserved, 80 bytes                         ...| 48
 *  +---------------------------------------------------------------+ 128
 *  |   State (64): permits (semaphores), event word, latch count,  | 128
 *  |   barrier word (see each class)                               |
 *  +-------------------------------+-------------------------------+
 *  |  Condition Wake Seq (low 32)  |  Condition Wait Seq (high 32) | 136 condition word, CAS
 *  +-------------------------------+-------------------------------+
 *  |                   Reserved, 112 bytes                        ...| 144
 *  +---------------------------------------------------------------+ 256
 * </pre>
 * Owner-section fields other than the owner word are written only by the owner; state and condition words
 * change only by CAS or volatile stores. All fields are native (little-endian) order.
 */
public final class SyncDescriptor
{
    /** Version of this layout, stored in the parameters. */
    public static final int LAYOUT_VERSION = 1;

    /** Parameter offset of the {@link SyncType} code. */
    public static final int TYPE_PARAM_OFFSET;
    /** Parameter offset of the layout version. */
    public static final int VERSION_PARAM_OFFSET;
    /** Parameter offset of the initial value: permits, parties or count. */
    public static final int INITIAL_PARAM_OFFSET;
    /** Parameter offset of the bound of a bounded semaphore. */
    public static final int BOUND_PARAM_OFFSET;

    /** Payload offset of the owner word. */
    public static final int OWNER_WORD_OFFSET;
    /** Payload offset of the owner's process start time. */
    public static final int OWNER_START_OFFSET;
    /** Payload offset of the owner confirm field. */
    public static final int OWNER_CONFIRM_OFFSET;
    /** Payload offset of the owning thread's id (reentrant owners). */
    public static final int OWNER_THREAD_OFFSET;
    /** Payload offset of the hold count (reentrant owners). */
    public static final int HOLD_COUNT_OFFSET;
    /** Payload offset of the number of takeovers from dead owners. */
    public static final int RECOVERIES_OFFSET;
    /** Payload offset of the state word. */
    public static final int STATE_OFFSET;
    /**
     * Payload offset of the condition word: the wait sequence (tickets handed to waiters) in the high 32 bits,
     * the wake sequence (tickets below it are released) in the low 32.
     */
    public static final int CONDITION_OFFSET;
    /** Length of the owner section; the state section starts here. */
    public static final int OWNER_SECTION_LENGTH = 128;
    /** Length of the payload. */
    public static final int PAYLOAD_LENGTH = 256;

    static
    {
        int offset = 0;
        TYPE_PARAM_OFFSET = offset;
        offset += Long.BYTES;
        VERSION_PARAM_OFFSET = offset;
        offset += Long.BYTES;
        INITIAL_PARAM_OFFSET = offset;
        offset += Long.BYTES;
        BOUND_PARAM_OFFSET = offset;

        offset = 0;
        OWNER_WORD_OFFSET = offset;
        offset += Long.BYTES;
        OWNER_START_OFFSET = offset;
        offset += Long.BYTES;
        OWNER_CONFIRM_OFFSET = offset;
        offset += Long.BYTES;
        OWNER_THREAD_OFFSET = offset;
        offset += Long.BYTES;
        HOLD_COUNT_OFFSET = offset;
        offset += Long.BYTES;
        RECOVERIES_OFFSET = offset;

        offset = OWNER_SECTION_LENGTH;
        STATE_OFFSET = offset;
        offset += Long.BYTES;
        CONDITION_OFFSET = offset;
    }

    private SyncDescriptor()
    {
    }

    /**
     * @param word a condition word.
     * @return the wait sequence: the next ticket a waiter takes.
     */
    public static int conditionWaitSeq(final long word)
    {
        return (int)(word >>> 32);
    }

    /**
     * @param word a condition word.
     * @return the wake sequence: tickets before it are released.
     */
    public static int conditionWakeSeq(final long word)
    {
        return (int)word;
    }

    /**
     * @param word a condition word.
     * @return tickets not yet released: waiters, including ones that timed out or died holding a ticket.
     */
    public static int conditionWaiters(final long word)
    {
        return conditionWaitSeq(word) - conditionWakeSeq(word);
    }

    /**
     * @param waitSeq wait sequence.
     * @param wakeSeq wake sequence.
     * @return the condition word.
     */
    public static long conditionWord(final int waitSeq, final int wakeSeq)
    {
        return ((long)waitSeq << 32) | (wakeSeq & 0xFFFF_FFFFL);
    }
}

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

import dev.mmipc.exceptions.RegionParameterException;
import org.agrona.BitUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * Layout of a queue region (kind {@code QUEUE}): its parameters in the region header, and its payload.
 * <p>
 * <b>Parameters</b>, in the 64 bytes of kind-specific parameters of the region header (offsets relative to
 * their start; all written once by the creator before the region becomes visible):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Mode code (QueueMode)                     |  0
 *  +---------------------------------------------------------------+
 *  |                  Queue layout version (1)                     |  4
 *  +---------------------------------------------------------------+
 *  |              Capacity, bytes (power of two)                   |  8
 *  +---------------------------------------------------------------+
 *  |                   Max message length, bytes                   | 12
 *  +---------------------------------------------------------------+
 *  |        Slot length, bytes (MANY_TO_MANY; 0 otherwise)         | 16
 *  +---------------------------------------------------------------+
 *  |                Ring offset in payload (1024)                  | 20
 *  +---------------------------------------------------------------+
 *  |           Ring length: capacity + trailer, bytes              | 24
 *  +---------------------------------------------------------------+
 *  |             Closed flag offset in payload (0)                 | 28
 *  +---------------------------------------------------------------+
 *  |          Process table offset in payload (384)                | 32
 *  +---------------------------------------------------------------+
 *  |              Process table entries (64)                       | 36
 *  +---------------------------------------------------------------+
 *  |                      Reserved (24 bytes)                     ...| 40
 *  +---------------------------------------------------------------+
 * </pre>
 * <b>Payload</b>: a control block of {@link #CONTROL_LENGTH} bytes, then the ring. Every hot field has two
 * cache lines to itself.
 * <pre>
 *  +---------------------------------------------------------------+
 *  |  Closed flag (int: 0 open, 1 closed, 2 corrupt;  128 bytes    |    0
 *  |  volatile)                                                    |
 *  +---------------------------------------------------------------+
 *  |  Producer lease (long: owner identity, ONE_TO_ONE) 128 bytes  |  128
 *  +---------------------------------------------------------------+
 *  |  Consumer lease (long: owner identity, *_TO_ONE)              |  256
 *  |  Consumer pending position (long)                128 bytes    |  264
 *  +---------------------------------------------------------------+
 *  |  Process table: 64 owner identities (long each)  512 bytes    |  384
 *  +---------------------------------------------------------------+
 *  |  Corruption record: the first corruption found   128 bytes    |  896
 *  |    code (int; 0 none), reserved (int),                        |
 *  |    position (long), value found there (long), reserved ...    |
 *  +---------------------------------------------------------------+
 *  |  Ring: ONE_TO_ONE / MANY_TO_ONE: Agrona's ring buffer layout  | 1024
 *  |        (RingBufferDescriptor: capacity bytes of records, then |
 *  |        its 768-byte trailer of tail, head cache, head ...)    |
 *  |        MANY_TO_MANY: capacity / slot length slots, then a     |
 *  |        384-byte trailer of tail and head (ManyToManyQueue)   ...
 *  +---------------------------------------------------------------+
 * </pre>
 * An <b>owner identity</b> packs a process id and its start time into one long, so that one atomic store or
 * compare-and-set records who holds a lease: {@code (startMs - 2020-01-01) << 22 | pid}, the identity word of
 * {@link dev.mmipc.liveness.OwnerWords}. The process table ({@link dev.mmipc.liveness.OwnerTable}) records the identity
 * of every process that opened the queue, so that a pid found in a record (where only the pid fits) can be checked
 * against its start time.
 * <p>
 * <b>Corruption.</b> A handle that finds a value no queue of this layout can hold (a record length outside the ring,
 * impossible positions, a slot word from an impossible lap) records what it found in the corruption record, then
 * sets the closed flag to 2 (volatile, after the record). Every call of every handle reads the flag before it looks
 * at the ring (producers on every claim already do, for the end of stream), so from then on every process refuses the
 * queue with the same {@link dev.mmipc.exceptions.RegionFormatException}, built from the record; see {@code QueueCorruption}.
 * <p>
 * <b>Crash safety</b>, per mode:
 * <ul>
 *   <li>Producer killed between claim and commit. MANY_TO_ONE: the record carries the producer's pid as
 *   its Agrona type id from the moment it is claimed; a consumer blocked on it for the liveness timeout asks
 *   whether that process lives and, when it does not, calls Agrona's {@code unblock()}, which turns the record
 *   into padding. MANY_TO_MANY: the slot's state word holds the owner's pid; it is skipped the same way.
 *   ONE_TO_ONE: the next producer to take the producer lease, or a consumer blocked for the liveness timeout
 *   on a queue whose lease holder is dead, repairs the torn claims: it pads them and zeroes the next header.</li>
 *   <li>Consumer killed mid-read. Ring modes: the consumer records, after each message it has handed to its
 *   handler, the position up to which messages are delivered (and in MANY_TO_ONE, before it zeroes a batch, the
 *   end of the batch); the head advances only after the batch.
 *   The next consumer to take the lease completes the dead one's batch up to that position, so the message
 *   whose handler was running when the consumer died is delivered again (at least once, never lost), and
 *   every other message exactly once. MANY_TO_MANY: the message held by the dead consumer is lost (at most
 *   that one); other consumers go on at once, and its slot is freed by a producer that finds it blocking
 *   for the liveness timeout.</li>
 *   <li>Consumer restarted: all state is in the file, so a new consumer resumes at the head.</li>
 * </ul>
 */
public final class QueueDescriptor
{
    /** Version of the queue layout inside a region of kind QUEUE: every mode, ONE_TO_ONE on {@link RingEngine#AGRONA}. */
    public static final int LAYOUT_VERSION = 1;
    /** Version of the layout of a ONE_TO_ONE queue on {@link RingEngine#BATCHED}: same layout, another protocol. */
    public static final int BATCHED_LAYOUT_VERSION = 2;

    /** Parameter offset: mode code (int). */
    public static final int MODE_OFFSET = 0;
    /** Parameter offset: queue layout version (int). */
    public static final int LAYOUT_VERSION_OFFSET = 4;
    /** Parameter offset: capacity in bytes (int). */
    public static final int CAPACITY_OFFSET = 8;
    /** Parameter offset: max message length in bytes (int). */
    public static final int MAX_MESSAGE_LENGTH_OFFSET = 12;
    /** Parameter offset: slot length in bytes (int), MANY_TO_MANY only. */
    public static final int SLOT_LENGTH_OFFSET = 16;
    /** Parameter offset: ring offset in the payload (int). */
    public static final int RING_OFFSET_OFFSET = 20;
    /** Parameter offset: ring length including its trailer (int). */
    public static final int RING_LENGTH_OFFSET = 24;
    /** Parameter offset: closed flag offset in the payload (int). */
    public static final int CLOSED_FLAG_OFFSET_OFFSET = 28;
    /** Parameter offset: process table offset in the payload (int). */
    public static final int PROCESS_TABLE_OFFSET_OFFSET = 32;
    /** Parameter offset: process table entries (int). */
    public static final int PROCESS_TABLE_ENTRIES_OFFSET = 36;
    /** Bytes of parameters used; the rest of the 64 are reserved. */
    public static final int PARAMS_USED_LENGTH = 40;

    /** Payload offset: closed flag (int, 0 open, 1 closed, 2 corrupt: see the corruption record). */
    public static final int CLOSED_FLAG_OFFSET;
    /** Payload offset: producer lease (long owner identity), ONE_TO_ONE only. */
    public static final int PRODUCER_LEASE_OFFSET;
    /** Payload offset: consumer lease (long owner identity), ONE_TO_ONE and MANY_TO_ONE. */
    public static final int CONSUMER_LEASE_OFFSET;
    /** Payload offset: position up to which the lease holder has delivered messages (long). */
    public static final int CONSUMER_PENDING_OFFSET;
    /** Payload offset: process table. */
    public static final int PROCESS_TABLE_OFFSET;
    /** Entries in the process table. */
    public static final int PROCESS_TABLE_ENTRIES = 64;
    /** Payload offset: the corruption record, 0 until a corruption is found; its code (int) first. */
    public static final int CORRUPTION_CODE_OFFSET;
    /** Payload offset: position (long) where the recorded corruption was found. */
    public static final int CORRUPTION_POSITION_OFFSET;
    /** Payload offset: value (long) found there. */
    public static final int CORRUPTION_VALUE_OFFSET;
    /** Bytes of the control block; the ring starts here. */
    public static final int CONTROL_LENGTH;
    /** Payload offset of the ring. */
    public static final int RING_OFFSET;

    /** Bytes of the trailer after the data of a ring-buffer mode (Agrona's). */
    public static final int RING_TRAILER_LENGTH = RingBufferDescriptor.TRAILER_LENGTH;

    private static final int FIELD_SPACING = BitUtil.CACHE_LINE_LENGTH * 2;

    static
    {
        int offset = 0;
        CLOSED_FLAG_OFFSET = offset;
        offset += FIELD_SPACING;
        PRODUCER_LEASE_OFFSET = offset;
        offset += FIELD_SPACING;
        CONSUMER_LEASE_OFFSET = offset;
        CONSUMER_PENDING_OFFSET = offset + Long.BYTES;
        offset += FIELD_SPACING;
        PROCESS_TABLE_OFFSET = offset;
        offset += PROCESS_TABLE_ENTRIES * Long.BYTES;
        CORRUPTION_CODE_OFFSET = offset;
        CORRUPTION_POSITION_OFFSET = offset + Long.BYTES;
        CORRUPTION_VALUE_OFFSET = offset + 2 * Long.BYTES;
        offset += FIELD_SPACING;
        CONTROL_LENGTH = offset;
        RING_OFFSET = offset;
    }

    private QueueDescriptor()
    {
    }

    /**
     * @param mode     a mode.
     * @param capacity bytes of message storage.
     * @return bytes of the ring: data and trailer.
     */
    public static int ringLength(final QueueMode mode, final int capacity)
    {
        return capacity + trailerLength(mode);
    }

    /**
     * @param mode a mode.
     * @return bytes of the trailer after the data.
     */
    public static int trailerLength(final QueueMode mode)
    {
        return mode == QueueMode.MANY_TO_MANY ? ManyToManyQueue.TRAILER_LENGTH : RING_TRAILER_LENGTH;
    }

    /**
     * @param mode     a mode.
     * @param capacity bytes of message storage.
     * @return bytes of the region payload.
     */
    public static long payloadLength(final QueueMode mode, final int capacity)
    {
        return (long)RING_OFFSET + ringLength(mode, capacity);
    }

    /**
     * @param name     the queue's name, for the message.
     * @param capacity bytes of message storage.
     * @throws IllegalArgumentException unless a power of two in [{@link MessageQueue#MIN_CAPACITY},
     *                                  {@link MessageQueue#MAX_CAPACITY}].
     */
    public static void checkCapacity(final String name, final int capacity)
    {
        if (!validCapacity(capacity))
        {
            throw new IllegalArgumentException(
                "queue capacity invalid: name=" + name + ", capacity=" + capacity + ", min=" + MessageQueue.MIN_CAPACITY +
                ", max=" + MessageQueue.MAX_CAPACITY + ", rule=power of two");
        }
    }

    static boolean validCapacity(final int capacity)
    {
        return capacity >= MessageQueue.MIN_CAPACITY && capacity <= MessageQueue.MAX_CAPACITY &&
            BitUtil.isPowerOfTwo(capacity);
    }

    /**
     * @param mode     a mode.
     * @param capacity a valid capacity.
     * @return the largest maximum message length allowed: Agrona's limit (capacity / 8) in the ring-buffer modes,
     * half the capacity less the slot header in MANY_TO_MANY (at least two slots).
     */
    public static int maxMessageLimit(final QueueMode mode, final int capacity)
    {
        return mode == QueueMode.MANY_TO_MANY ?
            capacity / 2 - ManyToManyQueue.SLOT_HEADER_LENGTH : capacity >> 3;
    }

    /**
     * @param mode     a mode.
     * @param capacity a valid capacity.
     * @return the maximum message length used when none is given: capacity / 8 in the ring-buffer modes; in
     * MANY_TO_MANY one slot of capacity / 8 bytes, at least 32 and at most 1024, less the slot header.
     */
    public static int defaultMaxMessageLength(final QueueMode mode, final int capacity)
    {
        if (mode == QueueMode.MANY_TO_MANY)
        {
            return Math.min(1024, Math.max(2 * ManyToManyQueue.SLOT_HEADER_LENGTH, capacity >> 3)) -
                ManyToManyQueue.SLOT_HEADER_LENGTH;
        }
        return capacity >> 3;
    }

    /**
     * @param maxMessageLength largest message.
     * @return MANY_TO_MANY slot length: the next power of two that holds the slot header and the message.
     */
    public static int slotLength(final int maxMessageLength)
    {
        return BitUtil.findNextPositivePowerOfTwo(
            Math.max(maxMessageLength + ManyToManyQueue.SLOT_HEADER_LENGTH, 2 * ManyToManyQueue.SLOT_HEADER_LENGTH));
    }

    /**
     * The queue parameters as read from a header, checked.
     *
     * @param mode             mode.
     * @param capacity         bytes of message storage.
     * @param maxMessageLength largest message.
     * @param slotLength       MANY_TO_MANY slot length, else 0.
     * @param engine           ONE_TO_ONE's protocol; {@link RingEngine#AGRONA} for the other modes.
     */
    record Params(QueueMode mode, int capacity, int maxMessageLength, int slotLength, RingEngine engine)
    {
    }

    /**
     * Write the parameters of a new queue.
     */
    static void writeParams(
        final AtomicBuffer params, final QueueMode mode, final int capacity, final int maxMessageLength,
        final int slotLength, final RingEngine engine)
    {
        params.putInt(MODE_OFFSET, mode.code());
        params.putInt(LAYOUT_VERSION_OFFSET, engine == RingEngine.BATCHED ? BATCHED_LAYOUT_VERSION : LAYOUT_VERSION);
        params.putInt(CAPACITY_OFFSET, capacity);
        params.putInt(MAX_MESSAGE_LENGTH_OFFSET, maxMessageLength);
        params.putInt(SLOT_LENGTH_OFFSET, slotLength);
        params.putInt(RING_OFFSET_OFFSET, RING_OFFSET);
        params.putInt(RING_LENGTH_OFFSET, ringLength(mode, capacity));
        params.putInt(CLOSED_FLAG_OFFSET_OFFSET, CLOSED_FLAG_OFFSET);
        params.putInt(PROCESS_TABLE_OFFSET_OFFSET, PROCESS_TABLE_OFFSET);
        params.putInt(PROCESS_TABLE_ENTRIES_OFFSET, PROCESS_TABLE_ENTRIES);
    }

    /**
     * Read and check the parameters of a queue, and that its ring fits the payload.
     *
     * @param name          the queue's name, for messages.
     * @param params        the region's parameters.
     * @param payloadLength bytes of the region payload.
     * @return the checked parameters.
     * @throws RegionParameterException naming the first invalid parameter.
     */
    static Params readParams(final String name, final AtomicBuffer params, final long payloadLength)
    {
        final int modeCode = params.getInt(MODE_OFFSET);
        final QueueMode mode = QueueMode.fromCodeOrNull(modeCode);
        if (mode == null)
        {
            throw new RegionParameterException("queue mode unknown: name=" + name + ", code=" + modeCode);
        }
        final int version = params.getInt(LAYOUT_VERSION_OFFSET);
        if (version != LAYOUT_VERSION && (version != BATCHED_LAYOUT_VERSION || mode != QueueMode.ONE_TO_ONE))
        {
            throw new RegionParameterException(
                "queue layout version unsupported: name=" + name + ", mode=" + mode + ", expected=" + LAYOUT_VERSION +
                (mode == QueueMode.ONE_TO_ONE ? " or " + BATCHED_LAYOUT_VERSION : "") + ", actual=" + version);
        }
        final int capacity = params.getInt(CAPACITY_OFFSET);
        if (!validCapacity(capacity))
        {
            throw new RegionParameterException(
                "queue capacity invalid: name=" + name + ", capacity=" + capacity + ", min=" + MessageQueue.MIN_CAPACITY +
                ", max=" + MessageQueue.MAX_CAPACITY + ", rule=power of two");
        }
        final int maxMessageLength = params.getInt(MAX_MESSAGE_LENGTH_OFFSET);
        final int limit = maxMessageLimit(mode, capacity);
        if (maxMessageLength < 1 || maxMessageLength > limit)
        {
            throw new RegionParameterException(
                "queue max message length invalid: name=" + name + ", max_message_length=" + maxMessageLength +
                ", limit=" + limit);
        }
        final int slotLength = params.getInt(SLOT_LENGTH_OFFSET);
        final int expectedSlotLength = mode == QueueMode.MANY_TO_MANY ? slotLength(maxMessageLength) : 0;
        if (slotLength != expectedSlotLength)
        {
            throw new RegionParameterException(
                "queue slot length invalid: name=" + name + ", slot_length=" + slotLength + ", expected=" +
                expectedSlotLength);
        }
        checkLayoutInt(name, params, RING_OFFSET_OFFSET, "ring_offset", RING_OFFSET);
        checkLayoutInt(name, params, RING_LENGTH_OFFSET, "ring_length", ringLength(mode, capacity));
        checkLayoutInt(name, params, CLOSED_FLAG_OFFSET_OFFSET, "closed_flag_offset", CLOSED_FLAG_OFFSET);
        checkLayoutInt(name, params, PROCESS_TABLE_OFFSET_OFFSET, "process_table_offset", PROCESS_TABLE_OFFSET);
        checkLayoutInt(name, params, PROCESS_TABLE_ENTRIES_OFFSET, "process_table_entries", PROCESS_TABLE_ENTRIES);
        final long required = payloadLength(mode, capacity);
        if (payloadLength < required)
        {
            throw new RegionParameterException(
                "queue ring beyond payload: name=" + name + ", capacity=" + capacity + ", required_payload=" + required +
                ", payload_length=" + payloadLength);
        }
        return new Params(mode, capacity, maxMessageLength, slotLength,
            version == BATCHED_LAYOUT_VERSION ? RingEngine.BATCHED : RingEngine.AGRONA);
    }

    private static void checkLayoutInt(
        final String name, final AtomicBuffer params, final int offset, final String key, final int expected)
    {
        final int actual = params.getInt(offset);
        if (actual != expected)
        {
            throw new RegionParameterException(
                "queue layout mismatch: name=" + name + ", " + key + "=" + actual + ", expected=" + expected);
        }
    }
}

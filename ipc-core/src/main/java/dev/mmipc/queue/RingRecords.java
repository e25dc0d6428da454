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

import static org.agrona.BitUtil.align;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;

/**
 * The bounds every record and position of an Agrona ring buffer keeps, checked before a value read from shared
 * memory is aligned, negated or added: the ring-buffer queue modes and the pipe read the same record format.
 * <p>
 * A record's length field is positive once committed (a header and the message, or padding up to the end of the
 * buffer), negative while claimed (minus the same, stored by Agrona's {@code write} and {@code tryClaim} before the
 * message; minus the distance to the end of the buffer while padding is written there), and 0 before its header is
 * written. A length need not be a multiple of 8, but a record takes {@code align(length, 8)} bytes.
 */
public final class RingRecords
{
    private RingRecords()
    {
    }

    /**
     * @param head     a head position.
     * @param tail     a tail position read while the head was {@code head}.
     * @param capacity the ring's capacity.
     * @return true if a ring can have them: both aligned, the head not negative, the tail at most one capacity ahead.
     */
    public static boolean validPositions(final long head, final long tail, final int capacity)
    {
        return head >= 0 && tail >= head && tail - head <= capacity && ((head | tail) & (ALIGNMENT - 1)) == 0;
    }

    /**
     * @param length a record length as stored: positive when committed, negative when claimed.
     * @param room   bytes from the record to the end of the buffer or to the tail, whichever is nearer (a multiple of
     *               the alignment).
     * @return true if a record of that length fits there; then it can be aligned, negated and added safely.
     */
    public static boolean isRecordLength(final int length, final int room)
    {
        return length >= HEADER_LENGTH ? length <= room : length <= -HEADER_LENGTH && length >= -room;
    }

    /**
     * @param length          a negative length found in a record.
     * @param toEnd           bytes from the record to the end of the buffer.
     * @param available       bytes from the record to the tail (or {@code toEnd} when the tail is not read).
     * @param maxRecordLength a header and the longest message.
     * @return true if a claim can have it: minus a header and a message that fit before the end and the tail, or
     * minus the distance to the end of the buffer, padding being written, with the tail beyond.
     */
    public static boolean isClaimLength(final int length, final int toEnd, final long available, final int maxRecordLength)
    {
        if (length >= 0 || length < -toEnd)
        {
            return false; // Integer.MIN_VALUE among them, which negation would leave negative
        }
        final int claimed = -length;
        if (claimed == toEnd)
        {
            return available >= toEnd;
        }
        return claimed >= HEADER_LENGTH && claimed <= maxRecordLength && align(claimed, ALIGNMENT) <= Math.min(toEnd, available);
    }
}

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

import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;

/**
 * The corruption mark that every handle of a queue shares (the closed flag and the corruption record of
 * {@link QueueDescriptor}). A handle that finds a value no queue of its layout can hold, where it walks records or
 * judges a blocked one, records what it found (the first record wins) and then sets the closed flag to
 * {@link #CORRUPT}. Every call of every handle reads the closed flag (volatile) before it looks at the ring, so
 * from then on every call, in every process, throws a {@link dev.mmipc.exceptions.RegionFormatException} built from the
 * record by {@code QueueEngine}: the same words each time. Nothing clears the mark: the queue must be recreated.
 * <p>
 * Only values that no crash, race or slow process can leave are marked: the record and slot checks say, next to
 * each one, why its value cannot be transient.
 */
final class QueueCorruption
{
    /** Closed flag: open. */
    static final int OPEN = 0;
    /** Closed flag: marked closed, the end of stream. */
    static final int CLOSED = 1;
    /** Closed flag: marked corrupt; the corruption record says what was found. */
    static final int CORRUPT = 2;

    /** Code: a record length no record can have (ring-buffer modes); the value is the length. */
    static final int RECORD_LENGTH = 1;
    /** Code: head and tail no queue can have; the position is the head, the value the tail. */
    static final int POSITIONS = 2;
    /** Code: a message length longer than its slot (MANY_TO_MANY); the value is the length. */
    static final int SLOT_LENGTH = 3;
    /** Code: a slot state word on a lap its position can never see (MANY_TO_MANY); the value is the word. */
    static final int SLOT_WORD = 4;

    /** How long a handle that lost the race to record a corruption gives the winner to finish and set the flag. */
    static final long RECORD_WAIT_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private QueueCorruption()
    {
    }

    /**
     * Record a corruption unless one is recorded already, then mark the queue corrupt.
     *
     * @param control  the queue's control block.
     * @param code     what was found: {@link #RECORD_LENGTH}, {@link #POSITIONS}, {@link #SLOT_LENGTH} or
     *                 {@link #SLOT_WORD}.
     * @param position where.
     * @param value    the value found.
     */
    static void record(final AtomicBuffer control, final int code, final long position, final long value)
    {
        if (control.compareAndSetInt(QueueDescriptor.CORRUPTION_CODE_OFFSET, 0, code)) // volatile: one winner
        {
            control.putLong(QueueDescriptor.CORRUPTION_POSITION_OFFSET, position); // plain: published by the flag below
            control.putLong(QueueDescriptor.CORRUPTION_VALUE_OFFSET, value);
        }
        else
        {
            // another handle recorded one first: give it the time to write its record and set the flag (a bounded
            // wait: if it died in between, its record is what it is, and the flag is set below)
            final long deadlineNs = System.nanoTime() + RECORD_WAIT_NS;
            while (control.getIntVolatile(QueueDescriptor.CLOSED_FLAG_OFFSET) != CORRUPT && // volatile: the winner's store
                System.nanoTime() - deadlineNs < 0)
            {
                Thread.onSpinWait();
            }
        }
        // volatile: the record's plain stores happen before; every call reads the flag (volatile) before the record
        control.putIntVolatile(QueueDescriptor.CLOSED_FLAG_OFFSET, CORRUPT);
    }
}

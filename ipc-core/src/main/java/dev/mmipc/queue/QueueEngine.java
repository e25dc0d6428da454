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
import dev.mmipc.exceptions.QueueClosedException;
import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.OwnerTable;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a mode implements behind {@link MessageQueue}. Lengths are checked, and the handle's closed state
 * checked, before these are called.
 * <p>
 * Every call that looks at the queue reads the closed flag first ({@link #closedFlag()}): a queue marked corrupt
 * ({@link QueueCorruption}) throws the same {@link RegionFormatException} from every call of every handle.
 */
abstract class QueueEngine
{
    /** Returned by {@link #poll(MessageHandler, int)} at end of stream. */
    static final int END_OF_STREAM = -1;
    /** Reads of the tail {@link #size()} makes, at most, to find the head still on both sides of one. */
    static final int SIZE_READ_TRIES = 64;

    final String name;
    final Liveness liveness;
    final AtomicBuffer control;
    /** How long a word may be seen blocking this handle before its owner is judged; see {@code QueueOptions}. */
    final long livenessTimeoutNs;
    /** The queue's process table: the start times of the bare pids in records and slots. */
    final OwnerTable owners;
    final AtomicLong recoveries = new AtomicLong();
    /** Index of the head position in {@link #buffer()}. */
    final int headPositionIndex;
    /** Index of the tail position in {@link #buffer()}. */
    final int tailPositionIndex;

    QueueEngine(
        final String name, final Liveness liveness, final AtomicBuffer control, final long livenessTimeoutNs,
        final int headPositionIndex, final int tailPositionIndex)
    {
        this.name = name;
        this.liveness = liveness;
        this.control = control;
        this.livenessTimeoutNs = livenessTimeoutNs;
        this.owners = new OwnerTable(
            control, QueueDescriptor.PROCESS_TABLE_OFFSET, QueueDescriptor.PROCESS_TABLE_ENTRIES, liveness);
        this.headPositionIndex = headPositionIndex;
        this.tailPositionIndex = tailPositionIndex;
    }

    /**
     * @param owner a lease holder's identity word ({@link dev.mmipc.liveness.OwnerWords}), not 0.
     * @return true if that process is alive, judged with the liveness timeout.
     */
    final boolean isAlive(final long owner)
    {
        return liveness.isOwnerAlive(owner, livenessTimeoutNs);
    }

    /**
     * @param pid a bare pid found in a record or a slot.
     * @return true if that process is alive, judged with the liveness timeout and the process table.
     */
    final boolean isPidAlive(final int pid)
    {
        return owners.isPidAlive(pid, livenessTimeoutNs);
    }

    /**
     * @return the index of the claimed message in {@link #buffer()}, or {@link MessageQueue#INSUFFICIENT_CAPACITY}.
     * @throws QueueClosedException when marked closed; no claim is left behind.
     */
    abstract int tryClaim(int length);

    abstract void commit(int index);

    abstract void abort(int index);

    abstract AtomicBuffer buffer();

    /**
     * @return true if enqueued, false if full.
     * @throws QueueClosedException when marked closed; nothing is enqueued.
     */
    abstract boolean offer(DirectBuffer src, int offset, int length);

    /**
     * @return messages delivered, 0 when none is ready, {@link #END_OF_STREAM} when marked closed and empty.
     */
    abstract int poll(MessageHandler handler, int limit);

    /**
     * Messages in the queue: head and tail read as Agrona's {@code size()} reads them, the head on both sides of the
     * tail (at most {@value #SIZE_READ_TRIES} times, then the last pair, a snapshot); a pair read with the head still
     * that no queue can have marks the queue corrupt; then the mode counts what lies between.
     *
     * @return messages waiting, a snapshot under concurrency.
     * @throws RegionFormatException when the queue is marked corrupt, or found so here.
     */
    final int size()
    {
        closedFlag();
        final AtomicBuffer buffer = buffer();
        long head = buffer.getLongVolatile(headPositionIndex); // volatile: each position read at its own instant
        long tail = head;
        for (int i = 0; i < SIZE_READ_TRIES; i++)
        {
            tail = buffer.getLongVolatile(tailPositionIndex);
            final long headAfter = buffer.getLongVolatile(headPositionIndex);
            if (headAfter == head)
            {
                if (!possiblePositions(head, tail))
                {
                    throw corrupt(QueueCorruption.POSITIONS, head, tail); // the head was still: no race gives them
                }
                break;
            }
            head = headAfter; // a consumer moved it: read again
        }
        return countBetween(head, tail);
    }

    /**
     * @param head a head position.
     * @param tail a tail position read while the head was that.
     * @return true if a queue of this mode can have them.
     */
    abstract boolean possiblePositions(long head, long tail);

    /**
     * @param head a head position.
     * @param tail a tail position.
     * @return messages between them, never negative, with any pair.
     */
    abstract int countBetween(long head, long tail);

    abstract boolean isEmpty();

    abstract int remainingCapacity();

    /**
     * Give up leases held by this handle.
     */
    abstract void release();

    /**
     * @return true when marked closed (end of stream), false when open.
     * @throws RegionFormatException when marked corrupt, or when the flag holds a value no queue writes.
     */
    final boolean closedFlag()
    {
        final int flag = control.getIntVolatile(QueueDescriptor.CLOSED_FLAG_OFFSET); // volatile: ordered with claims, see the modes
        if (flag == QueueCorruption.OPEN)
        {
            return false;
        }
        if (flag == QueueCorruption.CLOSED)
        {
            return true;
        }
        throw corruptionError(flag);
    }

    /**
     * Mark the queue closed, unless it is already.
     *
     * @throws RegionFormatException when marked corrupt.
     */
    final void markClosed()
    {
        // compare-and-set (volatile: ordered with claims, see the modes), so that a corrupt mark is never overwritten
        if (!control.compareAndSetInt(QueueDescriptor.CLOSED_FLAG_OFFSET, QueueCorruption.OPEN, QueueCorruption.CLOSED))
        {
            closedFlag();
        }
    }

    /**
     * Record a corruption found by this handle and mark the queue corrupt for every handle.
     *
     * @param code     {@link QueueCorruption} code.
     * @param position where it was found.
     * @param value    what was found.
     * @return the error to throw: the one every later call of every handle throws.
     */
    final RegionFormatException corrupt(final int code, final long position, final long value)
    {
        QueueCorruption.record(control, code, position, value);
        Recoveries.queueCorrupted(name, describeCorruption(code, position, value), position, value);
        return corruptionError(QueueCorruption.CORRUPT);
    }

    private RegionFormatException corruptionError(final int flag)
    {
        if (flag != QueueCorruption.CORRUPT)
        {
            return new RegionFormatException("queue closed flag invalid: name=" + name + ", value=" + flag);
        }
        // plain reads: after the volatile read of the flag, which the recording handle stored after the record
        final int code = control.getInt(QueueDescriptor.CORRUPTION_CODE_OFFSET);
        final long position = control.getLong(QueueDescriptor.CORRUPTION_POSITION_OFFSET);
        final long value = control.getLong(QueueDescriptor.CORRUPTION_VALUE_OFFSET);
        final String message = describeCorruption(code, position, value);
        return new RegionFormatException(message != null ? message :
            "queue corrupt: name=" + name + ", code=" + code + ", position=" + position + ", value=" + value);
    }

    /**
     * @param code     {@link QueueCorruption} code.
     * @param position where it was found.
     * @param value    what was found.
     * @return the message of the corruption error, in this mode's words, or null for a code the mode does not know.
     */
    abstract String describeCorruption(int code, long position, long value);

    final QueueClosedException closedException()
    {
        return new QueueClosedException("queue closed: name=" + name);
    }
}

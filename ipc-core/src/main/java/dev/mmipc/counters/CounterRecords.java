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

import org.agrona.concurrent.AtomicBuffer;

import static dev.mmipc.counters.CountersDescriptor.*;
import static org.agrona.concurrent.status.CountersReader.*;

/**
 * Writes counter records in exactly the format of Agrona's {@code CountersManager} (same fields, same
 * stores, same order), keeping the allocation state (high-water mark, reclaimed count) in the shared
 * allocation section instead of in process memory. Every method must be called with the allocation
 * lock held; only the lock word is touched by other processes concurrently, and readers only ever
 * trust a record after a volatile load of its state.
 */
final class CounterRecords
{
    private CounterRecords()
    {
    }

    /**
     * Allocate a record: the lowest reclaimed id whose reuse deadline has passed, else the id at the
     * high-water mark.
     *
     * @param allocation   the allocation section.
     * @param metadata     Agrona's metadata buffer.
     * @param values       Agrona's values buffer.
     * @param capacity     max number of counters.
     * @param typeId       the counter's type id.
     * @param label        label bytes, at most {@code MAX_LABEL_LENGTH}.
     * @param ownerId      written as the counter's owner id (the allocating pid).
     * @param nowMs        epoch ms, compared with the reuse deadlines.
     * @param afterPublish test hook, run after the record is published and before the allocation
     *                     state is updated; null in production.
     * @return the counter id, or {@link org.agrona.concurrent.status.CountersReader#NULL_COUNTER_ID} when full.
     */
    static int allocate(
        final AtomicBuffer allocation,
        final AtomicBuffer metadata,
        final AtomicBuffer values,
        final int capacity,
        final int typeId,
        final byte[] label,
        final long ownerId,
        final long nowMs,
        final Runnable afterPublish)
    {
        final int highWaterMark = allocation.getInt(HIGH_WATER_MARK_OFFSET);
        final int reclaimed = allocation.getInt(RECLAIMED_COUNT_OFFSET);

        int counterId = NULL_COUNTER_ID;
        if (reclaimed > 0)
        {
            counterId = findReusable(metadata, highWaterMark, nowMs);
        }
        final boolean reuse = counterId != NULL_COUNTER_ID;
        if (!reuse)
        {
            if (highWaterMark >= capacity)
            {
                return NULL_COUNTER_ID;
            }
            counterId = highWaterMark;
        }

        final long registrationId = allocation.getLong(LAST_REGISTRATION_ID_OFFSET) + 1;
        allocation.putLong(LAST_REGISTRATION_ID_OFFSET, registrationId);

        // values record first, as CountersManager.nextCounterId resets it before the metadata is written
        final int valueOffset = counterOffset(counterId);
        values.putLongRelease(valueOffset + REGISTRATION_ID_OFFSET, registrationId);
        values.putLong(valueOffset + OWNER_ID_OFFSET, ownerId);
        values.putLong(valueOffset + REFERENCE_ID_OFFSET, DEFAULT_REFERENCE_ID);
        values.putLongRelease(valueOffset, 0L);

        // metadata as CountersManager.allocate(label, typeId): the key is zero (fresh, or cleared by free;
        // cleared again here in case a dead holder left a half-written record), state stored last
        final int recordOffset = metaDataOffset(counterId);
        metadata.putInt(recordOffset + TYPE_ID_OFFSET, typeId);
        metadata.setMemory(recordOffset + KEY_OFFSET, MAX_KEY_LENGTH, (byte)0);
        metadata.putLong(recordOffset + FREE_FOR_REUSE_DEADLINE_OFFSET, NOT_FREE_TO_REUSE);
        metadata.putBytes(recordOffset + LABEL_OFFSET + Integer.BYTES, label, 0, label.length);
        metadata.putIntRelease(recordOffset + LABEL_OFFSET, label.length);
        metadata.putIntRelease(recordOffset, RECORD_ALLOCATED); // release: readers that see ALLOCATED see all above

        if (afterPublish != null)
        {
            afterPublish.run();
        }

        if (reuse)
        {
            allocation.putIntRelease(RECLAIMED_COUNT_OFFSET, reclaimed - 1); // release: for lock-free inspectors
        }
        else
        {
            allocation.putIntRelease(HIGH_WATER_MARK_OFFSET, highWaterMark + 1); // release: for lock-free inspectors
        }
        return counterId;
    }

    /**
     * Free a record as {@code CountersManager.free} does, adding it to the reclaimed count.
     *
     * @param allocation           the allocation section.
     * @param metadata             Agrona's metadata buffer.
     * @param values               Agrona's values buffer.
     * @param counterId            the counter.
     * @param registrationId       the registration id it must still have, or
     *                             {@link org.agrona.concurrent.status.CountersReader#DEFAULT_REGISTRATION_ID}
     *                             to free whatever is allocated there.
     * @param freeForReuseDeadline epoch ms from which the id may be handed out again.
     * @return true if freed, false if the record is not allocated or has another registration id.
     */
    static boolean free(
        final AtomicBuffer allocation,
        final AtomicBuffer metadata,
        final AtomicBuffer values,
        final int counterId,
        final long registrationId,
        final long freeForReuseDeadline)
    {
        final int recordOffset = metaDataOffset(counterId);
        if (RECORD_ALLOCATED != metadata.getIntVolatile(recordOffset))
        {
            return false;
        }
        if (registrationId != DEFAULT_REGISTRATION_ID &&
            registrationId != values.getLongVolatile(counterOffset(counterId) + REGISTRATION_ID_OFFSET))
        {
            return false;
        }

        metadata.putIntRelease(recordOffset, RECORD_RECLAIMED);
        metadata.setMemory(recordOffset + KEY_OFFSET, MAX_KEY_LENGTH, (byte)0);
        metadata.putLong(recordOffset + FREE_FOR_REUSE_DEADLINE_OFFSET, freeForReuseDeadline);
        allocation.putIntRelease(RECLAIMED_COUNT_OFFSET, allocation.getInt(RECLAIMED_COUNT_OFFSET) + 1);
        return true;
    }

    /**
     * Make the allocation state agree with the records again after the lock was taken over from a dead
     * holder, which may have stopped anywhere inside {@link #allocate} or {@link #free}: the high-water
     * mark moves past records it published, the reclaimed count is recounted, and a reclaimed record
     * left with the "not free" deadline becomes reusable.
     *
     * @param allocation the allocation section.
     * @param metadata   Agrona's metadata buffer.
     * @param capacity   max number of counters.
     * @param nowMs      epoch ms, the deadline given to such records.
     */
    static void repair(final AtomicBuffer allocation, final AtomicBuffer metadata, final int capacity, final long nowMs)
    {
        int highWaterMark = Math.max(0, Math.min(capacity, allocation.getInt(HIGH_WATER_MARK_OFFSET)));
        while (highWaterMark < capacity && RECORD_UNUSED != metadata.getIntVolatile(metaDataOffset(highWaterMark)))
        {
            highWaterMark++;
        }

        int reclaimed = 0;
        for (int counterId = 0; counterId < highWaterMark; counterId++)
        {
            final int recordOffset = metaDataOffset(counterId);
            if (RECORD_RECLAIMED == metadata.getIntVolatile(recordOffset))
            {
                reclaimed++;
                if (NOT_FREE_TO_REUSE == metadata.getLong(recordOffset + FREE_FOR_REUSE_DEADLINE_OFFSET))
                {
                    metadata.putLong(recordOffset + FREE_FOR_REUSE_DEADLINE_OFFSET, nowMs);
                }
            }
        }

        allocation.putIntRelease(HIGH_WATER_MARK_OFFSET, highWaterMark);
        allocation.putIntRelease(RECLAIMED_COUNT_OFFSET, reclaimed);
    }

    /**
     * Count allocated records as Agrona's {@code CountersReader} iterates them: up to the first unused record.
     *
     * @param metadata Agrona's metadata buffer.
     * @param capacity max number of counters.
     * @return how many records are allocated now (volatile loads; exact only under the lock).
     */
    static int allocatedCount(final AtomicBuffer metadata, final int capacity)
    {
        int count = 0;
        for (int counterId = 0; counterId < capacity; counterId++)
        {
            final int state = metadata.getIntVolatile(metaDataOffset(counterId));
            if (RECORD_ALLOCATED == state)
            {
                count++;
            }
            else if (RECORD_UNUSED == state)
            {
                break;
            }
        }
        return count;
    }

    private static int findReusable(final AtomicBuffer metadata, final int highWaterMark, final long nowMs)
    {
        for (int counterId = 0; counterId < highWaterMark; counterId++)
        {
            final int recordOffset = metaDataOffset(counterId);
            if (RECORD_RECLAIMED == metadata.getIntVolatile(recordOffset) &&
                nowMs >= metadata.getLong(recordOffset + FREE_FOR_REUSE_DEADLINE_OFFSET))
            {
                return counterId;
            }
        }
        return NULL_COUNTER_ID;
    }
}

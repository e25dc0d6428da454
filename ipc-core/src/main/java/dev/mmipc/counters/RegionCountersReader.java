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

import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.region.Region;
import org.agrona.collections.IntObjConsumer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.nio.charset.StandardCharsets;

/**
 * Agrona's {@link CountersReader} over a mapped counters region, which checks that the region is still
 * open before every call that reads its memory, so that use after close throws
 * {@link IllegalStateException} instead of reading unmapped memory. The buffers returned by
 * {@link #metaDataBuffer()} and {@link #valuesBuffer()} are not checked: do not use them after close.
 * <p>
 * The label is read with its length checked against {@link CountersReader#MAX_LABEL_LENGTH} (Agrona's own
 * reader allocates whatever length the shared memory holds: a corrupt record would throw
 * {@link OutOfMemoryError} or {@link NegativeArraySizeException}); a corrupt length throws
 * {@link RegionFormatException}. The loops of the {@code forEach} methods are Agrona's, with that check.
 */
final class RegionCountersReader extends CountersReader
{
    private final Region region;

    RegionCountersReader(final Region region, final AtomicBuffer metadata, final AtomicBuffer values)
    {
        super(metadata, values, StandardCharsets.UTF_8);
        this.region = region;
    }

    @Override
    public void forEach(final IntObjConsumer<String> consumer)
    {
        region.checkOpen();
        final AtomicBuffer metaDataBuffer = metaDataBuffer();
        int counterId = 0;
        for (int offset = 0, capacity = metaDataBuffer.capacity(); offset < capacity; offset += METADATA_LENGTH)
        {
            final int recordStatus = metaDataBuffer.getIntVolatile(offset);
            if (RECORD_ALLOCATED == recordStatus)
            {
                consumer.accept(counterId, labelValue(counterId, offset));
            }
            else if (RECORD_UNUSED == recordStatus)
            {
                break;
            }
            counterId++;
        }
    }

    @Override
    public void forEach(final CounterConsumer consumer)
    {
        region.checkOpen();
        final AtomicBuffer metaDataBuffer = metaDataBuffer();
        int counterId = 0;
        for (int offset = 0, capacity = metaDataBuffer.capacity(); offset < capacity; offset += METADATA_LENGTH)
        {
            final int recordStatus = metaDataBuffer.getIntVolatile(offset);
            if (RECORD_ALLOCATED == recordStatus)
            {
                final String label = labelValue(counterId, offset);
                consumer.accept(valuesBuffer().getLongVolatile(counterOffset(counterId)), counterId, label);
            }
            else if (RECORD_UNUSED == recordStatus)
            {
                break;
            }
            counterId++;
        }
    }

    @Override
    public void forEach(final MetaData metaData)
    {
        region.checkOpen();
        final AtomicBuffer metaDataBuffer = metaDataBuffer();
        int counterId = 0;
        for (int offset = 0, capacity = metaDataBuffer.capacity(); offset < capacity; offset += METADATA_LENGTH)
        {
            final int recordStatus = metaDataBuffer.getIntVolatile(offset);
            if (RECORD_ALLOCATED == recordStatus)
            {
                final int typeId = metaDataBuffer.getInt(offset + TYPE_ID_OFFSET);
                final String label = labelValue(counterId, offset);
                metaData.accept(
                    counterId, typeId, new UnsafeBuffer(metaDataBuffer, offset + KEY_OFFSET, MAX_KEY_LENGTH), label);
            }
            else if (RECORD_UNUSED == recordStatus)
            {
                break;
            }
            counterId++;
        }
    }

    @Override
    public String getCounterLabel(final int counterId)
    {
        validateCounterId(counterId);
        return labelValue(counterId, metaDataOffset(counterId));
    }

    @Override
    public int findByRegistrationId(final long registrationId)
    {
        region.checkOpen();
        return super.findByRegistrationId(registrationId);
    }

    @Override
    public int findByTypeIdAndRegistrationId(final int typeId, final long registrationId)
    {
        region.checkOpen();
        return super.findByTypeIdAndRegistrationId(typeId, registrationId);
    }

    @Override
    protected void validateCounterId(final int counterId)
    {
        region.checkOpen(); // every per-id getter of CountersReader calls this before reading
        super.validateCounterId(counterId);
    }

    private String labelValue(final int counterId, final int recordOffset)
    {
        final AtomicBuffer metaDataBuffer = metaDataBuffer();
        final int labelLength = metaDataBuffer.getIntVolatile(recordOffset + LABEL_OFFSET); // read once
        if (labelLength < 0 || labelLength > MAX_LABEL_LENGTH)
        {
            throw new RegionFormatException(
                "counters label length invalid: name=" + region.name() + ", id=" + counterId + ", label_length=" +
                labelLength + ", max=" + MAX_LABEL_LENGTH);
        }
        final byte[] bytes = new byte[labelLength];
        metaDataBuffer.getBytes(recordOffset + LABEL_OFFSET + Integer.BYTES, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

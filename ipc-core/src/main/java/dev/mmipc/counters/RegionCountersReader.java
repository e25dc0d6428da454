package dev.mmipc.counters;

import dev.mmipc.region.Region;
import org.agrona.collections.IntObjConsumer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.nio.charset.StandardCharsets;

/**
 * Agrona's {@link CountersReader} over a mapped counters region, which checks that the region is still
 * open before every call that reads its memory, so that use after close throws
 * {@link IllegalStateException} instead of reading unmapped memory. The buffers returned by
 * {@link #metaDataBuffer()} and {@link #valuesBuffer()} are not checked: do not use them after close.
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
        super.forEach(consumer);
    }

    @Override
    public void forEach(final CounterConsumer consumer)
    {
        region.checkOpen();
        super.forEach(consumer);
    }

    @Override
    public void forEach(final MetaData metaData)
    {
        region.checkOpen();
        super.forEach(metaData);
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
}

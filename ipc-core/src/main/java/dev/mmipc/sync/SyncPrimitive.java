package dev.mmipc.sync;

import dev.mmipc.region.RegionHandle;

/**
 * What every synchronisation primitive shares: one SYNC region, found by name, unmapped by
 * {@link #close()} and removed by {@link #unlink()}.
 */
public abstract sealed class SyncPrimitive implements RegionHandle
    permits Barrier, Condition, CountDownLatch, Event, Lock, RLock, SemaphoreCore
{
    final SyncRegion sync;

    SyncPrimitive(final SyncRegion sync)
    {
        this.sync = sync;
    }

    /**
     * @return the region's name.
     */
    @Override
    public final String name()
    {
        return sync.name;
    }

    /**
     * @return true once closed.
     */
    @Override
    public final boolean isClosed()
    {
        return sync.region.isClosed();
    }

    /**
     * Remove the name; processes that map the primitive, this handle included, keep working. Allowed after close.
     *
     * @return true if this call removed it.
     */
    @Override
    public final boolean unlink()
    {
        return sync.unlink();
    }

    /**
     * Unmap. Whatever this process holds (a lock, permits) stays held: close releases nothing.
     * Every later call through this handle throws {@link IllegalStateException}.
     */
    @Override
    public final void close()
    {
        sync.close();
    }
}

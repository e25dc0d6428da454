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

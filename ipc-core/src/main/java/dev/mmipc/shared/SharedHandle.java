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
package dev.mmipc.shared;

import dev.mmipc.region.Region;
import dev.mmipc.region.RegionHandle;

/**
 * What every shared value, array and byte region shares: one region, found by name, unmapped by
 * {@link #close()} and removed by {@link #unlink()}.
 */
public abstract sealed class SharedHandle implements RegionHandle
    permits SharedLong, SharedInt, SharedDouble, SharedLongArray, SharedIntArray, SharedDoubleArray, SharedBytes
{
    final Region region;

    SharedHandle(final Region region)
    {
        this.region = region;
    }

    /**
     * @return the region's name.
     */
    @Override
    public final String name()
    {
        return region.name();
    }

    /**
     * Remove the name; processes that map the region, this handle included, keep working. Allowed after close.
     *
     * @return true if this call removed the name.
     */
    @Override
    public final boolean unlink()
    {
        return region.unlink();
    }

    /**
     * @return true once closed.
     */
    @Override
    public final boolean isClosed()
    {
        return region.isClosed();
    }

    /**
     * Unmap. Idempotent. Every later call through this handle, except {@link #name()}, {@link #isClosed()} and
     * {@link #unlink()}, throws {@link IllegalStateException}.
     */
    @Override
    public final void close()
    {
        region.close();
    }
}

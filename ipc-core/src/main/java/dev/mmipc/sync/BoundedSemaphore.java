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

import dev.mmipc.Namespace;
import dev.mmipc.exceptions.SemaphoreBoundException;

/**
 * A semaphore that refuses to be released past its initial permits: Python's
 * {@code multiprocessing.BoundedSemaphore}. Releasing past the bound throws {@link SemaphoreBoundException}
 * and changes nothing.
 * <pre>{@code
 * try (BoundedSemaphore slots = BoundedSemaphore.openOrCreate(ns, "db-slots", 2))
 * {
 *     slots.acquire();
 *     slots.release();
 *     slots.release(); // SemaphoreBoundException: semaphore released too many times: name=db-slots, ...
 * }
 * }</pre>
 * <b>Permits of a dead process.</b> A permit is a count, not owned by anyone: as in Python, and as with a POSIX
 * named semaphore without {@code SEM_UNDO}, any process may release it, and the permits a process holds when it
 * dies are <em>not</em> given back: they stay taken until some process releases them. Use a {@link Lock} when
 * ownership must survive the death of the owner. Waiting goes through the options' wait strategy; every wait has
 * a timeout form and answers interrupts.
 */
public final class BoundedSemaphore extends SemaphoreCore
{
    private BoundedSemaphore(final SyncRegion sync)
    {
        super(sync, sync.bound());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param permits initial permits, also the bound.
     * @return a new semaphore.
     */
    public static BoundedSemaphore create(final Namespace ns, final String name, final int permits)
    {
        return create(ns, name, permits, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param permits initial permits, also the bound.
     * @param options wait strategy of this handle.
     * @return a new semaphore.
     */
    public static BoundedSemaphore create(final Namespace ns, final String name, final int permits, final SyncOptions options)
    {
        return new BoundedSemaphore(SyncRegion.create(ns, name, SyncType.BOUNDED_SEMAPHORE, checkPermits(name, permits), permits, options));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return the semaphore.
     */
    public static BoundedSemaphore open(final Namespace ns, final String name)
    {
        return open(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options wait strategy of this handle.
     * @return the semaphore.
     */
    public static BoundedSemaphore open(final Namespace ns, final String name, final SyncOptions options)
    {
        return new BoundedSemaphore(SyncRegion.open(ns, name, SyncType.BOUNDED_SEMAPHORE, options));
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param permits initial permits when created; an existing one must have been created with the same.
     * @return the semaphore.
     */
    public static BoundedSemaphore openOrCreate(final Namespace ns, final String name, final int permits)
    {
        return openOrCreate(ns, name, permits, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param permits initial permits when created; an existing one must have been created with the same.
     * @param options wait strategy of this handle.
     * @return the semaphore.
     */
    public static BoundedSemaphore openOrCreate(final Namespace ns, final String name, final int permits, final SyncOptions options)
    {
        return new BoundedSemaphore(SyncRegion.openOrCreate(ns, name, SyncType.BOUNDED_SEMAPHORE, checkPermits(name, permits),
            permits, options));
    }
}

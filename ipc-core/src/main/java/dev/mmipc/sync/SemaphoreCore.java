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

import dev.mmipc.exceptions.SemaphoreBoundException;

import java.util.concurrent.TimeUnit;

import static dev.mmipc.sync.SyncDescriptor.STATE_OFFSET;

/**
 * The permits core that {@link Semaphore} and {@link BoundedSemaphore} share: the permit count is the region's
 * state word, changed only by CAS; the two differ only in their bound ({@code Long.MAX_VALUE}, none, for a
 * semaphore; the initial permits for a bounded one) and in their factories.
 * <p>
 * <b>Permits of a dead process.</b> A permit is a count, not owned by anyone: as in Python, and as with a POSIX
 * named semaphore without {@code SEM_UNDO}, any process may release it, and the permits a process holds when it
 * dies are <em>not</em> given back: they stay taken until some process releases them. Waiting goes through the
 * options' wait strategy; every wait has a timeout form and answers interrupts.
 * <p>
 * The public methods are not final, on purpose: the compiler then gives each public subclass a public bridge, so
 * that reflection and method handles reach them through {@code Semaphore} and {@code BoundedSemaphore} (a public
 * method declared only in this package-private class is not accessible reflectively from another package). The
 * sealed, final subclasses override nothing.
 */
abstract sealed class SemaphoreCore extends SyncPrimitive permits Semaphore, BoundedSemaphore
{
    private final long bound;

    SemaphoreCore(final SyncRegion sync, final long bound)
    {
        super(sync);
        this.bound = bound;
    }

    /**
     * Take a permit, waiting as long as it takes.
     *
     * @throws InterruptedException  when interrupted while waiting.
     * @throws IllegalStateException when this handle is closed.
     */
    public void acquire() throws InterruptedException
    {
        take(Long.MAX_VALUE);
    }

    /**
     * @return true if a permit was taken; never waits.
     * @throws IllegalStateException when this handle is closed.
     */
    public boolean tryAcquire()
    {
        sync.checkOpen();
        return tryTake();
    }

    /**
     * @param timeout bound on the wait.
     * @param unit    unit of {@code timeout}.
     * @return true if a permit was taken, false on timeout.
     * @throws InterruptedException  when interrupted while waiting.
     * @throws IllegalStateException when this handle is closed.
     */
    public boolean tryAcquire(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return take(unit.toNanos(timeout));
    }

    /**
     * Give a permit back; any process may. A {@link Semaphore} has no bound (as Python's); a
     * {@link BoundedSemaphore} refuses to pass its initial permits.
     *
     * @throws SemaphoreBoundException when every permit of a bounded semaphore is already available; nothing is
     *                                 released then.
     * @throws IllegalStateException   when this handle is closed.
     */
    public void release()
    {
        give(1);
    }

    /**
     * @param n permits to give back, at least 1.
     * @throws SemaphoreBoundException  when that would pass a bounded semaphore's bound; nothing is released then.
     * @throws IllegalArgumentException when {@code n} is less than 1.
     * @throws IllegalStateException    when this handle is closed.
     */
    public void release(final int n)
    {
        give(n);
    }

    /**
     * @return permits available now.
     * @throws IllegalStateException when this handle is closed.
     */
    public long availablePermits()
    {
        sync.checkOpen();
        return sync.payload.getLongVolatile(STATE_OFFSET);
    }

    /**
     * @return the permits it was created with.
     * @throws IllegalStateException when this handle is closed.
     */
    public long initialPermits()
    {
        sync.checkOpen();
        return sync.initial();
    }

    @Override
    public String toString()
    {
        return getClass().getSimpleName() + "{name=" + sync.name + ", closed=" + isClosed() + '}';
    }

    static long checkPermits(final String name, final int permits)
    {
        if (permits < 0)
        {
            throw new IllegalArgumentException("semaphore permits negative: name=" + name + ", permits=" + permits);
        }
        return permits;
    }

    private boolean tryTake()
    {
        while (true)
        {
            final long permits = sync.payload.getLongVolatile(STATE_OFFSET);
            if (permits <= 0)
            {
                return false;
            }
            if (sync.payload.compareAndSetLong(STATE_OFFSET, permits, permits - 1)) // volatile: acquire side
            {
                return true;
            }
        }
    }

    private boolean take(final long timeoutNs) throws InterruptedException
    {
        sync.checkOpen();
        return sync.options.waitStrategy().awaitNanos(this::tryTake, timeoutNs);
    }

    private void give(final int n)
    {
        sync.checkOpen();
        if (n < 1)
        {
            throw new IllegalArgumentException("semaphore release count not positive: name=" + sync.name + ", n=" + n);
        }
        while (true)
        {
            final long permits = sync.payload.getLongVolatile(STATE_OFFSET);
            if (permits > bound - n)
            {
                throw new SemaphoreBoundException(
                    "semaphore released too many times: name=" + sync.name + ", permits=" + permits + ", n=" + n +
                    ", bound=" + bound);
            }
            if (sync.payload.compareAndSetLong(STATE_OFFSET, permits, permits + n)) // volatile: release side
            {
                return;
            }
        }
    }
}

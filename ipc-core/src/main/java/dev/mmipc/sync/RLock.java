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

import java.util.concurrent.TimeUnit;

/**
 * A reentrant lock shared between processes by name: Python's {@code multiprocessing.RLock}, as a
 * {@link java.util.concurrent.locks.Lock}. It is owned by one thread of one process, which may take it again
 * (each {@code lock} needs its {@code unlock}); only that thread may release it.
 * <pre>{@code
 * try (RLock lock = RLock.openOrCreate(ns, "ledger"))
 * {
 *     lock.lock();
 *     try
 *     {
 *         lock.lock(); // nested: fine
 *         lock.unlock();
 *     }
 *     finally
 *     {
 *         lock.unlock();
 *     }
 * }
 * }</pre>
 * Robust as {@link Lock} is: when the owning process dies, a waiter takes the lock after the liveness timeout
 * with a hold count of one and {@link #wasRecovered()} true; a live owner is never overridden and a reused pid
 * is caught by the start time (see {@link dev.mmipc.liveness.LockWord}). Conditions from {@link #newCondition()} share one wait
 * set, as {@link Lock}'s do.
 */
public final class RLock extends SyncPrimitive implements java.util.concurrent.locks.Lock
{
    private final ReentrantOwner owner;

    private RLock(final SyncRegion sync)
    {
        super(sync);
        this.owner = new ReentrantOwner(sync, "rlock");
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return a new, unlocked lock.
     */
    public static RLock create(final Namespace ns, final String name)
    {
        return create(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options liveness timeout and wait strategy of this handle.
     * @return a new, unlocked lock.
     */
    public static RLock create(final Namespace ns, final String name, final SyncOptions options)
    {
        return new RLock(SyncRegion.create(ns, name, SyncType.RLOCK, 0, 0, options));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return the lock.
     */
    public static RLock open(final Namespace ns, final String name)
    {
        return open(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options liveness timeout and wait strategy of this handle.
     * @return the lock.
     */
    public static RLock open(final Namespace ns, final String name, final SyncOptions options)
    {
        return new RLock(SyncRegion.open(ns, name, SyncType.RLOCK, options));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return the lock, created when missing.
     */
    public static RLock openOrCreate(final Namespace ns, final String name)
    {
        return openOrCreate(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options liveness timeout and wait strategy of this handle.
     * @return the lock, created when missing.
     */
    public static RLock openOrCreate(final Namespace ns, final String name, final SyncOptions options)
    {
        return new RLock(SyncRegion.openOrCreate(ns, name, SyncType.RLOCK, 0, 0, options));
    }

    /**
     * Take the lock (again), waiting as long as it takes; interrupts are restored after.
     */
    @Override
    public void lock()
    {
        owner.acquireUninterruptibly();
    }

    /**
     * @throws InterruptedException when interrupted while waiting.
     */
    @Override
    public void lockInterruptibly() throws InterruptedException
    {
        owner.acquire(Long.MAX_VALUE);
    }

    /**
     * @return true if the lock is now held by the current thread; never waits.
     */
    @Override
    public boolean tryLock()
    {
        return owner.tryAcquire();
    }

    /**
     * @param time bound on the wait.
     * @param unit unit of {@code time}.
     * @return true if the lock is now held by the current thread, false on timeout.
     * @throws InterruptedException when interrupted while waiting.
     */
    @Override
    public boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        return owner.acquire(unit.toNanos(time));
    }

    /**
     * Release one hold; the last one frees the lock.
     *
     * @throws IllegalMonitorStateException when the current thread does not hold it.
     */
    @Override
    public void unlock()
    {
        owner.release();
    }

    /**
     * @return a condition bound to this lock; all of them share one wait set.
     */
    @Override
    public java.util.concurrent.locks.Condition newCondition()
    {
        sync.checkOpen();
        return new SharedCondition(sync, owner);
    }

    /**
     * @return true if the current thread holds the lock.
     */
    public boolean isHeldByCurrentThread()
    {
        return owner.isHeldByCurrentThread();
    }

    /**
     * @return the current thread's hold count, 0 when it does not hold the lock.
     */
    public int holdCount()
    {
        return owner.holdCount();
    }

    /**
     * @return true if the current hold was taken from an owner that died holding the lock (for the holding
     * thread, until it releases the lock).
     */
    public boolean wasRecovered()
    {
        return owner.wasRecovered();
    }

    /**
     * @return the owner's pid, 0 when unlocked.
     */
    public long ownerPid()
    {
        sync.checkOpen();
        return sync.owner.ownerPid();
    }

    /**
     * @return how many times the lock was taken over from a dead owner, by any process.
     */
    public long recoveries()
    {
        return sync.recoveries();
    }

    @Override
    public String toString()
    {
        return "RLock{name=" + sync.name + ", closed=" + isClosed() + '}';
    }
}

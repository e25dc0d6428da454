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

import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A condition variable shared between processes by name, with its own reentrant lock: Python's
 * {@code multiprocessing.Condition()} (whose default lock is an {@code RLock}), as a
 * {@link java.util.concurrent.locks.Condition}.
 * <pre>{@code
 * try (Condition ready = Condition.openOrCreate(ns, "items-ready"))
 * {
 *     ready.lock();
 *     try
 *     {
 *         boolean ok = ready.awaitUntil(() -> items.get() > 0, 5, TimeUnit.SECONDS); // Python's wait_for
 *     }
 *     finally
 *     {
 *         ready.unlock();
 *     }
 * }
 * }</pre>
 * A producer takes the lock, changes shared state, calls {@link #signal()} or {@link #signalAll()}, and
 * unlocks. Waiting releases the lock and takes it back before returning. Waiters are woken in arrival order
 * (tickets); a waiter that timed out or was killed while waiting may keep its ticket and absorb one later
 * {@link #signal()} ({@link #signalAll()} is never lost), and spurious wake-ups are allowed, so wait in a loop or
 * with {@link #awaitUntil(BooleanSupplier, long, TimeUnit)}. The lock is robust as {@link RLock} is.
 */
public final class Condition extends SyncPrimitive implements java.util.concurrent.locks.Condition
{
    private final ReentrantOwner owner;
    private final SharedCondition condition;

    private Condition(final SyncRegion sync)
    {
        super(sync);
        this.owner = new ReentrantOwner(sync, "condition lock");
        this.condition = new SharedCondition(sync, owner);
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return a new condition, its lock free.
     */
    public static Condition create(final Namespace ns, final String name)
    {
        return create(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options liveness timeout and wait strategy of this handle.
     * @return a new condition, its lock free.
     */
    public static Condition create(final Namespace ns, final String name, final SyncOptions options)
    {
        return new Condition(SyncRegion.create(ns, name, SyncType.CONDITION, 0, 0, options));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return the condition.
     */
    public static Condition open(final Namespace ns, final String name)
    {
        return open(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options liveness timeout and wait strategy of this handle.
     * @return the condition.
     */
    public static Condition open(final Namespace ns, final String name, final SyncOptions options)
    {
        return new Condition(SyncRegion.open(ns, name, SyncType.CONDITION, options));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return the condition, created when missing.
     */
    public static Condition openOrCreate(final Namespace ns, final String name)
    {
        return openOrCreate(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options liveness timeout and wait strategy of this handle.
     * @return the condition, created when missing.
     */
    public static Condition openOrCreate(final Namespace ns, final String name, final SyncOptions options)
    {
        return new Condition(SyncRegion.openOrCreate(ns, name, SyncType.CONDITION, 0, 0, options));
    }

    /**
     * Take the condition's lock (reentrant), waiting as long as it takes.
     */
    public void lock()
    {
        owner.acquireUninterruptibly();
    }

    /**
     * @param time bound on the wait.
     * @param unit unit of {@code time}.
     * @return true if the lock is now held by the current thread.
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        return owner.acquire(unit.toNanos(time));
    }

    /**
     * Release one hold of the lock.
     *
     * @throws IllegalMonitorStateException when the current thread does not hold it.
     */
    public void unlock()
    {
        owner.release();
    }

    /**
     * @return true if the current thread holds the lock.
     */
    public boolean isHeldByCurrentThread()
    {
        return owner.isHeldByCurrentThread();
    }

    /**
     * @return true if the current hold of the lock was taken from an owner that died holding it.
     */
    public boolean wasRecovered()
    {
        return owner.wasRecovered();
    }

    /**
     * Wait until the predicate holds, like Python's {@code wait_for}: tested first, then after each wake-up,
     * always with the lock held, which the caller must hold.
     *
     * @param predicate tested with the lock held.
     * @param timeout   bound on the whole wait.
     * @param unit      unit of {@code timeout}.
     * @return the predicate's last value: false on timeout.
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean awaitUntil(final BooleanSupplier predicate, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        final long timeoutNs = unit.toNanos(timeout);
        final long startNs = System.nanoTime();
        boolean result = predicate.getAsBoolean();
        while (!result)
        {
            final long remainingNs = timeoutNs - (System.nanoTime() - startNs);
            if (remainingNs <= 0)
            {
                break;
            }
            condition.awaitNanos(remainingNs);
            result = predicate.getAsBoolean();
        }
        return result;
    }

    @Override
    public void await() throws InterruptedException
    {
        condition.await();
    }

    @Override
    public void awaitUninterruptibly()
    {
        condition.awaitUninterruptibly();
    }

    @Override
    public long awaitNanos(final long nanosTimeout) throws InterruptedException
    {
        return condition.awaitNanos(nanosTimeout);
    }

    @Override
    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        return condition.await(time, unit);
    }

    @Override
    public boolean awaitUntil(final Date deadline) throws InterruptedException
    {
        return condition.awaitUntil(deadline);
    }

    @Override
    public void signal()
    {
        condition.signal();
    }

    @Override
    public void signalAll()
    {
        condition.signalAll();
    }

    /**
     * @return waiters counted now, a killed waiter included.
     */
    public int waiters()
    {
        sync.checkOpen();
        return condition.waiters();
    }

    @Override
    public String toString()
    {
        return "Condition{name=" + sync.name + ", closed=" + isClosed() + '}';
    }
}

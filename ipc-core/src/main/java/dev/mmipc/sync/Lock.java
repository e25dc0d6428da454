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
import dev.mmipc.liveness.LockWord;

import java.util.concurrent.TimeUnit;

/**
 * A mutual-exclusion lock shared between processes by name: Python's {@code multiprocessing.Lock}, as a
 * {@link java.util.concurrent.locks.Lock}, robust against its owner's death.
 * <pre>{@code
 * try (Lock lock = Lock.openOrCreate(ns, "books"))
 * {
 *     lock.lock();
 *     try
 *     {
 *         if (lock.wasRecovered()) { repairTheBooks(); } // the last owner died holding it
 *         balance.set(balance.get() + 1);
 *     }
 *     finally
 *     {
 *         lock.unlock();
 *     }
 * }
 * }</pre>
 * <b>Ownership.</b> The owner word records the owner's pid and process start time ({@link LockWord}). A waiter
 * that sees the same owner for the liveness timeout ({@link SyncOptions#livenessTimeout}) asks whether it lives
 * ({@link dev.mmipc.liveness.Liveness}: the OS for an owner in the waiter's PID namespace, where a stopped owner
 * is alive; the owner's heartbeat for one in another PID namespace, such as a container sharing {@code /dev/shm},
 * where a stopped owner is dead once its heartbeat is older than the timeout, and never sooner than 5 heartbeat
 * periods); if not, the waiter takes the lock and {@link #wasRecovered()} returns true for that hold, as a robust
 * mutex reports {@code EOWNERDEAD}: the state the lock protects may be half-updated. A live owner is never
 * overridden, and a reused pid is caught by the start time.
 * <p>
 * <b>Release.</b> As in Python, the lock is not owned by a thread: any thread of any process may release it
 * ({@link #unlock()} throws {@link IllegalMonitorStateException} only when it is not locked). It is not
 * reentrant: a second {@link #lock()} by the holder waits for ever (use {@link RLock}). Waiting goes through the
 * options' wait strategy; {@link #lock()} ignores interrupts (and restores the flag), the others answer them.
 * <p>
 * Conditions from {@link #newCondition()} all share this region's one wait set: with more than one condition
 * in use, a {@code signal()} may wake a waiter of another condition, so use {@code signalAll()}.
 */
public final class Lock extends SyncPrimitive implements java.util.concurrent.locks.Lock
{
    private volatile boolean recovered;

    private Lock(final SyncRegion sync)
    {
        super(sync);
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return a new, unlocked lock.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     */
    public static Lock create(final Namespace ns, final String name)
    {
        return create(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options liveness timeout and wait strategy of this handle.
     * @return a new, unlocked lock.
     */
    public static Lock create(final Namespace ns, final String name, final SyncOptions options)
    {
        return new Lock(SyncRegion.create(ns, name, SyncType.LOCK, 0, 0, options));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return the lock.
     * @throws dev.mmipc.exceptions.RegionNotFoundException  when there is no such region.
     * @throws dev.mmipc.exceptions.RegionParameterException when it holds another primitive.
     */
    public static Lock open(final Namespace ns, final String name)
    {
        return open(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options liveness timeout and wait strategy of this handle.
     * @return the lock.
     */
    public static Lock open(final Namespace ns, final String name, final SyncOptions options)
    {
        return new Lock(SyncRegion.open(ns, name, SyncType.LOCK, options));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return the lock, created unlocked when missing.
     */
    public static Lock openOrCreate(final Namespace ns, final String name)
    {
        return openOrCreate(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options liveness timeout and wait strategy of this handle.
     * @return the lock, created unlocked when missing.
     */
    public static Lock openOrCreate(final Namespace ns, final String name, final SyncOptions options)
    {
        return new Lock(SyncRegion.openOrCreate(ns, name, SyncType.LOCK, 0, 0, options));
    }

    /**
     * Take the lock, waiting as long as it takes; interrupts are ignored during the wait and restored after.
     */
    @Override
    public void lock()
    {
        held(sync.acquireOwnerUninterruptibly());
    }

    /**
     * Take the lock, waiting as long as it takes.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    @Override
    public void lockInterruptibly() throws InterruptedException
    {
        held(sync.acquireOwner(Long.MAX_VALUE));
    }

    /**
     * @return true if the lock was free and is now held; never waits (a dead owner is not checked).
     */
    @Override
    public boolean tryLock()
    {
        sync.checkOpen();
        final long word = sync.owner.tryAcquire();
        return word != 0 && held(word);
    }

    /**
     * @param time bound on the wait; a dead owner is checked once more before giving up.
     * @param unit unit of {@code time}.
     * @return true if the lock is now held, false on timeout.
     * @throws InterruptedException when interrupted while waiting.
     */
    @Override
    public boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        final long word = sync.acquireOwner(unit.toNanos(time));
        return word != 0 && held(word);
    }

    /**
     * Release the lock, whoever holds it (any thread of any process may, as in Python).
     *
     * @throws IllegalMonitorStateException when it is not locked.
     */
    @Override
    public void unlock()
    {
        sync.checkOpen();
        if (sync.owner.releaseAny() == 0)
        {
            throw new IllegalMonitorStateException("lock not held: name=" + sync.name);
        }
    }

    /**
     * @return a condition bound to this lock; every condition of one lock shares one wait set (see the class doc).
     */
    @Override
    public java.util.concurrent.locks.Condition newCondition()
    {
        sync.checkOpen();
        return new SharedCondition(sync, new SharedCondition.Owner()
        {
            @Override
            public void checkHeld()
            {
                if (!sync.owner.isOwnedByThisProcess())
                {
                    throw new IllegalMonitorStateException(
                        "lock not held by this process: name=" + sync.name + ", owner_pid=" + sync.owner.ownerPid());
                }
            }

            @Override
            public long releaseFully()
            {
                unlock();
                return 1;
            }

            @Override
            public void reacquire(final long saved)
            {
                lock();
            }
        });
    }

    /**
     * @return true if the current hold was taken from an owner that died holding the lock: the state it
     * protects may be half-updated. Meaningful to the thread that holds the lock, until it releases it.
     */
    public boolean wasRecovered()
    {
        return recovered;
    }

    /**
     * @return true if some process holds the lock now.
     */
    public boolean isLocked()
    {
        sync.checkOpen();
        return sync.owner.ownerPid() != 0;
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
        return "Lock{name=" + sync.name + ", closed=" + isClosed() + '}';
    }

    private boolean held(final long word)
    {
        recovered = LockWord.tookOver(word);
        return true;
    }
}

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

import dev.mmipc.liveness.LockWord;

import static dev.mmipc.sync.SyncDescriptor.*;

/**
 * Reentrant ownership per (process, thread) over a sync region's owner section: the owner word says which
 * process, the owner thread field which of its threads, the hold count how deep. Only the owner writes the
 * thread field and the hold count, and it clears both before it releases the word, so a thread that reads its
 * own id there while its pid and confirmed start time are in the owner section owns the lock (thread ids repeat
 * from JVM to JVM, and pids from one PID namespace to another: the start time tells them apart).
 */
final class ReentrantOwner implements SharedCondition.Owner
{
    private final SyncRegion sync;
    private final String what;
    private volatile boolean recovered;

    ReentrantOwner(final SyncRegion sync, final String what)
    {
        this.sync = sync;
        this.what = what;
    }

    boolean isHeldByCurrentThread()
    {
        sync.checkOpen();
        return sync.owner.isOwnedByThisProcess() &&
            sync.payload.getLongVolatile(OWNER_THREAD_OFFSET) == Thread.currentThread().getId();
    }

    /**
     * @param timeoutNs bound on the wait.
     * @return true if held (again) by the current thread.
     */
    boolean acquire(final long timeoutNs) throws InterruptedException
    {
        if (reenter())
        {
            return true;
        }
        return first(sync.acquireOwner(timeoutNs), 1);
    }

    void acquireUninterruptibly()
    {
        if (!reenter())
        {
            first(sync.acquireOwnerUninterruptibly(), 1);
        }
    }

    boolean tryAcquire()
    {
        if (reenter())
        {
            return true;
        }
        return first(sync.owner.tryAcquire(), 1);
    }

    void release()
    {
        checkHeld();
        final long count = sync.payload.getLong(HOLD_COUNT_OFFSET);
        if (count > 1)
        {
            sync.payload.putLongOpaque(HOLD_COUNT_OFFSET, count - 1); // opaque: read by inspectors
            return;
        }
        releaseWord();
    }

    int holdCount()
    {
        return isHeldByCurrentThread() ? (int)sync.payload.getLong(HOLD_COUNT_OFFSET) : 0;
    }

    boolean wasRecovered()
    {
        return recovered;
    }

    @Override
    public void checkHeld()
    {
        if (!isHeldByCurrentThread())
        {
            throw new IllegalMonitorStateException(
                what + " not held by this thread: name=" + sync.name + ", owner_pid=" + sync.owner.ownerPid());
        }
    }

    @Override
    public long releaseFully()
    {
        checkHeld();
        final long count = sync.payload.getLong(HOLD_COUNT_OFFSET);
        releaseWord();
        return count;
    }

    @Override
    public void reacquire(final long saved)
    {
        first(sync.acquireOwnerUninterruptibly(), saved);
    }

    private boolean reenter()
    {
        if (isHeldByCurrentThread())
        {
            final long count = sync.payload.getLong(HOLD_COUNT_OFFSET);
            if (count >= Integer.MAX_VALUE)
            {
                throw new IllegalStateException("hold count overflow: name=" + sync.name + ", count=" + count);
            }
            sync.payload.putLongOpaque(HOLD_COUNT_OFFSET, count + 1);
            return true;
        }
        return false;
    }

    private boolean first(final long word, final long count)
    {
        if (word == 0)
        {
            return false;
        }
        sync.payload.putLongOpaque(OWNER_THREAD_OFFSET, Thread.currentThread().getId());
        sync.payload.putLongOpaque(HOLD_COUNT_OFFSET, count);
        recovered = LockWord.tookOver(word);
        return true;
    }

    private void releaseWord()
    {
        sync.payload.putLongOpaque(HOLD_COUNT_OFFSET, 0);
        sync.payload.putLongOpaque(OWNER_THREAD_OFFSET, 0);
        final long word = sync.owner.current();
        if (!sync.owner.isThisProcess(word) || !sync.owner.release(word))
        {
            throw new IllegalMonitorStateException(
                what + " lost: name=" + sync.name + ", owner_pid=" + LockWord.pid(word));
        }
    }
}

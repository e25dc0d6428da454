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
package dev.mmipc.counters;

import dev.mmipc.events.Recoveries;
import dev.mmipc.exceptions.CountersLockException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.LockWord;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.concurrent.AtomicBuffer;

import static dev.mmipc.counters.CountersDescriptor.*;

/**
 * The allocation lock in a counters region's allocation section: a robust {@link LockWord} (holder pid and
 * generation in the lock word, the holder's start time and the confirm field beside it), so a holder killed
 * inside the lock is taken over after the liveness timeout and a live holder never is, in this PID namespace or
 * another ({@link Liveness}). See {@link LockWord}
 * for the protocol; this class adds the counters' errors and the takeover count.
 */
final class AllocationLock
{
    private final String name;
    private final AtomicBuffer allocation;
    private final LockWord word;

    AllocationLock(final String name, final Liveness liveness, final AtomicBuffer allocation)
    {
        this.name = name;
        this.allocation = allocation;
        this.word = new LockWord(
            name, Recoveries.COUNTERS_ALLOCATION_LOCK, liveness, allocation, LOCK_WORD_OFFSET, LOCK_HOLDER_START_OFFSET,
                LOCK_CONFIRM_OFFSET);
    }

    /**
     * Take the lock, waiting with the default backoff wait strategy.
     *
     * @param livenessTimeoutNs how long the same holder may keep the lock before its liveness is checked.
     * @param lockTimeoutNs     how long to wait in all before giving up.
     * @return the lock word now held; {@link #tookOver(long)} says if it was taken from a dead holder.
     * @throws CountersLockException when a live holder keeps it past {@code lockTimeoutNs}, or on interrupt (the
     *                               interrupt flag is kept).
     */
    long acquire(final long livenessTimeoutNs, final long lockTimeoutNs)
    {
        final long startNs = System.nanoTime();
        final long held;
        try
        {
            held = word.acquire(WaitStrategy.backoff(), livenessTimeoutNs, lockTimeoutNs);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CountersLockException(
                "interrupted waiting for counters lock: name=" + name + ", holder_pid=" + word.ownerPid());
        }
        if (held == 0)
        {
            throw new CountersLockException(
                "counters lock not acquired: name=" + name + ", holder_pid=" + word.ownerPid() +
                ", waited_ms=" + (System.nanoTime() - startNs) / 1_000_000);
        }
        if (LockWord.tookOver(held))
        {
            allocation.putLong(LOCK_TAKEOVERS_OFFSET, allocation.getLong(LOCK_TAKEOVERS_OFFSET) + 1); // holder only
        }
        return held;
    }

    /**
     * @param acquired what {@link #acquire} returned.
     * @return true if the lock was taken over from a dead holder, so the allocation state needs repair.
     */
    static boolean tookOver(final long acquired)
    {
        return LockWord.tookOver(acquired);
    }

    /**
     * Release the lock, keeping its generation.
     *
     * @param acquired what {@link #acquire} returned.
     * @throws CountersLockException if the lock word is no longer ours (it was taken over).
     */
    void release(final long acquired)
    {
        if (!word.release(acquired))
        {
            throw new CountersLockException(
                "counters lock lost: name=" + name + ", held_pid=" + LockWord.pid(acquired) + ", holder_pid=" +
                word.ownerPid());
        }
    }

    /**
     * @return the pid holding the lock now, 0 when free.
     */
    long holderPid()
    {
        return word.ownerPid();
    }
}

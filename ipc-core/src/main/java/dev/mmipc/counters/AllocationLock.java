package dev.mmipc.counters;

import dev.mmipc.CountersLockException;
import dev.mmipc.process.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;

import static dev.mmipc.counters.CountersDescriptor.*;

/**
 * The allocation lock in a counters region's allocation section: one 64-bit word, the holder's pid in
 * the high 32 bits (pids must be below 2^31) and a generation in the low 32, taken by CAS from a word whose pid is 0.
 * <p>
 * After the CAS the holder stores its process start time, then the lock word again into the confirm field
 * with a release store. A waiter that has seen the same lock word for the liveness timeout asks the OS
 * whether the holder lives: by pid and start time when the confirm field matches the word (acquire load),
 * by pid alone when it does not (the holder stopped between the CAS and the confirm store; judging by pid
 * alone can only err towards "alive", so a live holder is never overridden). A dead holder's word is
 * replaced by CAS, so exactly one waiter takes over; the generation makes every acquisition's word
 * distinct, so a waiter never mistakes a new holder for the one it timed.
 */
final class AllocationLock
{
    private static final long MAX_PID = Integer.MAX_VALUE;

    // Set only on the value acquire returns, never stored: pids are below 2^31, so bit 63 of a word is clear.
    private static final long TOOK_OVER = Long.MIN_VALUE;

    private final String name;
    private final AtomicBuffer allocation;

    AllocationLock(final String name, final AtomicBuffer allocation)
    {
        this.name = name;
        this.allocation = allocation;
    }

    /**
     * Take the lock, waiting with spin, yield, then park backoff.
     *
     * @param livenessTimeoutNs how long the same holder may keep the lock before its liveness is checked.
     * @param lockTimeoutNs     how long to wait in all before giving up.
     * @return the lock word now held; {@link #tookOver(long)} says if it was taken from a dead holder.
     * @throws CountersLockException when a live holder keeps it past {@code lockTimeoutNs}, or on interrupt.
     */
    long acquire(final long livenessTimeoutNs, final long lockTimeoutNs)
    {
        final ProcessIdentity self = ProcessIdentity.current();
        if (self.pid() <= 0 || self.pid() > MAX_PID)
        {
            throw new IllegalStateException("pid does not fit the counters lock word: name=" + name + ", pid=" + self.pid());
        }

        final long startNs = System.nanoTime();
        BackoffIdleStrategy idle = null;
        long observed = 0;
        long observedSinceNs = startNs;

        while (true)
        {
            final long word = allocation.getLongVolatile(LOCK_WORD_OFFSET);
            if (lockPid(word) == 0)
            {
                final long next = lockWord(self.pid(), lockGeneration(word) + 1);
                if (allocation.compareAndSetLong(LOCK_WORD_OFFSET, word, next))
                {
                    stamp(self, next);
                    return next;
                }
                continue;
            }

            final long nowNs = System.nanoTime();
            final boolean changed = word != observed;
            if (changed)
            {
                observed = word;
                observedSinceNs = nowNs;
                if (idle != null)
                {
                    idle.reset();
                }
            }
            final boolean timedOut = nowNs - startNs >= lockTimeoutNs;
            if (timedOut || (!changed && nowNs - observedSinceNs >= livenessTimeoutNs))
            {
                // checked once per liveness timeout, and always before giving up, so that a lock timeout shorter
                // than the liveness timeout never fails on a dead holder
                if (!holderAlive(word))
                {
                    final long next = lockWord(self.pid(), lockGeneration(word) + 1);
                    if (allocation.compareAndSetLong(LOCK_WORD_OFFSET, word, next))
                    {
                        stamp(self, next);
                        allocation.putLong(LOCK_TAKEOVERS_OFFSET, allocation.getLong(LOCK_TAKEOVERS_OFFSET) + 1);
                        return next | TOOK_OVER;
                    }
                    continue;
                }
                if (timedOut)
                {
                    throw new CountersLockException(
                        "counters lock not acquired: name=" + name + ", holder_pid=" + lockPid(word) +
                        ", waited_ms=" + (nowNs - startNs) / 1_000_000);
                }
                observedSinceNs = nowNs; // alive: check again after another liveness timeout
            }

            if (Thread.currentThread().isInterrupted())
            {
                throw new CountersLockException(
                    "interrupted waiting for counters lock: name=" + name + ", holder_pid=" + lockPid(word));
            }
            if (idle == null)
            {
                idle = new BackoffIdleStrategy();
            }
            idle.idle();
        }
    }

    /**
     * @param acquired what {@link #acquire} returned.
     * @return true if the lock was taken over from a dead holder, so the allocation state needs repair.
     */
    static boolean tookOver(final long acquired)
    {
        return (acquired & TOOK_OVER) != 0;
    }

    /**
     * Release the lock, keeping its generation.
     *
     * @param acquired what {@link #acquire} returned.
     * @throws CountersLockException if the lock word is no longer ours (it was taken over).
     */
    void release(final long acquired)
    {
        final long held = acquired & ~TOOK_OVER;
        // CAS, a volatile store: everything written under the lock is visible to the next holder's CAS
        if (!allocation.compareAndSetLong(LOCK_WORD_OFFSET, held, lockWord(0, lockGeneration(held))))
        {
            throw new CountersLockException(
                "counters lock lost: name=" + name + ", held_pid=" + lockPid(held) + ", holder_pid=" +
                lockPid(allocation.getLongVolatile(LOCK_WORD_OFFSET)));
        }
    }

    /**
     * @return the pid holding the lock now, 0 when free.
     */
    long holderPid()
    {
        return lockPid(allocation.getLongVolatile(LOCK_WORD_OFFSET));
    }

    private void stamp(final ProcessIdentity self, final long held)
    {
        allocation.putLong(LOCK_HOLDER_START_OFFSET, self.startTimeMs());
        allocation.putLongRelease(LOCK_CONFIRM_OFFSET, held); // release: a waiter that sees it sees the start time
    }

    private boolean holderAlive(final long word)
    {
        final long pid = lockPid(word);
        if (allocation.getLongAcquire(LOCK_CONFIRM_OFFSET) == word)
        {
            return ProcessIdentity.isAlive(pid, allocation.getLong(LOCK_HOLDER_START_OFFSET));
        }
        return ProcessIdentity.isAlive(pid, ProcessIdentity.UNKNOWN_START);
    }
}

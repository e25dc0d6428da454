/*
 * Copyright © 2026 the mmipc authors (${email})
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

import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.concurrent.AtomicBuffer;

import java.util.function.BooleanSupplier;

/**
 * A robust owner word in shared memory: the building block of every lock in mmipc (the sync primitives,
 * the pipe ends, the counters allocation lock).
 * <p>
 * Three 64-bit fields at offsets the caller chooses: the <b>word</b>, the owner's pid in the high 32 bits
 * (pids must be below 2^31) and a generation in the low 32, taken by CAS from a word whose pid is 0; the
 * owner's process <b>start time</b>; and the <b>confirm</b> field. After the CAS the owner stores its start
 * time, then the word again into the confirm field with a release store.
 * <p>
 * A waiter that has seen the same word for the liveness timeout asks the namespace's {@link Liveness} whether the
 * owner lives, and asks again at least once per heartbeat period while it waits: by pid and start time when the
 * confirm field matches the word (acquire load), by pid alone when it does not (the owner stopped between the CAS
 * and the confirm store; judging by pid alone can only err towards "alive", so a live owner is never overridden).
 * {@link Liveness} asks the OS about an owner in the waiter's own PID namespace and reads the heartbeat of one in
 * another (containers sharing {@code /dev/shm}), so a pid that the waiter's namespace cannot see, or sees as
 * another process, never makes a live owner look dead. A reused pid is caught by the start time, except in that
 * same window: an owner killed between the CAS and the confirm store is judged by pid alone, so if the OS hands its
 * pid to a new process before a waiter looks, the waiters keep waiting while that process lives (pids are reused
 * only after the whole pid space has cycled, so this needs a kill in a window of a few instructions and a pid wrap).
 * A dead owner's word is replaced by CAS, so exactly one waiter takes over, and that waiter is told so: the value
 * returned has {@link #TOOK_OVER} set (test with {@link #tookOver(long)}), as a robust mutex returns
 * {@code EOWNERDEAD}.
 * The generation makes every acquisition's word distinct, so a waiter never mistakes a new owner for the one
 * it timed.
 */
public final class OwnerWord
{
    /** Set only on the value an acquire returns, never stored: pids are below 2^31, so bit 63 of a word is clear. */
    public static final long TOOK_OVER = Long.MIN_VALUE;

    /** Largest pid a word can hold. */
    public static final long MAX_PID = Integer.MAX_VALUE;

    private final String name;
    private final Liveness liveness;
    private final AtomicBuffer buffer;
    private final int wordOffset;
    private final int startOffset;
    private final int confirmOffset;

    /**
     * @param name          the region's name, for messages.
     * @param liveness      the judge of the namespace directory the region is in.
     * @param buffer        the memory holding the three fields.
     * @param wordOffset    offset of the word (8-byte aligned).
     * @param startOffset   offset of the owner's start time.
     * @param confirmOffset offset of the confirm field.
     */
    public OwnerWord(
        final String name, final Liveness liveness, final AtomicBuffer buffer, final int wordOffset,
        final int startOffset, final int confirmOffset)
    {
        this.name = name;
        this.liveness = liveness;
        this.buffer = buffer;
        this.wordOffset = wordOffset;
        this.startOffset = startOffset;
        this.confirmOffset = confirmOffset;
    }

    /**
     * @param pid        owner pid, 0 for free.
     * @param generation generation, low 32 bits kept.
     * @return the word.
     */
    public static long word(final long pid, final long generation)
    {
        return (pid << 32) | (generation & 0xFFFF_FFFFL);
    }

    /**
     * @param word a word, or a value an acquire returned.
     * @return its owner pid, 0 when free.
     */
    public static long pid(final long word)
    {
        return (word & ~TOOK_OVER) >>> 32;
    }

    /**
     * @param word a word.
     * @return its generation.
     */
    public static int generation(final long word)
    {
        return (int)word;
    }

    /**
     * @param acquired what an acquire returned.
     * @return true if it was taken over from a dead owner.
     */
    public static boolean tookOver(final long acquired)
    {
        return (acquired & TOOK_OVER) != 0;
    }

    /**
     * @return the word now, volatile load.
     */
    public long current()
    {
        return buffer.getLongVolatile(wordOffset);
    }

    /**
     * @return the owner's pid now, 0 when free.
     */
    public long ownerPid()
    {
        return pid(current());
    }

    /**
     * @return the owner's start time as recorded (epoch ms), meaningful while owned.
     */
    public long ownerStartMs()
    {
        return buffer.getLongVolatile(startOffset);
    }

    /**
     * @return true if this process owns the word now: its pid and its confirmed start time (a process with the same
     * pid in another PID namespace is another process).
     */
    public boolean isOwnedByThisProcess()
    {
        return isThisProcess(current());
    }

    /**
     * @param word a word.
     * @return true if it names this process: its pid, and a confirmed start time that is this process's. An owner
     * that has not yet confirmed its start time has not yet returned from its acquire, so no thread of this process
     * holds that word yet.
     */
    public boolean isThisProcess(final long word)
    {
        final long pid = pid(word);
        return pid != 0 && buffer.getLongAcquire(confirmOffset) == word && // acquire: pairs with stamp's release
            ProcessIdentity.isCurrent(pid, buffer.getLong(startOffset));
    }

    /**
     * One attempt, no waiting: take the word if it is free.
     *
     * @return the word now held, or 0 if it is owned (or another process won the race).
     */
    public long tryAcquire()
    {
        final long word = buffer.getLongVolatile(wordOffset);
        if (pid(word) != 0)
        {
            return 0;
        }
        final long next = word(selfPid(), generation(word) + 1L);
        if (buffer.compareAndSetLong(wordOffset, word, next)) // volatile CAS: acquires what the last owner wrote
        {
            stamp(next);
            return next;
        }
        return 0;
    }

    /**
     * Take the word, waiting through {@code wait}; a dead owner is taken over once the same word has been
     * seen for {@code livenessTimeoutNs}, and always checked once more before giving up.
     *
     * @param wait              how to wait.
     * @param livenessTimeoutNs how long the same owner may keep the word before its liveness is checked.
     * @param timeoutNs         bound on the wait; {@code Long.MAX_VALUE} for ever.
     * @return the word now held, with {@link #TOOK_OVER} set when taken from a dead owner; 0 on timeout.
     * @throws InterruptedException when interrupted; the flag is cleared.
     */
    public long acquire(final WaitStrategy wait, final long livenessTimeoutNs, final long timeoutNs)
        throws InterruptedException
    {
        WaitStrategy.checkInterrupted();
        final long held = tryAcquire();
        if (held != 0)
        {
            return held;
        }
        final Attempt attempt = new Attempt(livenessTimeoutNs);
        if (wait.awaitNanos(attempt, timeoutNs))
        {
            return attempt.held;
        }
        // before giving up, so that a timeout shorter than the liveness timeout never fails on a dead owner
        final long word = current();
        if (pid(word) == 0)
        {
            return tryAcquire();
        }
        return takeOverIfDead(word, livenessTimeoutNs);
    }

    /**
     * Release the word if it is still the one acquired, keeping its generation.
     *
     * @param acquired what an acquire returned.
     * @return false if the word is no longer this acquisition's (it was taken over).
     */
    public boolean release(final long acquired)
    {
        final long held = acquired & ~TOOK_OVER;
        // CAS, a volatile store: everything written while owning is visible to the next owner's CAS
        return buffer.compareAndSetLong(wordOffset, held, word(0, generation(held)));
    }

    /**
     * Release the word whoever owns it (for locks that any process may release).
     *
     * @return the word that was released, or 0 if it was free.
     */
    public long releaseAny()
    {
        while (true)
        {
            final long word = current();
            if (pid(word) == 0)
            {
                return 0;
            }
            if (buffer.compareAndSetLong(wordOffset, word, word(0, generation(word))))
            {
                return word;
            }
        }
    }

    /**
     * @param word a word seen owned.
     * @return true if its owner is alive, judged with {@link Liveness#DEFAULT_STALE_AFTER_NS} (for inspectors).
     */
    public boolean ownerAlive(final long word)
    {
        return ownerAlive(word, Liveness.DEFAULT_STALE_AFTER_NS);
    }

    /**
     * @param word              a word seen owned.
     * @param livenessTimeoutNs how old an owner's heartbeat may be (owners in another PID namespace).
     * @return true if its owner is alive, judged by pid and start time when the start time is confirmed, by pid
     * alone when not.
     */
    public boolean ownerAlive(final long word, final long livenessTimeoutNs)
    {
        final long pid = pid(word);
        if (pid == 0)
        {
            return false;
        }
        if (buffer.getLongAcquire(confirmOffset) == word) // acquire: pairs with the owner's release in stamp
        {
            return liveness.isAlive(pid, buffer.getLong(startOffset), livenessTimeoutNs);
        }
        return liveness.isAlive(pid, ProcessIdentity.UNKNOWN_START, livenessTimeoutNs);
    }

    private long takeOverIfDead(final long word, final long livenessTimeoutNs)
    {
        if (!ownerAlive(word, livenessTimeoutNs))
        {
            final long next = word(selfPid(), generation(word) + 1L);
            if (buffer.compareAndSetLong(wordOffset, word, next))
            {
                stamp(next);
                return next | TOOK_OVER;
            }
        }
        return 0;
    }

    private void stamp(final long held)
    {
        buffer.putLong(startOffset, ProcessIdentity.current().startTimeMs());
        buffer.putLongRelease(confirmOffset, held); // release: a waiter that sees it sees the start time
    }

    private long selfPid()
    {
        final long pid = ProcessIdentity.current().pid();
        if (pid <= 0 || pid > MAX_PID)
        {
            throw new IllegalStateException("pid does not fit an owner word: name=" + name + ", pid=" + pid);
        }
        return pid;
    }

    private final class Attempt implements BooleanSupplier
    {
        private final long livenessTimeoutNs;
        private long observed;
        private long observedSinceNs;
        private long held;

        private Attempt(final long livenessTimeoutNs)
        {
            this.livenessTimeoutNs = livenessTimeoutNs;
        }

        @Override
        public boolean getAsBoolean()
        {
            final long word = current();
            if (pid(word) == 0)
            {
                held = tryAcquire();
                return held != 0;
            }
            final long nowNs = System.nanoTime();
            if (word != observed)
            {
                observed = word;
                observedSinceNs = nowNs;
                return false;
            }
            if (nowNs - observedSinceNs >= livenessTimeoutNs)
            {
                held = takeOverIfDead(word, livenessTimeoutNs);
                // alive: judge again after the recheck interval (at most one heartbeat period)
                observedSinceNs = nowNs - livenessTimeoutNs + Liveness.recheckIntervalNs(livenessTimeoutNs);
                return held != 0;
            }
            return false;
        }
    }
}

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
package dev.mmipc.liveness;

import dev.mmipc.events.Recoveries;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.concurrent.AtomicBuffer;

import java.util.function.BooleanSupplier;

/**
 * A robust owner word in shared memory: the building block of every lock in mmipc (the sync primitives, the pipe
 * ends, the counters allocation lock). The non-blocking operations, the owner's judgement, the takeover and the
 * blocking {@link #acquire} (through a {@link WaitStrategy}, a layer below this package) are all here.
 * <p>
 * Three 64-bit fields at offsets the caller chooses: the <b>word</b> (a lock word of {@link OwnerWords}: the
 * owner's pid and a generation), taken by compare-and-set from a word whose pid is 0; the owner's process
 * <b>start time</b>; and the <b>confirm</b> field. After the compare-and-set the owner stores its start time, then
 * the word again into the confirm field with a release store.
 * <p>
 * A waiter that has seen the same word for the liveness timeout ({@link StallWatch}) asks {@link #ownerAlive}: by
 * pid and start time when the confirm field matches the word (acquire load), by pid alone when it does not (the
 * owner stopped between the compare-and-set and the confirm store; judging by pid alone can only err towards
 * "alive", so a live owner is never overridden). {@link Liveness} asks the OS about an owner in the waiter's own PID
 * namespace and reads the heartbeat of one in another (containers sharing {@code /dev/shm}), so a pid that the
 * waiter's namespace cannot see, or sees as another process, never makes a live owner look dead. A reused pid is
 * caught by the start time, except in that same window: an owner killed between the compare-and-set and the confirm
 * store is judged by pid alone, so if the OS hands its pid to a new process before a waiter looks, the waiters keep
 * waiting while that process lives (pids are reused only after the whole pid space has cycled, so this needs a kill
 * in a window of a few instructions and a pid wrap). A dead owner's word is replaced by compare-and-set
 * ({@link #takeOverIfDead}), so exactly one waiter takes over, and that waiter is told so: the value returned has
 * {@link OwnerWords#TOOK_OVER} set (test with {@link #tookOver(long)}), as a robust mutex returns {@code EOWNERDEAD}.
 * The generation makes every acquisition's word distinct, so a waiter never mistakes a new owner for the one it
 * timed.
 */
public final class LockWord
{
    /** Set only on the value an acquire returns, never stored: see {@link OwnerWords}. */
    public static final long TOOK_OVER = OwnerWords.TOOK_OVER;

    /** Largest pid a word can hold. */
    public static final long MAX_PID = OwnerWords.MAX_PID;

    private final String name;
    private final String lock;
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
    public LockWord(
        final String name, final Liveness liveness, final AtomicBuffer buffer, final int wordOffset,
        final int startOffset, final int confirmOffset)
    {
        this(name, "LOCK", liveness, buffer, wordOffset, startOffset, confirmOffset);
    }

    /**
     * @param name          the region's name, for messages.
     * @param lock          what the word guards, as {@link Recoveries#lockRecovered} reports a takeover: a sync
     *                      type name, {@code pipe-end-FIRST}/{@code -SECOND}, {@link Recoveries#COUNTERS_ALLOCATION_LOCK}.
     * @param liveness      the judge of the namespace directory the region is in.
     * @param buffer        the memory holding the three fields.
     * @param wordOffset    offset of the word (8-byte aligned).
     * @param startOffset   offset of the owner's start time.
     * @param confirmOffset offset of the confirm field.
     */
    public LockWord(
        final String name, final String lock, final Liveness liveness, final AtomicBuffer buffer,
        final int wordOffset, final int startOffset, final int confirmOffset)
    {
        this.name = name;
        this.lock = lock;
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
     * @throws IllegalArgumentException when the pid is out of range; see {@link OwnerWords#lockWord}.
     */
    public static long word(final long pid, final long generation)
    {
        return OwnerWords.lockWord(pid, generation);
    }

    /**
     * @param word a word, or a value an acquire returned.
     * @return its owner pid, 0 when free.
     */
    public static long pid(final long word)
    {
        return OwnerWords.lockPid(word);
    }

    /**
     * @param word a word.
     * @return its generation.
     */
    public static int generation(final long word)
    {
        return OwnerWords.lockGeneration(word);
    }

    /**
     * @param acquired what an acquire returned.
     * @return true if it was taken over from a dead owner.
     */
    public static boolean tookOver(final long acquired)
    {
        return OwnerWords.tookOver(acquired);
    }

    /**
     * @return the region's name, for messages.
     */
    protected final String name()
    {
        return name;
    }

    /**
     * @return the word now, volatile load.
     */
    public final long current()
    {
        return buffer.getLongVolatile(wordOffset);
    }

    /**
     * @return the owner's pid now, 0 when free.
     */
    public final long ownerPid()
    {
        return pid(current());
    }

    /**
     * @return the owner's start time as recorded (epoch ms), meaningful while owned.
     */
    public final long ownerStartMs()
    {
        return buffer.getLongVolatile(startOffset);
    }

    /**
     * @return true if this process owns the word now: its pid and its confirmed start time (a process with the same
     * pid in another PID namespace is another process).
     */
    public final boolean isOwnedByThisProcess()
    {
        return isThisProcess(current());
    }

    /**
     * @param word a word.
     * @return true if it names this process: its pid, and a confirmed start time that is this process's. An owner
     * that has not yet confirmed its start time has not yet returned from its acquire, so no thread of this process
     * holds that word yet.
     */
    public final boolean isThisProcess(final long word)
    {
        final long pid = pid(word);
        return pid != 0 && buffer.getLongAcquire(confirmOffset) == word && // acquire: pairs with stamp's release
            ProcessIdentity.isCurrent(pid, buffer.getLong(startOffset));
    }

    /**
     * One attempt, no waiting: take the word if it is free.
     *
     * @return the word now held, or 0 if it is owned (or another process won the race).
     * @throws IllegalStateException when this process's pid does not fit the word.
     */
    public final long tryAcquire()
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
     * Release the word if it is still the one acquired, keeping its generation.
     *
     * @param acquired what an acquire returned.
     * @return false if the word is no longer this acquisition's (it was taken over).
     */
    public final boolean release(final long acquired)
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
    public final long releaseAny()
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
    public final boolean ownerAlive(final long word)
    {
        return ownerAlive(word, Liveness.DEFAULT_STALE_AFTER_NS);
    }

    /**
     * @param word              a word seen owned.
     * @param livenessTimeoutNs how old an owner's heartbeat may be (owners in another PID namespace).
     * @return true if its owner is alive, judged by pid and start time when the start time is confirmed, by pid
     * alone when not; false for a free word.
     */
    public final boolean ownerAlive(final long word, final long livenessTimeoutNs)
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

    /**
     * Take the word over if its owner is dead: the recovery step after a {@link StallWatch} fired. A live owner is
     * never overridden; of several waiters, only the one whose compare-and-set from {@code word} succeeds takes over.
     *
     * @param word              the owned word seen unchanged for the liveness timeout.
     * @param livenessTimeoutNs the waiter's liveness timeout.
     * @return the word now held, with {@link #TOOK_OVER} set, or 0 when the owner lives or another waiter won.
     */
    public final long takeOverIfDead(final long word, final long livenessTimeoutNs)
    {
        if (!ownerAlive(word, livenessTimeoutNs))
        {
            final long deadStartMs = buffer.getLongAcquire(confirmOffset) == word ? buffer.getLong(startOffset) : 0;
            final long next = word(selfPid(), generation(word) + 1L);
            if (buffer.compareAndSetLong(wordOffset, word, next))
            {
                stamp(next);
                Recoveries.lockRecovered(name, lock, pid(word), deadStartMs, pid(next));
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
     * One contended acquire: its stall watch, and the word once held. Allocated once per acquire that has to wait.
     */
    private final class Attempt implements BooleanSupplier
    {
        private final StallWatch watch;
        private long held;

        private Attempt(final long livenessTimeoutNs)
        {
            this.watch = new StallWatch(livenessTimeoutNs);
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
            if (watch.isDue(0, word))
            {
                held = takeOverIfDead(word, watch.livenessTimeoutNs()); // alive: the watch says when to ask again
                return held != 0;
            }
            return false;
        }
    }
}

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

/**
 * How mmipc writes "who owns this" into one 64-bit word of shared memory: the one home of the owner encodings.
 * There are two, for a stated reason: an owner that must be told apart from every <i>acquisition</i> (a lock
 * taken, released and taken again by the same process) needs a generation in the word, and a pid, a generation and
 * a start time do not fit 64 bits together; an owner that names only a <i>process</i> (a queue lease, an entry of a
 * table of processes) needs no generation, so its start time fits beside the pid and one compare-and-set records
 * the whole identity. Both hold the pid in {@value #PID_BITS} bits ({@link #MAX_PID}, Linux's {@code PID_MAX_LIMIT}
 * less one), refuse any other pid with {@link IllegalArgumentException}, and use 0 for "nobody".
 * <p>
 * <b>Lock word</b> ({@link LockWord}): the owner's pid and a generation that every acquisition increments, so that
 * every acquisition's word is distinct (a waiter never mistakes a new owner for the one it timed, and a release by
 * an acquisition that was taken over fails). The owner's start time sits in a field beside the word, confirmed by a
 * release store of the word into a third field ({@link LockWord}). Bit 63 is never stored: an acquire returns the
 * word with it set when it took the word over from a dead owner ({@link #TOOK_OVER}).
 * <pre>
 *   63 62          54 53                    32 31                                 0
 *  +--+--------------+------------------------+-----------------------------------+
 *  |T |   0 (9)      |       pid (22)         |       generation (32, wraps)      |
 *  +--+--------------+------------------------+-----------------------------------+
 *   T: {@link #TOOK_OVER}, only in a value an acquire returns. pid 0: free.
 * </pre>
 * <b>Identity word</b>: a process by itself, its pid and its start time in milliseconds since
 * {@value #START_EPOCH_MS} (2020-01-01T00:00:00Z), so that a reused pid is caught. A start time the OS does not
 * report, or one outside the 41 bits (before 2020, or after 2089), is stored as 0 and the identity is then judged by
 * pid alone, which can only err towards "alive".
 * <pre>
 *   63 62                                             22 21                     0
 *  +--+-------------------------------------------------+-----------------------+
 *  |0 |   start time, ms since 2020-01-01 (41)          |       pid (22)        |
 *  +--+-------------------------------------------------+-----------------------+
 *   0: nobody (pid 0 is never stored).
 * </pre>
 * A third form is not a word: a bare pid of {@value #PID_BITS} bits inside a record (a queue slot's state word, a
 * ring record's type field), judged with the start time a structure's {@link OwnerTable} recorded for it. Region
 * headers record their creator as two plain fields (pid, start time), written once before the region is published.
 * <p>
 * Decoders accept any stored value (a corrupt word decodes to a pid no process has); encoders validate.
 */
public final class OwnerWords
{
    /** Bits of a pid in every owner word and record. */
    public static final int PID_BITS = 22;
    /** Largest pid an owner word holds: {@code 2^22 - 1} (Linux pids are below {@code PID_MAX_LIMIT = 2^22}). */
    public static final long MAX_PID = (1L << PID_BITS) - 1;

    /** Set only in the value an acquire of a lock word returns when it took the word over; never stored. */
    public static final long TOOK_OVER = Long.MIN_VALUE;
    /** Bit of the lock word where the pid starts; the generation sits below. */
    public static final int LOCK_PID_SHIFT = 32;

    /** Epoch of identity-word start times: 2020-01-01T00:00:00Z in ms since 1970. */
    public static final long START_EPOCH_MS = 1_577_836_800_000L;
    /** Bits of an identity word's start time. */
    public static final int START_BITS = 41;
    /** Largest start time an identity word holds, in ms since {@link #START_EPOCH_MS}. */
    public static final long MAX_START_OFFSET_MS = (1L << START_BITS) - 1;

    private OwnerWords()
    {
    }

    /**
     * @param pid a pid to record.
     * @return the pid, when 1 to {@link #MAX_PID}.
     * @throws IllegalArgumentException otherwise, naming the pid.
     */
    public static long checkPid(final long pid)
    {
        if (pid < 1 || pid > MAX_PID)
        {
            throw new IllegalArgumentException("pid out of range: pid=" + pid + ", min=1, max=" + MAX_PID);
        }
        return pid;
    }

    /**
     * @return this process's pid.
     * @throws IllegalStateException when it does not fit an owner word (not on Linux).
     */
    public static int selfPid()
    {
        final long pid = ProcessIdentity.current().pid();
        if (pid < 1 || pid > MAX_PID)
        {
            throw new IllegalStateException("pid does not fit an owner word: pid=" + pid + ", max=" + MAX_PID);
        }
        return (int)pid;
    }

    /**
     * @param pid        owner pid, 0 for free, else 1 to {@link #MAX_PID}.
     * @param generation generation; its low 32 bits are kept (generations count modulo 2^32).
     * @return the lock word.
     * @throws IllegalArgumentException when the pid is out of range.
     */
    public static long lockWord(final long pid, final long generation)
    {
        if (pid != 0)
        {
            checkPid(pid);
        }
        return (pid << LOCK_PID_SHIFT) | (generation & 0xFFFF_FFFFL);
    }

    /**
     * @param word a lock word, or a value an acquire returned.
     * @return its owner pid, 0 when free.
     */
    public static long lockPid(final long word)
    {
        return (word & ~TOOK_OVER) >>> LOCK_PID_SHIFT;
    }

    /**
     * @param word a lock word.
     * @return its generation.
     */
    public static int lockGeneration(final long word)
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
     * @param pid         a pid, 1 to {@link #MAX_PID}.
     * @param startTimeMs its start time in epoch ms, or {@link ProcessIdentity#UNKNOWN_START}; one the word cannot
     *                    hold is stored as unknown.
     * @return the identity word, never 0.
     * @throws IllegalArgumentException when the pid is out of range.
     */
    public static long identity(final long pid, final long startTimeMs)
    {
        checkPid(pid);
        final long offsetMs = startTimeMs - START_EPOCH_MS; // overflow for huge values is caught by the sign test
        final boolean fits = startTimeMs != ProcessIdentity.UNKNOWN_START && startTimeMs > START_EPOCH_MS &&
            offsetMs > 0 && offsetMs <= MAX_START_OFFSET_MS;
        return ((fits ? offsetMs : 0) << PID_BITS) | pid;
    }

    /**
     * @param identity a process's identity.
     * @return its identity word.
     * @throws IllegalArgumentException when its pid is out of range.
     */
    public static long identity(final ProcessIdentity identity)
    {
        return identity(identity.pid(), identity.startTimeMs());
    }

    /**
     * @return this process's identity word.
     * @throws IllegalStateException when its pid does not fit an owner word (not on Linux).
     */
    public static long selfIdentity()
    {
        return identity(selfPid(), ProcessIdentity.current().startTimeMs());
    }

    /**
     * @param identity an identity word.
     * @return its pid, 0 for nobody.
     */
    public static int identityPid(final long identity)
    {
        return (int)(identity & MAX_PID);
    }

    /**
     * @param identity an identity word.
     * @return its start time in epoch ms, or {@link ProcessIdentity#UNKNOWN_START} when not recorded.
     */
    public static long identityStartMs(final long identity)
    {
        final long offsetMs = (identity >>> PID_BITS) & MAX_START_OFFSET_MS;
        return offsetMs == 0 ? ProcessIdentity.UNKNOWN_START : offsetMs + START_EPOCH_MS;
    }
}

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
package dev.mmipc.queue;

import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.ProcessIdentity;
import org.agrona.concurrent.AtomicBuffer;

/**
 * Owner identities: a process id and its start time packed into one long, so that one atomic store or
 * compare-and-set records who holds a lease or a claim, and pid reuse is caught by the start time.
 * <pre>
 *   63 62                                               22 21              0
 *  +--+---------------------------------------------------+-----------------+
 *  |0 |  start time, ms since 2020-01-01 (41 bits)        |  pid (22 bits)  |
 *  +--+---------------------------------------------------+-----------------+
 * </pre>
 * 0 means "nobody". Linux pids are below 2^22 ({@code PID_MAX_LIMIT}); a start time the OS does not report,
 * or one before 2020, is stored as 0 and the identity is then judged by pid alone. Liveness is judged by the
 * namespace's {@link Liveness}: by the OS for a process of the judge's PID namespace, by its heartbeat for one in
 * another (containers sharing {@code /dev/shm}), where the same pid may name two processes.
 * <p>
 * The process table ({@link QueueDescriptor#PROCESS_TABLE_OFFSET}) holds the identities of the processes that
 * opened a queue, so that a bare pid found in a record or a slot can be matched with its start time.
 */
final class ProcessOwners
{
    static final int PID_BITS = 22;
    static final long PID_MASK = (1L << PID_BITS) - 1;
    static final long START_EPOCH_MS = 1_577_836_800_000L; // 2020-01-01T00:00:00Z
    static final long START_MASK = (1L << 41) - 1;

    private static final long SELF = pack(ProcessIdentity.current());

    private ProcessOwners()
    {
    }

    /**
     * @return the identity of this process.
     */
    static long self()
    {
        return SELF;
    }

    /**
     * @return this process's pid.
     */
    static int selfPid()
    {
        return pid(SELF);
    }

    static long pack(final ProcessIdentity identity)
    {
        final long pid = identity.pid();
        if (pid <= 0 || pid > PID_MASK)
        {
            throw new IllegalStateException(
                "process id does not fit a queue owner record: pid=" + pid + ", max=" + PID_MASK);
        }
        final long startMs = identity.startTimeMs() - START_EPOCH_MS;
        final long start = identity.startTimeMs() == ProcessIdentity.UNKNOWN_START || startMs <= 0 || startMs > START_MASK ?
            0 : startMs;
        return (start << PID_BITS) | pid;
    }

    static int pid(final long owner)
    {
        return (int)(owner & PID_MASK);
    }

    static long startTimeMs(final long owner)
    {
        final long start = owner >>> PID_BITS;
        return start == 0 ? ProcessIdentity.UNKNOWN_START : start + START_EPOCH_MS;
    }

    /**
     * @param liveness     the judge of the queue's namespace.
     * @param owner        an identity, not 0.
     * @param staleAfterNs the caller's liveness timeout (owners in another PID namespace).
     * @return true if that process (same pid, same start time where known) is alive.
     */
    static boolean isAlive(final Liveness liveness, final long owner, final long staleAfterNs)
    {
        return owner == SELF || liveness.isAlive(pid(owner), startTimeMs(owner), staleAfterNs);
    }

    /**
     * Record this process in a queue's process table, once: reuses its own entry, else a free one, else one
     * whose process is dead. When every entry belongs to a live process, nothing is recorded and bare pids of
     * this process will be judged by pid alone.
     *
     * @param control      the queue's control block.
     * @param liveness     the judge of the queue's namespace.
     * @param staleAfterNs the caller's liveness timeout.
     */
    static void register(final AtomicBuffer control, final Liveness liveness, final long staleAfterNs)
    {
        final long self = SELF;
        for (int i = 0; i < QueueDescriptor.PROCESS_TABLE_ENTRIES; i++)
        {
            if (control.getLongVolatile(entryOffset(i)) == self)
            {
                return;
            }
        }
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < QueueDescriptor.PROCESS_TABLE_ENTRIES; i++)
            {
                final int offset = entryOffset(i);
                final long entry = control.getLongVolatile(offset);
                // an entry with this pid but another start time may be a live process of another PID namespace:
                // reused, like any other, only once judged dead
                final boolean reusable = entry == 0 || (pass == 1 && !isAlive(liveness, entry, staleAfterNs));
                if (reusable && control.compareAndSetLong(offset, entry, self))
                {
                    clearDeadWithPid(control, liveness, staleAfterNs, i, pid(self));
                    return;
                }
            }
        }
    }

    /**
     * Is the process with this bare pid, as found in a record or a slot, alive? Judged with the start time
     * recorded in the process table when there is one.
     *
     * @param control      the queue's control block.
     * @param liveness     the judge of the queue's namespace.
     * @param pid          a pid, 0 when the owner is unknown.
     * @param staleAfterNs the caller's liveness timeout.
     * @return true if alive; false for 0.
     */
    static boolean isPidAlive(final AtomicBuffer control, final Liveness liveness, final int pid, final long staleAfterNs)
    {
        if (pid <= 0)
        {
            return false;
        }
        if (pid == selfPid())
        {
            return true;
        }
        boolean found = false;
        for (int i = 0; i < QueueDescriptor.PROCESS_TABLE_ENTRIES; i++)
        {
            final long entry = control.getLongVolatile(entryOffset(i));
            if (entry != 0 && pid(entry) == pid)
            {
                found = true;
                if (isAlive(liveness, entry, staleAfterNs))
                {
                    return true;
                }
            }
        }
        return !found && liveness.isAlive(pid, ProcessIdentity.UNKNOWN_START, staleAfterNs);
    }

    static int entryOffset(final int index)
    {
        return QueueDescriptor.PROCESS_TABLE_OFFSET + index * Long.BYTES;
    }

    private static void clearDeadWithPid(
        final AtomicBuffer control, final Liveness liveness, final long staleAfterNs, final int keep, final int pid)
    {
        for (int i = 0; i < QueueDescriptor.PROCESS_TABLE_ENTRIES; i++)
        {
            final int offset = entryOffset(i);
            final long entry = control.getLongVolatile(offset);
            // an older process with our pid is dead in our PID namespace, but may be alive in another: judged
            if (i != keep && entry != 0 && pid(entry) == pid && !isAlive(liveness, entry, staleAfterNs))
            {
                control.compareAndSetLong(offset, entry, 0L);
            }
        }
    }

    static String describe(final Liveness liveness, final long owner)
    {
        if (owner == 0)
        {
            return "none";
        }
        return "pid " + pid(owner) + (isAlive(liveness, owner, Liveness.DEFAULT_STALE_AFTER_NS) ? " (alive)" : " (dead)");
    }
}

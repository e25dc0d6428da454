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

import org.agrona.concurrent.AtomicBuffer;

/**
 * A small table of identity words ({@link OwnerWords}) in a structure's shared memory: the processes that opened it,
 * so that a bare pid found in one of its records (a queue slot's state word, a ring record's type field) is judged
 * with the start time its process recorded here, and a reused pid is caught.
 * <p>
 * Each entry is one 64-bit identity word, 0 when free, at {@code offset + 8 * i}. A process records itself once
 * ({@link #register}): it reuses its own entry, else a free one, else one whose process is judged dead. When every
 * entry belongs to a live process nothing is recorded, and bare pids of that process are judged by pid alone (which
 * can only err towards "alive").
 */
public final class OwnerTable
{
    private final AtomicBuffer buffer;
    private final int offset;
    private final int entries;
    private final Liveness liveness;
    private final long self;
    private final int selfPid;

    /**
     * @param buffer   the memory holding the table.
     * @param offset   offset of entry 0 (8-byte aligned).
     * @param entries  number of entries, at least 1.
     * @param liveness the judge of the namespace directory the structure is in.
     * @throws IllegalArgumentException when the table does not fit the buffer or has no entry.
     * @throws IllegalStateException    when this process's pid does not fit an owner word.
     */
    public OwnerTable(final AtomicBuffer buffer, final int offset, final int entries, final Liveness liveness)
    {
        if (entries < 1 || offset < 0 || (offset & (Long.BYTES - 1)) != 0 ||
            (long)offset + (long)entries * Long.BYTES > buffer.capacity())
        {
            throw new IllegalArgumentException("owner table out of bounds: offset=" + offset + ", entries=" + entries +
                ", capacity=" + buffer.capacity());
        }
        this.buffer = buffer;
        this.offset = offset;
        this.entries = entries;
        this.liveness = liveness;
        this.self = OwnerWords.selfIdentity();
        this.selfPid = OwnerWords.identityPid(self);
    }

    /**
     * @param offset offset of entry 0.
     * @param index  an entry index.
     * @return the offset of that entry.
     */
    public static int entryOffset(final int offset, final int index)
    {
        return offset + index * Long.BYTES;
    }

    /**
     * @return number of entries.
     */
    public int entries()
    {
        return entries;
    }

    /**
     * @param index an entry index.
     * @return the identity word there (volatile load), 0 when free.
     */
    public long entry(final int index)
    {
        return buffer.getLongVolatile(entryOffset(offset, index));
    }

    /**
     * Record this process in the table, once. See the class documentation.
     *
     * @param livenessTimeoutNs the caller's liveness timeout, to judge the owners of entries.
     */
    public void register(final long livenessTimeoutNs)
    {
        for (int i = 0; i < entries; i++)
        {
            if (entry(i) == self)
            {
                return;
            }
        }
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < entries; i++)
            {
                final long entry = entry(i);
                // an entry with this pid but another start time may be a live process of another PID namespace:
                // reused, like any other, only once judged dead
                final boolean reusable = entry == 0 || (pass == 1 && !liveness.isOwnerAlive(entry, livenessTimeoutNs));
                if (reusable && buffer.compareAndSetLong(entryOffset(offset, i), entry, self))
                {
                    clearDeadWithPid(livenessTimeoutNs, i);
                    return;
                }
            }
        }
    }

    /**
     * Is the process with this bare pid, as found in a record, alive? Judged with the start time recorded in the
     * table when there is one (alive if any entry with that pid is), by pid alone when none.
     *
     * @param pid               a pid, 0 when the owner is unknown.
     * @param livenessTimeoutNs the caller's liveness timeout.
     * @return true if alive; false for 0 or less.
     */
    public boolean isPidAlive(final int pid, final long livenessTimeoutNs)
    {
        if (pid <= 0)
        {
            return false;
        }
        if (pid == selfPid)
        {
            return true;
        }
        boolean found = false;
        for (int i = 0; i < entries; i++)
        {
            final long entry = entry(i);
            if (entry != 0 && OwnerWords.identityPid(entry) == pid)
            {
                found = true;
                if (liveness.isOwnerAlive(entry, livenessTimeoutNs))
                {
                    return true;
                }
            }
        }
        return !found && liveness.isAlive(pid, ProcessIdentity.UNKNOWN_START, livenessTimeoutNs);
    }

    private void clearDeadWithPid(final long livenessTimeoutNs, final int keep)
    {
        for (int i = 0; i < entries; i++)
        {
            final long entry = entry(i);
            // an older process with our pid is dead in our PID namespace, but may be alive in another: judged
            if (i != keep && entry != 0 && OwnerWords.identityPid(entry) == selfPid &&
                !liveness.isOwnerAlive(entry, livenessTimeoutNs))
            {
                buffer.compareAndSetLong(entryOffset(offset, i), entry, 0L);
            }
        }
    }
}

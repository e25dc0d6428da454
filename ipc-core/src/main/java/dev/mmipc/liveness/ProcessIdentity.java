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

import java.time.Instant;
import java.util.Optional;

/**
 * Who a process is: its pid and its start time, so that a reused pid is never mistaken for the process that
 * once had it.
 * <p>
 * Start times are milliseconds since the epoch as {@link ProcessHandle.Info#startInstant()} gives them (on Linux
 * derived from {@code /proc/PID/stat}); the same process always yields the same value, which is all
 * {@link #isAlive()} relies on. Pids are numbered by the process's own PID namespace, and the OS check
 * {@link #isAlive(long, long)} reads the judge's {@code /proc}: it answers only for processes of the judge's PID
 * namespace. Owners recorded in a namespace directory are judged by {@link Liveness}, which also knows owners in
 * other PID namespaces. Inside a PID namespace without a {@code /proc} of its own ({@code unshare --pid} without
 * {@code --mount-proc}) the start time of pid N is read from the host's {@code /proc/N}: the value is stable, so
 * it still identifies the process to {@link Liveness}, but it is not this process's real start time.
 *
 * @param pid         operating-system process id, in the process's own PID namespace.
 * @param startTimeMs process start time in epoch milliseconds, or {@link #UNKNOWN_START} if the OS did not say.
 */
public record ProcessIdentity(long pid, long startTimeMs)
{
    /** Start time stored when the OS does not report one; such an identity is judged by pid alone. */
    public static final long UNKNOWN_START = 0L;

    private static final ProcessIdentity CURRENT = of(ProcessHandle.current());

    /**
     * @return the identity of the running process.
     */
    public static ProcessIdentity current()
    {
        return CURRENT;
    }

    /**
     * @param handle a process.
     * @return its identity.
     */
    public static ProcessIdentity of(final ProcessHandle handle)
    {
        return new ProcessIdentity(handle.pid(), startTimeMs(handle));
    }

    /**
     * @param pid         a pid as recorded.
     * @param startTimeMs the start time recorded with it.
     * @return true if both are this process's (where the OS reports no start time for this process, the pid
     * alone decides).
     */
    public static boolean isCurrent(final long pid, final long startTimeMs)
    {
        return pid == CURRENT.pid && startTimeMs == CURRENT.startTimeMs;
    }

    /**
     * The OS check, for a process of the caller's own PID namespace: is a process with that pid and the recorded
     * start time alive now?
     *
     * @param pid         a process id.
     * @param startTimeMs its start time, or {@link #UNKNOWN_START} to judge by pid alone.
     * @return true if a process with that pid and the recorded start time is alive now.
     */
    public static boolean isAlive(final long pid, final long startTimeMs)
    {
        if (pid <= 0)
        {
            return false;
        }
        final Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive())
        {
            return false;
        }
        if (startTimeMs == UNKNOWN_START)
        {
            return true;
        }
        final long actualStartMs = startTimeMs(handle.get());
        return actualStartMs == UNKNOWN_START || actualStartMs == startTimeMs;
    }

    /**
     * @return true if this process is alive now (same pid, same start time), by the OS check.
     */
    public boolean isAlive()
    {
        return isAlive(pid, startTimeMs);
    }

    private static long startTimeMs(final ProcessHandle handle)
    {
        return handle.info().startInstant().map(Instant::toEpochMilli).orElse(UNKNOWN_START);
    }
}

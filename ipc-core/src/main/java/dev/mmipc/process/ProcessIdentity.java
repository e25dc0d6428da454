package dev.mmipc.process;

import java.time.Instant;
import java.util.Optional;

/**
 * Who a process is: its pid and its start time, so that a reused pid is never mistaken for the
 * process that once had it.
 * <p>
 * Start times are milliseconds since the epoch as {@link ProcessHandle.Info#startInstant()} gives
 * them (on Linux derived from {@code /proc/PID/stat}); the same process always yields the same
 * value, which is all {@link #isAlive()} relies on.
 *
 * @param pid         operating-system process id.
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
     * @param pid a process id.
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
     * @return true if this process is alive now (same pid, same start time).
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

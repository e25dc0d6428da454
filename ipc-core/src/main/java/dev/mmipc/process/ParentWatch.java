package dev.mmipc.process;

import dev.mmipc.liveness.ProcessIdentity;

import java.util.concurrent.locks.LockSupport;

/**
 * The thread with which a daemon child watches its parent and halts once the parent is gone.
 * <p>
 * The parent's pid and start time come from the command line ({@code -Dmmipc.parent=PID:START}), so a reused
 * pid is not mistaken for the parent. {@link Runtime#halt(int)} ends the child at once, as the parent's
 * {@code kill -9} would have if the OS propagated it: shutdown hooks do not run (a hook waiting on shared
 * state the dead parent held could otherwise keep the orphan alive).
 */
final class ParentWatch
{
    private static boolean started;

    private ParentWatch()
    {
    }

    static synchronized void start()
    {
        if (started)
        {
            return;
        }
        final ProcessIdentity parent = JvmProcess.parentIdentity().orElse(null);
        if (parent == null)
        {
            return;
        }
        started = true;
        final Thread thread = new Thread(() -> watch(parent), "mmipc-parent-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private static void watch(final ProcessIdentity parent)
    {
        final long periodNs = JvmProcess.PARENT_POLL_MS * 1_000_000L;
        while (parent.isAlive())
        {
            LockSupport.parkNanos(periodNs);
        }
        System.err.println("mmipc child: parent died, exiting: parent_pid=" + parent.pid() + ", pid=" +
            ProcessHandle.current().pid());
        Runtime.getRuntime().halt(JvmProcess.EXIT_PARENT_DIED);
    }
}

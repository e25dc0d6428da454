package dev.mmipc;

/**
 * A pool worker process died while it held a task: the task's future fails with this exception, which names
 * the worker's pid and exit code ({@code -N} when signal N killed it, as in Python).
 */
public class WorkerDiedException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /** @serial pid of the worker that died */
    private final long pid;
    /** @serial its exit code, -N when signal N killed it */
    private final int exitCode;

    /**
     * @param message  what happened, in {@code what: key=value} form.
     * @param pid      the worker's pid.
     * @param exitCode its exit code, negative for a signal.
     */
    public WorkerDiedException(final String message, final long pid, final int exitCode)
    {
        super(message);
        this.pid = pid;
        this.exitCode = exitCode;
    }

    /**
     * @return the dead worker's pid.
     */
    public long pid()
    {
        return pid;
    }

    /**
     * @return its exit code: the status it exited with, or {@code -N} when signal N killed it.
     */
    public int exitCode()
    {
        return exitCode;
    }
}

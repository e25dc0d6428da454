package dev.mmipc;

/**
 * The allocation lock of a {@code SharedCounters} region could not be taken: a live process held it past the
 * lock timeout, or the waiting thread was interrupted. A dead holder never causes this: it is taken over
 * after the liveness timeout. The message names the region and the holder's pid.
 */
public class CountersLockException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public CountersLockException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public CountersLockException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package dev.mmipc;

/**
 * A {@code BoundedSemaphore} was released more times than it was acquired, past its bound (Python's
 * {@code ValueError}). The message names the region and the bound.
 */
public class SemaphoreBoundException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public SemaphoreBoundException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public SemaphoreBoundException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

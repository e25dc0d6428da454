package dev.mmipc;

/**
 * A pipe's other end is closed or its process has died, so a message sent could never be received (Python's
 * {@code BrokenPipeError}). The message names the pipe and the end.
 */
public class BrokenPipeException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public BrokenPipeException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public BrokenPipeException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package dev.mmipc;

/**
 * Root of every exception mmipc throws for misuse or broken shared state.
 * <p>
 * Messages follow one form, lower case: {@code what: key=value, key=value}, naming the region or
 * directory concerned, so that a log line says what was wrong without a debugger.
 */
public class MmipcException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public MmipcException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public MmipcException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

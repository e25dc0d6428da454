package dev.mmipc;

/**
 * A region name outside {@code [A-Za-z0-9][A-Za-z0-9._-]{0,127}}: path separators, {@code ..}, a leading dot, empty or too long.
 */
public class InvalidNameException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public InvalidNameException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public InvalidNameException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

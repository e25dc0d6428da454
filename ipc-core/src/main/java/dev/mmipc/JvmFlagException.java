package dev.mmipc;

/**
 * The JVM lacks a flag mmipc needs; the message names the exact flag to add.
 */
public class JvmFlagException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public JvmFlagException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public JvmFlagException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package dev.mmipc;

/**
 * The namespace directory cannot be used safely: owned by another user, writable by group or others, not a directory, or not creatable.
 */
public class NamespaceException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public NamespaceException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public NamespaceException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

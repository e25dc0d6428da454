package dev.mmipc;

/**
 * {@code open} found no region of that name in the namespace.
 */
public class RegionNotFoundException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public RegionNotFoundException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RegionNotFoundException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

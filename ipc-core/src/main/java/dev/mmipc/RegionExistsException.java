package dev.mmipc;

/**
 * {@code create} found the name already taken in the namespace.
 */
public class RegionExistsException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public RegionExistsException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RegionExistsException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package dev.mmipc;

/**
 * Base of every failure of the checks {@code open} makes on a region file; each check has its own subtype.
 */
public class RegionFormatException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public RegionFormatException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RegionFormatException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

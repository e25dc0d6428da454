package dev.mmipc;

/**
 * The region file has a major layout version this library does not read.
 */
public class RegionVersionException extends RegionFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public RegionVersionException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RegionVersionException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package dev.mmipc;

/**
 * The region file does not start with mmipc's magic: not an mmipc region, or overwritten.
 */
public class RegionMagicException extends RegionFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public RegionMagicException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RegionMagicException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package dev.mmipc;

/**
 * The region file is shorter than the fixed header.
 */
public class RegionTooShortException extends RegionFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public RegionTooShortException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RegionTooShortException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

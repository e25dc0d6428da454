package dev.mmipc;

/**
 * The region's state never became ready within the open timeout: its creator died while creating it, or the file was written by something else.
 */
public class RegionNotReadyException extends RegionFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public RegionNotReadyException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RegionNotReadyException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package dev.mmipc;

/**
 * Header length or payload length recorded in the header do not fit in the file.
 */
public class RegionLengthException extends RegionFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public RegionLengthException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RegionLengthException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

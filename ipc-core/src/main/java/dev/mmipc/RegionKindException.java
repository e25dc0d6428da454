package dev.mmipc;

/**
 * The region is of another kind than the one asked for (e.g. a queue opened as a long array), or of a kind code this library does not know.
 */
public class RegionKindException extends RegionFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public RegionKindException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RegionKindException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

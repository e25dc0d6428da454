package dev.mmipc;

/**
 * A kind-specific parameter in the header is invalid (e.g. a capacity that is not a power of two), or differs from what {@code openOrCreate} asked for.
 */
public class RegionParameterException extends RegionFormatException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public RegionParameterException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RegionParameterException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package dev.mmipc;

/**
 * An I/O failure while creating, mapping or removing a region file, e.g. a full tmpfs ("no space left on device").
 */
public class RegionIoException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public RegionIoException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RegionIoException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

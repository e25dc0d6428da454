package dev.mmipc;

/**
 * Every counter of a {@code SharedCounters} region is allocated: none can be allocated until one is freed.
 * The message names the region and its capacity: {@code counters full: name=..., capacity=...}.
 */
public class CountersFullException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public CountersFullException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public CountersFullException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

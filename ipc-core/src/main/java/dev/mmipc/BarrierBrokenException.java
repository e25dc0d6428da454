package dev.mmipc;

/**
 * A {@code Barrier} is broken (a party timed out, was interrupted, its action failed, or the barrier was reset
 * or aborted): Python's {@code BrokenBarrierError}. The barrier stays broken until reset.
 */
public class BarrierBrokenException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     */
    public BarrierBrokenException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public BarrierBrokenException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package dev.mmipc.queue;

import dev.mmipc.MmipcException;

/**
 * End of stream: the queue was marked closed with {@link MessageQueue#markClosed()}.
 * <p>
 * Producers get it from every {@code offer}, {@code put} and {@code tryClaim} after the mark. Consumers
 * get it only once the queue is also empty: every message committed before the mark is delivered first.
 */
public class QueueClosedException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, in {@code what: key=value} form.
     */
    public QueueClosedException(final String message)
    {
        super(message);
    }
}

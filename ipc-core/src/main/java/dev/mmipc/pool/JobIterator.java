package dev.mmipc.pool;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The iterator of {@code imap} and {@code imapUnordered}, over a {@link MapJob}'s results.
 *
 * @param <R> result type.
 */
final class JobIterator<R> implements ResultIterator<R>
{
    private final MapJob job;

    JobIterator(final MapJob job)
    {
        this.job = job;
    }

    @Override
    public boolean hasNext()
    {
        try
        {
            return job.hasNext();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a pool result");
        }
    }

    @Override
    public R next()
    {
        try
        {
            return next(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a pool result");
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("unreachable: no timeout", ex);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public R next(final long timeout, final TimeUnit unit) throws TimeoutException, InterruptedException
    {
        return (R)job.next(unit.toNanos(timeout));
    }
}

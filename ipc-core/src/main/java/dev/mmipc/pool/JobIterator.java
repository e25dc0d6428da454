/*
 * Copyright © 2026 the mmipc authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
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

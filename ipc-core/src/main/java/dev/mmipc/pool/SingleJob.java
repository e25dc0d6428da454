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

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code apply}, {@code submit}: one task, one future.
 */
final class SingleJob extends PoolJob
{
    final CompletableFuture<Object> future = new CompletableFuture<>();

    /** The T_TASK message's image, function inline, task id 0. */
    final byte[] message;

    /** What the caller passed: returned by {@code shutdownNow()} if it never started. */
    final Object original;

    SingleJob(final byte[] message, final Object original)
    {
        this.message = message;
        this.original = original;
    }

    /**
     * @return what {@code shutdownNow()} returns for this job if it never ran: the caller's
     * {@link java.util.concurrent.Callable} or {@link Runnable} as a {@link Runnable}; null for a
     * {@link TaskCallable} or a function, which the {@link java.util.concurrent.ExecutorService} API never took.
     */
    Runnable asRunnable()
    {
        if (original instanceof Callable)
        {
            final Callable<?> callable = (Callable<?>)original;
            return () ->
            {
                try
                {
                    callable.call();
                }
                catch (final Exception ex)
                {
                    throw rethrow(ex);
                }
            };
        }
        if (original instanceof Runnable)
        {
            return (Runnable)original;
        }
        return null;
    }

    @Override
    boolean isDone()
    {
        return future.isDone();
    }

    @Override
    boolean isComplete()
    {
        return future.isDone();
    }

    @Override
    void fail(final Throwable failure)
    {
        future.completeExceptionally(failure);
    }
}

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
package dev.mmipc.test;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One call that must return or throw within a bound: run on a daemon thread of its own, so that a call that never
 * returns fails the test (threads dumped first) instead of hanging it. The thread of a call that overran is left
 * to finish on its own (a daemon: it cannot keep the JVM alive).
 *
 * @param <T> what the call returns.
 */
public final class BoundedCall<T>
{
    private final T value;
    private final Throwable failure;
    private final long elapsedNs;

    private BoundedCall(final T value, final Throwable failure, final long elapsedNs)
    {
        this.value = value;
        this.failure = failure;
        this.elapsedNs = elapsedNs;
    }

    /**
     * Run a call, waiting for its outcome at most {@code bound}.
     *
     * @param what     names the call in the failure message.
     * @param bound    how long it may take.
     * @param call     the call.
     * @param children child JVMs whose threads to dump too when the bound passes.
     * @param <T>      what the call returns.
     * @return its outcome: a value or a failure, and how long it took.
     * @throws AssertionError when it did not return or throw within the bound.
     */
    public static <T> BoundedCall<T> run(
        final String what, final Duration bound, final Callable<T> call, final ChildJvm... children)
    {
        final long[] elapsed = new long[1];
        final FutureTask<T> task = new FutureTask<>(() ->
        {
            final long startNs = System.nanoTime();
            try
            {
                return call.call();
            }
            finally
            {
                elapsed[0] = System.nanoTime() - startNs;
            }
        });
        final Thread thread = new Thread(task, "bounded-call: " + what);
        thread.setDaemon(true);
        thread.start();
        try
        {
            return new BoundedCall<>(ThreadDumps.get(what, bound, task, children), null, elapsed[0]);
        }
        catch (final ExecutionException ex)
        {
            return new BoundedCall<>(null, ex.getCause(), elapsed[0]);
        }
    }

    /**
     * @return the value the call returned.
     * @throws AssertionError when it threw.
     */
    public T value()
    {
        if (failure != null)
        {
            throw new AssertionError("call threw: " + failure, failure);
        }
        return value;
    }

    /**
     * @param type the expected type.
     * @param <E>  the type.
     * @return what the call threw.
     * @throws AssertionError when it returned, or threw something else.
     */
    public <E extends Throwable> E failure(final Class<E> type)
    {
        if (!type.isInstance(failure))
        {
            throw new AssertionError("expected " + type.getName() + ", call " +
                (failure == null ? "returned " + value : "threw " + failure), failure);
        }
        return type.cast(failure);
    }

    /**
     * @return what the call threw, or null when it returned.
     */
    public Throwable failureOrNull()
    {
        return failure;
    }

    /**
     * @return nanoseconds the call took.
     */
    public long elapsedNs()
    {
        return elapsedNs;
    }
}

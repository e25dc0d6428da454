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

/**
 * What a caller submitted to the pool: a {@link SingleJob} ({@code apply}, {@code submit}) or a {@link MapJob}
 * ({@code map}, {@code imap}, {@code starmap}). Caller threads create it; the dispatcher cuts it into
 * {@link WorkUnit}s and completes it.
 */
abstract class PoolJob
{
    /** Dispatcher only: the job has been counted out of the dispatcher's active jobs. */
    boolean counted;

    /**
     * @return true once the job has failed, or delivered all it will deliver.
     */
    abstract boolean isDone();

    /**
     * @return true once every result has arrived and none failed.
     */
    abstract boolean isComplete();

    /**
     * @param failure what the caller sees; the first failure wins.
     */
    abstract void fail(Throwable failure);

    /**
     * @param failure a task's failure.
     * @return never: throws it as it is when unchecked, wrapped in {@link IllegalStateException} when checked.
     */
    static RuntimeException rethrow(final Throwable failure)
    {
        if (failure instanceof RuntimeException)
        {
            throw (RuntimeException)failure;
        }
        if (failure instanceof Error)
        {
            throw (Error)failure;
        }
        throw new IllegalStateException("pool task failed: error=" + failure, failure);
    }
}

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

import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Results of {@link ProcessPool#imap} and {@link ProcessPool#imapUnordered}, as they arrive.
 * {@link #hasNext()} and {@link #next()} wait without bound, as Python's do; {@link #next(long, TimeUnit)}
 * waits at most the timeout. A task's failure is thrown from the call that reaches it.
 *
 * @param <R> result type.
 */
public interface ResultIterator<R> extends Iterator<R>
{
    /**
     * @param timeout bound on the wait.
     * @param unit    its unit.
     * @return the next result.
     * @throws TimeoutException                   when no result arrived in time.
     * @throws InterruptedException               when interrupted while waiting.
     * @throws java.util.NoSuchElementException   when every result has been returned.
     * @throws dev.mmipc.exceptions.RemoteTaskException      when the task that computes it threw.
     * @throws dev.mmipc.exceptions.WorkerDiedException      when its worker died while running it.
     */
    R next(long timeout, TimeUnit unit) throws TimeoutException, InterruptedException;
}

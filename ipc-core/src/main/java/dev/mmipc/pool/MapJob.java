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

import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code map}, {@code imap}, {@code starmap}: a lazy source cut into chunks, results gathered in order or as they
 * come. The dispatcher writes; iterators read, under the job's monitor.
 */
final class MapJob extends PoolJob
{
    final int fnId;
    final byte[] fnBytes;
    final byte call;
    final Iterator<?> source;
    final int chunkSize;
    final boolean ordered;
    final CompletableFuture<List<Object>> whole;
    final List<WorkerState> workersWithFn = new ArrayList<>();
    int functionDeaths; // dispatcher only: workers that died decoding fnBytes

    private final Map<Integer, List<Object>> early = new HashMap<>();
    private final Deque<Object> results = new LinkedList<>(); // results may be null: ArrayDeque refuses them
    private int chunks;
    private int chunksDone;
    private int nextChunk;
    private boolean sourceDone;
    private Throwable failure;

    /**
     * @param fnId      the function's id, sent once per worker.
     * @param fnBytes   the serialized function.
     * @param call      {@link PoolMessageDescriptor#APPLY} or {@link PoolMessageDescriptor#STAR}.
     * @param source    the items, read lazily by the dispatcher.
     * @param chunkSize items per task.
     * @param ordered   results in item order (else in order of completion).
     * @param collect   gather every result into {@link #whole} (else hand them to an iterator).
     */
    MapJob(
        final int fnId, final byte[] fnBytes, final byte call, final Iterator<?> source, final int chunkSize,
        final boolean ordered, final boolean collect)
    {
        this.fnId = fnId;
        this.fnBytes = fnBytes;
        this.call = call;
        this.source = source;
        this.chunkSize = chunkSize;
        this.ordered = ordered;
        this.whole = collect ? new CompletableFuture<>() : null;
    }

    synchronized int newChunk()
    {
        return chunks++;
    }

    synchronized void sourceDone()
    {
        sourceDone = true;
        completeIfDone();
        notifyAll();
    }

    synchronized void onChunk(final int chunk, final List<Object> values)
    {
        if (failure != null)
        {
            return;
        }
        if (ordered)
        {
            early.put(chunk, values);
            List<Object> next;
            while ((next = early.remove(nextChunk)) != null)
            {
                results.addAll(next);
                nextChunk++;
            }
        }
        else
        {
            results.addAll(values);
        }
        chunksDone++;
        completeIfDone();
        notifyAll();
    }

    private void completeIfDone()
    {
        if (whole != null && isComplete())
        {
            whole.complete(new ArrayList<>(results));
            results.clear();
        }
    }

    @Override
    synchronized boolean isComplete()
    {
        return sourceDone && chunksDone == chunks && failure == null;
    }

    @Override
    synchronized boolean isDone()
    {
        return failure != null || (whole != null && whole.isDone());
    }

    @Override
    synchronized void fail(final Throwable failure)
    {
        if (this.failure == null)
        {
            this.failure = failure;
            if (whole != null)
            {
                whole.completeExceptionally(failure);
            }
        }
        notifyAll();
    }

    synchronized Object next(final long timeoutNs) throws InterruptedException, TimeoutException
    {
        final long deadline = System.nanoTime() + timeoutNs;
        while (results.isEmpty())
        {
            if (failure != null)
            {
                throw rethrow(failure);
            }
            if (sourceDone && chunksDone == chunks)
            {
                throw new NoSuchElementException("no more results");
            }
            if (timeoutNs == Long.MAX_VALUE)
            {
                wait();
                continue;
            }
            final long left = deadline - System.nanoTime();
            if (left <= 0)
            {
                throw new TimeoutException("no result in time: timeout_ns=" + timeoutNs);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return results.pollFirst();
    }

    synchronized boolean hasNext() throws InterruptedException
    {
        while (results.isEmpty() && failure == null && !(sourceDone && chunksDone == chunks))
        {
            wait();
        }
        return !results.isEmpty() || failure != null;
    }
}

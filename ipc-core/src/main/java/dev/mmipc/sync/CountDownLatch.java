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
package dev.mmipc.sync;

import dev.mmipc.Namespace;

import java.util.concurrent.TimeUnit;

import static dev.mmipc.sync.SyncDescriptor.STATE_OFFSET;

/**
 * A count that processes wait to reach zero, shared by name: a cross-process
 * {@link java.util.concurrent.CountDownLatch}.
 * <pre>{@code
 * try (CountDownLatch started = CountDownLatch.openOrCreate(ns, "started", 3))
 * {
 *     started.countDown();                    // in each of three workers
 *     started.await(30, TimeUnit.SECONDS);    // in the coordinator
 * }
 * }</pre>
 * The count never goes below zero and cannot be reset. A process that dies before counting down never
 * counts down: wait with a timeout.
 */
public final class CountDownLatch extends SyncPrimitive
{

    private CountDownLatch(final SyncRegion sync)
    {
        super(sync);
    }

    /**
     * @param ns    namespace.
     * @param name  region name.
     * @param count initial count, not negative.
     * @return a new latch.
     */
    public static CountDownLatch create(final Namespace ns, final String name, final long count)
    {
        return create(ns, name, count, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param count   initial count, not negative.
     * @param options wait strategy of this handle.
     * @return a new latch.
     */
    public static CountDownLatch create(final Namespace ns, final String name, final long count, final SyncOptions options)
    {
        return new CountDownLatch(SyncRegion.create(ns, name, SyncType.COUNT_DOWN_LATCH, check(name, count), 0, options));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return the latch.
     */
    public static CountDownLatch open(final Namespace ns, final String name)
    {
        return open(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options wait strategy of this handle.
     * @return the latch.
     */
    public static CountDownLatch open(final Namespace ns, final String name, final SyncOptions options)
    {
        return new CountDownLatch(SyncRegion.open(ns, name, SyncType.COUNT_DOWN_LATCH, options));
    }

    /**
     * @param ns    namespace.
     * @param name  region name.
     * @param count initial count when created; an existing one must have been created with the same.
     * @return the latch.
     */
    public static CountDownLatch openOrCreate(final Namespace ns, final String name, final long count)
    {
        return new CountDownLatch(SyncRegion.openOrCreate(
            ns, name, SyncType.COUNT_DOWN_LATCH, check(name, count), 0, SyncOptions.defaults()));
    }

    /**
     * Count down by one, unless already zero.
     */
    public void countDown()
    {
        sync.checkOpen();
        while (true)
        {
            final long count = sync.payload.getLongVolatile(STATE_OFFSET);
            if (count <= 0 || sync.payload.compareAndSetLong(STATE_OFFSET, count, count - 1)) // volatile: release
            {
                return;
            }
        }
    }

    /**
     * @return the count now.
     */
    public long getCount()
    {
        sync.checkOpen();
        return sync.payload.getLongVolatile(STATE_OFFSET);
    }

    /**
     * Wait until the count is zero, as long as it takes.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public void await() throws InterruptedException
    {
        await(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    /**
     * @param timeout bound on the wait.
     * @param unit    unit of {@code timeout}.
     * @return true if the count reached zero, false on timeout.
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean await(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        sync.checkOpen();
        return sync.options.waitStrategy().awaitNanos(
            () -> sync.payload.getLongVolatile(STATE_OFFSET) <= 0, unit.toNanos(timeout)); // volatile: acquire
    }

    @Override
    public String toString()
    {
        return "CountDownLatch{name=" + sync.name + ", closed=" + isClosed() + '}';
    }

    private static long check(final String name, final long count)
    {
        if (count < 0)
        {
            throw new IllegalArgumentException("latch count negative: name=" + name + ", count=" + count);
        }
        return count;
    }
}

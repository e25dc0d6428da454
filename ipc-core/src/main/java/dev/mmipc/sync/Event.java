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
 * A flag that processes wait for: Python's {@code multiprocessing.Event}.
 * <pre>{@code
 * try (Event go = Event.openOrCreate(ns, "go"))
 * {
 *     if (go.await(10, TimeUnit.SECONDS)) { run(); } // in the waiters
 *     go.set();                                     // in the starter: wakes every waiter
 * }
 * }</pre>
 * The state word holds the flag in bit 0 and a generation above it that every {@link #set()} of a clear
 * event advances, so a waiter wakes for a set even when the event is cleared again before it looks, as
 * Python's {@code Event} promises. A dead process leaves nothing to recover: the flag is all the state.
 */
public final class Event extends SyncPrimitive
{

    private Event(final SyncRegion sync)
    {
        super(sync);
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return a new, clear event.
     */
    public static Event create(final Namespace ns, final String name)
    {
        return create(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options wait strategy of this handle.
     * @return a new, clear event.
     */
    public static Event create(final Namespace ns, final String name, final SyncOptions options)
    {
        return new Event(SyncRegion.create(ns, name, SyncType.EVENT, 0, 0, options));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return the event.
     */
    public static Event open(final Namespace ns, final String name)
    {
        return open(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options wait strategy of this handle.
     * @return the event.
     */
    public static Event open(final Namespace ns, final String name, final SyncOptions options)
    {
        return new Event(SyncRegion.open(ns, name, SyncType.EVENT, options));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return the event, created clear when missing.
     */
    public static Event openOrCreate(final Namespace ns, final String name)
    {
        return openOrCreate(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options wait strategy of this handle.
     * @return the event, created clear when missing.
     */
    public static Event openOrCreate(final Namespace ns, final String name, final SyncOptions options)
    {
        return new Event(SyncRegion.openOrCreate(ns, name, SyncType.EVENT, 0, 0, options));
    }

    /**
     * Set the flag, waking every waiter.
     */
    public void set()
    {
        sync.checkOpen();
        while (true)
        {
            final long word = sync.payload.getLongVolatile(STATE_OFFSET);
            if ((word & 1) != 0 ||
                sync.payload.compareAndSetLong(STATE_OFFSET, word, ((word >>> 1) + 1) << 1 | 1)) // volatile: release
            {
                return;
            }
        }
    }

    /**
     * Clear the flag.
     */
    public void clear()
    {
        sync.checkOpen();
        while (true)
        {
            final long word = sync.payload.getLongVolatile(STATE_OFFSET);
            if ((word & 1) == 0 || sync.payload.compareAndSetLong(STATE_OFFSET, word, word & ~1L))
            {
                return;
            }
        }
    }

    /**
     * @return true if set.
     */
    public boolean isSet()
    {
        sync.checkOpen();
        return (sync.payload.getLongVolatile(STATE_OFFSET) & 1) != 0; // volatile: acquire side of set
    }

    /**
     * Wait until set, as long as it takes.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public void await() throws InterruptedException
    {
        await(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    /**
     * Wait until set (or set and cleared again since the call began).
     *
     * @param timeout bound on the wait.
     * @param unit    unit of {@code timeout}.
     * @return true if the event was set, false on timeout (Python's {@code wait} result).
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean await(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        sync.checkOpen();
        final long start = sync.payload.getLongVolatile(STATE_OFFSET);
        if ((start & 1) != 0)
        {
            return true;
        }
        return sync.options.waitStrategy().awaitNanos(
            () -> sync.payload.getLongVolatile(STATE_OFFSET) != start, unit.toNanos(timeout));
    }

    @Override
    public String toString()
    {
        return "Event{name=" + sync.name + ", closed=" + isClosed() + '}';
    }
}

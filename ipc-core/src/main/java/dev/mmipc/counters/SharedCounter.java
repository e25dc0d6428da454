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
package dev.mmipc.counters;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * One counter allocated in a {@link SharedCounters} region: a 64-bit value in Agrona's values buffer, updated
 * through Agrona's {@link AtomicCounter} and visible live to every process that maps the region.
 * <p>
 * Memory ordering follows {@link AtomicCounter}: pair {@link #increment()}/{@link #set(long)} (volatile) with
 * {@link #get()}, the release forms with {@link #getAcquire()}, the opaque forms with {@link #getOpaque()}.
 * The release, opaque and plain read-modify-write forms are for a single writer thread; with several
 * writers (threads or processes) use the volatile forms.
 * <p>
 * {@link #close()} (or {@link #free()}) gives the id back; it frees the record only if it still holds this
 * allocation (same registration id), so a counter already freed by id through {@link SharedCounters#free(int)},
 * and perhaps handed out again, is left alone. Every call after close, or after its {@link SharedCounters}
 * handle was closed, throws {@link IllegalStateException}.
 */
public final class SharedCounter implements AutoCloseable
{
    private final SharedCounters counters;
    private final AtomicCounter counter;
    private final int id;
    private final long registrationId;
    private final int typeId;
    private final String label;
    private volatile boolean closed;

    SharedCounter(
        final SharedCounters counters,
        final AtomicBuffer values,
        final int id,
        final long registrationId,
        final int typeId,
        final String label)
    {
        this.counters = counters;
        this.counter = new AtomicCounter(values, id); // not connected to a CountersManager: free goes through ours
        this.id = id;
        this.registrationId = registrationId;
        this.typeId = typeId;
        this.label = label;
    }

    /**
     * @return the counter's id in its region.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return the label it was allocated with.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return the type id it was allocated with.
     */
    public int typeId()
    {
        return typeId;
    }

    /**
     * @return the registration id stored in its values record, unique in the region for each allocation.
     */
    public long registrationId()
    {
        return registrationId;
    }

    /**
     * @return the value, volatile load.
     */
    public long get()
    {
        checkOpen();
        return counter.get();
    }

    /**
     * @return the value, acquire load.
     */
    public long getAcquire()
    {
        checkOpen();
        return counter.getAcquire();
    }

    /**
     * @return the value, opaque load.
     */
    public long getOpaque()
    {
        checkOpen();
        return counter.getOpaque();
    }

    /**
     * @return the value, plain load.
     */
    public long getPlain()
    {
        checkOpen();
        return counter.getPlain();
    }

    /**
     * @param value new value, volatile store.
     */
    public void set(final long value)
    {
        checkOpen();
        counter.set(value);
    }

    /**
     * @param value new value, release store.
     */
    public void setRelease(final long value)
    {
        checkOpen();
        counter.setRelease(value);
    }

    /**
     * @param value new value, opaque store.
     */
    public void setOpaque(final long value)
    {
        checkOpen();
        counter.setOpaque(value);
    }

    /**
     * @param value new value, plain store.
     */
    public void setPlain(final long value)
    {
        checkOpen();
        counter.setPlain(value);
    }

    /**
     * Atomic increment, safe with several writers (volatile).
     *
     * @return the previous value.
     */
    public long increment()
    {
        checkOpen();
        return counter.increment();
    }

    /**
     * Single-writer increment: plain load, release store.
     *
     * @return the previous value.
     */
    public long incrementRelease()
    {
        checkOpen();
        return counter.incrementRelease();
    }

    /**
     * Single-writer increment: plain load, opaque store.
     *
     * @return the previous value.
     */
    public long incrementOpaque()
    {
        checkOpen();
        return counter.incrementOpaque();
    }

    /**
     * Atomic decrement, safe with several writers (volatile).
     *
     * @return the previous value.
     */
    public long decrement()
    {
        checkOpen();
        return counter.decrement();
    }

    /**
     * Atomic add, safe with several writers (volatile).
     *
     * @param delta amount to add.
     * @return the previous value.
     */
    public long getAndAdd(final long delta)
    {
        checkOpen();
        return counter.getAndAdd(delta);
    }

    /**
     * Single-writer add: plain load, release store.
     *
     * @param delta amount to add.
     * @return the previous value.
     */
    public long getAndAddRelease(final long delta)
    {
        checkOpen();
        return counter.getAndAddRelease(delta);
    }

    /**
     * Single-writer add: plain load, opaque store.
     *
     * @param delta amount to add.
     * @return the previous value.
     */
    public long getAndAddOpaque(final long delta)
    {
        checkOpen();
        return counter.getAndAddOpaque(delta);
    }

    /**
     * Atomic swap (volatile).
     *
     * @param value new value.
     * @return the previous value.
     */
    public long getAndSet(final long value)
    {
        checkOpen();
        return counter.getAndSet(value);
    }

    /**
     * Atomic compare-and-set (volatile).
     *
     * @param expected value expected.
     * @param update   value to store if the expected one is found.
     * @return true if stored.
     */
    public boolean compareAndSet(final long expected, final long update)
    {
        checkOpen();
        return counter.compareAndSet(expected, update);
    }

    /**
     * Single-writer maximum: store the proposed value if greater (plain load, plain store).
     *
     * @param proposed candidate value.
     * @return true if stored.
     */
    public boolean proposeMax(final long proposed)
    {
        checkOpen();
        return counter.proposeMax(proposed);
    }

    /**
     * Single-writer maximum: store the proposed value if greater (plain load, release store).
     *
     * @param proposed candidate value.
     * @return true if stored.
     */
    public boolean proposeMaxRelease(final long proposed)
    {
        checkOpen();
        return counter.proposeMaxRelease(proposed);
    }

    /**
     * Give the id back, as {@link #close()} does.
     *
     * @throws IllegalStateException when its {@link SharedCounters} handle is closed.
     */
    public void free()
    {
        counters.checkOpen();
        close();
    }

    /**
     * @return true once closed or freed.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Give the id back so it can be allocated again, if this allocation still holds it. Idempotent; when the
     * {@link SharedCounters} handle is already closed it only marks this counter closed.
     */
    @Override
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        if (!counters.isClosed())
        {
            counters.freeRecord(id, registrationId);
        }
    }

    @Override
    public String toString()
    {
        return "SharedCounter{region=" + counters.name() + ", id=" + id + ", label=" + label + ", closed=" + closed + '}';
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException(
                "counter closed: name=" + counters.name() + ", id=" + id + ", label=" + label);
        }
        counters.checkOpen();
    }
}

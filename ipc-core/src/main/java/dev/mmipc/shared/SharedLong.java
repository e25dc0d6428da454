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
package dev.mmipc.shared;

import dev.mmipc.Namespace;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import org.agrona.concurrent.AtomicBuffer;

import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * One 64-bit integer shared between processes by name: the JVM's {@code multiprocessing.Value('q')},
 * with the operations of {@link java.util.concurrent.atomic.AtomicLong}.
 * <pre>{@code
 * try (SharedLong hits = SharedLong.openOrCreate(ns, "hits"))
 * {
 *     hits.incrementAndGet();
 * }
 * }</pre>
 * Memory ordering is named as in {@link java.lang.invoke.VarHandle}: plain, opaque, acquire/release and
 * volatile; {@link #get()} and {@link #set(long)} are volatile, and every read-modify-write is volatile.
 * The value is naturally aligned in the mapping (see {@link SharedDescriptor}), so it is never torn.
 * <p>
 * A handle is for use by any number of threads; {@link #close()} must not race with calls on the same
 * handle. After close every call but {@link #name()}, {@link #isClosed()}, {@link #close()} and
 * {@link #unlink()} throws {@link IllegalStateException}.
 */
public final class SharedLong extends SharedHandle
{
    private static final int OFFSET = 0;

    private final AtomicBuffer buffer;

    private SharedLong(final Region region)
    {
        super(region);
        this.buffer = SharedRegions.view(region);
    }

    /**
     * Create a new shared long holding zero.
     *
     * @param ns   namespace.
     * @param name region name.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     */
    public static SharedLong create(final Namespace ns, final String name)
    {
        return create(ns, name, 0L);
    }

    /**
     * Create a new shared long; the value is in place before any other process can open it.
     *
     * @param ns      namespace.
     * @param name    region name.
     * @param initial initial value.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     */
    public static SharedLong create(final Namespace ns, final String name, final long initial)
    {
        return new SharedLong(SharedRegions.create(ns, name, RegionKind.LONG, 1, (payload) -> payload.putLong(OFFSET, initial)));
    }

    /**
     * Open an existing shared long.
     *
     * @param ns   namespace.
     * @param name region name.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionNotFoundException when there is no such region.
     * @throws dev.mmipc.exceptions.RegionKindException     when it is not a {@link RegionKind#LONG}.
     */
    public static SharedLong open(final Namespace ns, final String name)
    {
        return new SharedLong(SharedRegions.open(ns, name, RegionKind.LONG));
    }

    /**
     * Open the shared long, or create it holding zero.
     *
     * @param ns   namespace.
     * @param name region name.
     * @return the handle.
     */
    public static SharedLong openOrCreate(final Namespace ns, final String name)
    {
        return openOrCreate(ns, name, 0L);
    }

    /**
     * Open the shared long, or create it holding {@code initial}; an existing value is left as it is.
     *
     * @param ns      namespace.
     * @param name    region name.
     * @param initial value when created.
     * @return the handle.
     */
    public static SharedLong openOrCreate(final Namespace ns, final String name, final long initial)
    {
        return new SharedLong(
            SharedRegions.openOrCreate(ns, name, RegionKind.LONG, 1, (payload) -> payload.putLong(OFFSET, initial)));
    }

    /**
     * @return the value, plain load: no ordering, may be hoisted out of loops by the compiler.
     */
    public long getPlain()
    {
        region.checkOpen();
        return buffer.getLong(OFFSET);
    }

    /**
     * @param value the new value, plain store: no ordering.
     */
    public void setPlain(final long value)
    {
        region.checkOpen();
        buffer.putLong(OFFSET, value);
    }

    /**
     * @return the value, opaque load: coherent, not hoisted, no ordering with other variables.
     */
    public long getOpaque()
    {
        region.checkOpen();
        return buffer.getLongOpaque(OFFSET);
    }

    /**
     * @param value the new value, opaque store: pairs with {@link #getOpaque()}.
     */
    public void setOpaque(final long value)
    {
        region.checkOpen();
        buffer.putLongOpaque(OFFSET, value);
    }

    /**
     * @return the value, acquire load: later loads and stores are not moved before it; pairs with
     * {@link #setRelease(long)}.
     */
    public long getAcquire()
    {
        region.checkOpen();
        return buffer.getLongAcquire(OFFSET);
    }

    /**
     * @param value the new value, release store: earlier loads and stores are not moved after it.
     */
    public void setRelease(final long value)
    {
        region.checkOpen();
        buffer.putLongRelease(OFFSET, value);
    }

    /**
     * @return the value, volatile load.
     */
    public long get()
    {
        region.checkOpen();
        return buffer.getLongVolatile(OFFSET);
    }

    /**
     * @param value the new value, volatile store.
     */
    public void set(final long value)
    {
        region.checkOpen();
        buffer.putLongVolatile(OFFSET, value);
    }

    /**
     * @param delta to add.
     * @return the value before.
     */
    public long getAndAdd(final long delta)
    {
        region.checkOpen();
        return buffer.getAndAddLong(OFFSET, delta);
    }

    /**
     * @param delta to add.
     * @return the value after.
     */
    public long addAndGet(final long delta)
    {
        region.checkOpen();
        return buffer.getAndAddLong(OFFSET, delta) + delta;
    }

    /**
     * @return the value after adding one.
     */
    public long incrementAndGet()
    {
        region.checkOpen();
        return buffer.getAndAddLong(OFFSET, 1L) + 1L;
    }

    /**
     * @return the value before adding one.
     */
    public long getAndIncrement()
    {
        region.checkOpen();
        return buffer.getAndAddLong(OFFSET, 1L);
    }

    /**
     * @return the value after subtracting one.
     */
    public long decrementAndGet()
    {
        region.checkOpen();
        return buffer.getAndAddLong(OFFSET, -1L) - 1L;
    }

    /**
     * @return the value before subtracting one.
     */
    public long getAndDecrement()
    {
        region.checkOpen();
        return buffer.getAndAddLong(OFFSET, -1L);
    }

    /**
     * @param expected value expected.
     * @param value    new value.
     * @return true if the value was {@code expected} and is now {@code value}.
     */
    public boolean compareAndSet(final long expected, final long value)
    {
        region.checkOpen();
        return buffer.compareAndSetLong(OFFSET, expected, value);
    }

    /**
     * @param expected value expected.
     * @param value    new value.
     * @return the value found: {@code expected} when the exchange happened.
     */
    public long compareAndExchange(final long expected, final long value)
    {
        region.checkOpen();
        return buffer.compareAndExchangeLong(OFFSET, expected, value);
    }

    /**
     * @param value new value.
     * @return the value before.
     */
    public long getAndSet(final long value)
    {
        region.checkOpen();
        return buffer.getAndSetLong(OFFSET, value);
    }

    /**
     * @param function applied to the current value, perhaps more than once under contention: keep it
     *                 free of side effects.
     * @return the value after.
     */
    public long updateAndGet(final LongUnaryOperator function)
    {
        region.checkOpen();
        return SharedOps.updateLong(buffer, OFFSET, function, false);
    }

    /**
     * @param function applied to the current value, perhaps more than once: keep it free of side effects.
     * @return the value before.
     */
    public long getAndUpdate(final LongUnaryOperator function)
    {
        region.checkOpen();
        return SharedOps.updateLong(buffer, OFFSET, function, true);
    }

    /**
     * @param x        second operand.
     * @param function applied as {@code function(current, x)}, perhaps more than once: keep it free of side effects.
     * @return the value after.
     */
    public long accumulateAndGet(final long x, final LongBinaryOperator function)
    {
        region.checkOpen();
        return SharedOps.accumulateLong(buffer, OFFSET, x, function, false);
    }

    /**
     * @param x        second operand.
     * @param function applied as {@code function(current, x)}, perhaps more than once: keep it free of side effects.
     * @return the value before.
     */
    public long getAndAccumulate(final long x, final LongBinaryOperator function)
    {
        region.checkOpen();
        return SharedOps.accumulateLong(buffer, OFFSET, x, function, true);
    }

    @Override
    public String toString()
    {
        return "SharedLong{name=" + region.name() + ", closed=" + region.isClosed() + '}';
    }
}

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

import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * One 32-bit integer shared between processes by name: the JVM's {@code multiprocessing.Value('i')},
 * with the operations of {@link java.util.concurrent.atomic.AtomicInteger}.
 * <pre>{@code
 * try (SharedInt hits = SharedInt.openOrCreate(ns, "hits"))
 * {
 *     hits.incrementAndGet();
 * }
 * }</pre>
 * Memory ordering is named as in {@link java.lang.invoke.VarHandle}: plain, opaque, acquire/release and
 * volatile; {@link #get()} and {@link #set(int)} are volatile, and every read-modify-write is volatile.
 * The value is naturally aligned in the mapping (see {@link SharedDescriptor}), so it is never torn.
 * <p>
 * A handle is for use by any number of threads; {@link #close()} must not race with calls on the same
 * handle. After close every call but {@link #name()}, {@link #isClosed()}, {@link #close()} and
 * {@link #unlink()} throws {@link IllegalStateException}.
 */
public final class SharedInt extends SharedHandle
{
    private static final int OFFSET = 0;

    private final AtomicBuffer buffer;

    private SharedInt(final Region region)
    {
        super(region);
        this.buffer = SharedRegions.view(region);
    }

    /**
     * Create a new shared int holding zero.
     *
     * @param ns   namespace.
     * @param name region name.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     */
    public static SharedInt create(final Namespace ns, final String name)
    {
        return create(ns, name, 0);
    }

    /**
     * Create a new shared int; the value is in place before any other process can open it.
     *
     * @param ns      namespace.
     * @param name    region name.
     * @param initial initial value.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     */
    public static SharedInt create(final Namespace ns, final String name, final int initial)
    {
        return new SharedInt(SharedRegions.create(ns, name, RegionKind.INT, 1, (payload) -> payload.putInt(OFFSET, initial)));
    }

    /**
     * Open an existing shared int.
     *
     * @param ns   namespace.
     * @param name region name.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionNotFoundException when there is no such region.
     * @throws dev.mmipc.exceptions.RegionKindException     when it is not a {@link RegionKind#LONG}.
     */
    public static SharedInt open(final Namespace ns, final String name)
    {
        return new SharedInt(SharedRegions.open(ns, name, RegionKind.INT));
    }

    /**
     * Open the shared int, or create it holding zero.
     *
     * @param ns   namespace.
     * @param name region name.
     * @return the handle.
     */
    public static SharedInt openOrCreate(final Namespace ns, final String name)
    {
        return openOrCreate(ns, name, 0);
    }

    /**
     * Open the shared int, or create it holding {@code initial}; an existing value is left as it is.
     *
     * @param ns      namespace.
     * @param name    region name.
     * @param initial value when created.
     * @return the handle.
     */
    public static SharedInt openOrCreate(final Namespace ns, final String name, final int initial)
    {
        return new SharedInt(
            SharedRegions.openOrCreate(ns, name, RegionKind.INT, 1, (payload) -> payload.putInt(OFFSET, initial)));
    }

    /**
     * @return the value, plain load: no ordering, may be hoisted out of loops by the compiler.
     */
    public int getPlain()
    {
        region.checkOpen();
        return buffer.getInt(OFFSET);
    }

    /**
     * @param value the new value, plain store: no ordering.
     */
    public void setPlain(final int value)
    {
        region.checkOpen();
        buffer.putInt(OFFSET, value);
    }

    /**
     * @return the value, opaque load: coherent, not hoisted, no ordering with other variables.
     */
    public int getOpaque()
    {
        region.checkOpen();
        return buffer.getIntOpaque(OFFSET);
    }

    /**
     * @param value the new value, opaque store: pairs with {@link #getOpaque()}.
     */
    public void setOpaque(final int value)
    {
        region.checkOpen();
        buffer.putIntOpaque(OFFSET, value);
    }

    /**
     * @return the value, acquire load: later loads and stores are not moved before it; pairs with
     * {@link #setRelease(int)}.
     */
    public int getAcquire()
    {
        region.checkOpen();
        return buffer.getIntAcquire(OFFSET);
    }

    /**
     * @param value the new value, release store: earlier loads and stores are not moved after it.
     */
    public void setRelease(final int value)
    {
        region.checkOpen();
        buffer.putIntRelease(OFFSET, value);
    }

    /**
     * @return the value, volatile load.
     */
    public int get()
    {
        region.checkOpen();
        return buffer.getIntVolatile(OFFSET);
    }

    /**
     * @param value the new value, volatile store.
     */
    public void set(final int value)
    {
        region.checkOpen();
        buffer.putIntVolatile(OFFSET, value);
    }

    /**
     * @param delta to add.
     * @return the value before.
     */
    public int getAndAdd(final int delta)
    {
        region.checkOpen();
        return buffer.getAndAddInt(OFFSET, delta);
    }

    /**
     * @param delta to add.
     * @return the value after.
     */
    public int addAndGet(final int delta)
    {
        region.checkOpen();
        return buffer.getAndAddInt(OFFSET, delta) + delta;
    }

    /**
     * @return the value after adding one.
     */
    public int incrementAndGet()
    {
        region.checkOpen();
        return buffer.getAndAddInt(OFFSET, 1) + 1;
    }

    /**
     * @return the value before adding one.
     */
    public int getAndIncrement()
    {
        region.checkOpen();
        return buffer.getAndAddInt(OFFSET, 1);
    }

    /**
     * @return the value after subtracting one.
     */
    public int decrementAndGet()
    {
        region.checkOpen();
        return buffer.getAndAddInt(OFFSET, -1) - 1;
    }

    /**
     * @return the value before subtracting one.
     */
    public int getAndDecrement()
    {
        region.checkOpen();
        return buffer.getAndAddInt(OFFSET, -1);
    }

    /**
     * @param expected value expected.
     * @param value    new value.
     * @return true if the value was {@code expected} and is now {@code value}.
     */
    public boolean compareAndSet(final int expected, final int value)
    {
        region.checkOpen();
        return buffer.compareAndSetInt(OFFSET, expected, value);
    }

    /**
     * @param expected value expected.
     * @param value    new value.
     * @return the value found: {@code expected} when the exchange happened.
     */
    public int compareAndExchange(final int expected, final int value)
    {
        region.checkOpen();
        return buffer.compareAndExchangeInt(OFFSET, expected, value);
    }

    /**
     * @param value new value.
     * @return the value before.
     */
    public int getAndSet(final int value)
    {
        region.checkOpen();
        return buffer.getAndSetInt(OFFSET, value);
    }

    /**
     * @param function applied to the current value, perhaps more than once under contention: keep it
     *                 free of side effects.
     * @return the value after.
     */
    public int updateAndGet(final IntUnaryOperator function)
    {
        region.checkOpen();
        return SharedOps.updateInt(buffer, OFFSET, function, false);
    }

    /**
     * @param function applied to the current value, perhaps more than once: keep it free of side effects.
     * @return the value before.
     */
    public int getAndUpdate(final IntUnaryOperator function)
    {
        region.checkOpen();
        return SharedOps.updateInt(buffer, OFFSET, function, true);
    }

    /**
     * @param x        second operand.
     * @param function applied as {@code function(current, x)}, perhaps more than once: keep it free of side effects.
     * @return the value after.
     */
    public int accumulateAndGet(final int x, final IntBinaryOperator function)
    {
        region.checkOpen();
        return SharedOps.accumulateInt(buffer, OFFSET, x, function, false);
    }

    /**
     * @param x        second operand.
     * @param function applied as {@code function(current, x)}, perhaps more than once: keep it free of side effects.
     * @return the value before.
     */
    public int getAndAccumulate(final int x, final IntBinaryOperator function)
    {
        region.checkOpen();
        return SharedOps.accumulateInt(buffer, OFFSET, x, function, true);
    }

    @Override
    public String toString()
    {
        return "SharedInt{name=" + region.name() + ", closed=" + region.isClosed() + '}';
    }
}

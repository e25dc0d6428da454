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

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * One double shared between processes by name: the JVM's {@code multiprocessing.Value('d')}, with the
 * operations of {@link java.util.concurrent.atomic.AtomicLong} carried over to doubles.
 * <pre>{@code
 * try (SharedDouble total = SharedDouble.openOrCreate(ns, "total"))
 * {
 *     total.addAndGet(0.5);
 * }
 * }</pre>
 * Memory ordering is named as in {@link java.lang.invoke.VarHandle}: plain, opaque, acquire/release and
 * volatile; {@link #get()} and {@link #set(double)} are volatile, and every read-modify-write is volatile.
 * The value is stored as its raw IEEE 754 bits ({@link Double#doubleToRawLongBits(double)}) in a naturally
 * aligned long (see {@link SharedDescriptor}), so it is never torn. Arithmetic, update and accumulate run a
 * compare-and-exchange loop on those bits; {@link #compareAndSet(double, double)} compares bits, as
 * {@link java.lang.invoke.VarHandle} does for doubles: a NaN matches the same NaN, and 0.0 does not match -0.0.
 * <p>
 * A handle is for use by any number of threads; {@link #close()} must not race with calls on the same
 * handle. After close every call but {@link #name()}, {@link #isClosed()}, {@link #close()} and
 * {@link #unlink()} throws {@link IllegalStateException}.
 */
public final class SharedDouble extends SharedHandle
{
    private static final int OFFSET = 0;

    private final AtomicBuffer buffer;

    private SharedDouble(final Region region)
    {
        super(region);
        this.buffer = SharedRegions.view(region);
    }

    /**
     * Create a new shared double holding zero.
     *
     * @param ns   namespace.
     * @param name region name.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     */
    public static SharedDouble create(final Namespace ns, final String name)
    {
        return create(ns, name, 0.0);
    }

    /**
     * Create a new shared double; the value is in place before any other process can open it.
     *
     * @param ns      namespace.
     * @param name    region name.
     * @param initial initial value.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     */
    public static SharedDouble create(final Namespace ns, final String name, final double initial)
    {
        return new SharedDouble(SharedRegions.create(ns, name, RegionKind.DOUBLE, 1, (payload) -> payload.putLong(OFFSET,
            Double.doubleToRawLongBits(initial))));
    }

    /**
     * Open an existing shared double.
     *
     * @param ns   namespace.
     * @param name region name.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionNotFoundException when there is no such region.
     * @throws dev.mmipc.exceptions.RegionKindException     when it is not a {@link RegionKind#LONG}.
     */
    public static SharedDouble open(final Namespace ns, final String name)
    {
        return new SharedDouble(SharedRegions.open(ns, name, RegionKind.DOUBLE));
    }

    /**
     * Open the shared double, or create it holding zero.
     *
     * @param ns   namespace.
     * @param name region name.
     * @return the handle.
     */
    public static SharedDouble openOrCreate(final Namespace ns, final String name)
    {
        return openOrCreate(ns, name, 0.0);
    }

    /**
     * Open the shared double, or create it holding {@code initial}; an existing value is left as it is.
     *
     * @param ns      namespace.
     * @param name    region name.
     * @param initial value when created.
     * @return the handle.
     */
    public static SharedDouble openOrCreate(final Namespace ns, final String name, final double initial)
    {
        return new SharedDouble(
            SharedRegions.openOrCreate(ns, name, RegionKind.DOUBLE, 1, (payload) -> payload.putLong(OFFSET,
                Double.doubleToRawLongBits(initial))));
    }

    /**
     * @return the value, plain load: no ordering, may be hoisted out of loops by the compiler.
     */
    public double getPlain()
    {
        region.checkOpen();
        return Double.longBitsToDouble(buffer.getLong(OFFSET));
    }

    /**
     * @param value the new value, plain store: no ordering.
     */
    public void setPlain(final double value)
    {
        region.checkOpen();
        buffer.putLong(OFFSET, Double.doubleToRawLongBits(value));
    }

    /**
     * @return the value, opaque load: coherent, not hoisted, no ordering with other variables.
     */
    public double getOpaque()
    {
        region.checkOpen();
        return Double.longBitsToDouble(buffer.getLongOpaque(OFFSET));
    }

    /**
     * @param value the new value, opaque store: pairs with {@link #getOpaque()}.
     */
    public void setOpaque(final double value)
    {
        region.checkOpen();
        buffer.putLongOpaque(OFFSET, Double.doubleToRawLongBits(value));
    }

    /**
     * @return the value, acquire load: later loads and stores are not moved before it; pairs with
     * {@link #setRelease(double)}.
     */
    public double getAcquire()
    {
        region.checkOpen();
        return Double.longBitsToDouble(buffer.getLongAcquire(OFFSET));
    }

    /**
     * @param value the new value, release store: earlier loads and stores are not moved after it.
     */
    public void setRelease(final double value)
    {
        region.checkOpen();
        buffer.putLongRelease(OFFSET, Double.doubleToRawLongBits(value));
    }

    /**
     * @return the value, volatile load.
     */
    public double get()
    {
        region.checkOpen();
        return Double.longBitsToDouble(buffer.getLongVolatile(OFFSET));
    }

    /**
     * @param value the new value, volatile store.
     */
    public void set(final double value)
    {
        region.checkOpen();
        buffer.putLongVolatile(OFFSET, Double.doubleToRawLongBits(value));
    }

    /**
     * @param delta to add.
     * @return the value before.
     */
    public double getAndAdd(final double delta)
    {
        region.checkOpen();
        return SharedOps.addDouble(buffer, OFFSET, delta, true);
    }

    /**
     * @param delta to add.
     * @return the value after.
     */
    public double addAndGet(final double delta)
    {
        region.checkOpen();
        return SharedOps.addDouble(buffer, OFFSET, delta, false);
    }

    /**
     * @param expected value expected, compared by its raw bits.
     * @param value    new value.
     * @return true if the value was {@code expected} and is now {@code value}.
     */
    public boolean compareAndSet(final double expected, final double value)
    {
        region.checkOpen();
        return buffer.compareAndSetLong(OFFSET, Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value));
    }

    /**
     * @param expected value expected, compared by its raw bits.
     * @param value    new value.
     * @return the value found: {@code expected} (same bits) when the exchange happened.
     */
    public double compareAndExchange(final double expected, final double value)
    {
        region.checkOpen();
        return Double.longBitsToDouble(buffer.compareAndExchangeLong(
            OFFSET, Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value)));
    }

    /**
     * @param value new value.
     * @return the value before.
     */
    public double getAndSet(final double value)
    {
        region.checkOpen();
        return Double.longBitsToDouble(buffer.getAndSetLong(OFFSET, Double.doubleToRawLongBits(value)));
    }

    /**
     * @param function applied to the current value, perhaps more than once under contention: keep it
     *                 free of side effects.
     * @return the value after.
     */
    public double updateAndGet(final DoubleUnaryOperator function)
    {
        region.checkOpen();
        return SharedOps.updateDouble(buffer, OFFSET, function, false);
    }

    /**
     * @param function applied to the current value, perhaps more than once: keep it free of side effects.
     * @return the value before.
     */
    public double getAndUpdate(final DoubleUnaryOperator function)
    {
        region.checkOpen();
        return SharedOps.updateDouble(buffer, OFFSET, function, true);
    }

    /**
     * @param x        second operand.
     * @param function applied as {@code function(current, x)}, perhaps more than once: keep it free of side effects.
     * @return the value after.
     */
    public double accumulateAndGet(final double x, final DoubleBinaryOperator function)
    {
        region.checkOpen();
        return SharedOps.accumulateDouble(buffer, OFFSET, x, function, false);
    }

    /**
     * @param x        second operand.
     * @param function applied as {@code function(current, x)}, perhaps more than once: keep it free of side effects.
     * @return the value before.
     */
    public double getAndAccumulate(final double x, final DoubleBinaryOperator function)
    {
        region.checkOpen();
        return SharedOps.accumulateDouble(buffer, OFFSET, x, function, true);
    }

    @Override
    public String toString()
    {
        return "SharedDouble{name=" + region.name() + ", closed=" + region.isClosed() + '}';
    }
}

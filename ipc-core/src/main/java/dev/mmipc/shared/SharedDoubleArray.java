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

import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * A fixed-length array of doubles shared between processes by name: the JVM's
 * {@code multiprocessing.Array('d', n)}, with the operations of
 * {@link java.util.concurrent.atomic.AtomicLongArray} carried over to doubles on each element.
 * <pre>{@code
 * try (SharedDoubleArray slots = SharedDoubleArray.openOrCreate(ns, "slots", 64))
 * {
 *     slots.addAndGet(3, 0.5);
 * }
 * }</pre>
 * Memory ordering is named as in {@link java.lang.invoke.VarHandle}: plain, opaque, acquire/release and
 * volatile; {@link #get(int)} and {@link #set(int, double)} are volatile, and every read-modify-write is
 * volatile. Every element is stored as its raw IEEE 754 bits in a naturally aligned long (see
 * {@link SharedDescriptor}), so none is ever torn. Arithmetic, update and accumulate run a
 * compare-and-exchange loop on those bits; {@link #compareAndSet(int, double, double)} compares bits, as
 * {@link java.lang.invoke.VarHandle} does: a NaN matches the same NaN, and 0.0 does not match -0.0.
 * The bulk operations ({@link #copyTo}, {@link #copyFrom}, {@link #toArray()}) use plain loads and
 * stores element by element: they are <b>not atomic as a whole</b> and give no ordering, so another
 * process may see, or contribute, a mix of old and new elements.
 * <p>
 * An index outside {@code [0, length)} throws {@link IndexOutOfBoundsException}. A handle is for use by
 * any number of threads; {@link #close()} must not race with calls on the same handle. After close
 * every call but {@link #name()}, {@link #length()}, {@link #isClosed()}, {@link #close()} and
 * {@link #unlink()} throws {@link IllegalStateException}.
 */
public final class SharedDoubleArray extends SharedHandle
{
    private static final int SHIFT = 3;

    private final AtomicBuffer buffer;
    private final int length;

    private SharedDoubleArray(final Region region)
    {
        super(region);
        this.buffer = SharedRegions.view(region);
        this.length = SharedRegions.elementCount(region);
    }

    /**
     * Create a new shared array of zeros.
     *
     * @param ns     namespace.
     * @param name   region name.
     * @param length number of elements, at least 1 and small enough for one 2 GiB mapping.
     * @return the handle.
     * @throws IllegalArgumentException        when the length is out of range.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     */
    public static SharedDoubleArray create(final Namespace ns, final String name, final int length)
    {
        return new SharedDoubleArray(SharedRegions.create(ns, name, RegionKind.DOUBLE_ARRAY, length, null));
    }

    /**
     * Create a new shared array holding a copy of {@code initial}, in place before any other process can open it.
     *
     * @param ns      namespace.
     * @param name    region name.
     * @param initial initial elements; its length is the array's length (at least 1).
     * @return the handle.
     * @throws IllegalArgumentException        when the length is out of range.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     */
    public static SharedDoubleArray create(final Namespace ns, final String name, final double[] initial)
    {
        Objects.requireNonNull(initial, "initial");
        return new SharedDoubleArray(
            SharedRegions.create(ns, name, RegionKind.DOUBLE_ARRAY, initial.length, (payload) -> fill(payload, initial)));
    }

    /**
     * Open an existing shared array, of whatever length it has.
     *
     * @param ns   namespace.
     * @param name region name.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionNotFoundException when there is no such region.
     * @throws dev.mmipc.exceptions.RegionKindException     when it is not a {@link RegionKind#LONG_ARRAY}.
     */
    public static SharedDoubleArray open(final Namespace ns, final String name)
    {
        return new SharedDoubleArray(SharedRegions.open(ns, name, RegionKind.DOUBLE_ARRAY));
    }

    /**
     * Open the shared array, or create it full of zeros.
     *
     * @param ns     namespace.
     * @param name   region name.
     * @param length number of elements; an existing array must have the same.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionParameterException when an existing array has another length.
     */
    public static SharedDoubleArray openOrCreate(final Namespace ns, final String name, final int length)
    {
        return new SharedDoubleArray(SharedRegions.openOrCreate(ns, name, RegionKind.DOUBLE_ARRAY, length, null));
    }

    /**
     * Open the shared array, or create it holding a copy of {@code initial}; existing elements are left as they are.
     *
     * @param ns      namespace.
     * @param name    region name.
     * @param initial elements when created; an existing array must have the same length.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionParameterException when an existing array has another length.
     */
    public static SharedDoubleArray openOrCreate(final Namespace ns, final String name, final double[] initial)
    {
        Objects.requireNonNull(initial, "initial");
        return new SharedDoubleArray(SharedRegions.openOrCreate(
            ns, name, RegionKind.DOUBLE_ARRAY, initial.length, (payload) -> fill(payload, initial)));
    }

    /**
     * @return the number of elements.
     */
    public int length()
    {
        return length;
    }

    /**
     * @param index element index.
     * @return the element, plain load: no ordering, may be hoisted out of loops by the compiler.
     */
    public double getPlain(final int index)
    {
        region.checkOpen();
        return Double.longBitsToDouble(buffer.getLong(offset(index)));
    }

    /**
     * @param index element index.
     * @param value the new value, plain store: no ordering.
     */
    public void setPlain(final int index, final double value)
    {
        region.checkOpen();
        buffer.putLong(offset(index), Double.doubleToRawLongBits(value));
    }

    /**
     * @param index element index.
     * @return the element, opaque load: coherent, not hoisted, no ordering with other variables.
     */
    public double getOpaque(final int index)
    {
        region.checkOpen();
        return Double.longBitsToDouble(buffer.getLongOpaque(offset(index)));
    }

    /**
     * @param index element index.
     * @param value the new value, opaque store: pairs with {@link #getOpaque(int)}.
     */
    public void setOpaque(final int index, final double value)
    {
        region.checkOpen();
        buffer.putLongOpaque(offset(index), Double.doubleToRawLongBits(value));
    }

    /**
     * @param index element index.
     * @return the element, acquire load: later loads and stores are not moved before it; pairs with
     * {@link #setRelease(int, double)}.
     */
    public double getAcquire(final int index)
    {
        region.checkOpen();
        return Double.longBitsToDouble(buffer.getLongAcquire(offset(index)));
    }

    /**
     * @param index element index.
     * @param value the new value, release store: earlier loads and stores are not moved after it.
     */
    public void setRelease(final int index, final double value)
    {
        region.checkOpen();
        buffer.putLongRelease(offset(index), Double.doubleToRawLongBits(value));
    }

    /**
     * @param index element index.
     * @return the element, volatile load.
     */
    public double get(final int index)
    {
        region.checkOpen();
        return Double.longBitsToDouble(buffer.getLongVolatile(offset(index)));
    }

    /**
     * @param index element index.
     * @param value the new value, volatile store.
     */
    public void set(final int index, final double value)
    {
        region.checkOpen();
        buffer.putLongVolatile(offset(index), Double.doubleToRawLongBits(value));
    }

    /**
     * @param index element index.
     * @param delta to add.
     * @return the element before.
     */
    public double getAndAdd(final int index, final double delta)
    {
        region.checkOpen();
        return SharedOps.addDouble(buffer, offset(index), delta, true);
    }

    /**
     * @param index element index.
     * @param delta to add.
     * @return the element after.
     */
    public double addAndGet(final int index, final double delta)
    {
        region.checkOpen();
        return SharedOps.addDouble(buffer, offset(index), delta, false);
    }

    /**
     * @param index    element index.
     * @param expected value expected, compared by its raw bits.
     * @param value    new value.
     * @return true if the element was {@code expected} and is now {@code value}.
     */
    public boolean compareAndSet(final int index, final double expected, final double value)
    {
        region.checkOpen();
        return buffer.compareAndSetLong(
            offset(index), Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value));
    }

    /**
     * @param index    element index.
     * @param expected value expected, compared by its raw bits.
     * @param value    new value.
     * @return the element found: {@code expected} (same bits) when the exchange happened.
     */
    public double compareAndExchange(final int index, final double expected, final double value)
    {
        region.checkOpen();
        return Double.longBitsToDouble(buffer.compareAndExchangeLong(
            offset(index), Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value)));
    }

    /**
     * @param index element index.
     * @param value new value.
     * @return the element before.
     */
    public double getAndSet(final int index, final double value)
    {
        region.checkOpen();
        return Double.longBitsToDouble(buffer.getAndSetLong(offset(index), Double.doubleToRawLongBits(value)));
    }

    /**
     * @param index    element index.
     * @param function applied to the current element, perhaps more than once under contention: keep it
     *                 free of side effects.
     * @return the element after.
     */
    public double updateAndGet(final int index, final DoubleUnaryOperator function)
    {
        region.checkOpen();
        return SharedOps.updateDouble(buffer, offset(index), function, false);
    }

    /**
     * @param index    element index.
     * @param function applied to the current element, perhaps more than once: keep it free of side effects.
     * @return the element before.
     */
    public double getAndUpdate(final int index, final DoubleUnaryOperator function)
    {
        region.checkOpen();
        return SharedOps.updateDouble(buffer, offset(index), function, true);
    }

    /**
     * @param index    element index.
     * @param x        second operand.
     * @param function applied as {@code function(current, x)}, perhaps more than once: keep it free of side effects.
     * @return the element after.
     */
    public double accumulateAndGet(final int index, final double x, final DoubleBinaryOperator function)
    {
        region.checkOpen();
        return SharedOps.accumulateDouble(buffer, offset(index), x, function, false);
    }

    /**
     * @param index    element index.
     * @param x        second operand.
     * @param function applied as {@code function(current, x)}, perhaps more than once: keep it free of side effects.
     * @return the element before.
     */
    public double getAndAccumulate(final int index, final double x, final DoubleBinaryOperator function)
    {
        region.checkOpen();
        return SharedOps.accumulateDouble(buffer, offset(index), x, function, true);
    }

    /**
     * Copy elements out with plain loads: each element is read whole, but the copy is not atomic as a
     * whole and has no ordering.
     *
     * @param srcIndex  first element of this array.
     * @param dst       destination.
     * @param dstOffset first index in {@code dst}.
     * @param count     number of elements.
     * @throws IndexOutOfBoundsException when either range is out of bounds.
     */
    public void copyTo(final int srcIndex, final double[] dst, final int dstOffset, final int count)
    {
        region.checkOpen();
        SharedRegions.checkRange(region.name(), srcIndex, count, length);
        SharedRegions.checkArrayRange(region.name(), dstOffset, count, dst.length);
        final AtomicBuffer buffer = this.buffer;
        for (int i = 0; i < count; i++)
        {
            dst[dstOffset + i] = Double.longBitsToDouble(buffer.getLong((srcIndex + i) << SHIFT));
        }
    }

    /**
     * Copy elements in with plain stores: each element is written whole, but the copy is not atomic as a
     * whole and has no ordering.
     *
     * @param dstIndex  first element of this array.
     * @param src       source.
     * @param srcOffset first index in {@code src}.
     * @param count     number of elements.
     * @throws IndexOutOfBoundsException when either range is out of bounds.
     */
    public void copyFrom(final int dstIndex, final double[] src, final int srcOffset, final int count)
    {
        region.checkOpen();
        SharedRegions.checkRange(region.name(), dstIndex, count, length);
        SharedRegions.checkArrayRange(region.name(), srcOffset, count, src.length);
        final AtomicBuffer buffer = this.buffer;
        for (int i = 0; i < count; i++)
        {
            buffer.putLong((dstIndex + i) << SHIFT, Double.doubleToRawLongBits(src[srcOffset + i]));
        }
    }

    /**
     * @return a new array holding the elements, copied as {@link #copyTo} does (not atomic as a whole).
     */
    public double[] toArray()
    {
        region.checkOpen();
        final double[] copy = new double[length];
        copyTo(0, copy, 0, length);
        return copy;
    }

    @Override
    public String toString()
    {
        return "SharedDoubleArray{name=" + region.name() + ", length=" + length + ", closed=" + region.isClosed() + '}';
    }

    private int offset(final int index)
    {
        if (index < 0 || index >= length)
        {
            throw SharedRegions.indexOutOfBounds(region.name(), index, length);
        }
        return index << SHIFT;
    }

    private static void fill(final AtomicBuffer payload, final double[] initial)
    {
        for (int i = 0; i < initial.length; i++)
        {
            payload.putLong(i << SHIFT, Double.doubleToRawLongBits(initial[i]));
        }
    }
}

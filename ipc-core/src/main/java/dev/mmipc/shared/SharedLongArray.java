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
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * A fixed-length array of 64-bit integers shared between processes by name: the JVM's
 * {@code multiprocessing.Array('q', n)}, with the operations of
 * {@link java.util.concurrent.atomic.AtomicLongArray} on each element.
 * <pre>{@code
 * try (SharedLongArray slots = SharedLongArray.openOrCreate(ns, "slots", 64))
 * {
 *     slots.incrementAndGet(3);
 * }
 * }</pre>
 * Memory ordering is named as in {@link java.lang.invoke.VarHandle}: plain, opaque, acquire/release and
 * volatile; {@link #get(int)} and {@link #set(int, long)} are volatile, and every read-modify-write is
 * volatile. Every element is naturally aligned (see {@link SharedDescriptor}), so none is ever torn.
 * The bulk operations ({@link #copyTo}, {@link #copyFrom}, {@link #toArray()}) use plain loads and
 * stores element by element: they are <b>not atomic as a whole</b> and give no ordering, so another
 * process may see, or contribute, a mix of old and new elements.
 * <p>
 * An index outside {@code [0, length)} throws {@link IndexOutOfBoundsException}. A handle is for use by
 * any number of threads; {@link #close()} must not race with calls on the same handle. After close
 * every call but {@link #name()}, {@link #length()}, {@link #isClosed()}, {@link #close()} and
 * {@link #unlink()} throws {@link IllegalStateException}.
 */
public final class SharedLongArray extends SharedHandle
{
    private static final int SHIFT = 3;

    private final AtomicBuffer buffer;
    private final int length;

    private SharedLongArray(final Region region)
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
    public static SharedLongArray create(final Namespace ns, final String name, final int length)
    {
        return new SharedLongArray(SharedRegions.create(ns, name, RegionKind.LONG_ARRAY, length, null));
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
    public static SharedLongArray create(final Namespace ns, final String name, final long[] initial)
    {
        Objects.requireNonNull(initial, "initial");
        return new SharedLongArray(
            SharedRegions.create(ns, name, RegionKind.LONG_ARRAY, initial.length, (payload) -> fill(payload, initial)));
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
    public static SharedLongArray open(final Namespace ns, final String name)
    {
        return new SharedLongArray(SharedRegions.open(ns, name, RegionKind.LONG_ARRAY));
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
    public static SharedLongArray openOrCreate(final Namespace ns, final String name, final int length)
    {
        return new SharedLongArray(SharedRegions.openOrCreate(ns, name, RegionKind.LONG_ARRAY, length, null));
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
    public static SharedLongArray openOrCreate(final Namespace ns, final String name, final long[] initial)
    {
        Objects.requireNonNull(initial, "initial");
        return new SharedLongArray(SharedRegions.openOrCreate(
            ns, name, RegionKind.LONG_ARRAY, initial.length, (payload) -> fill(payload, initial)));
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
    public long getPlain(final int index)
    {
        region.checkOpen();
        return buffer.getLong(offset(index));
    }

    /**
     * @param index element index.
     * @param value the new value, plain store: no ordering.
     */
    public void setPlain(final int index, final long value)
    {
        region.checkOpen();
        buffer.putLong(offset(index), value);
    }

    /**
     * @param index element index.
     * @return the element, opaque load: coherent, not hoisted, no ordering with other variables.
     */
    public long getOpaque(final int index)
    {
        region.checkOpen();
        return buffer.getLongOpaque(offset(index));
    }

    /**
     * @param index element index.
     * @param value the new value, opaque store: pairs with {@link #getOpaque(int)}.
     */
    public void setOpaque(final int index, final long value)
    {
        region.checkOpen();
        buffer.putLongOpaque(offset(index), value);
    }

    /**
     * @param index element index.
     * @return the element, acquire load: later loads and stores are not moved before it; pairs with
     * {@link #setRelease(int, long)}.
     */
    public long getAcquire(final int index)
    {
        region.checkOpen();
        return buffer.getLongAcquire(offset(index));
    }

    /**
     * @param index element index.
     * @param value the new value, release store: earlier loads and stores are not moved after it.
     */
    public void setRelease(final int index, final long value)
    {
        region.checkOpen();
        buffer.putLongRelease(offset(index), value);
    }

    /**
     * @param index element index.
     * @return the element, volatile load.
     */
    public long get(final int index)
    {
        region.checkOpen();
        return buffer.getLongVolatile(offset(index));
    }

    /**
     * @param index element index.
     * @param value the new value, volatile store.
     */
    public void set(final int index, final long value)
    {
        region.checkOpen();
        buffer.putLongVolatile(offset(index), value);
    }

    /**
     * @param index element index.
     * @param delta to add.
     * @return the element before.
     */
    public long getAndAdd(final int index, final long delta)
    {
        region.checkOpen();
        return buffer.getAndAddLong(offset(index), delta);
    }

    /**
     * @param index element index.
     * @param delta to add.
     * @return the element after.
     */
    public long addAndGet(final int index, final long delta)
    {
        region.checkOpen();
        return buffer.getAndAddLong(offset(index), delta) + delta;
    }

    /**
     * @param index element index.
     * @return the element after adding one.
     */
    public long incrementAndGet(final int index)
    {
        region.checkOpen();
        return buffer.getAndAddLong(offset(index), 1L) + 1L;
    }

    /**
     * @param index element index.
     * @return the element before adding one.
     */
    public long getAndIncrement(final int index)
    {
        region.checkOpen();
        return buffer.getAndAddLong(offset(index), 1L);
    }

    /**
     * @param index element index.
     * @return the element after subtracting one.
     */
    public long decrementAndGet(final int index)
    {
        region.checkOpen();
        return buffer.getAndAddLong(offset(index), -1L) - 1L;
    }

    /**
     * @param index element index.
     * @return the element before subtracting one.
     */
    public long getAndDecrement(final int index)
    {
        region.checkOpen();
        return buffer.getAndAddLong(offset(index), -1L);
    }

    /**
     * @param index    element index.
     * @param expected value expected.
     * @param value    new value.
     * @return true if the element was {@code expected} and is now {@code value}.
     */
    public boolean compareAndSet(final int index, final long expected, final long value)
    {
        region.checkOpen();
        return buffer.compareAndSetLong(offset(index), expected, value);
    }

    /**
     * @param index    element index.
     * @param expected value expected.
     * @param value    new value.
     * @return the element found: {@code expected} when the exchange happened.
     */
    public long compareAndExchange(final int index, final long expected, final long value)
    {
        region.checkOpen();
        return buffer.compareAndExchangeLong(offset(index), expected, value);
    }

    /**
     * @param index element index.
     * @param value new value.
     * @return the element before.
     */
    public long getAndSet(final int index, final long value)
    {
        region.checkOpen();
        return buffer.getAndSetLong(offset(index), value);
    }

    /**
     * @param index    element index.
     * @param function applied to the current element, perhaps more than once under contention: keep it
     *                 free of side effects.
     * @return the element after.
     */
    public long updateAndGet(final int index, final LongUnaryOperator function)
    {
        region.checkOpen();
        return SharedOps.updateLong(buffer, offset(index), function, false);
    }

    /**
     * @param index    element index.
     * @param function applied to the current element, perhaps more than once: keep it free of side effects.
     * @return the element before.
     */
    public long getAndUpdate(final int index, final LongUnaryOperator function)
    {
        region.checkOpen();
        return SharedOps.updateLong(buffer, offset(index), function, true);
    }

    /**
     * @param index    element index.
     * @param x        second operand.
     * @param function applied as {@code function(current, x)}, perhaps more than once: keep it free of side effects.
     * @return the element after.
     */
    public long accumulateAndGet(final int index, final long x, final LongBinaryOperator function)
    {
        region.checkOpen();
        return SharedOps.accumulateLong(buffer, offset(index), x, function, false);
    }

    /**
     * @param index    element index.
     * @param x        second operand.
     * @param function applied as {@code function(current, x)}, perhaps more than once: keep it free of side effects.
     * @return the element before.
     */
    public long getAndAccumulate(final int index, final long x, final LongBinaryOperator function)
    {
        region.checkOpen();
        return SharedOps.accumulateLong(buffer, offset(index), x, function, true);
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
    public void copyTo(final int srcIndex, final long[] dst, final int dstOffset, final int count)
    {
        region.checkOpen();
        SharedRegions.checkRange(region.name(), srcIndex, count, length);
        SharedRegions.checkArrayRange(region.name(), dstOffset, count, dst.length);
        final AtomicBuffer buffer = this.buffer;
        for (int i = 0; i < count; i++)
        {
            dst[dstOffset + i] = buffer.getLong((srcIndex + i) << SHIFT);
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
    public void copyFrom(final int dstIndex, final long[] src, final int srcOffset, final int count)
    {
        region.checkOpen();
        SharedRegions.checkRange(region.name(), dstIndex, count, length);
        SharedRegions.checkArrayRange(region.name(), srcOffset, count, src.length);
        final AtomicBuffer buffer = this.buffer;
        for (int i = 0; i < count; i++)
        {
            buffer.putLong((dstIndex + i) << SHIFT, src[srcOffset + i]);
        }
    }

    /**
     * @return a new array holding the elements, copied as {@link #copyTo} does (not atomic as a whole).
     */
    public long[] toArray()
    {
        region.checkOpen();
        final long[] copy = new long[length];
        copyTo(0, copy, 0, length);
        return copy;
    }

    @Override
    public String toString()
    {
        return "SharedLongArray{name=" + region.name() + ", length=" + length + ", closed=" + region.isClosed() + '}';
    }

    private int offset(final int index)
    {
        if (index < 0 || index >= length)
        {
            throw SharedRegions.indexOutOfBounds(region.name(), index, length);
        }
        return index << SHIFT;
    }

    private static void fill(final AtomicBuffer payload, final long[] initial)
    {
        for (int i = 0; i < initial.length; i++)
        {
            payload.putLong(i << SHIFT, initial[i]);
        }
    }
}

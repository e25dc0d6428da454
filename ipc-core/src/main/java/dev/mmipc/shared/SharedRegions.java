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
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.region.JvmFlags;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Objects;
import java.util.function.Consumer;

import static dev.mmipc.shared.SharedDescriptor.*;

/**
 * Create, open and check the regions of this package; every factory of every type goes through here.
 */
final class SharedRegions
{
    /** Expected element count meaning "whatever the region holds". */
    static final long ANY_COUNT = -1;

    private SharedRegions()
    {
    }

    /**
     * @param ns          namespace.
     * @param name        region name.
     * @param kind        shared kind.
     * @param count       element count, checked.
     * @param payloadInit writes the initial payload before the region becomes visible, or null for zeros.
     * @return the created region.
     */
    static Region create(
        final Namespace ns, final String name, final RegionKind kind, final long count,
        final Consumer<AtomicBuffer> payloadInit)
    {
        JvmFlags.ensureAgronaAccessible(); // before any Agrona class is touched, so a missing flag is named
        Objects.requireNonNull(ns, "ns");
        final int elementSize = elementSize(kind);
        checkCount(name, kind, count, elementSize);
        return Region.create(ns.directory(), name, kind, count * elementSize, initializer(count, elementSize, payloadInit));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @param kind shared kind.
     * @return the opened and checked region.
     */
    static Region open(final Namespace ns, final String name, final RegionKind kind)
    {
        JvmFlags.ensureAgronaAccessible();
        Objects.requireNonNull(ns, "ns");
        return check(Region.open(ns.directory(), name, kind), ANY_COUNT);
    }

    /**
     * @param ns          namespace.
     * @param name        region name.
     * @param kind        shared kind.
     * @param count       element count when created; an opened region must hold the same.
     * @param payloadInit initial payload when created, or null for zeros.
     * @return the opened or created region.
     */
    static Region openOrCreate(
        final Namespace ns, final String name, final RegionKind kind, final long count,
        final Consumer<AtomicBuffer> payloadInit)
    {
        JvmFlags.ensureAgronaAccessible();
        Objects.requireNonNull(ns, "ns");
        final int elementSize = elementSize(kind);
        checkCount(name, kind, count, elementSize);
        final Region region = Region.openOrCreate(
            ns.directory(), name, kind, count * elementSize, initializer(count, elementSize, payloadInit));
        return check(region, count);
    }

    /**
     * @param region a region to be used through this package.
     * @return the element count it holds, once checked.
     */
    static int elementCount(final Region region)
    {
        return (int)region.params().getLong(ELEMENT_COUNT_PARAM_OFFSET);
    }

    /**
     * @param region a checked region.
     * @return a view over exactly its elements.
     */
    static AtomicBuffer view(final Region region)
    {
        final int length = elementCount(region) * elementSize(region.kind());
        return new UnsafeBuffer(region.payload(), 0, length);
    }

    /**
     * Check the parameters and alignment of an opened region; close it when they are wrong.
     *
     * @param region        the region, closed on failure.
     * @param expectedCount the element count asked for, or {@link #ANY_COUNT}.
     * @return the region.
     */
    static Region check(final Region region, final long expectedCount)
    {
        try
        {
            checkParams(region, expectedCount);
            return region;
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    /**
     * Check the parameters and alignment of a region, leaving it open either way.
     *
     * @param region        an open region of a shared kind.
     * @param expectedCount the element count asked for, or {@link #ANY_COUNT}.
     * @return the element count it holds.
     * @throws RegionParameterException when a parameter is wrong.
     */
    static int checkParams(final Region region, final long expectedCount)
    {
        final RegionKind kind = region.kind();
        final String name = region.name();
        final AtomicBuffer params = region.params();
        final AtomicBuffer payload = region.payload();
        final long count = params.getLong(ELEMENT_COUNT_PARAM_OFFSET);
        final long elementSize = params.getLong(ELEMENT_SIZE_PARAM_OFFSET);
        final int expectedSize = elementSize(kind);
        if (elementSize != expectedSize)
        {
            throw new RegionParameterException(
                "shared element size mismatch: name=" + name + ", kind=" + kind + ", expected=" + expectedSize +
                ", actual=" + elementSize);
        }
        if (count < 1 || count > maxElementCount(expectedSize) || (isScalarKind(kind) && count != 1))
        {
            throw new RegionParameterException(
                "shared element count invalid: name=" + name + ", kind=" + kind + ", count=" + count);
        }
        if (count * elementSize > payload.capacity())
        {
            throw new RegionParameterException(
                "shared payload too short: name=" + name + ", kind=" + kind + ", count=" + count +
                ", element_size=" + elementSize + ", payload_length=" + payload.capacity());
        }
        if (payload.addressOffset() % PAYLOAD_ALIGNMENT != 0)
        {
            throw new RegionParameterException(
                "shared payload misaligned: name=" + name + ", kind=" + kind + ", address=0x" +
                Long.toHexString(payload.addressOffset()) + ", alignment=" + PAYLOAD_ALIGNMENT);
        }
        if (expectedCount != ANY_COUNT && count != expectedCount)
        {
            throw new RegionParameterException(
                "shared length mismatch: name=" + name + ", kind=" + kind + ", expected=" + expectedCount +
                ", actual=" + count);
        }
        return (int)count;
    }

    /**
     * @param name   region name, for the message.
     * @param index  index asked for.
     * @param length the array's length.
     * @return the exception to throw.
     */
    static IndexOutOfBoundsException indexOutOfBounds(final String name, final int index, final int length)
    {
        return new IndexOutOfBoundsException(
            "index out of bounds: name=" + name + ", index=" + index + ", length=" + length);
    }

    /**
     * Check a range of elements of the shared array.
     *
     * @param name   region name, for the message.
     * @param index  first element.
     * @param count  number of elements.
     * @param length the array's length.
     */
    static void checkRange(final String name, final int index, final int count, final int length)
    {
        if (index < 0 || count < 0 || index > length - count)
        {
            throw new IndexOutOfBoundsException(
                "range out of bounds: name=" + name + ", index=" + index + ", count=" + count + ", length=" + length);
        }
    }

    /**
     * Check a range of a local Java array.
     *
     * @param name        region name, for the message.
     * @param offset      first element of the local array.
     * @param count       number of elements.
     * @param arrayLength the local array's length.
     */
    static void checkArrayRange(final String name, final int offset, final int count, final int arrayLength)
    {
        if (offset < 0 || count < 0 || offset > arrayLength - count)
        {
            throw new IndexOutOfBoundsException(
                "array range out of bounds: name=" + name + ", offset=" + offset + ", count=" + count +
                ", array_length=" + arrayLength);
        }
    }

    private static void checkCount(final String name, final RegionKind kind, final long count, final int elementSize)
    {
        final int max = maxElementCount(elementSize);
        if (count < 1 || count > max)
        {
            final boolean bytes = kind == RegionKind.BYTES;
            throw new IllegalArgumentException(
                "shared " + (bytes ? "size" : "length") + " out of range: name=" + name + ", kind=" + kind + ", " +
                (bytes ? "size_bytes" : "length") + "=" + count + ", min=1, max=" + max);
        }
    }

    private static Region.Initializer initializer(
        final long count, final int elementSize, final Consumer<AtomicBuffer> payloadInit)
    {
        return (params, payload) ->
        {
            params.putLong(ELEMENT_COUNT_PARAM_OFFSET, count);
            params.putLong(ELEMENT_SIZE_PARAM_OFFSET, elementSize);
            if (payloadInit != null)
            {
                payloadInit.accept(payload);
            }
        };
    }
}

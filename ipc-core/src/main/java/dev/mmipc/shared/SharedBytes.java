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

/**
 * Raw named bytes shared between processes: the JVM's {@code multiprocessing.shared_memory.SharedMemory}
 * (or {@code RawArray('b', n)}), seen through an Agrona {@link AtomicBuffer}.
 * <pre>{@code
 * try (SharedBytes block = SharedBytes.openOrCreate(ns, "block", 4096))
 * {
 *     AtomicBuffer buf = block.buffer();
 *     buf.putLongRelease(0, 42L);
 * }
 * }</pre>
 * The buffer starts on a 128-byte boundary (see {@link SharedDescriptor}), so a long at any offset that is
 * a multiple of 8, or an int at a multiple of 4, is naturally aligned and may be used with the buffer's
 * atomic and ordered operations. The layout inside is the caller's.
 * <p>
 * The buffer returned by {@link #buffer()} is a view of the mapping: it must not be used after
 * {@link #close()} (it would touch unmapped memory and can crash the JVM). The handle's own methods check
 * and throw {@link IllegalStateException} after close.
 */
public final class SharedBytes extends SharedHandle
{
    private final AtomicBuffer buffer;
    private final int size;

    private SharedBytes(final Region region)
    {
        super(region);
        this.buffer = SharedRegions.view(region);
        this.size = SharedRegions.elementCount(region);
    }

    /**
     * Create new zeroed shared bytes.
     *
     * @param ns        namespace.
     * @param name      region name.
     * @param sizeBytes number of bytes, at least 1 and small enough for one 2 GiB mapping.
     * @return the handle.
     * @throws IllegalArgumentException        when the size is out of range.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     */
    public static SharedBytes create(final Namespace ns, final String name, final int sizeBytes)
    {
        return new SharedBytes(SharedRegions.create(ns, name, RegionKind.BYTES, sizeBytes, null));
    }

    /**
     * Open existing shared bytes, of whatever size they have.
     *
     * @param ns   namespace.
     * @param name region name.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionNotFoundException when there is no such region.
     * @throws dev.mmipc.exceptions.RegionKindException     when it is not {@link RegionKind#BYTES}.
     */
    public static SharedBytes open(final Namespace ns, final String name)
    {
        return new SharedBytes(SharedRegions.open(ns, name, RegionKind.BYTES));
    }

    /**
     * Open the shared bytes, or create them zeroed.
     *
     * @param ns        namespace.
     * @param name      region name.
     * @param sizeBytes number of bytes; existing bytes must have the same size.
     * @return the handle.
     * @throws dev.mmipc.exceptions.RegionParameterException when the existing region has another size.
     */
    public static SharedBytes openOrCreate(final Namespace ns, final String name, final int sizeBytes)
    {
        return new SharedBytes(SharedRegions.openOrCreate(ns, name, RegionKind.BYTES, sizeBytes, null));
    }

    /**
     * @return the number of bytes.
     */
    public int size()
    {
        return size;
    }

    /**
     * @return a view of exactly {@link #size()} bytes of the mapping, offset 0 on a 128-byte boundary;
     * valid until {@link #close()}.
     * @throws IllegalStateException when closed.
     */
    public AtomicBuffer buffer()
    {
        region.checkOpen();
        return buffer;
    }

    @Override
    public String toString()
    {
        return "SharedBytes{name=" + region.name() + ", size=" + size + ", closed=" + region.isClosed() + '}';
    }
}

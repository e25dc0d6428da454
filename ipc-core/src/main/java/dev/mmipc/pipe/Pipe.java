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
package dev.mmipc.pipe;

import dev.mmipc.Namespace;
import dev.mmipc.codec.Codec;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.region.JvmFlags;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionHandle;
import dev.mmipc.region.RegionKind;
import dev.mmipc.sync.SyncOptions;
import org.agrona.concurrent.AtomicBuffer;

import java.util.Objects;

import static dev.mmipc.pipe.PipeDescriptor.*;

/**
 * A named pipe between two processes: Python's {@code multiprocessing.Pipe}, as a region holding one
 * single-producer single-consumer ring per direction (Agrona's
 * {@link org.agrona.concurrent.ringbuffer.OneToOneRingBuffer}), and two ends, each attached by one process as a
 * {@link Connection}.
 * <pre>{@code
 * try (Pipe pipe = Pipe.create(ns, "chat", true, 64 * 1024);                      // parent
 *      Connection<String> parent = Pipe.connect(ns, "chat", PipeEnd.FIRST, Codecs.utf8()))
 * {
 *     // child: Pipe.connect(ns, "chat", PipeEnd.SECOND, Codecs.utf8()).send("hello father");
 *     String hello = parent.recv();
 *     parent.send("hi son");
 * }
 * }</pre>
 * This handle only creates, inspects and unlinks the region; messages go through the connections, which map
 * the region themselves.
 */
public final class Pipe implements RegionHandle
{
    /** Default ring capacity: 64 KiB per direction. */
    public static final int DEFAULT_CAPACITY = 64 * 1024;

    private final Region region;
    private final boolean duplex;
    private final int capacity;

    private Pipe(final Region region)
    {
        this.region = region;
        this.duplex = isDuplex(region);
        this.capacity = capacity(region);
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return a new duplex pipe of {@link #DEFAULT_CAPACITY} per direction.
     */
    public static Pipe create(final Namespace ns, final String name)
    {
        return create(ns, name, true, DEFAULT_CAPACITY);
    }

    /**
     * @param ns       namespace.
     * @param name     region name.
     * @param duplex   true for both directions; false for {@link PipeEnd#SECOND} to {@link PipeEnd#FIRST} only.
     * @param capacity bytes per direction, a power of two from {@value PipeDescriptor#MIN_CAPACITY}; the longest
     *                 message is an eighth of it.
     * @return a new pipe, neither end attached.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     */
    public static Pipe create(final Namespace ns, final String name, final boolean duplex, final int capacity)
    {
        JvmFlags.ensureAgronaAccessible();
        Objects.requireNonNull(ns, "ns");
        checkCapacity(name, capacity);
        return new Pipe(Region.create(ns.directory(), name, RegionKind.PIPE, payloadLength(duplex, capacity),
            (params, payload) ->
            {
                params.putLong(DUPLEX_PARAM_OFFSET, duplex ? 1 : 0);
                params.putLong(CAPACITY_PARAM_OFFSET, capacity);
                params.putLong(VERSION_PARAM_OFFSET, LAYOUT_VERSION);
            }));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return the pipe.
     */
    public static Pipe open(final Namespace ns, final String name)
    {
        return new Pipe(openRegion(ns, name));
    }

    /**
     * Attach one end of a pipe, with default options (liveness timeout 1 s, backoff waiting).
     *
     * @param ns    namespace.
     * @param name  the pipe's name.
     * @param end   which end.
     * @param codec how {@link Connection#send}/{@link Connection#recv} turn objects into bytes.
     * @param <E>   the type of objects sent.
     * @return the connection.
     * @throws IllegalStateException       when a live process has that end attached.
     * @throws dev.mmipc.exceptions.BrokenPipeException when that end was closed.
     */
    public static <E> Connection<E> connect(
        final Namespace ns, final String name, final PipeEnd end, final Codec<E> codec)
    {
        return connect(ns, name, end, codec, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    the pipe's name.
     * @param end     which end.
     * @param codec   how objects become bytes.
     * @param options liveness timeout (how soon a dead peer is noticed) and wait strategy.
     * @param <E>     the type of objects sent.
     * @return the connection.
     */
    public static <E> Connection<E> connect(
        final Namespace ns, final String name, final PipeEnd end, final Codec<E> codec, final SyncOptions options)
    {
        return new Connection<>(openRegion(ns, name), end, codec, options);
    }

    /**
     * @return true if duplex.
     * @throws IllegalStateException when this handle is closed.
     */
    public boolean isDuplex()
    {
        region.checkOpen();
        return duplex;
    }

    /**
     * @return bytes per direction.
     * @throws IllegalStateException when this handle is closed.
     */
    public int capacity()
    {
        region.checkOpen();
        return capacity;
    }

    /**
     * @return the region's name.
     */
    @Override
    public String name()
    {
        return region.name();
    }

    /**
     * @return true once this handle is closed.
     */
    @Override
    public boolean isClosed()
    {
        return region.isClosed();
    }

    /**
     * Remove the pipe's name; attached connections keep working. Allowed after close.
     *
     * @return true if this call removed the name.
     */
    @Override
    public boolean unlink()
    {
        return region.unlink();
    }

    /**
     * Unmap this handle; connections are not affected. Idempotent.
     */
    @Override
    public void close()
    {
        region.close();
    }

    @Override
    public String toString()
    {
        return "Pipe{name=" + region.name() + ", duplex=" + duplex + ", capacity=" + capacity + '}';
    }

    static Region openRegion(final Namespace ns, final String name)
    {
        JvmFlags.ensureAgronaAccessible();
        Objects.requireNonNull(ns, "ns");
        final Region region = Region.open(ns.directory(), name, RegionKind.PIPE);
        try
        {
            checkParams(region);
            return region;
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    static void checkParams(final Region region)
    {
        final AtomicBuffer params = region.params();
        final long version = params.getLong(VERSION_PARAM_OFFSET);
        if (version != LAYOUT_VERSION)
        {
            throw new RegionParameterException("pipe layout version unsupported: name=" + region.name() +
                ", expected=" + LAYOUT_VERSION + ", actual=" + version);
        }
        final long capacity = params.getLong(CAPACITY_PARAM_OFFSET);
        final long duplex = params.getLong(DUPLEX_PARAM_OFFSET);
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY || Long.bitCount(capacity) != 1 || (duplex & ~1L) != 0 ||
            payloadLength(duplex == 1, (int)capacity) > region.payload().capacity())
        {
            throw new RegionParameterException("pipe parameters invalid: name=" + region.name() + ", capacity=" +
                capacity + ", duplex=" + duplex + ", payload_length=" + region.payload().capacity());
        }
    }

    static boolean isDuplex(final Region region)
    {
        return region.params().getLong(DUPLEX_PARAM_OFFSET) == 1;
    }

    static int capacity(final Region region)
    {
        return (int)region.params().getLong(CAPACITY_PARAM_OFFSET);
    }
}

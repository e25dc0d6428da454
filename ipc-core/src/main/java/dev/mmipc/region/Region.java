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
package dev.mmipc.region;

import dev.mmipc.events.Lifecycle;
import dev.mmipc.exceptions.NamespaceException;
import dev.mmipc.exceptions.RegionExistsException;
import dev.mmipc.exceptions.RegionIoException;
import dev.mmipc.exceptions.RegionKindException;
import dev.mmipc.exceptions.RegionLengthException;
import dev.mmipc.exceptions.RegionMagicException;
import dev.mmipc.exceptions.RegionNotFoundException;
import dev.mmipc.exceptions.RegionNotReadyException;
import dev.mmipc.exceptions.RegionTooShortException;
import dev.mmipc.exceptions.RegionVersionException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.ProcessIdentity;
import org.agrona.BufferUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import static dev.mmipc.region.RegionDescriptor.*;

/**
 * One mapped region file: the building block of every shared object.
 * <p>
 * <b>Create</b> writes a temporary file in the namespace directory (mode 0600 from birth), takes the
 * handle's shared lock on it (see below) before writing anything, reserves every byte up front by writing
 * zeros (so a full tmpfs fails here with {@link RegionIoException} rather than later with SIGBUS), fills the
 * header and lets the kind initialise its parameters and payload, stores {@link RegionDescriptor#STATE_READY}
 * last with a volatile store, then links the file to its name, which fails when the name is taken: a
 * half-made region is never visible, and the name never names an unlocked file.
 * <p>
 * <b>Open</b> checks, in this order, each with its own exception: before the file is opened read-write,
 * from the name's own attributes (a link is not followed), that it is not a symbolic link, is a regular file
 * and is owned by this user ({@link NamespaceException}, as a directory owned by another user is); then it is
 * opened without following links, and checked for: file length at least the header
 * ({@link RegionTooShortException}), magic ({@link RegionMagicException}), major version
 * ({@link RegionVersionException}), kind ({@link RegionKindException}), header + payload within the file
 * ({@link RegionLengthException}), state ready within a bounded wait ({@link RegionNotReadyException}).
 * <p>
 * <b>Lock.</b> Every handle holds a shared lock on its file from before it is returned until it closes, so
 * {@code mmipc gc} and {@code mmipc rm}, which remove a file only under an exclusive lock
 * ({@link RegionFiles#removeIfUnused}), never remove a region in use, from any PID namespace. Handles to one
 * file in one JVM share one descriptor, one lock and one mapping ({@link RegionFiles} tells why); each handle
 * costs no descriptor of its own, each file held costs one. An open that meets a remover's exclusive lock
 * waits for it up to {@link RegionFiles#LOCK_WAIT_MS}, then throws {@link RegionIoException}.
 * <p>
 * <b>Close</b> gives the handle's use of the mapping back; the last handle to the file in this JVM unmaps it
 * and drops the lock. Every later call through this handle, or through the objects built on it,
 * throws {@link IllegalStateException} instead of touching unmapped memory. Close must not race with
 * calls in other threads on the same handle: a thread that passed the closed check before close
 * unmapped could still touch the memory. Buffers obtained from {@link #payload()} must not be used
 * after close. <b>Unlink</b> removes the name; processes that still map the file keep working.
 * <p>
 * <b>Truncation</b>: mmipc never shortens or resizes a region file (create writes a new file and links it; no
 * open uses {@code O_TRUNC}), and open refuses a file shorter than its header says. Another process that cuts
 * a file under a mapping takes the lost pages from every process that maps it; touching them is then up to
 * HotSpot, as for any memory-mapped library: loads, stores and copies raise {@link InternalError} (on JDK 17
 * after the faulting call has returned, on JDK 25 in it), while a compare-and-set run by the interpreter
 * (and, on JDK 17, get-and-add and fills of 100 bytes or more) kills the JVM with SIGBUS. The README's
 * reliability section has the table that {@code TruncationTest} checks.
 */
public final class Region implements RegionHandle
{
    /** How long {@code open} waits for a region's state to become ready, by default. */
    public static final long DEFAULT_READY_TIMEOUT_MS = 1_000;

    private static final int OPEN_OR_CREATE_ATTEMPTS = 16;
    private static final int TEMPORARY_NAME_ATTEMPTS = 16;

    /**
     * Writes the kind-specific parameters and the initial payload of a region being created, before
     * it becomes visible.
     */
    @FunctionalInterface
    public interface Initializer
    {
        /**
         * @param params  the 64 bytes of kind-specific parameters, zeroed.
         * @param payload the payload, zeroed.
         */
        void initialize(AtomicBuffer params, AtomicBuffer payload);
    }

    /** An initializer that leaves parameters and payload zeroed. */
    public static final Initializer ZEROED = (params, payload) -> {};

    private final String name;
    private final Path path;
    private final RegionKind kind;
    private final RegionFiles.Held file;
    private final UnsafeBuffer header;
    private final UnsafeBuffer params;
    private final UnsafeBuffer payload;
    private volatile boolean closed;

    private Region(
        final String name, final Path path, final RegionKind kind, final RegionFiles.Held file,
        final long headerLength, final long payloadLength)
    {
        this.name = name;
        this.path = path;
        this.kind = kind;
        this.file = file;
        final long address = BufferUtil.address(file.mapped());
        this.header = new UnsafeBuffer(address, (int)headerLength);
        this.params = new UnsafeBuffer(address + PARAMS_OFFSET, PARAMS_LENGTH);
        this.payload = new UnsafeBuffer(address + headerLength, (int)payloadLength);
    }

    /**
     * Create a region; fails if the name is taken. A directory with an owner
     * ({@link NamespaceDirectory#withOwner(RegionOwner)}) marks the region internal to that owner.
     *
     * @param ns            namespace directory.
     * @param name          region name.
     * @param kind          what it holds.
     * @param payloadLength bytes of payload.
     * @param initializer   writes parameters and the initial payload before the region becomes visible.
     * @return the mapped region.
     * @throws RegionExistsException when the name is taken.
     * @throws RegionIoException     when the file cannot be written, e.g. no space left.
     * @throws dev.mmipc.exceptions.LivenessException when this process cannot register in the namespace's liveness table.
     */
    public static Region create(
        final NamespaceDirectory ns,
        final String name,
        final RegionKind kind,
        final long payloadLength,
        final Initializer initializer)
    {
        JvmFlags.ensureAgronaAccessible();
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(initializer, "initializer");
        final Path target = ns.resolve(name);
        Liveness.register(ns.path()); // before anything of this process can be recorded as an owner here
        final long maxPayload = Integer.MAX_VALUE - HEADER_LENGTH;
        if (payloadLength < 0 || payloadLength > maxPayload)
        {
            throw new IllegalArgumentException(
                "payload length out of range: name=" + name + ", length=" + payloadLength + ", max=" + maxPayload);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS))
        {
            throw exists(name, target);
        }

        final long fileLength = HEADER_LENGTH + payloadLength;
        RegionFiles.Held file = null;
        Path temp = null;
        try
        {
            for (int attempt = 1; file == null; attempt++)
            {
                temp = target.resolveSibling("." + name + ".tmp-" + ProcessHandle.current().pid() + "-" +
                    Long.toHexString(ThreadLocalRandom.current().nextLong()));
                file = RegionFiles.createTemporary(temp, fileLength); // locked shared before anything is written
                if (file == null)
                {
                    Files.deleteIfExists(temp); // a remover took the new file before the lock: use another name
                    if (attempt >= TEMPORARY_NAME_ATTEMPTS)
                    {
                        throw new RegionIoException(
                            "region not creatable, its temporary files were removed: name=" + name +
                            ", file=" + target + ", attempts=" + attempt);
                    }
                }
            }
            final Region region = new Region(name, target, kind, file, HEADER_LENGTH, payloadLength);
            region.writeHeader(kind, payloadLength, ns.owner());
            initializer.initialize(region.params, region.payload);
            region.header.putShortVolatile(STATE_OFFSET, (short)STATE_READY); // volatile store: publishes all of the above

            try
            {
                RegionFiles.link(target, temp); // atomic, never replaces an existing name; the lock is already held
            }
            catch (final FileAlreadyExistsException ex)
            {
                throw exists(name, target);
            }
            Files.delete(temp);
            file = null;
            Lifecycle.regionCreated(name, kind, ns.path());
            return region;
        }
        catch (final IOException ex)
        {
            throw new RegionIoException(
                "region not creatable: name=" + name + ", file=" + target + ", length=" + fileLength + ", error=" + ex, ex);
        }
        finally
        {
            if (file != null)
            {
                RegionFiles.release(file);
            }
            try
            {
                if (temp != null)
                {
                    Files.deleteIfExists(temp);
                }
            }
            catch (final IOException ignore)
            {
                // best effort: the temp file is unreachable by name lookups and `mmipc gc` removes it
            }
        }
    }

    /**
     * Open an existing region of the given kind, waiting up to {@link #DEFAULT_READY_TIMEOUT_MS} for it to be ready.
     * Like {@code create}, it first registers this process in the namespace's liveness table
     * ({@link Liveness#register}); the four-argument form, for tools that only read, does not.
     *
     * @param ns   namespace directory.
     * @param name region name.
     * @param kind expected kind, or null for any kind.
     * @return the mapped region.
     */
    public static Region open(final NamespaceDirectory ns, final String name, final RegionKind kind)
    {
        Liveness.register(ns.path()); // before anything of this process can be recorded as an owner here
        return open(ns, name, kind, DEFAULT_READY_TIMEOUT_MS);
    }

    /**
     * Open an existing region, checking its header in the order the class documentation gives.
     *
     * @param ns             namespace directory.
     * @param name           region name.
     * @param kind           expected kind, or null for any kind.
     * @param readyTimeoutMs how long to wait for the state to become ready.
     * @return the mapped region.
     * @throws RegionNotFoundException when no region of that name exists.
     */
    public static Region open(
        final NamespaceDirectory ns, final String name, final RegionKind kind, final long readyTimeoutMs)
    {
        JvmFlags.ensureAgronaAccessible();
        final Path path = ns.resolve(name);
        final RegionFiles.Held file;
        try
        {
            file = RegionFiles.open(name, path); // owner checked before the read-write open; locked shared, mapped
        }
        catch (final NoSuchFileException ex)
        {
            throw new RegionNotFoundException("region not found: name=" + name + ", dir=" + ns.path());
        }
        catch (final IOException ex)
        {
            throw new RegionIoException("region not openable: name=" + name + ", file=" + path + ", error=" + ex, ex);
        }

        try
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(file.mapped());
            final Validated v = validate(name, path, buffer, kind, readyTimeoutMs);
            Lifecycle.regionOpened(name, v.kind, ns.path());
            return new Region(name, path, v.kind, file, v.headerLength, v.payloadLength);
        }
        catch (final RuntimeException ex)
        {
            RegionFiles.release(file);
            throw ex;
        }
    }

    /**
     * Open the region if it exists, else create it. A concurrent create or unlink by another process is
     * retried, so exactly one caller creates.
     *
     * @param ns            namespace directory.
     * @param name          region name.
     * @param kind          what it holds.
     * @param payloadLength bytes of payload, when created.
     * @param initializer   used only when created.
     * @return the mapped region; the caller checks the parameters of one that was opened.
     */
    public static Region openOrCreate(
        final NamespaceDirectory ns,
        final String name,
        final RegionKind kind,
        final long payloadLength,
        final Initializer initializer)
    {
        final Path path = ns.resolve(name);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                if (Files.exists(path, LinkOption.NOFOLLOW_LINKS))
                {
                    return open(ns, name, kind);
                }
                return create(ns, name, kind, payloadLength, initializer);
            }
            catch (final RegionExistsException | RegionNotFoundException ex)
            {
                if (attempt >= OPEN_OR_CREATE_ATTEMPTS)
                {
                    throw ex;
                }
                Thread.onSpinWait();
            }
        }
    }

    /**
     * Read and check the header of a region file without keeping it mapped, for tools.
     *
     * @param ns   namespace directory.
     * @param name region name.
     * @return the header fields.
     */
    public static RegionHeader readHeader(final NamespaceDirectory ns, final String name)
    {
        try (Region region = open(ns, name, null, 0))
        {
            return region.header();
        }
    }

    /**
     * @return the header fields of this region.
     */
    public RegionHeader header()
    {
        checkOpen();
        return new RegionHeader(
            name,
            path,
            kind,
            header.getShort(MAJOR_VERSION_OFFSET) & 0xFFFF,
            header.getShort(MINOR_VERSION_OFFSET) & 0xFFFF,
            header.getShortVolatile(STATE_OFFSET),
            header.getLong(HEADER_LENGTH_OFFSET),
            header.getLong(PAYLOAD_LENGTH_OFFSET),
            file.mapped().capacity(),
            header.getLong(CREATOR_PID_OFFSET),
            header.getLong(CREATOR_START_OFFSET),
            header.getLong(CREATED_MS_OFFSET),
            header.getLong(OWNER_OFFSET));
    }

    /**
     * @return the region's name.
     */
    @Override
    public String name()
    {
        return name;
    }

    /**
     * @return the region's file.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return what the region holds.
     */
    public RegionKind kind()
    {
        return kind;
    }

    /**
     * @return the judge of owners recorded in this region's namespace directory.
     */
    public Liveness liveness()
    {
        return Liveness.of(path.getParent());
    }

    /**
     * @return the 64 bytes of kind-specific parameters.
     * @throws IllegalStateException when closed.
     */
    public AtomicBuffer params()
    {
        checkOpen();
        return params;
    }

    /**
     * @return the payload; valid until {@link #close()}.
     * @throws IllegalStateException when closed.
     */
    public AtomicBuffer payload()
    {
        checkOpen();
        return payload;
    }

    /**
     * @return true once closed.
     */
    @Override
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * @throws IllegalStateException when closed.
     */
    public void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("region closed: name=" + name + ", file=" + path);
        }
    }

    /**
     * Remove the region's name. Processes that map it keep working; the memory is freed when the last
     * one unmaps. Does nothing when the name is gone or now names another file.
     *
     * @return true if this call removed the name.
     */
    @Override
    public boolean unlink()
    {
        try
        {
            final Object current = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
            if (!file.fileKey().equals(current))
            {
                return false; // the name was removed and taken by a new region since we mapped ours
            }
            final boolean removed = Files.deleteIfExists(path);
            if (removed)
            {
                Lifecycle.regionUnlinked(name, path.getParent());
            }
            return removed;
        }
        catch (final NoSuchFileException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            throw new RegionIoException("region not removable: name=" + name + ", file=" + path + ", error=" + ex, ex);
        }
    }

    /**
     * Unmap. Idempotent.
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
        RegionFiles.release(file); // the last handle to the file unmaps it and drops the shared lock
    }

    @Override
    public String toString()
    {
        return "Region{name=" + name + ", kind=" + kind + ", file=" + path + ", closed=" + closed + '}';
    }

    private void writeHeader(final RegionKind kind, final long payloadLength, final RegionOwner owner)
    {
        final ProcessIdentity self = ProcessIdentity.current();
        header.putLong(MAGIC_OFFSET, MAGIC);
        header.putShort(MAJOR_VERSION_OFFSET, (short)MAJOR_VERSION);
        header.putShort(MINOR_VERSION_OFFSET, (short)MINOR_VERSION);
        header.putShort(KIND_OFFSET, (short)kind.code());
        header.putLong(HEADER_LENGTH_OFFSET, HEADER_LENGTH);
        header.putLong(PAYLOAD_LENGTH_OFFSET, payloadLength);
        header.putLong(CREATOR_PID_OFFSET, self.pid());
        header.putLong(CREATOR_START_OFFSET, self.startTimeMs());
        header.putLong(CREATED_MS_OFFSET, System.currentTimeMillis());
        header.putLong(OWNER_OFFSET, owner == null ? 0 : owner.word());
    }

    private record Validated(RegionKind kind, long headerLength, long payloadLength)
    {
    }

    private static Validated validate(
        final String name, final Path path, final UnsafeBuffer buffer, final RegionKind expected,
        final long readyTimeoutMs)
    {
        final int state = buffer.getShortVolatile(STATE_OFFSET); // volatile load: pairs with the creator's store
        final long fileLength = buffer.capacity();

        final long magic = buffer.getLong(MAGIC_OFFSET);
        if (magic != MAGIC)
        {
            throw new RegionMagicException(
                "region magic mismatch: name=" + name + ", file=" + path + ", expected=0x" + Long.toHexString(MAGIC) +
                ", actual=0x" + Long.toHexString(magic));
        }
        final int major = buffer.getShort(MAJOR_VERSION_OFFSET) & 0xFFFF;
        if (major != MAJOR_VERSION)
        {
            throw new RegionVersionException(
                "region major version unsupported: name=" + name + ", file=" + path + ", expected=" + MAJOR_VERSION +
                ", actual=" + major);
        }
        final int code = buffer.getShort(KIND_OFFSET) & 0xFFFF;
        final RegionKind actual = RegionKind.fromCodeOrNull(code);
        if (actual == null)
        {
            throw new RegionKindException(
                "region kind unknown: name=" + name + ", file=" + path + ", code=" + code);
        }
        if (expected != null && actual != expected)
        {
            throw new RegionKindException(
                "region kind mismatch: name=" + name + ", expected=" + expected + ", actual=" + actual);
        }
        final long headerLength = buffer.getLong(HEADER_LENGTH_OFFSET);
        final long payloadLength = buffer.getLong(PAYLOAD_LENGTH_OFFSET);
        if (headerLength < HEADER_LENGTH || headerLength % Long.BYTES != 0 || payloadLength < 0 ||
            headerLength > fileLength || payloadLength > fileLength - headerLength)
        {
            throw new RegionLengthException(
                "region lengths beyond file: name=" + name + ", file=" + path + ", header_length=" + headerLength +
                ", payload_length=" + payloadLength + ", file_length=" + fileLength);
        }
        if (state != STATE_READY)
        {
            awaitReady(name, path, buffer, readyTimeoutMs);
        }
        return new Validated(actual, headerLength, payloadLength);
    }

    private static void awaitReady(final String name, final Path path, final UnsafeBuffer buffer, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        int state;
        while ((state = buffer.getShortVolatile(STATE_OFFSET)) != STATE_READY)
        {
            if (System.nanoTime() - deadline >= 0)
            {
                throw new RegionNotReadyException(
                    "region never became ready: name=" + name + ", file=" + path + ", state=" + state +
                    ", waited_ms=" + timeoutMs);
            }
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new RegionNotReadyException(
                    "interrupted waiting for region to become ready: name=" + name + ", file=" + path, ex);
            }
        }
    }

    private static RegionExistsException exists(final String name, final Path target)
    {
        return new RegionExistsException("region exists: name=" + name + ", file=" + target);
    }
}

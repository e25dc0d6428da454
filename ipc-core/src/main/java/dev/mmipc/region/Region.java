package dev.mmipc.region;

import dev.mmipc.NamespaceException;
import dev.mmipc.RegionExistsException;
import dev.mmipc.RegionIoException;
import dev.mmipc.RegionKindException;
import dev.mmipc.RegionLengthException;
import dev.mmipc.RegionMagicException;
import dev.mmipc.RegionNotFoundException;
import dev.mmipc.RegionNotReadyException;
import dev.mmipc.RegionTooShortException;
import dev.mmipc.RegionVersionException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.ProcessIdentity;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import static dev.mmipc.region.RegionDescriptor.*;

/**
 * One mapped region file: the building block of every shared object.
 * <p>
 * <b>Create</b> writes a temporary file in the namespace directory (mode 0600 from birth), reserves
 * every byte up front by writing zeros (so a full tmpfs fails here with {@link RegionIoException}
 * rather than later with SIGBUS), fills the header and lets the kind initialise its parameters and
 * payload, stores {@link RegionDescriptor#STATE_READY} last with a volatile store, then links the file
 * to its name, which fails when the name is taken: a half-made region is never visible.
 * <p>
 * <b>Open</b> checks, in this order, each with its own exception: file owned by this user
 * ({@link NamespaceException}, as a directory owned by another user is), file length at least the header
 * ({@link RegionTooShortException}), magic ({@link RegionMagicException}), major version
 * ({@link RegionVersionException}), kind ({@link RegionKindException}), header + payload within the file
 * ({@link RegionLengthException}), state ready within a bounded wait ({@link RegionNotReadyException}).
 * <p>
 * <b>Close</b> unmaps. Every later call through this handle, or through the objects built on it,
 * throws {@link IllegalStateException} instead of touching unmapped memory. Close must not race with
 * calls in other threads on the same handle: a thread that passed the closed check before close
 * unmapped could still touch the memory. Buffers obtained from {@link #payload()} must not be used
 * after close. <b>Unlink</b> removes the name; processes that still map the file keep working.
 */
public final class Region implements AutoCloseable
{
    /** How long {@code open} waits for a region's state to become ready, by default. */
    public static final long DEFAULT_READY_TIMEOUT_MS = 1_000;

    private static final int ZERO_CHUNK = 1 << 20;
    private static final int OPEN_OR_CREATE_ATTEMPTS = 16;

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
    private final MappedByteBuffer mapped;
    private final Object fileKey;
    private final UnsafeBuffer header;
    private final UnsafeBuffer params;
    private final UnsafeBuffer payload;
    private volatile boolean closed;

    private Region(
        final String name, final Path path, final RegionKind kind, final MappedByteBuffer mapped,
        final Object fileKey, final long headerLength, final long payloadLength)
    {
        this.name = name;
        this.path = path;
        this.kind = kind;
        this.mapped = mapped;
        this.fileKey = fileKey;
        final long address = BufferUtil.address(mapped);
        this.header = new UnsafeBuffer(address, (int)headerLength);
        this.params = new UnsafeBuffer(address + PARAMS_OFFSET, PARAMS_LENGTH);
        this.payload = new UnsafeBuffer(address + headerLength, (int)payloadLength);
    }

    /**
     * Create a region; fails if the name is taken.
     *
     * @param ns            namespace directory.
     * @param name          region name.
     * @param kind          what it holds.
     * @param payloadLength bytes of payload.
     * @param initializer   writes parameters and the initial payload before the region becomes visible.
     * @return the mapped region.
     * @throws RegionExistsException when the name is taken.
     * @throws RegionIoException     when the file cannot be written, e.g. no space left.
     * @throws dev.mmipc.LivenessException when this process cannot register in the namespace's liveness table.
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
        final Path temp = target.resolveSibling(
            "." + name + ".tmp-" + ProcessHandle.current().pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        MappedByteBuffer mapped = null;
        try
        {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(NamespaceDirectory.FILE_MODE));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                reserve(channel, fileLength);
                mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileLength);
            }
            final Object fileKey = Files.readAttributes(temp, BasicFileAttributes.class).fileKey();
            final Region region = new Region(name, target, kind, mapped, fileKey, HEADER_LENGTH, payloadLength);
            region.writeHeader(kind, payloadLength);
            initializer.initialize(region.params, region.payload);
            region.header.putShortVolatile(STATE_OFFSET, (short)STATE_READY); // volatile store: publishes all of the above

            try
            {
                Files.createLink(target, temp); // atomic, and never replaces an existing name
            }
            catch (final FileAlreadyExistsException ex)
            {
                throw exists(name, target);
            }
            Files.delete(temp);
            mapped = null;
            return region;
        }
        catch (final IOException ex)
        {
            throw new RegionIoException(
                "region not creatable: name=" + name + ", file=" + target + ", length=" + fileLength + ", error=" + ex, ex);
        }
        finally
        {
            if (mapped != null)
            {
                IoUtil.unmap(mapped);
            }
            try
            {
                Files.deleteIfExists(temp);
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
        final MappedByteBuffer mapped;
        final Object fileKey;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final int ownerUid = (Integer)Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (ownerUid != NamespaceDirectory.currentUid())
            {
                // only root can put another user's file in our 0700 directory: refuse it as a foreign directory is
                throw new NamespaceException(
                    "region file owned by another user: name=" + name + ", file=" + path + ", owner_uid=" + ownerUid +
                    ", uid=" + NamespaceDirectory.currentUid());
            }
            final long fileLength = channel.size();
            if (fileLength < HEADER_LENGTH)
            {
                throw new RegionTooShortException(
                    "region file shorter than header: name=" + name + ", file=" + path + ", length=" + fileLength +
                    ", required=" + HEADER_LENGTH);
            }
            if (fileLength > Integer.MAX_VALUE)
            {
                throw new RegionLengthException(
                    "region file too large to map: name=" + name + ", file=" + path + ", length=" + fileLength +
                    ", max=" + Integer.MAX_VALUE);
            }
            fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileLength);
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
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            final Validated v = validate(name, path, buffer, kind, readyTimeoutMs);
            return new Region(name, path, v.kind, mapped, fileKey, v.headerLength, v.payloadLength);
        }
        catch (final RuntimeException ex)
        {
            IoUtil.unmap(mapped);
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
            mapped.capacity(),
            header.getLong(CREATOR_PID_OFFSET),
            header.getLong(CREATOR_START_OFFSET),
            header.getLong(CREATED_MS_OFFSET));
    }

    /**
     * @return the region's name.
     */
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
    public boolean unlink()
    {
        try
        {
            final Object current = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey();
            if (fileKey != null && !fileKey.equals(current))
            {
                return false; // the name was removed and taken by a new region since we mapped ours
            }
            return Files.deleteIfExists(path);
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
        IoUtil.unmap(mapped);
    }

    @Override
    public String toString()
    {
        return "Region{name=" + name + ", kind=" + kind + ", file=" + path + ", closed=" + closed + '}';
    }

    private void writeHeader(final RegionKind kind, final long payloadLength)
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
    }

    private static void reserve(final FileChannel channel, final long length) throws IOException
    {
        final ByteBuffer zeros = ByteBuffer.allocateDirect((int)Math.min(ZERO_CHUNK, Math.max(length, 1)));
        long position = 0;
        while (position < length)
        {
            zeros.clear().limit((int)Math.min(zeros.capacity(), length - position));
            position += channel.write(zeros, position);
        }
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

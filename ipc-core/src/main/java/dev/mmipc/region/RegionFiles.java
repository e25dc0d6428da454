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

import dev.mmipc.exceptions.NamespaceException;
import dev.mmipc.exceptions.RegionIoException;
import dev.mmipc.exceptions.RegionLengthException;
import dev.mmipc.exceptions.RegionTooShortException;
import org.agrona.IoUtil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static dev.mmipc.region.RegionDescriptor.HEADER_LENGTH;

/**
 * The region files this JVM holds, and the file locks that keep tools from removing a region in use.
 * <p>
 * <b>The promise.</b> Every open region handle holds a <em>shared</em> lock on its file, taken before the
 * handle is returned (before the name even exists, for a region being created) and kept until the handle
 * closes. {@link #removeIfUnused} removes a file only while it holds an <em>exclusive</em> lock, taken without
 * waiting, so it never removes a file that some process holds, whatever PID namespace either lives in: the
 * locks are the kernel's, on the file itself. {@code mmipc gc} and {@code mmipc rm} remove through it.
 * <p>
 * <b>The traps.</b> Java's file locks are POSIX record locks ({@code fcntl}) on Linux: they belong to the
 * process, and closing <em>any</em> descriptor of a file in the process drops all of the process's locks on
 * it; a second lock on the same file in one JVM throws {@link OverlappingFileLockException}. So this class
 * keeps, JVM-wide, per file (device and inode, read as the {@link BasicFileAttributes#fileKey() file key}):
 * one descriptor, the shared lock taken through it, one mapping of the whole file, and the number of handles
 * that use them. A second handle to a file this JVM holds opens and maps nothing; the last one to close
 * unmaps and then closes the descriptor, which drops the lock. Every descriptor of a region file that the
 * library opens or closes, it opens and closes under one JVM-wide monitor, after checking that the file is
 * not one the JVM holds ({@link #removeIfUnused} and {@link #readPrefix} too), so no library call drops a
 * lock a handle relies on.
 * <p>
 * A held descriptor is used for I/O only while its file has no other name than a creation's temporary one:
 * Java channels are interruptible, and a thread interrupted during an I/O call closes the channel, which
 * would drop the lock under every handle. An interrupt there fails only that creation.
 * <p>
 * <b>Opening by name</b> reads the name's file key, opens the file, takes the shared lock, then reads the
 * name again: a file whose name was removed (by a remover that locked it first) or replaced meanwhile is
 * given up and the open retried or reported missing. The descriptor is taken to be the file the first read
 * named when both reads agree: a file held open keeps its inode number, and no name in the directory comes to
 * name a file this JVM holds while the monitor is held, since the only such naming, a creation linking its
 * temporary file to the region's name ({@link #link}), happens under the monitor too. (Another process could
 * do it only by hard-linking or renaming region files by hand.)
 * <p>
 * <b>Processes that hold no lock</b> (mmipc before region locks) are not protected by the lock; the
 * tools' {@code /proc/PID/maps} scan still sees those in the same PID namespace. Code outside mmipc that
 * opens and closes a region file in a process that holds it (e.g. {@code Files.readAllBytes}) drops that
 * process's lock without a word; don't.
 */
public final class RegionFiles
{
    /** How long an open waits for a remover's exclusive lock to go away, by default. */
    public static final long LOCK_WAIT_MS = 1_000;

    private static final int NAME_CHECK_ATTEMPTS = 16;

    /** Guards {@link #HELD} and every open and close of a region file's descriptor in this JVM. */
    private static final Object MONITOR = new Object();
    private static final Map<Object, Held> HELD = new HashMap<>();

    /**
     * What {@link #removeIfUnused} did.
     */
    public enum Removal
    {
        /** Removed: no process held the file. */
        REMOVED,
        /** Dry run: no process holds the file now, so it would have been removed. */
        UNUSED,
        /** Another process holds the file: its lock (shared or exclusive) refused the exclusive one. */
        IN_USE,
        /** This JVM holds the file through an open region handle: nothing was opened or removed. */
        HELD_HERE,
        /** There is no file of that name (any more). */
        GONE,
        /** The name now names another file than the one asked about. */
        REPLACED,
        /** The name is not a regular file (a symbolic link, a directory ...): nothing was locked or removed. */
        NOT_A_FILE
    }

    /**
     * One file this JVM holds: the descriptor whose shared lock protects it, and its one mapping.
     */
    static final class Held
    {
        private final Object fileKey;
        private final FileChannel channel;
        private MappedByteBuffer mapped;
        private int handles = 1;

        private Held(final Object fileKey, final FileChannel channel, final MappedByteBuffer mapped)
        {
            this.fileKey = fileKey;
            this.channel = channel;
            this.mapped = mapped;
        }

        /**
         * @return the file's identity (device and inode).
         */
        Object fileKey()
        {
            return fileKey;
        }

        /**
         * @return the whole file, mapped read-write; shared by every handle to the file in this JVM.
         */
        MappedByteBuffer mapped()
        {
            return mapped;
        }
    }

    private RegionFiles()
    {
    }

    /**
     * Hold a region file by name: the file this JVM already holds under that name, or the file opened,
     * locked shared and mapped whole. Waits up to {@link #LOCK_WAIT_MS} while a remover holds it exclusively.
     * Every call that returns must be paired with one {@link #release(Held)}.
     *
     * @param name region name, for messages.
     * @param path region file.
     * @return the held file.
     * @throws NoSuchFileException when no file has that name, or it was removed before the lock was taken.
     * @throws IOException         when the file cannot be opened, locked or mapped.
     */
    static Held open(final String name, final Path path) throws IOException
    {
        final long deadlineNs = System.nanoTime() + LOCK_WAIT_MS * 1_000_000L;
        while (true)
        {
            final Held held;
            synchronized (MONITOR)
            {
                held = openLocked(name, path);
            }
            if (held != null)
            {
                return held;
            }
            if (System.nanoTime() - deadlineNs >= 0)
            {
                throw new RegionIoException(
                    "region locked by a remover: name=" + name + ", file=" + path + ", waited_ms=" + LOCK_WAIT_MS);
            }
            try
            {
                Thread.sleep(1); // a remover holds its lock for a stat and an unlink: microseconds
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new RegionIoException(
                    "interrupted waiting for a remover's lock: name=" + name + ", file=" + path, ex);
            }
        }
    }

    /**
     * Create a temporary file (mode 0600 from birth) that will become a region: locked shared before
     * anything is written into it, held like any region file, every byte reserved, and mapped. The caller
     * links it to its name and removes the temporary name, or removes it and releases the file on failure.
     *
     * @param temp       the temporary file, which must not exist.
     * @param fileLength bytes to reserve and map.
     * @return the held file, or null when a remover took the new file first (it is being removed: try again
     *         under another temporary name).
     * @throws IOException when the file cannot be created, written or mapped, e.g. no space left.
     */
    static Held createTemporary(final Path temp, final long fileLength) throws IOException
    {
        final Held held;
        synchronized (MONITOR)
        {
            final FileChannel channel = FileChannel.open(
                temp,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(NamespaceDirectory.FILE_MODE));
            boolean keep = false;
            try
            {
                // between the create and this lock a pid-blind remover (gc in another PID namespace) may lock
                // and remove the new file: then the lock fails, or the name is gone once it is taken
                final FileLock lock = channel.tryLock(0, Long.MAX_VALUE, true);
                final Object fileKey = lock == null ? null : fileKeyOrNull(temp);
                if (fileKey == null)
                {
                    return null;
                }
                held = new Held(fileKey, channel, null);
                HELD.put(fileKey, held);
                keep = true;
            }
            finally
            {
                if (!keep)
                {
                    channel.close();
                }
            }
        }

        boolean created = false;
        try
        {
            reserve(held.channel, fileLength); // the file has no other name yet: an interrupt fails only this creation
            final MappedByteBuffer mapped = held.channel.map(FileChannel.MapMode.READ_WRITE, 0, fileLength);
            synchronized (MONITOR)
            {
                held.mapped = mapped;
            }
            created = true;
            return held;
        }
        finally
        {
            if (!created)
            {
                release(held);
            }
        }
    }

    /**
     * Give a held temporary file the region's name: atomically, never replacing an existing name, and under the
     * monitor, so that no open, removal or read in this JVM sees the name change to a file it holds between
     * reading the name and opening a descriptor (see the class documentation).
     *
     * @param target the region's name.
     * @param temp   the held temporary file.
     * @throws java.nio.file.FileAlreadyExistsException when the name is taken.
     * @throws IOException                              when the link cannot be made.
     */
    static void link(final Path target, final Path temp) throws IOException
    {
        synchronized (MONITOR)
        {
            Files.createLink(target, temp);
        }
    }

    /**
     * Give back one use of a held file; the last one unmaps it and closes its descriptor, dropping the lock.
     *
     * @param held what {@link #open} or {@link #createTemporary} returned.
     */
    static void release(final Held held)
    {
        synchronized (MONITOR)
        {
            if (--held.handles > 0)
            {
                return;
            }
            HELD.remove(held.fileKey, held);
            if (held.mapped != null)
            {
                IoUtil.unmap(held.mapped);
                held.mapped = null;
            }
            try
            {
                held.channel.close(); // drops the shared lock
            }
            catch (final IOException ignore)
            {
                // closing a file descriptor does not fail in a way that leaves the lock behind
            }
        }
    }

    /**
     * Remove a file only if no process holds it: take an exclusive lock without waiting, check that the name
     * still names the file that was locked, unlink it while the lock is held, then close. An open that races
     * with it either holds its shared lock first (the file is kept) or finds the name gone once it holds the
     * lock (and creates a new region, a different file).
     *
     * @param file            the file, in a namespace directory; a symbolic link is never followed.
     * @param expectedFileKey the {@link #fileKey(Path) file key} it must still have, or null for whatever file
     *                        the name names.
     * @param dryRun          true to only say whether it would be removed.
     * @return what was done.
     * @throws IOException when the file cannot be opened or removed.
     */
    public static Removal removeIfUnused(final Path file, final Object expectedFileKey, final boolean dryRun)
        throws IOException
    {
        synchronized (MONITOR)
        {
            final BasicFileAttributes attributes;
            try
            {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            }
            catch (final NoSuchFileException ex)
            {
                return Removal.GONE;
            }
            if (!attributes.isRegularFile())
            {
                return Removal.NOT_A_FILE;
            }
            final Object fileKey = attributes.fileKey();
            if (expectedFileKey != null && !expectedFileKey.equals(fileKey))
            {
                return Removal.REPLACED;
            }
            if (HELD.containsKey(fileKey))
            {
                return Removal.HELD_HERE; // opening (and closing) a descriptor here would drop the handles' lock
            }
            try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))
            {
                final FileLock lock;
                try
                {
                    lock = channel.tryLock(0, Long.MAX_VALUE, false);
                }
                catch (final OverlappingFileLockException ex)
                {
                    return Removal.IN_USE; // this JVM locks it, outside mmipc
                }
                if (lock == null)
                {
                    return Removal.IN_USE;
                }
                final Object now = fileKeyOrNull(file);
                if (now == null)
                {
                    return Removal.GONE;
                }
                if (!now.equals(fileKey))
                {
                    return Removal.REPLACED;
                }
                if (dryRun)
                {
                    return Removal.UNUSED;
                }
                Files.delete(file); // under the exclusive lock: an opener that locks after this finds no name
                return Removal.REMOVED;
            } // closing drops the exclusive lock
            catch (final NoSuchFileException ex)
            {
                return Removal.GONE;
            }
        }
    }

    /**
     * Read the start of a file without opening a second descriptor on a file this JVM holds (which would drop
     * its lock): a held file is copied from its mapping, any other is read through a descriptor of its own.
     *
     * @param file a file; a symbolic link is never followed.
     * @param dst  filled from the file's first byte, as far as the file goes.
     * @return the file's length in bytes.
     * @throws IOException when the file cannot be read, or this JVM is creating it.
     */
    public static long readPrefix(final Path file, final ByteBuffer dst) throws IOException
    {
        synchronized (MONITOR)
        {
            final BasicFileAttributes attributes =
                Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile())
            {
                throw new IOException("not a regular file: " + file); // a FIFO would block the open
            }
            final Held held = HELD.get(attributes.fileKey());
            if (held != null)
            {
                if (held.mapped == null)
                {
                    throw new IOException("file being created by this process: file=" + file);
                }
                // never past the file's end: pages beyond it would raise SIGBUS
                final int length = (int)Math.min(dst.remaining(), Math.min(held.mapped.capacity(), attributes.size()));
                dst.put(dst.position(), held.mapped, 0, length);
                dst.position(dst.position() + length);
                return attributes.size();
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))
            {
                final long fileLength = channel.size();
                long position = 0;
                int read;
                while (dst.hasRemaining() && (read = channel.read(dst, position)) > 0)
                {
                    position += read;
                }
                return fileLength;
            }
        }
    }

    /**
     * @param file a file; a symbolic link is not followed.
     * @return its identity (device and inode), as {@link #removeIfUnused} compares it.
     * @throws IOException when it cannot be read, e.g. it is gone.
     */
    public static Object fileKey(final Path file) throws IOException
    {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /**
     * Under {@link #MONITOR}.
     *
     * @return the held file, or null while another process holds an exclusive lock on it.
     */
    private static Held openLocked(final String name, final Path path) throws IOException
    {
        for (int attempt = 1; ; attempt++)
        {
            final BasicFileAttributes attributes =
                Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            final Object fileKey = attributes.fileKey();
            final Held already = HELD.get(fileKey);
            if (already != null)
            {
                if (already.mapped == null || attributes.size() < already.mapped.capacity())
                {
                    // being created here (only a temporary name has it), or cut short: reading would raise SIGBUS
                    final long mappedLength = already.mapped == null ? 0 : already.mapped.capacity();
                    throw new RegionLengthException(
                        "region file shorter than this process maps it: name=" + name + ", file=" + path +
                        ", length=" + attributes.size() + ", mapped=" + mappedLength);
                }
                already.handles++;
                return already;
            }
            checkOwner(name, path);
            final FileChannel channel = FileChannel.open(
                path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            boolean keep = false;
            try
            {
                final FileLock lock;
                try
                {
                    lock = channel.tryLock(0, Long.MAX_VALUE, true);
                }
                catch (final OverlappingFileLockException ex)
                {
                    throw new RegionIoException(
                        "region file locked by this process outside mmipc: name=" + name + ", file=" + path, ex);
                }
                if (lock == null)
                {
                    return null;
                }
                final Object now = fileKeyOrNull(path);
                if (now == null)
                {
                    throw new NoSuchFileException(path.toString()); // removed by a remover that locked it first
                }
                if (!now.equals(fileKey))
                {
                    if (attempt >= NAME_CHECK_ATTEMPTS)
                    {
                        throw new RegionIoException(
                            "region name kept naming other files while opening: name=" + name + ", file=" + path +
                            ", attempts=" + attempt);
                    }
                    continue; // the name was replaced: open what it names now
                }
                final long fileLength = checkedLength(name, path, channel);
                final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileLength);
                final Held held = new Held(fileKey, channel, mapped);
                HELD.put(fileKey, held);
                keep = true;
                return held;
            }
            finally
            {
                if (!keep)
                {
                    channel.close(); // not a held file: no handle's lock depends on this descriptor
                }
            }
        }
    }

    private static void checkOwner(final String name, final Path path) throws IOException
    {
        // from the name's own attributes, before any read-write open: a link or another user's file is never opened
        final Map<String, Object> attributes =
            Files.readAttributes(path, "unix:uid,isSymbolicLink,isRegularFile", LinkOption.NOFOLLOW_LINKS);
        if ((Boolean)attributes.get("isSymbolicLink"))
        {
            throw new NamespaceException("region file is a symbolic link: name=" + name + ", file=" + path);
        }
        if (!(Boolean)attributes.get("isRegularFile"))
        {
            throw new NamespaceException("region file is not a regular file: name=" + name + ", file=" + path);
        }
        final int ownerUid = (Integer)attributes.get("uid");
        if (ownerUid != NamespaceDirectory.currentUid())
        {
            // only root can put another user's file in our 0700 directory: refuse it as a foreign directory is
            throw new NamespaceException(
                "region file owned by another user: name=" + name + ", file=" + path + ", owner_uid=" + ownerUid +
                ", uid=" + NamespaceDirectory.currentUid());
        }
    }

    private static long checkedLength(final String name, final Path path, final FileChannel channel) throws IOException
    {
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
        return fileLength;
    }

    private static Object fileKeyOrNull(final Path path) throws IOException
    {
        try
        {
            return fileKey(path);
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
    }

    private static void reserve(final FileChannel channel, final long length) throws IOException
    {
        final ByteBuffer zeros = ByteBuffer.allocateDirect((int)Math.min(1 << 20, Math.max(length, 1)));
        long position = 0;
        while (position < length)
        {
            zeros.clear().limit((int)Math.min(zeros.capacity(), length - position));
            position += channel.write(zeros, position);
        }
    }
}

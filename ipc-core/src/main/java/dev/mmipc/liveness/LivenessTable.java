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
package dev.mmipc.liveness;

import dev.mmipc.exceptions.LivenessException;
import org.agrona.IoUtil;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static dev.mmipc.liveness.LivenessDescriptor.*;

/**
 * One namespace directory's liveness table, mapped: claiming a slot, renewing its heartbeat, releasing it, and
 * judging the owners it records. The layout and the slot protocol are drawn in {@link LivenessDescriptor}.
 * <p>
 * <b>Claim</b>: a free slot below the high-water mark; else the slot at the mark, raised by CAS; else a slot whose
 * owner is judged dead (with no liveness timeout of its own: the staleness floor alone). When every slot belongs to
 * a live process the claim fails with {@link LivenessException}: a process never runs unregistered. A claimant
 * killed between its CAS and its release store leaves its slot CLAIMING for good (a window of a few stores, once per
 * process and table); such a slot is never handed out again.
 * <p>
 * <b>Judge</b> (see {@link #judge}): a slot whose process is in the judge's PID namespace, where the judge's
 * {@code /proc} is that namespace's, is alive if the OS says so; any other slot is alive while its heartbeat is
 * younger than the staleness limit.
 */
final class LivenessTable implements AutoCloseable
{
    /** Verdict: a matching slot's owner lives. */
    static final int ALIVE = 1;
    /** Verdict: every matching slot's owner is dead. */
    static final int DEAD = 0;
    /** Verdict: no slot matches. */
    static final int NO_SLOT = -1;

    private static final int OPEN_OR_CREATE_ATTEMPTS = 16;
    private static final int READ_ATTEMPTS = 64;

    /**
     * What a claim holds: the slot and the state word written there, which changes only when the slot is taken
     * from this owner.
     *
     * @param index slot index.
     * @param word  the LIVE state word of this claim.
     */
    record Claim(int index, long word)
    {
    }

    /**
     * A consistent read of a LIVE slot.
     *
     * @param index        slot index.
     * @param word         state word.
     * @param pid          owner pid.
     * @param startMs      owner start time.
     * @param pidNamespace owner PID namespace inode.
     * @param heartbeatMs  last heartbeat, epoch ms.
     * @param periodMs     owner's heartbeat period.
     * @param claimedMs    when claimed, epoch ms.
     */
    record SlotView(
        int index, long word, long pid, long startMs, long pidNamespace, long heartbeatMs, long periodMs,
        long claimedMs)
    {
        /**
         * @param ownerPid     a pid as recorded in an owner word.
         * @param ownerStartMs the start time recorded with it, or {@link ProcessIdentity#UNKNOWN_START}.
         * @return true if this slot records that owner (any start time matches an unknown one).
         */
        boolean records(final long ownerPid, final long ownerStartMs)
        {
            return pid == ownerPid && (ownerStartMs == ProcessIdentity.UNKNOWN_START || startMs == ownerStartMs);
        }
    }

    private final Path file;
    private final Object fileKey;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final int slotCount;
    private volatile boolean closed;

    private LivenessTable(final Path file, final Object fileKey, final MappedByteBuffer mapped, final int slotCount)
    {
        this.file = file;
        this.fileKey = fileKey;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
        this.slotCount = slotCount;
    }

    /**
     * Map the directory's table, creating it when missing; racing creators converge on one file.
     *
     * @param directory a checked namespace directory.
     * @param nowMs     epoch ms, recorded as the creation time.
     * @return the mapped table.
     * @throws LivenessException when the file is not a valid table or cannot be created or mapped.
     */
    static LivenessTable openOrCreate(final Path directory, final long nowMs)
    {
        // a few short file operations on tmpfs: done with the interrupt flag cleared, so that an interrupted caller
        // (whose own operation then answers the interrupt) does not close the channels mid-way and fail here
        final boolean interrupted = Thread.interrupted();
        try
        {
            return openOrCreateUninterrupted(directory, nowMs);
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static LivenessTable openOrCreateUninterrupted(final Path directory, final long nowMs)
    {
        for (int attempt = 0; attempt < OPEN_OR_CREATE_ATTEMPTS; attempt++)
        {
            final LivenessTable existing = openIfExists(directory);
            if (existing != null)
            {
                return existing;
            }
            final LivenessTable created = create(directory, nowMs);
            if (created != null)
            {
                return created;
            }
        }
        throw new LivenessException("liveness table neither openable nor creatable: dir=" + directory +
            ", attempts=" + OPEN_OR_CREATE_ATTEMPTS);
    }

    /**
     * @param directory a namespace directory.
     * @return its table, mapped, or null when it has none.
     * @throws LivenessException when the file is not a valid table or cannot be mapped.
     */
    static LivenessTable openIfExists(final Path directory)
    {
        final Path file = directory.resolve(FILE_NAME);
        final MappedByteBuffer mapped;
        final Object fileKey;
        try (FileChannel channel = FileChannel.open(
            file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS))
        {
            checkOwner(file);
            final long length = channel.size();
            if (length < HEADER_LENGTH || length > fileLength(MAX_SLOT_COUNT))
            {
                throw new LivenessException("liveness table length invalid: file=" + file + ", length=" + length +
                    ", min=" + HEADER_LENGTH + ", max=" + fileLength(MAX_SLOT_COUNT));
            }
            fileKey = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
        catch (final IOException ex)
        {
            throw new LivenessException("liveness table not openable: file=" + file + ", error=" + ex, ex);
        }
        try
        {
            return new LivenessTable(file, fileKey, mapped, validate(file, new UnsafeBuffer(mapped)));
        }
        catch (final RuntimeException ex)
        {
            IoUtil.unmap(mapped);
            throw ex;
        }
    }

    private static LivenessTable create(final Path directory, final long nowMs)
    {
        final Path file = directory.resolve(FILE_NAME);
        final long length = fileLength(SLOT_COUNT);
        // named as a region's temporary file, so that `mmipc gc` removes it if this process dies here
        final Path temp = directory.resolve(FILE_NAME + ".tmp-" + ProcessHandle.current().pid() + "-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong()));
        MappedByteBuffer mapped = null;
        try
        {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                reserve(channel, length);
                mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, length);
            }
            final Object fileKey = Files.readAttributes(temp, BasicFileAttributes.class).fileKey();
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            buffer.putInt(VERSION_OFFSET, VERSION);
            buffer.putInt(SLOT_COUNT_OFFSET, SLOT_COUNT);
            buffer.putInt(SLOT_LENGTH_OFFSET, SLOT_LENGTH);
            buffer.putLong(CREATED_MS_OFFSET, nowMs);
            buffer.putLongVolatile(MAGIC_OFFSET, MAGIC); // last; the link below publishes the whole file anyway
            try
            {
                Files.createLink(file, temp); // atomic, and never replaces a table another process made first
            }
            catch (final FileAlreadyExistsException ex)
            {
                return null;
            }

            final LivenessTable table = new LivenessTable(file, fileKey, mapped, SLOT_COUNT);
            mapped = null;
            return table;
        }
        catch (final NoSuchFileException ex)
        {
            return null; // a remover took the temporary file (gc in another PID namespace): try again
        }
        catch (final IOException ex)
        {
            throw new LivenessException(
                "liveness table not creatable: file=" + file + ", length=" + length + ", error=" + ex, ex);
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
                // best effort: `mmipc gc` removes temporary files of dead creators
            }
        }
    }

    private static void reserve(final FileChannel channel, final long length) throws IOException
    {
        final ByteBuffer zeros = ByteBuffer.allocateDirect((int)length);
        long position = 0;
        while (position < length)
        {
            position += channel.write(zeros, position);
        }
    }

    private static void checkOwner(final Path file) throws IOException
    {
        final int owner = (Integer)Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        final int self = (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid"); // /proc/self is ours
        if (owner != self)
        {
            // only root can put another user's file in a 0700 directory: refuse it, as a foreign region is
            throw new LivenessException(
                "liveness table owned by another user: file=" + file + ", owner_uid=" + owner + ", uid=" + self);
        }
    }

    private static int validate(final Path file, final UnsafeBuffer buffer)
    {
        final long magic = buffer.getLongVolatile(MAGIC_OFFSET); // volatile: pairs with the creator's last store
        if (magic != MAGIC)
        {
            throw new LivenessException("liveness table magic mismatch: file=" + file + ", expected=0x" +
                Long.toHexString(MAGIC) + ", actual=0x" + Long.toHexString(magic));
        }
        final int version = buffer.getInt(VERSION_OFFSET);
        if (version != VERSION)
        {
            throw new LivenessException("liveness table version unsupported: file=" + file + ", expected=" + VERSION +
                ", actual=" + version);
        }
        final int slotLength = buffer.getInt(SLOT_LENGTH_OFFSET);
        final int slotCount = buffer.getInt(SLOT_COUNT_OFFSET);
        if (slotLength != SLOT_LENGTH || slotCount < 1 || slotCount > MAX_SLOT_COUNT ||
            fileLength(slotCount) > buffer.capacity())
        {
            throw new LivenessException("liveness table slots invalid: file=" + file + ", slot_count=" + slotCount +
                ", slot_length=" + slotLength + ", file_length=" + buffer.capacity());
        }
        return slotCount;
    }

    /**
     * @return the table file.
     */
    Path file()
    {
        return file;
    }

    /**
     * @return the file's identity (device and inode), to tell a table replaced under the same name.
     */
    Object fileKey()
    {
        return fileKey;
    }

    /**
     * @return slots in this table.
     */
    int slotCount()
    {
        return slotCount;
    }

    /**
     * @return the high-water mark, within [0, slot count] whatever the file says.
     */
    int highWaterMark()
    {
        final int mark = buffer.getIntVolatile(HIGH_WATER_MARK_OFFSET); // acquire: slots below it were claimed
        return Math.max(0, Math.min(slotCount, mark));
    }

    /**
     * Claim a slot for the viewpoint's process and record it there, heartbeat now.
     *
     * @param viewpoint the claiming process.
     * @param periodMs  its heartbeat period.
     * @return the claim.
     * @throws LivenessException when every slot belongs to a live process, or a live process in another PID
     *                           namespace has this process's pid and start time (the two could not be told apart).
     */
    Claim claim(final Viewpoint viewpoint, final long periodMs)
    {
        checkOpen();
        Claim claim = null;
        final int mark = highWaterMark();
        for (int i = 0; i < mark && claim == null; i++)
        {
            claim = claimIfFree(i, viewpoint, periodMs);
        }
        while (claim == null)
        {
            final int raw = buffer.getIntVolatile(HIGH_WATER_MARK_OFFSET); // volatile: the value the CAS expects
            if (raw < 0 || raw >= slotCount)
            {
                break;
            }
            if (buffer.compareAndSetInt(HIGH_WATER_MARK_OFFSET, raw, raw + 1)) // volatile CAS: one claimant per index
            {
                claim = claimIfFree(raw, viewpoint, periodMs);
            }
        }
        final int first = ThreadLocalRandom.current().nextInt(slotCount);
        for (int n = 0; n < slotCount && claim == null; n++)
        {
            final int i = (first + n) % slotCount;
            final SlotView slot = read(i);
            if (slot != null && verdict(slot, viewpoint, 0) == DEAD)
            {
                claim = take(i, slot.word(), viewpoint, periodMs); // fails if the slot changed since it was read
            }
        }
        if (claim == null)
        {
            throw new LivenessException("liveness table full: file=" + file + ", slots=" + slotCount + ", pid=" +
                viewpoint.self.pid() + ", hint=every slot belongs to a live process");
        }
        refuseTwin(claim, viewpoint);
        return claim;
    }

    private Claim claimIfFree(final int index, final Viewpoint viewpoint, final long periodMs)
    {
        final long word = buffer.getLongVolatile(slotOffset(index) + STATE_WORD_OFFSET); // volatile: the CAS expects it
        return state(word) == FREE ? take(index, word, viewpoint, periodMs) : null;
    }

    private Claim take(final int index, final long word, final Viewpoint viewpoint, final long periodMs)
    {
        final int slot = slotOffset(index);
        final long generation = generation(word) + 1;
        // volatile CAS: exactly one claimant, and the fields below are not written before it
        if (!buffer.compareAndSetLong(slot + STATE_WORD_OFFSET, word, stateWord(generation, CLAIMING)))
        {
            return null;
        }
        final long nowMs = viewpoint.clock.time();
        // release stores: a reader whose acquire load sees one of them also sees the CAS above, so its second load
        // of the state word tells it that the slot changed under it (the seqlock in read)
        buffer.putLongRelease(slot + PID_OFFSET, viewpoint.self.pid());
        buffer.putLongRelease(slot + START_MS_OFFSET, viewpoint.self.startTimeMs());
        buffer.putLongRelease(slot + PID_NAMESPACE_OFFSET, viewpoint.pidNamespace);
        buffer.putLongRelease(slot + HEARTBEAT_MS_OFFSET, nowMs);
        buffer.putLongRelease(slot + HEARTBEAT_PERIOD_MS_OFFSET, periodMs);
        buffer.putLongRelease(slot + CLAIMED_MS_OFFSET, nowMs);
        final long live = stateWord(generation, LIVE);
        buffer.putLongRelease(slot + STATE_WORD_OFFSET, live); // release: a reader that sees LIVE sees the fields
        return new Claim(index, live);
    }

    /**
     * Two processes with one pid and start time in different PID namespaces (two {@code unshare --pid} without
     * their own {@code /proc}, where every pid 1 reads the host init's start time) cannot be told apart in owner
     * words: refuse the second rather than let it pass for the first.
     */
    private void refuseTwin(final Claim claim, final Viewpoint viewpoint)
    {
        final int mark = highWaterMark();
        for (int i = 0; i < mark; i++)
        {
            final SlotView slot = i == claim.index() ? null : read(i);
            if (slot != null && slot.pid() == viewpoint.self.pid() && slot.startMs() == viewpoint.self.startTimeMs() &&
                slot.pidNamespace() != viewpoint.pidNamespace && verdict(slot, viewpoint, 0) != DEAD)
            {
                release(claim);
                throw new LivenessException("process identity ambiguous across pid namespaces: file=" + file +
                    ", pid=" + slot.pid() + ", start_ms=" + slot.startMs() + ", pid_ns=" + viewpoint.pidNamespace +
                    ", other_pid_ns=" + slot.pidNamespace() + ", hint=give each pid namespace its own /proc");
            }
        }
    }

    /**
     * Renew a claim's heartbeat.
     *
     * @param claim what {@link #claim} returned.
     * @param nowMs epoch ms.
     * @return false when the slot is no longer this claim's (it was judged dead and reused).
     */
    boolean renew(final Claim claim, final long nowMs)
    {
        checkOpen();
        final int slot = slotOffset(claim.index());
        if (buffer.getLongVolatile(slot + STATE_WORD_OFFSET) != claim.word()) // volatile: a reuse is seen at once
        {
            return false;
        }
        buffer.putLongRelease(slot + HEARTBEAT_MS_OFFSET, nowMs); // release: judges load it with acquire
        return true;
    }

    /**
     * Free a claim's slot, if it is still the claim's.
     *
     * @param claim what {@link #claim} returned.
     * @return true if freed.
     */
    boolean release(final Claim claim)
    {
        checkOpen();
        // volatile CAS: only this claim's word is replaced, never a later owner's
        return buffer.compareAndSetLong(slotOffset(claim.index()) + STATE_WORD_OFFSET, claim.word(),
            stateWord(generation(claim.word()), FREE));
    }

    /**
     * Judge the owner with this pid and start time, over every LIVE slot that records them.
     *
     * @param viewpoint    the judge.
     * @param pid          the owner's pid as recorded.
     * @param startMs      its start time as recorded, or {@link ProcessIdentity#UNKNOWN_START} to match any.
     * @param staleAfterMs how old a heartbeat may be before its owner counts as dead (at least the floor).
     * @return {@link #ALIVE} if any matching slot's owner lives (an ambiguous pid errs towards alive),
     * {@link #DEAD} if there are matching slots and every one's owner is dead, {@link #NO_SLOT} if none matches.
     */
    int judge(final Viewpoint viewpoint, final long pid, final long startMs, final long staleAfterMs)
    {
        checkOpen();
        int verdict = NO_SLOT;
        final int mark = highWaterMark();
        for (int i = 0; i < mark && verdict != ALIVE; i++)
        {
            final SlotView slot = read(i);
            if (slot != null && slot.records(pid, startMs))
            {
                verdict = verdict(slot, viewpoint, staleAfterMs);
            }
        }
        return verdict;
    }

    /**
     * @param pid     a pid as recorded.
     * @param startMs its start time, or {@link ProcessIdentity#UNKNOWN_START} to match any.
     * @return every LIVE slot recording them.
     */
    List<SlotView> find(final long pid, final long startMs)
    {
        checkOpen();
        final List<SlotView> found = new ArrayList<>();
        final int mark = highWaterMark();
        for (int i = 0; i < mark; i++)
        {
            final SlotView slot = read(i);
            if (slot != null && slot.records(pid, startMs))
            {
                found.add(slot);
            }
        }
        return found;
    }

    /**
     * @param index a slot index.
     * @return a consistent view of the slot when it is LIVE, else null.
     */
    SlotView read(final int index)
    {
        checkOpen();
        final int slot = slotOffset(index);
        SlotView view = null;
        for (int attempt = 0; attempt < READ_ATTEMPTS; attempt++)
        {
            final long word = buffer.getLongVolatile(slot + STATE_WORD_OFFSET); // acquire: pairs with take's release
            if (state(word) != LIVE)
            {
                return null;
            }
            // acquire loads, so that none moves after the second load of the state word
            view = new SlotView(
                index,
                word,
                buffer.getLongAcquire(slot + PID_OFFSET),
                buffer.getLongAcquire(slot + START_MS_OFFSET),
                buffer.getLongAcquire(slot + PID_NAMESPACE_OFFSET),
                buffer.getLongAcquire(slot + HEARTBEAT_MS_OFFSET),
                buffer.getLongAcquire(slot + HEARTBEAT_PERIOD_MS_OFFSET),
                buffer.getLongAcquire(slot + CLAIMED_MS_OFFSET));
            if (buffer.getLongVolatile(slot + STATE_WORD_OFFSET) == word) // volatile: unchanged, so the read is whole
            {
                return view;
            }
        }
        // claimed anew on every read (never seen): keep the last read, whose owner is judged like any other
        return view;
    }

    /**
     * @param slot         a LIVE slot.
     * @param viewpoint    the judge.
     * @param staleAfterMs the caller's liveness timeout.
     * @return {@link #ALIVE} or {@link #DEAD}.
     */
    static int verdict(final SlotView slot, final Viewpoint viewpoint, final long staleAfterMs)
    {
        if (viewpoint.canAskOs(slot.pidNamespace()))
        {
            return viewpoint.os.isAlive(slot.pid(), slot.startMs()) ? ALIVE : DEAD;
        }
        // compared as times, not as an age: a corrupt heartbeat (Long.MIN_VALUE) cannot overflow into "young";
        // one in the future (the wall clock stepped back) counts as young, erring towards alive
        final long oldestMs = viewpoint.clock.time() - Liveness.staleLimitMs(staleAfterMs, slot.periodMs());
        return slot.heartbeatMs() >= oldestMs ? ALIVE : DEAD;
    }

    /**
     * Unmap. Only tests close a table: a process keeps its tables mapped for its lifetime.
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

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("liveness table closed: file=" + file);
        }
    }

    @Override
    public String toString()
    {
        return "LivenessTable{file=" + file + ", slots=" + slotCount + ", high_water_mark=" + highWaterMark() + '}';
    }
}

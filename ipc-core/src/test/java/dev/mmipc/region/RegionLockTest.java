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

import dev.mmipc.exceptions.RegionIoException;
import dev.mmipc.exceptions.RegionLengthException;
import dev.mmipc.exceptions.RegionNotFoundException;
import dev.mmipc.region.RegionFiles.Removal;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.ThreadDumps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared lock every region handle holds, seen from another process ({@link LockProbe}), and the
 * JVM-wide table that keeps a second handle, a header read or a removal attempt in this JVM from dropping it.
 */
class RegionLockTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldHoldTheLockUntilTheLastHandleToTheFileInThisJvmCloses() throws Exception
    {
        final Region first = Region.create(ns.directory(), "r", RegionKind.LONG, Long.BYTES, Region.ZEROED);
        final Path path = first.path();
        final Region second = Region.open(ns.directory(), "r", RegionKind.LONG);
        assertEquals("busy", probe(path));
        assertEquals(1, descriptorsOf(path), "two handles to one file share one descriptor");

        // what tools do in-process: read the header through a third handle, read the raw bytes
        assertEquals(RegionKind.LONG, Region.readHeader(ns.directory(), "r").kind());
        final ByteBuffer raw = ByteBuffer.allocate(RegionDescriptor.FIXED_LENGTH);
        assertEquals(first.header().fileLength(), RegionFiles.readPrefix(path, raw));
        assertFalse(raw.hasRemaining());
        assertEquals("busy", probe(path), "a third handle's close or a raw read dropped the lock");

        first.close();
        assertEquals("busy", probe(path), "closing one handle dropped the lock the other one holds");
        second.payload().putLongVolatile(0, 42); // the shared mapping outlives the first handle
        assertEquals(42, second.payload().getLongVolatile(0));

        second.close();
        assertEquals("free", probe(path));
        assertEquals(0, descriptorsOf(path));
    }

    @Test
    void shouldNeitherRemoveNorUnlockAFileThisJvmHolds() throws Exception
    {
        try (Region held = Region.create(ns.directory(), "mine", RegionKind.LONG, Long.BYTES, Region.ZEROED))
        {
            assertEquals(Removal.HELD_HERE, RegionFiles.removeIfUnused(held.path(), null, false));
            assertEquals(Removal.HELD_HERE, RegionFiles.removeIfUnused(held.path(), null, true));
            assertTrue(Files.exists(held.path()));
            assertEquals("busy", probe(held.path()), "the removal attempt dropped the lock");
        }
    }

    @Test
    void shouldRemoveOnlyAFileNoProcessHolds() throws Exception
    {
        Region.create(ns.directory(), "r", RegionKind.LONG, Long.BYTES, Region.ZEROED).close();
        final Path path = ns.directory().resolve("r");
        final Object fileKey = RegionFiles.fileKey(path);
        final ChildJvm holder = ns.startChild(LockProbe.class, "hold-shared", path.toString());
        holder.awaitOutput("holding", CHILD_TIMEOUT);

        assertEquals(Removal.IN_USE, RegionFiles.removeIfUnused(path, fileKey, false));
        assertEquals(Removal.IN_USE, RegionFiles.removeIfUnused(path, fileKey, true));
        assertTrue(Files.exists(path));

        holder.kill9();
        assertEquals(Removal.UNUSED, RegionFiles.removeIfUnused(path, fileKey, true));
        assertTrue(Files.exists(path), "a dry run removes nothing");
        assertEquals(Removal.REPLACED, RegionFiles.removeIfUnused(path, "another file", false));
        assertEquals(Removal.REMOVED, RegionFiles.removeIfUnused(path, fileKey, false));
        assertFalse(Files.exists(path));
        assertEquals(Removal.GONE, RegionFiles.removeIfUnused(path, null, false));

        final Path link = Files.createSymbolicLink(ns.directory().path().resolve("link"), ns.scratch());
        assertEquals(Removal.NOT_A_FILE, RegionFiles.removeIfUnused(link, null, false));
        assertTrue(Files.isSymbolicLink(link));
    }

    /**
     * A temporary file is locked before its first byte is written: a remover that ignores pids (gc in another
     * PID namespace) is refused while the creation reserves, initialises and links it. In the instant between
     * the file's creation and its lock it may remove the still empty file; the creation then starts again
     * under another temporary name. Every creation succeeds.
     */
    @Test
    void shouldCreateWhileAPidBlindRemoverGoesAfterTemporaryFiles() throws Exception
    {
        final Path stop = ns.scratch().resolve("stop");
        final ChildJvm remover = ns.startChild(Remover.class, ns.path().toString(), ".*.tmp-*", stop.toString());
        remover.awaitOutput("started", CHILD_TIMEOUT);

        final int creations = 300;
        for (int i = 0; i < creations; i++)
        {
            try (Region region = Region.create(ns.directory(), "r", RegionKind.BYTES, 4 << 20, Region.ZEROED))
            {
                assertTrue(region.unlink(), "creation " + i + ": the name must be there");
            }
        }

        final long[] removedAndInUse = stop(remover, stop);
        System.out.println("pid-blind remover against " + creations + " creations: removed=" + removedAndInUse[0] +
            " (before the lock, the creation retried), in_use=" + removedAndInUse[1]);
        assertTrue(removedAndInUse[1] > 0, () -> "the remover never met a creation: " + remover.output());
        assertEquals(List.of(), ns.filesButLivenessTable(), "nothing left behind");
    }

    /**
     * A remover hammers the name while two threads of this JVM open (or create) and close it thousands of
     * times: the open locks, then checks the name still names the file it locked. Without that check, an open
     * that read the name just before the remover unlinked it would hold a file nobody can find by name any
     * more. The two threads share the JVM's one descriptor per file: neither may ever fail or drop the
     * other's lock.
     */
    @Test
    void shouldNeverHoldAFileWhoseNameARemoverTookMeanwhile() throws Exception
    {
        final Path path = ns.directory().resolve("r");
        final Path stop = ns.scratch().resolve("stop");
        final ChildJvm remover = ns.startChild(Remover.class, ns.path().toString(), "r", stop.toString());
        remover.awaitOutput("started", CHILD_TIMEOUT);

        final int opens = 5_000;
        final Callable<Integer> opener = () ->
        {
            int wrongHere = 0;
            for (int i = 0; i < opens / 2; i++)
            {
                try (Region region = Region.openOrCreate(ns.directory(), "r", RegionKind.LONG, Long.BYTES, Region.ZEROED))
                {
                    final Object afterOpen = fileKeyOrNull(path);
                    region.payload().getAndAddLong(0, 1);
                    wrongHere += afterOpen == null || !afterOpen.equals(fileKeyOrNull(path)) ? 1 : 0;
                }
            }
            return wrongHere;
        };
        final ExecutorService threads = Executors.newFixedThreadPool(2);
        final int wrong;
        try
        {
            final Future<Integer> first = threads.submit(opener);
            final Future<Integer> second = threads.submit(opener);
            wrong = ThreadDumps.get("first opener", CHILD_TIMEOUT, first, remover) +
                ThreadDumps.get("second opener", CHILD_TIMEOUT, second, remover);
        }
        finally
        {
            threads.shutdownNow();
        }

        final long[] removedAndInUse = stop(remover, stop);
        System.out.println("remover against " + opens + " opens: removed=" + removedAndInUse[0] + ", in_use=" +
            removedAndInUse[1] + ", held_without_name=" + wrong);
        assertEquals(0, wrong, "opens that held a file whose name was gone");
        assertTrue(removedAndInUse[0] > 0 && removedAndInUse[1] > 0, remover::output);
    }

    @Test
    void shouldWaitForARemoversLockThenFailClearly() throws Exception
    {
        Region.create(ns.directory(), "r", RegionKind.LONG, Long.BYTES, Region.ZEROED).close();
        final Path path = ns.directory().resolve("r");
        // a remover stopped between its exclusive lock and its unlink, for as long as it likes
        final ChildJvm remover = ns.startChild(LockProbe.class, "hold-exclusive", path.toString());
        remover.awaitOutput("holding", CHILD_TIMEOUT);

        final long startNs = System.nanoTime();
        final RegionIoException ex = assertThrows(
            RegionIoException.class, () -> Region.open(ns.directory(), "r", RegionKind.LONG));
        final long waitedMs = (System.nanoTime() - startNs) / 1_000_000;

        assertEquals("region locked by a remover: name=r, file=" + path + ", waited_ms=" + RegionFiles.LOCK_WAIT_MS,
            ex.getMessage());
        assertTrue(waitedMs >= RegionFiles.LOCK_WAIT_MS && waitedMs < RegionFiles.LOCK_WAIT_MS + 5_000,
            "waited_ms=" + waitedMs);
        assertEquals(0, descriptorsOf(path), "a failed open leaves no descriptor behind");

        remover.kill9();
        try (Region region = Region.open(ns.directory(), "r", RegionKind.LONG))
        {
            assertEquals("busy", probe(region.path()));
        }
    }

    @Test
    void shouldFindTheNameGoneWhenARemoverWinsAndCreateAnewWithOpenOrCreate() throws Exception
    {
        Region.create(ns.directory(), "r", RegionKind.LONG, Long.BYTES, Region.ZEROED).close();
        final Path path = ns.directory().resolve("r");
        final Object removed = RegionFiles.fileKey(path);
        assertEquals(Removal.REMOVED, RegionFiles.removeIfUnused(path, removed, false));

        assertThrows(RegionNotFoundException.class, () -> Region.open(ns.directory(), "r", RegionKind.LONG));
        try (Region region = Region.openOrCreate(ns.directory(), "r", RegionKind.LONG, Long.BYTES, Region.ZEROED))
        {
            assertFalse(removed.equals(RegionFiles.fileKey(region.path())), "a new region is a new file");
            assertEquals("busy", probe(path));
        }
    }

    @Test
    void shouldRefuseASecondHandleToAHeldFileCutShortInsteadOfReadingPastItsEnd() throws Exception
    {
        try (Region held = Region.create(ns.directory(), "r", RegionKind.BYTES, 8192, Region.ZEROED))
        {
            final long mappedLength = held.header().fileLength();
            try (FileChannel channel = FileChannel.open(held.path(), StandardOpenOption.WRITE))
            {
                channel.truncate(0); // another process's doing, in real life: here it also drops this JVM's lock
            }

            final RegionLengthException ex = assertThrows(
                RegionLengthException.class, () -> Region.open(ns.directory(), "r", RegionKind.BYTES));
            assertEquals("region file shorter than this process maps it: name=r, file=" + held.path() +
                ", length=0, mapped=" + mappedLength, ex.getMessage());
        }
    }

    @Test
    void shouldKeepTheLockWhenAnInterruptedThreadOpensAHeldRegion() throws Exception
    {
        try (Region held = Region.create(ns.directory(), "r", RegionKind.LONG, Long.BYTES, Region.ZEROED))
        {
            final Object outcome = kindOrFailureWhenInterrupted(() -> Region.open(ns.directory(), "r", RegionKind.LONG));

            assertEquals(RegionKind.LONG, outcome);
            assertEquals("busy", probe(held.path()), "the interrupted open dropped the lock of the held file");
        }
    }

    @Test
    void shouldFailAnInterruptedCreateCleanly() throws Exception
    {
        final Object outcome = kindOrFailureWhenInterrupted(
            () -> Region.create(ns.directory(), "r", RegionKind.LONG, Long.BYTES, Region.ZEROED));

        assertTrue(outcome instanceof RegionIoException, () -> String.valueOf(outcome));
        assertTrue(((RegionIoException)outcome).getMessage().startsWith("region not creatable: name=r, file="),
            ((RegionIoException)outcome).getMessage());
        assertEquals(List.of(), ns.filesButLivenessTable(), "an interrupted create leaves no file");
        try (Region region = Region.create(ns.directory(), "r", RegionKind.LONG, Long.BYTES, Region.ZEROED))
        {
            assertEquals("busy", probe(region.path()));
        }
    }

    /**
     * Open a region on a thread whose interrupt flag is set: a thread interrupted in a Java channel call closes
     * the channel, which would drop every lock the JVM holds on that file.
     *
     * @return the region's kind (the handle closed again), or the exception the open threw.
     */
    private static Object kindOrFailureWhenInterrupted(final Supplier<Region> open) throws InterruptedException
    {
        final AtomicReference<Object> outcome = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            Thread.currentThread().interrupt();
            try (Region region = open.get())
            {
                outcome.set(region.kind());
            }
            catch (final RuntimeException ex)
            {
                outcome.set(ex);
            }
        });
        thread.start();
        thread.join(CHILD_TIMEOUT.toMillis());
        assertFalse(thread.isAlive(), "the interrupted open did not return");
        return outcome.get();
    }

    /**
     * @return what the remover removed and was refused, once stopped.
     */
    private static long[] stop(final ChildJvm remover, final Path stop) throws IOException
    {
        Files.createFile(stop);
        remover.awaitSuccess(CHILD_TIMEOUT);
        final Matcher done = Pattern.compile("done: removed=(\\d+), in_use=(\\d+)").matcher(remover.output());
        assertTrue(done.find(), remover::output);
        return new long[] {Long.parseLong(done.group(1)), Long.parseLong(done.group(2))};
    }

    private static Object fileKeyOrNull(final Path path) throws IOException
    {
        try
        {
            return RegionFiles.fileKey(path);
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
    }

    private String probe(final Path path)
    {
        final ChildJvm probe = ns.startChild(LockProbe.class, "try-exclusive", path.toString());
        probe.awaitSuccess(CHILD_TIMEOUT);
        return probe.output().strip();
    }

    /**
     * @return how many of this process's file descriptors are open on the file the name names now.
     */
    private static int descriptorsOf(final Path path) throws IOException
    {
        final Object fileKey = RegionFiles.fileKey(path);
        int count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd")))
        {
            for (final Path fd : fds)
            {
                try
                {
                    // followed, the fd's link is the open file itself, whatever name it was opened by
                    count += fileKey.equals(Files.readAttributes(fd, BasicFileAttributes.class).fileKey()) ? 1 : 0;
                }
                catch (final IOException ex)
                {
                    // closed since listed
                }
            }
        }
        return count;
    }
}

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

import dev.mmipc.exceptions.InvalidNameException;
import dev.mmipc.exceptions.NamespaceException;
import dev.mmipc.exceptions.RegionExistsException;
import dev.mmipc.exceptions.RegionKindException;
import dev.mmipc.exceptions.RegionLengthException;
import dev.mmipc.exceptions.RegionMagicException;
import dev.mmipc.exceptions.RegionNotFoundException;
import dev.mmipc.exceptions.RegionNotReadyException;
import dev.mmipc.exceptions.RegionTooShortException;
import dev.mmipc.exceptions.RegionVersionException;
import dev.mmipc.liveness.PidNamespace;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class RegionTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @ParameterizedTest
    @ValueSource(strings = { "../x", "a/b", "", ".hidden", "-dash", "a b", "x\u00e9" })
    void shouldRefuseInvalidNames(final String name)
    {
        final InvalidNameException ex = assertThrows(InvalidNameException.class,
            () -> Region.create(ns.directory(), name, RegionKind.BYTES, 8, Region.ZEROED));
        assertTrue(ex.getMessage().startsWith("invalid region name: name=\"" + name + "\""), ex.getMessage());
        assertTrue(ex.getMessage().contains("pattern="), ex.getMessage());
        assertEquals(List.of(), ns.directory().list());
    }

    @Test
    void shouldRefuseTooLongNameAndNullName()
    {
        final String longName = "a".repeat(200);
        final InvalidNameException ex = assertThrows(InvalidNameException.class,
            () -> Region.open(ns.directory(), longName, RegionKind.BYTES));
        assertTrue(ex.getMessage().contains("length=200, reason=longer than 128 characters"), ex.getMessage());
        assertThrows(InvalidNameException.class, () -> ns.directory().resolve(null));
        assertEquals("a".repeat(128), NamespaceDirectory.validateName("a".repeat(128)));
    }

    @Test
    void shouldReportSpecificReasons()
    {
        assertMessage("reason=contains a path separator", "a/b");
        assertMessage("reason=empty", "");
        assertMessage("reason=must start with a letter or digit", ".x");
    }

    @Test
    void shouldReportTheFirstRuleABadNameBreaks()
    {
        assertMessage("length=128, reason=contains a path separator", "a".repeat(127) + "/");
        assertMessage("length=129, reason=longer than 128 characters", "a".repeat(128) + "/");
        assertMessage("reason=contains a path separator", "/x");
        assertMessage("reason=contains a path separator", "\\x");
        assertMessage("reason=must start with a letter or digit", "-x");
        assertMessage("reason=must start with a letter or digit", "_x");
        assertMessage("reason=only A-Z a-z 0-9 . _ - allowed", "a!");
        assertMessage("reason=only A-Z a-z 0-9 . _ - allowed", "a b");
    }

    @Test
    void shouldShowNamesUpToFortyCharactersWhole()
    {
        final String forty = "a".repeat(39) + "!";
        assertMessage("invalid region name: name=\"" + forty + "\", length=40,", forty);
        final String fortyOne = "a".repeat(40) + "!";
        assertMessage("invalid region name: name=\"" + "a".repeat(40) + "...\", length=41,", fortyOne);
    }

    @Test
    void shouldReadEveryKindCodeAndNoOther() throws IOException
    {
        for (int code = -1; code <= 64; code++)
        {
            RegionKind expected = null;
            for (final RegionKind kind : RegionKind.values())
            {
                expected = kind.code() == code ? kind : expected;
            }
            assertEquals(expected, RegionKind.fromCodeOrNull(code), "code " + code);
            if (expected != null)
            {
                assertEquals(expected, RegionKind.fromCode(code, "r"));
            }
        }
        assertEquals("region kind unknown: name=r, code=16",
            assertThrows(RegionKindException.class, () -> RegionKind.fromCode(16, "r")).getMessage());
        createThenPatch("sixteen", RegionDescriptor.KIND_OFFSET, 16, Short.BYTES);
        final RegionKindException ex = assertThrows(RegionKindException.class, () -> Region.open(ns.directory(), "sixteen", null));
        assertTrue(ex.getMessage().endsWith("code=16"), ex.getMessage());
    }

    @Test
    void shouldReadEveryOwnerTypeCodeAndNoOther()
    {
        for (int code = -1; code <= 64; code++)
        {
            RegionOwnerType expected = null;
            for (final RegionOwnerType type : RegionOwnerType.values())
            {
                expected = type.code() == code ? type : expected;
            }
            assertEquals(expected, RegionOwnerType.fromCodeOrNull(code), "code " + code);
        }
    }

    @Test
    void shouldJudgeTheCreatorRecordedInTheHeader() throws IOException
    {
        try (Region region = Region.create(ns.directory(), "mine", RegionKind.LONG, 8, Region.ZEROED))
        {
            assertTrue(region.header().creatorAlive());
            assertEquals(PidNamespace.current(), region.header().creatorPidNamespace());
        }
        createThenPatch("orphan", RegionDescriptor.CREATOR_PID_OFFSET, 999_999_999L, Long.BYTES); // beyond any pid_max
        final RegionHeader orphan = Region.readHeader(ns.directory(), "orphan");
        assertEquals(999_999_999L, orphan.creatorPid());
        assertFalse(orphan.creatorAlive());
        assertEquals(PidNamespace.UNKNOWN, orphan.creatorPidNamespace());
    }

    @Test
    void shouldAcceptTheLargestPayloadAndThenFindTheNameTaken()
    {
        final long max = Integer.MAX_VALUE - RegionDescriptor.HEADER_LENGTH;
        try (Region taken = Region.create(ns.directory(), "taken", RegionKind.BYTES, 8, Region.ZEROED))
        {
            final RegionExistsException ex = assertThrows(RegionExistsException.class,
                () -> Region.create(ns.directory(), "taken", RegionKind.BYTES, max, Region.ZEROED));
            assertEquals("region exists: name=taken, file=" + taken.path(), ex.getMessage());
        }
    }

    @Test
    void shouldRunWithAgronasFlagInThisJvm()
    {
        assertTrue(JvmFlags.agronaAccessible(), "surefire starts this JVM with " + JvmFlags.AGRONA_FLAG);
        JvmFlags.ensureAgronaAccessible();
    }

    @Test
    void shouldTakeTheDefaultDirectoryFromTheSystemProperty() throws IOException
    {
        final Path dir = ns.scratch().resolve("from-property");
        final String before = System.getProperty(NamespaceDirectory.DIR_PROPERTY);
        System.setProperty(NamespaceDirectory.DIR_PROPERTY, dir.toString());
        try
        {
            final NamespaceDirectory directory = NamespaceDirectory.defaultDirectory();
            assertEquals(dir.toRealPath(), directory.path());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        }
        finally
        {
            if (before == null)
            {
                System.clearProperty(NamespaceDirectory.DIR_PROPERTY);
            }
            else
            {
                System.setProperty(NamespaceDirectory.DIR_PROPERTY, before);
            }
        }
    }

    @Test
    void shouldRefuseMissingRegion()
    {
        final RegionNotFoundException ex = assertThrows(RegionNotFoundException.class,
            () -> Region.open(ns.directory(), "missing", RegionKind.LONG));
        assertEquals("region not found: name=missing, dir=" + ns.path(), ex.getMessage());
    }

    @Test
    void shouldRefuseTakenNameAndOpenItWithOpenOrCreate()
    {
        try (Region first = Region.create(ns.directory(), "taken", RegionKind.BYTES, 64,
            (params, payload) -> params.putLong(0, 7L)))
        {
            final RegionExistsException ex = assertThrows(RegionExistsException.class,
                () -> Region.create(ns.directory(), "taken", RegionKind.BYTES, 64, Region.ZEROED));
            assertEquals("region exists: name=taken, file=" + first.path(), ex.getMessage());
            try (Region second = Region.openOrCreate(ns.directory(), "taken", RegionKind.BYTES, 999, Region.ZEROED))
            {
                assertEquals(64, second.payload().capacity());
                assertEquals(7L, second.params().getLong(0));
            }
        }
    }

    @Test
    void shouldCreateExactlyOnceWhenRacingOpenOrCreate() throws Exception
    {
        final int threads = 8;
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try
        {
            final CountDownLatch start = new CountDownLatch(1);
            final List<Future<Region>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++)
            {
                results.add(pool.submit(() ->
                {
                    start.await();
                    return Region.openOrCreate(ns.directory(), "race", RegionKind.LONG, 8,
                        (params, payload) -> payload.getAndAddLong(0, 1));
                }));
            }
            start.countDown();
            final List<Region> regions = new ArrayList<>();
            for (final Future<Region> f : results)
            {
                regions.add(f.get(30, TimeUnit.SECONDS));
            }
            // the initializer ran exactly once: one creator
            assertEquals(1L, regions.get(0).payload().getLongVolatile(0));
            regions.forEach(Region::close);
            assertEquals(List.of("race"), ns.directory().list());
        }
        finally
        {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldRefuseFileOfRandomBytes() throws IOException
    {
        final byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        Files.write(ns.path().resolve("noise"), noise);
        final RegionMagicException ex = assertThrows(RegionMagicException.class,
            () -> Region.open(ns.directory(), "noise", RegionKind.BYTES));
        assertTrue(ex.getMessage().startsWith("region magic mismatch: name=noise, file="), ex.getMessage());
        assertTrue(ex.getMessage().contains("expected=0x47522d4350494d4d"), ex.getMessage());
    }

    @Test
    void shouldRefuseFileShorterThanHeader() throws IOException
    {
        Files.write(ns.path().resolve("short"), new byte[100]);
        final RegionTooShortException ex = assertThrows(RegionTooShortException.class,
            () -> Region.open(ns.directory(), "short", RegionKind.BYTES));
        assertTrue(ex.getMessage().startsWith("region file shorter than header: name=short"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("length=100, required=128"), ex.getMessage());

        Files.write(ns.path().resolve("empty"), new byte[0]);
        assertThrows(RegionTooShortException.class, () -> Region.open(ns.directory(), "empty", null));
    }

    @Test
    void shouldRefuseWrongMagic() throws IOException
    {
        final Path file = createThenPatch("magic", RegionDescriptor.MAGIC_OFFSET, 0x1234L, Long.BYTES);
        final RegionMagicException ex = assertThrows(RegionMagicException.class,
            () -> Region.open(ns.directory(), "magic", RegionKind.BYTES));
        assertEquals("region magic mismatch: name=magic, file=" + file + ", expected=0x47522d4350494d4d, actual=0x1234",
            ex.getMessage());
    }

    @Test
    void shouldRefuseAnotherMajorVersion() throws IOException
    {
        final Path file = createThenPatch("major", RegionDescriptor.MAJOR_VERSION_OFFSET, 2, Short.BYTES);
        final RegionVersionException ex = assertThrows(RegionVersionException.class,
            () -> Region.open(ns.directory(), "major", RegionKind.BYTES));
        assertEquals("region major version unsupported: name=major, file=" + file + ", expected=1, actual=2",
            ex.getMessage());
    }

    @Test
    void shouldAcceptAnotherMinorVersion() throws IOException
    {
        createThenPatch("minor", RegionDescriptor.MINOR_VERSION_OFFSET, 9, Short.BYTES);
        try (Region region = Region.open(ns.directory(), "minor", RegionKind.BYTES))
        {
            assertEquals(9, region.header().minorVersion());
        }
    }

    @Test
    void shouldRefuseWrongKind()
    {
        Region.create(ns.directory(), "jobs", RegionKind.QUEUE, 64, Region.ZEROED).close();
        final RegionKindException ex = assertThrows(RegionKindException.class,
            () -> Region.open(ns.directory(), "jobs", RegionKind.LONG_ARRAY));
        assertEquals("region kind mismatch: name=jobs, expected=LONG_ARRAY, actual=QUEUE", ex.getMessage());
    }

    @Test
    void shouldRefuseUnknownKindCode() throws IOException
    {
        createThenPatch("alien", RegionDescriptor.KIND_OFFSET, 999, Short.BYTES);
        final RegionKindException ex = assertThrows(RegionKindException.class,
            () -> Region.open(ns.directory(), "alien", null));
        assertTrue(ex.getMessage().startsWith("region kind unknown: name=alien"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("code=999"), ex.getMessage());
    }

    @Test
    void shouldRefusePayloadLengthBeyondFile() throws IOException
    {
        createThenPatch("beyond", RegionDescriptor.PAYLOAD_LENGTH_OFFSET, 1L << 40, Long.BYTES);
        final RegionLengthException ex = assertThrows(RegionLengthException.class,
            () -> Region.open(ns.directory(), "beyond", RegionKind.BYTES));
        assertTrue(ex.getMessage().startsWith("region lengths beyond file: name=beyond"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("header_length=128, payload_length=1099511627776, file_length=192"),
            ex.getMessage());
    }

    @Test
    void shouldRefuseBadHeaderLength() throws IOException
    {
        createThenPatch("hdr", RegionDescriptor.HEADER_LENGTH_OFFSET, 3, Long.BYTES);
        assertThrows(RegionLengthException.class, () -> Region.open(ns.directory(), "hdr", RegionKind.BYTES));
        createThenPatch("hdr2", RegionDescriptor.HEADER_LENGTH_OFFSET, -8, Long.BYTES);
        assertThrows(RegionLengthException.class, () -> Region.open(ns.directory(), "hdr2", RegionKind.BYTES));
    }

    @Test
    void shouldGiveUpOnRegionNeverReady() throws IOException
    {
        createThenPatch("unready", RegionDescriptor.STATE_OFFSET, RegionDescriptor.STATE_INITIALIZING, Short.BYTES);
        final long start = System.nanoTime();
        final RegionNotReadyException ex = assertThrows(RegionNotReadyException.class,
            () -> Region.open(ns.directory(), "unready", RegionKind.BYTES, 200));
        final long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waitedMs >= 200 && waitedMs < 20_000, "waited " + waitedMs + " ms");
        assertTrue(ex.getMessage().startsWith("region never became ready: name=unready"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith("state=0, waited_ms=200"), ex.getMessage());
    }

    @Test
    void shouldRefuseNegativeOrHugePayload()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Region.create(ns.directory(), "neg", RegionKind.BYTES, -1, Region.ZEROED));
        assertTrue(ex.getMessage().startsWith("payload length out of range: name=neg, length=-1"), ex.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> Region.create(ns.directory(), "huge", RegionKind.BYTES, 1L << 32, Region.ZEROED));
    }

    @Test
    void shouldThrowIllegalStateAfterClose()
    {
        final Region region = Region.create(ns.directory(), "closed", RegionKind.BYTES, 8, Region.ZEROED);
        region.close();
        region.close(); // idempotent
        assertTrue(region.isClosed());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, region::payload);
        assertEquals("region closed: name=closed, file=" + region.path(), ex.getMessage());
        assertThrows(IllegalStateException.class, region::params);
        assertThrows(IllegalStateException.class, region::header);
        assertTrue(region.unlink());
    }

    @Test
    void shouldKeepWorkingAfterUnlinkAndNotRemoveAReplacement()
    {
        try (Region old = Region.create(ns.directory(), "reused", RegionKind.BYTES, 8, Region.ZEROED))
        {
            assertTrue(old.unlink());
            try (Region replacement = Region.create(ns.directory(), "reused", RegionKind.BYTES, 8, Region.ZEROED))
            {
                old.payload().putLong(0, 5);
                assertEquals(0, replacement.payload().getLong(0));
                assertFalse(old.unlink(), "a stale handle must not remove the new region of the same name");
                assertTrue(Files.exists(replacement.path()));
                assertTrue(replacement.unlink());
            }
        }
    }

    @Test
    void shouldRecordHeaderFields()
    {
        final long before = System.currentTimeMillis();
        try (Region region = Region.create(ns.directory(), "hdrs", RegionKind.DOUBLE, 8, Region.ZEROED))
        {
            final RegionHeader header = region.header();
            assertEquals(RegionKind.DOUBLE, header.kind());
            assertEquals(1, header.majorVersion());
            assertEquals(0, header.minorVersion());
            assertEquals(RegionDescriptor.STATE_READY, header.state());
            assertEquals(128, header.headerLength());
            assertEquals(8, header.payloadLength());
            assertEquals(136, header.fileLength());
            assertEquals(ProcessHandle.current().pid(), header.creatorPid());
            assertTrue(header.creatorAlive());
            assertTrue(header.createdMs() >= before && header.createdMs() <= System.currentTimeMillis());
            assertEquals(0, region.payload().addressOffset() % RegionDescriptor.PAYLOAD_ALIGNMENT);
        }
    }

    @Test
    void shouldMarkRegionsMadeThroughAnOwnedDirectoryAsInternalToTheirOwner() throws IOException
    {
        final long pid = ProcessHandle.current().pid();
        final RegionOwner pool = new RegionOwner(RegionOwnerType.POOL, 7);
        final NamespaceDirectory owned = ns.directory().withOwner(pool);
        assertEquals(pool, owned.owner());
        assertNull(ns.directory().owner(), "the user's directory is untouched");
        assertEquals(ns.path(), owned.path());
        Region.create(ns.directory(), "mine", RegionKind.LONG, 8, Region.ZEROED).close();
        Region.create(owned, "pool-x-slots", RegionKind.LONG_ARRAY, 64, Region.ZEROED).close();
        Region.openOrCreate(owned, "pool-x-tasks", RegionKind.QUEUE, 64, Region.ZEROED).close();

        final RegionHeader mine = Region.readHeader(ns.directory(), "mine");
        assertFalse(mine.internal());
        assertEquals(0, mine.ownerWord());
        assertNull(mine.owner());
        assertNull(mine.ownerName());
        assertEquals("none (named by its user)", mine.ownerDescription());
        for (final String name : List.of("pool-x-slots", "pool-x-tasks"))
        {
            final RegionHeader header = Region.readHeader(ns.directory(), name);
            assertTrue(header.internal(), name);
            assertEquals(pool, header.owner());
            assertEquals("pool-" + pid + "-7", header.ownerName());
            assertEquals("internal to pool pool-" + pid + "-7 of pid " + pid, header.ownerDescription());
            assertEquals(0x0001_0000_0000_0007L, readLong(ns.path().resolve(name), RegionDescriptor.OWNER_OFFSET),
                "the bytes of the file: type 1 above number 7");
        }

        createThenPatch("unknown", RegionDescriptor.OWNER_OFFSET, RegionDescriptor.ownerWord(9, 5), Long.BYTES);
        final RegionHeader unknown = Region.readHeader(ns.directory(), "unknown");
        assertTrue(unknown.internal());
        assertNull(unknown.owner(), "type 9 is not known to this version");
        assertEquals("internal to owner of unknown type 9 owner9-" + pid + "-5 of pid " + pid, unknown.ownerDescription());
        createThenPatch("all-ones", RegionDescriptor.OWNER_OFFSET, -1L, Long.BYTES);
        assertEquals("internal to owner of unknown type 65535 owner65535-" + pid + "-281474976710655 of pid " + pid,
            Region.readHeader(ns.directory(), "all-ones").ownerDescription());
    }

    @Test
    void shouldRefuseAnOwnerNumberOutsideTheOwnerWord()
    {
        assertEquals(RegionDescriptor.MAX_OWNER_NUMBER, new RegionOwner(RegionOwnerType.POOL, RegionDescriptor.MAX_OWNER_NUMBER).number());
        assertEquals("owner number out of range: number=281474976710656, min=0, max=281474976710655",
            assertThrows(IllegalArgumentException.class,
                () -> new RegionOwner(RegionOwnerType.POOL, RegionDescriptor.MAX_OWNER_NUMBER + 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RegionOwner(RegionOwnerType.PROCESS, Long.MIN_VALUE));
        assertThrows(NullPointerException.class, () -> new RegionOwner(null, 1));
        assertEquals("jvmprocess-42-3", new RegionOwner(RegionOwnerType.PROCESS, 3).name(42));
        assertNull(RegionOwnerType.fromCodeOrNull(0));
        assertNull(RegionOwnerType.fromCodeOrNull(-1));
        assertNull(RegionOwnerType.fromCodeOrNull(Integer.MAX_VALUE));
        for (final RegionOwnerType type : RegionOwnerType.values())
        {
            assertEquals(type, RegionOwnerType.fromCodeOrNull(type.code()));
        }
    }

    private static long readLong(final Path file, final int offset) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer value = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder());
            channel.read(value, offset);
            return value.getLong(0);
        }
    }

    @Test
    void shouldCreateFilesAndDirectoriesPrivateEvenWithUmaskZero()
    {
        final Path dir = ns.scratch().resolve("umask-ns");
        final ChildJvm child = ns.startChild(new ChildJvm.Options().shellPrelude("umask 000"),
            RegionChild.class, "create", dir.toString(), "private", "64");
        child.awaitSuccess(CHILD_TIMEOUT);
        assertTrue(child.output().contains("dir-mode=rwx------"), child.output());
        assertTrue(child.output().contains("file-mode=rw-------"), child.output());
    }

    @Test
    void shouldFailOnFullTmpfsAtCreateAndLeaveNothing()
    {
        final Path dir = ns.scratch().resolve("tiny");
        final ChildJvm child = ns.startChild(
            new ChildJvm.Options().shellPrelude(
                // a private 1 MiB tmpfs in a mount namespace of the child's own: gone when the child exits
                "mkdir -p " + dir + " && exec unshare -rm sh -c 'mount -t tmpfs -o size=1m,mode=700 tmpfs " +
                dir + " && exec \"$@\"' sh \"$@\""),
            RegionChild.class, "create", dir.toString(), "big", String.valueOf(4 << 20));
        assertEquals(3, child.waitFor(CHILD_TIMEOUT), child.output());
        assertTrue(child.output().contains("error=RegionIoException message=region not creatable: name=big"),
            child.output());
        assertTrue(child.output().contains("No space left on device"), child.output());
        // the namespace's liveness table (complete, made before the region) is all that may remain
        assertTrue(child.output().lines().anyMatch("leftover=.liveness"::equals), "no temp file may remain: " +
            child.output());
    }

    @Test
    void shouldRefuseDirectoryWritableByOthers() throws IOException
    {
        final Path loose = Files.createDirectory(ns.scratch().resolve("loose"));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rwxrwxrwx"));
        final NamespaceException ex = assertThrows(NamespaceException.class, () -> NamespaceDirectory.of(loose));
        assertEquals("namespace directory writable by group or others: dir=" + loose + ", mode=rwxrwxrwx",
            ex.getMessage());
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rwx-w----"));
        assertThrows(NamespaceException.class, () -> NamespaceDirectory.of(loose));
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(loose, NamespaceDirectory.of(loose).path());
    }

    @Test
    void shouldRefuseDirectoryOwnedByAnotherUser() throws Exception
    {
        final Path foreign;
        final int myUid = NamespaceDirectory.currentUid();
        if (myUid == 0)
        {
            foreign = Files.createDirectory(ns.scratch().resolve("foreign"));
            Files.setPosixFilePermissions(foreign, PosixFilePermissions.fromString("rwx------"));
            Files.setAttribute(foreign, "unix:uid", 65534);
        }
        else
        {
            foreign = Path.of("/"); // owned by root, not by us
        }
        final NamespaceException ex = assertThrows(NamespaceException.class, () -> NamespaceDirectory.of(foreign));
        assertTrue(ex.getMessage().startsWith("namespace directory owned by another user: dir=" + foreign),
            ex.getMessage());
        assertTrue(ex.getMessage().endsWith("uid=" + myUid), ex.getMessage());
    }

    @Test
    void shouldRefuseSymlinkAndFile() throws IOException
    {
        final Path target = Files.createDirectory(ns.scratch().resolve("target"));
        final Path link = Files.createSymbolicLink(ns.scratch().resolve("link"), target);
        final NamespaceException ex = assertThrows(NamespaceException.class, () -> NamespaceDirectory.of(link));
        assertEquals("namespace directory is a symbolic link: dir=" + link, ex.getMessage());
        final Path file = Files.createFile(ns.scratch().resolve("file"));
        assertThrows(NamespaceException.class, () -> NamespaceDirectory.of(file));
    }

    @Test
    void shouldResolveDefaultDirectory()
    {
        assertEquals(Path.of("/x/prop"), NamespaceDirectory.defaultPath("/x/prop", Map.of("MMIPC_DIR", "/x/env")));
        assertEquals(Path.of("/x/env"), NamespaceDirectory.defaultPath(null, Map.of("MMIPC_DIR", "/x/env")));
        final Path fallback = NamespaceDirectory.defaultPath(null, Map.of());
        assertTrue(fallback.getFileName().toString().startsWith("mmipc-"), fallback.toString());
        assertEquals(Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir")),
            fallback.getParent());
    }

    @Test
    void shouldListOnlyRegionNames() throws IOException
    {
        for (final String name : List.of("c", "a", "e", "b", "d")) // neither created nor reversed in order
        {
            Region.create(ns.directory(), name, RegionKind.BYTES, 8, Region.ZEROED).close();
        }
        Files.createFile(ns.path().resolve(".a.tmp-1-ff"));
        Files.createDirectory(ns.path().resolve("subdir"));
        assertEquals(List.of("a", "b", "c", "d", "e"), ns.directory().list());
    }

    private void assertMessage(final String expected, final String name)
    {
        final InvalidNameException ex = assertThrows(InvalidNameException.class, () -> NamespaceDirectory.validateName(name));
        assertTrue(ex.getMessage().contains(expected), ex.getMessage());
    }

    private Path createThenPatch(final String name, final int offset, final long value, final int width)
        throws IOException
    {
        final Path file;
        try (Region region = Region.create(ns.directory(), name, RegionKind.BYTES, 64, Region.ZEROED))
        {
            file = region.path();
        }
        final ByteBuffer bytes = ByteBuffer.allocate(width).order(ByteOrder.LITTLE_ENDIAN);
        if (width == Long.BYTES)
        {
            bytes.putLong(value);
        }
        else
        {
            bytes.putShort((short)value);
        }
        bytes.flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(bytes, offset);
        }
        return file;
    }
}

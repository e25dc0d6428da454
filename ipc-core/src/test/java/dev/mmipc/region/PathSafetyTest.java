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

import dev.mmipc.Namespace;
import dev.mmipc.exceptions.NamespaceException;
import dev.mmipc.exceptions.RegionExistsException;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The namespace path and region names against links and loose modes: every missing parent is created 0700
 * whatever the umask, a symbolic link in any component of the path is refused (below the system's
 * {@code /dev/shm} or {@code java.io.tmpdir}, which are taken through their real path), and a region name
 * that is a link, or not a plain file, is refused before anything is opened through it.
 */
class PathSafetyTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldCreateEveryMissingParentPrivateEvenWithUmaskZero() throws IOException
    {
        final Path base = ns.scratch();
        final Path dir = base.resolve("a").resolve("b").resolve("c").resolve("ns");
        final ChildJvm child = ns.startChild(
            new ChildJvm.Options().shellPrelude("umask 000"), NamespaceChild.class, dir.toString());
        child.awaitSuccess(CHILD_TIMEOUT);
        assertTrue(child.output().contains("path=" + dir), child.output());
        for (Path p = dir; !p.equals(base); p = p.getParent())
        {
            assertEquals("rwx------", mode(p), "mode of " + p);
        }
    }

    @Test
    void shouldRefuseSymbolicLinkInAnyComponentAndCreateNothingThroughIt() throws IOException
    {
        final Path scratch = ns.scratch();
        final Path real = Files.createDirectories(scratch.resolve("real").resolve("inner"));
        final Path link = Files.createSymbolicLink(scratch.resolve("link"), real.getParent());
        final Path deep = Files.createDirectory(scratch.resolve("deep"));
        final Path deepLink = Files.createSymbolicLink(deep.resolve("to-real"), real);
        final Path dangling = Files.createSymbolicLink(scratch.resolve("dangling"), scratch.resolve("nowhere"));

        assertLinkRefused(link.resolve("ns"), link);
        assertLinkRefused(link.resolve("inner").resolve("ns"), link);
        assertLinkRefused(link.resolve("inner").resolve("deeper").resolve("ns"), link);
        assertLinkRefused(deepLink.resolve("ns"), deepLink);
        assertLinkRefused(dangling.resolve("ns"), dangling);
        assertLinkRefused(dangling.resolve("x").resolve("ns"), dangling);

        try (var entries = Files.list(real))
        {
            assertEquals(List.of(), entries.toList(), "nothing may be created through a link");
        }
        assertFalse(Files.exists(scratch.resolve("nowhere"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of("inner"), List.of(real.getParent().toFile().list()));
    }

    @Test
    void shouldRefuseComponentThatIsNotADirectory() throws IOException
    {
        final Path file = Files.createFile(ns.scratch().resolve("file"));
        final Path given = file.resolve("ns");
        final NamespaceException ex = assertThrows(NamespaceException.class, () -> NamespaceDirectory.of(given));
        assertEquals("namespace path component is not a directory: dir=" + given + ", component=" + file,
            ex.getMessage());
        assertThrows(NamespaceException.class, () -> NamespaceDirectory.of(null));
    }

    @Test
    void shouldTakeTheSystemTemporaryDirectoryThroughItsRealPathButNothingBelowIt() throws IOException
    {
        final Path scratch = ns.scratch();
        final Path tmpReal = Files.createDirectory(scratch.resolve("tmp-real"));
        final Path tmpLink = Files.createSymbolicLink(scratch.resolve("tmp-link"), tmpReal);
        final Path other = Files.createDirectory(scratch.resolve("other"));
        final Path sub = Files.createSymbolicLink(tmpReal.resolve("sub"), other);
        final ChildJvm.Options tmpdirIsTheLink = new ChildJvm.Options().jvmArgs("-Djava.io.tmpdir=" + tmpLink);

        // java.io.tmpdir is a link (as /dev/shm is on some systems): taken as set up, through its real path
        final ChildJvm accepted = ns.startChild(tmpdirIsTheLink, NamespaceChild.class, tmpLink.resolve("ns").toString());
        accepted.awaitSuccess(CHILD_TIMEOUT);
        assertTrue(accepted.output().contains("path=" + tmpReal.resolve("ns") + "\n"), accepted.output());
        assertEquals("rwx------", mode(tmpReal.resolve("ns")));

        // a link below it is not the system's: refused
        final Path below = tmpLink.resolve("sub").resolve("ns");
        final ChildJvm refusedBelow = ns.startChild(tmpdirIsTheLink, NamespaceChild.class, below.toString());
        assertEquals(3, refusedBelow.waitFor(CHILD_TIMEOUT), refusedBelow.output());
        assertTrue(refusedBelow.output().contains("error=NamespaceException message=namespace path has a symbolic link: " +
            "dir=" + below + ", component=" + sub), refusedBelow.output());

        // the same link when it is not the system's temporary directory: refused
        final ChildJvm refused = ns.startChild(NamespaceChild.class, tmpLink.resolve("ns2").toString());
        assertEquals(3, refused.waitFor(CHILD_TIMEOUT), refused.output());
        assertTrue(refused.output().contains("error=NamespaceException message=namespace path has a symbolic link: " +
            "dir=" + tmpLink.resolve("ns2") + ", component=" + tmpLink), refused.output());
        try (var entries = Files.list(other))
        {
            assertEquals(List.of(), entries.toList());
        }
        assertFalse(Files.exists(tmpReal.resolve("ns2")));
    }

    @Test
    void shouldTakeAPathOutsideTheSystemDirectoriesAsGivenNormalised()
    {
        assertEquals(Path.of("/mmipc-nowhere/b"), NamespaceDirectory.checkedPath(Path.of("/mmipc-nowhere/a/../b")));
    }

    @Test
    void shouldResolveTheTemporaryDirectoryAsAWholeWhereItLiesBelowDevShm() throws IOException
    {
        final Path tmpReal = Files.createDirectory(ns.scratch().resolve("tmp-real"));
        final Path tmpLink = Files.createSymbolicLink(ns.scratch().resolve("tmp-link"), tmpReal);
        withTemporaryDirectory(tmpLink, () ->
            assertEquals(tmpReal.toRealPath().resolve("ns"), NamespaceDirectory.checkedPath(tmpLink.resolve("ns")),
                "the longest system directory that holds the path is the one resolved"));
        final Path missing = ns.scratch().resolve("tmp-missing");
        withTemporaryDirectory(missing, () ->
            assertEquals(missing.resolve("ns"), NamespaceDirectory.checkedPath(missing.resolve("ns")),
                "a system directory that is missing is left to the walk"));
    }

    /**
     * Run with {@code java.io.tmpdir} set (the namespace code reads it at each call), then restore it.
     */
    private static void withTemporaryDirectory(final Path tmpdir, final Executable check)
    {
        final String before = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", tmpdir.toString());
        try
        {
            check.execute();
        }
        catch (final Throwable ex)
        {
            throw ex instanceof AssertionError ? (AssertionError)ex : new AssertionError(ex);
        }
        finally
        {
            System.setProperty("java.io.tmpdir", before);
        }
    }

    @Test
    void shouldRefuseRegionNameThatIsASymbolicLinkEvenToAGoodRegion() throws IOException
    {
        final Namespace elsewhere = Namespace.at(ns.scratch().resolve("elsewhere"));
        final Namespace namespace = Namespace.of(ns.directory());
        try (SharedLong target = SharedLong.create(elsewhere, "target", 7))
        {
            final Path link = Files.createSymbolicLink(ns.path().resolve("hits"), elsewhere.path().resolve("target"));
            final String expected = "region file is a symbolic link: name=hits, file=" + link;
            assertRefused(expected, () -> SharedLong.open(namespace, "hits"));
            assertRefused(expected, () -> SharedLong.openOrCreate(namespace, "hits", 1));
            assertRefused(expected, () -> namespace.header("hits"));
            assertThrows(RegionExistsException.class, () -> SharedLong.create(namespace, "hits", 1));
            assertEquals(7, target.get(), "the link's target is untouched");
            assertTrue(Files.isSymbolicLink(link));
        }
    }

    @Test
    void shouldRefuseDanglingLinkInsteadOfCreatingItsTarget() throws IOException
    {
        final Path nowhere = ns.scratch().resolve("nowhere");
        final Path link = Files.createSymbolicLink(ns.path().resolve("ghost"), nowhere);
        final Namespace namespace = Namespace.of(ns.directory());
        final String expected = "region file is a symbolic link: name=ghost, file=" + link;
        assertRefused(expected, () -> SharedLong.open(namespace, "ghost"));
        assertRefused(expected, () -> SharedLong.openOrCreate(namespace, "ghost", 1));
        assertThrows(RegionExistsException.class, () -> SharedLong.create(namespace, "ghost", 1));
        assertTrue(namespace.exists("ghost"), "the name is taken, by a link");
        assertFalse(Files.exists(nowhere, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void shouldRefuseRegionNameThatIsADirectoryOrAFifo() throws Exception
    {
        final Namespace namespace = Namespace.of(ns.directory());
        final Path dir = Files.createDirectory(ns.path().resolve("dir"));
        assertRefused("region file is not a regular file: name=dir, file=" + dir, () -> SharedLong.open(namespace, "dir"));

        final Path fifo = ns.path().resolve("fifo");
        final Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS), "mkfifo did not exit");
        assertEquals(0, mkfifo.exitValue());
        assertRefused("region file is not a regular file: name=fifo, file=" + fifo,
            () -> SharedLong.open(namespace, "fifo"));
        assertRefused("region file is not a regular file: name=fifo, file=" + fifo,
            () -> SharedLong.openOrCreate(namespace, "fifo", 1));
    }

    private static void assertLinkRefused(final Path given, final Path link)
    {
        final NamespaceException ex = assertThrows(NamespaceException.class, () -> Namespace.at(given));
        assertEquals("namespace path has a symbolic link: dir=" + given + ", component=" + link, ex.getMessage());
    }

    private static void assertRefused(final String message, final Executable call)
    {
        final NamespaceException ex = assertThrows(NamespaceException.class, call);
        assertEquals(message, ex.getMessage());
    }

    private static String mode(final Path path) throws IOException
    {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}

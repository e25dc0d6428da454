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
package dev.mmipc;

import dev.mmipc.exceptions.NamespaceException;
import dev.mmipc.exceptions.RegionIoException;
import dev.mmipc.region.RegionHeader;
import dev.mmipc.region.RegionKind;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The entry point on its own: a namespace made at a path, what it lists, what it reports taken, a region's header,
 * and unlink, including the name taken by something it cannot remove.
 */
class NamespaceTest
{
    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    @Test
    void shouldMakeAPrivateDirectoryAtAPathWithItsMissingParents() throws Exception
    {
        final Path dir = tns.scratch().resolve("a").resolve("b");
        final Namespace ns = Namespace.at(dir);
        assertEquals(dir, ns.path());
        assertEquals(dir, ns.directory().path());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals(List.of(), ns.list());
        assertTrue(ns.toString().startsWith("Namespace{"), ns.toString());
        assertTrue(ns.toString().contains(dir.toString()), ns.toString());
    }

    @Test
    void shouldRefuseADirectoryOthersMayWrite() throws Exception
    {
        final Path dir = Files.createDirectory(tns.scratch().resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThrows(NamespaceException.class, () -> Namespace.at(dir));
    }

    @Test
    void shouldListReportTakenReadTheHeaderAndUnlink() throws Exception
    {
        final Namespace ns = Namespace.of(tns.directory());
        try (SharedLong hits = SharedLong.create(ns, "hits", 5))
        {
            assertTrue(ns.exists("hits"));
            assertFalse(ns.exists("misses"));
            assertTrue(ns.list().contains("hits"), ns.list().toString());
            final RegionHeader header = ns.header("hits");
            assertEquals("hits", header.name());
            assertEquals(RegionKind.LONG, header.kind());
            assertEquals(ProcessHandle.current().pid(), header.creatorPid());

            // a dangling symbolic link takes the name too: it is not followed
            Files.createSymbolicLink(ns.path().resolve("dangling"), ns.path().resolve("nowhere"));
            assertTrue(ns.exists("dangling"));

            assertTrue(ns.unlink("hits"));
            assertFalse(ns.exists("hits"));
            assertFalse(ns.unlink("hits"), "already gone");
            assertEquals(5, hits.get(), "a mapping outlives its name");
            assertTrue(ns.unlink("dangling"));
        }
    }

    @Test
    void shouldReportANameItCannotRemove() throws Exception
    {
        final Namespace ns = Namespace.of(tns.directory());
        final Path taken = Files.createDirectory(ns.path().resolve("taken"));
        Files.createFile(taken.resolve("inside"));
        final RegionIoException ex = assertThrows(RegionIoException.class, () -> ns.unlink("taken"));
        assertTrue(ex.getMessage().startsWith("region not removable: name=taken, dir=" + ns.path() + ", error="), ex.getMessage());
        Files.delete(taken.resolve("inside"));
        assertTrue(ns.unlink("taken"));
    }
}

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
package dev.mmipc.tools;

import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.tools.ProcMaps.FileId;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcMapsTest
{
    private static final long PID = ProcessHandle.current().pid();
    private static final ProcMaps PROC_MAPS = new ProcMaps(Path.of("/proc"));

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldMatchMapsLinesByDeviceAndInodeOrByPath()
    {
        final FileId id = new FileId(0, 0x1b, 4242);
        final Path path = Path.of("/dev/shm/ns/hits");
        final Map<FileId, Path> files = Map.of(id, path);
        final Map<Path, FileId> byPath = Map.of(path, id);

        assertEquals(id, ProcMaps.match("7f00-7f01 rw-s 00000000 00:1b 4242   /dev/shm/ns/.hits.tmp-1-ab (deleted)",
            files, byPath));
        assertEquals(id, ProcMaps.match("7f00-7f01 rw-s 00000000 00:1b 4242", files, byPath));
        assertEquals(id, ProcMaps.match("7f00-7f01 rw-s 00000000 08:01 99   /dev/shm/ns/hits", files, byPath));
        assertNull(ProcMaps.match("7f00-7f01 rw-s 00000000 08:01 99   /dev/shm/ns/hits (deleted)", files, byPath));
        assertNull(ProcMaps.match("7f00-7f01 rw-s 00000000 00:1c 4242   /other", files, byPath));
        assertNull(ProcMaps.match("7f00-7f01 rw-p 00000000 00:00 0   [heap]", files, byPath));
        assertNull(ProcMaps.match("garbage", files, byPath));
    }

    @Test
    void shouldReadEveryPidDirectoryAndSkipUnreadableOnes() throws Exception
    {
        final Path proc = ns.scratch().resolve("proc");
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/maps"), "");
        Files.createDirectories(proc.resolve("17"));
        Files.writeString(proc.resolve("17/maps"),
            "not a maps line\n7f00-7f01 rw-s 00000000 00:1b 4242   /dev/shm/ns/hits\n");
        Files.createDirectories(proc.resolve("18")); // exited meanwhile: no maps
        Files.createDirectories(proc.resolve("sys"));
        final FileId id = new FileId(0, 0x1b, 4242);

        final Map<FileId, Set<Long>> mappers = new ProcMaps(proc).mappers(Map.of(id, Path.of("/dev/shm/ns/hits")));

        assertEquals(Map.of(id, Set.of(17L)), mappers);
    }

    @Test
    void shouldRefuseToAnswerWithoutItsOwnMaps() throws Exception
    {
        final Path proc = Files.createDirectories(ns.scratch().resolve("noproc"));
        final FileId id = new FileId(0, 0x1b, 4242);

        final IllegalStateException ex = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
            () -> new ProcMaps(proc).mappers(Map.of(id, Path.of("/x"))));

        assertEquals("process maps not readable: file=" + proc.resolve("self/maps") +
            ", reason=cannot tell which processes map a region", ex.getMessage());
    }

    @Test
    void shouldFindThisProcessMappingAFileUntilUnmapped() throws Exception
    {
        final Path file = ns.path().resolve("mapped");
        Files.write(file, new byte[4096]);
        final Map<FileId, Path> files = Map.of(FileId.of(file), file.toRealPath());
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, 4096);
        }

        final Set<Long> pids = PROC_MAPS.mappers(files).get(FileId.of(file));
        assertTrue(pids != null && pids.contains(PID), () -> "pids=" + pids);

        IoUtil.unmap(mapped);
        final Set<Long> after = PROC_MAPS.mappers(files).get(FileId.of(file));
        assertTrue(after == null || !after.contains(PID), () -> "pids=" + after);
    }

    @Test
    void shouldFindTheCreatorWhichMapsTheRegionUnderItsDeletedTemporaryName() throws Exception
    {
        try (Region region = Region.create(ns.directory(), "hits", RegionKind.LONG, 8, Region.ZEROED))
        {
            final Path file = ns.path().resolve("hits");
            final String selfMaps = Files.readString(Path.of("/proc/self/maps"));
            assertFalse(selfMaps.contains(file + "\n"), "the creator maps the temporary file, not the name");
            assertTrue(selfMaps.contains(ns.path().resolve(".hits.tmp-" + PID).toString()), selfMaps);

            final Set<Long> pids = PROC_MAPS.mappers(Map.of(FileId.of(file), file.toRealPath())).get(FileId.of(file));
            assertTrue(pids != null && pids.contains(PID), () -> "pids=" + pids);
            assertFalse(region.isClosed());
        }
    }
}

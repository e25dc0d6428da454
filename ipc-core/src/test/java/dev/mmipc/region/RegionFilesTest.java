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

import dev.mmipc.exceptions.RegionLengthException;
import dev.mmipc.exceptions.RegionMagicException;
import dev.mmipc.region.RegionFiles.Removal;
import dev.mmipc.test.Mappings;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link RegionFiles} on files this JVM does not hold through a region handle: reads, removals and the file lengths
 * that open accepts.
 */
class RegionFilesTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldReadThePrefixOfAFileNoHandleHolds() throws IOException
    {
        final byte[] content = new byte[100];
        for (int i = 0; i < content.length; i++)
        {
            content[i] = (byte)(i + 1);
        }
        final Path file = Files.write(ns.path().resolve("plain"), content);

        final ByteBuffer roomy = ByteBuffer.allocate(256);
        assertEquals(100, RegionFiles.readPrefix(file, roomy), "the file's length");
        assertEquals(100, roomy.position(), "filled as far as the file goes");
        assertArrayEquals(content, Arrays.copyOf(roomy.array(), 100));

        final ByteBuffer small = ByteBuffer.allocate(10);
        small.position(2);
        assertEquals(100, RegionFiles.readPrefix(file, small));
        assertEquals(10, small.position(), "filled to its end, from its position");
        assertArrayEquals(new byte[] { 0, 0, 1, 2, 3, 4, 5, 6, 7, 8 }, small.array());

        final Path empty = Files.createFile(ns.path().resolve("empty"));
        final ByteBuffer untouched = ByteBuffer.allocate(16);
        assertEquals(0, RegionFiles.readPrefix(empty, untouched));
        assertEquals(0, untouched.position());
        assertEquals(List.of("empty", "plain"), ns.filesButLivenessTable(), "reading removes nothing");
    }

    @Test
    void shouldNotRemoveAFileThisJvmLocksOutsideMmipc() throws IOException
    {
        final Path file = Files.write(ns.path().resolve("locked"), new byte[8]);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.lock(0, Long.MAX_VALUE, true))
        {
            assertTrue(lock.isValid());
            assertEquals(Removal.IN_USE, RegionFiles.removeIfUnused(file, null, false));
            assertEquals(Removal.IN_USE, RegionFiles.removeIfUnused(file, null, true));
            assertTrue(Files.exists(file));
        }
        assertEquals(Removal.REMOVED, RegionFiles.removeIfUnused(file, null, false));
        assertEquals(Removal.GONE, RegionFiles.removeIfUnused(file, null, false));
    }

    @Test
    void shouldReopenARegionOfHeaderOnly()
    {
        final Path file;
        try (Region created = Region.create(ns.directory(), "r", RegionKind.BYTES, 0, Region.ZEROED))
        {
            file = created.path();
        }
        try (Region opened = Region.open(ns.directory(), "r", RegionKind.BYTES))
        {
            assertEquals(RegionDescriptor.HEADER_LENGTH, opened.header().fileLength(), "a file exactly as long as the header");
            assertEquals(0, opened.payload().capacity());
        }
        assertEquals(0, Mappings.count(file));
    }

    @Test
    void shouldMapAFileOfTheLargestMappableLengthAndRefuseOneByteMore() throws IOException
    {
        final Path largest = sparse("largest", Integer.MAX_VALUE);
        final RegionMagicException magic = assertThrows(RegionMagicException.class,
            () -> Region.open(ns.directory(), "largest", null));
        assertTrue(magic.getMessage().startsWith("region magic mismatch: name=largest"), magic.getMessage());
        assertEquals(0, Mappings.count(largest), "a refused file stays mapped nowhere");

        final Path beyond = sparse("beyond", Integer.MAX_VALUE + 1L);
        final RegionLengthException length = assertThrows(RegionLengthException.class,
            () -> Region.open(ns.directory(), "beyond", null));
        assertEquals("region file too large to map: name=beyond, file=" + beyond + ", length=2147483648, max=2147483647",
            length.getMessage());
        assertEquals(0, Mappings.count(beyond));
    }

    @Test
    void shouldMakeTheFileExactlyAsLongAsHeaderAndPayload() throws IOException
    {
        final long payloadLength = (3L << 20) / 2 + 8; // more than the 1 MiB of zeros written at once, not a multiple
        try (Region region = Region.create(ns.directory(), "r", RegionKind.BYTES, payloadLength, Region.ZEROED))
        {
            assertEquals(RegionDescriptor.HEADER_LENGTH + payloadLength, Files.size(region.path()));
            assertEquals(RegionDescriptor.HEADER_LENGTH + payloadLength, region.header().fileLength());
            assertEquals(0, region.payload().getLong((int)payloadLength - Long.BYTES));
        }
    }

    @Test
    void shouldReserveEveryByteOfTheFileUpFront() throws Exception
    {
        final long payloadLength = 1 << 20;
        try (Region region = Region.create(ns.directory(), "r", RegionKind.BYTES, payloadLength, Region.ZEROED))
        {
            final String[] stat = statBlocks(region.path());
            final long allocatedBytes = Long.parseLong(stat[0]) * Long.parseLong(stat[1]);
            assertTrue(allocatedBytes >= RegionDescriptor.HEADER_LENGTH + payloadLength,
                "the file holds its space before anyone touches the payload: allocated=" + allocatedBytes);
        }
    }

    /**
     * @return the blocks allocated to the file and the size of such a block, as {@code stat} reports them (Java reads
     * no allocation).
     */
    private static String[] statBlocks(final Path file) throws Exception
    {
        final Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
        try
        {
            final String output = new String(stat.getInputStream().readAllBytes()).trim();
            assertTrue(stat.waitFor(10, TimeUnit.SECONDS), "stat ended");
            assertEquals(0, stat.exitValue(), output);
            return output.split(" ");
        }
        finally
        {
            stat.destroyForcibly();
        }
    }

    private Path sparse(final String name, final long length) throws IOException
    {
        final Path file = ns.path().resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.setLength(length); // sparse: no page is allocated
        }
        return file;
    }
}

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

import dev.mmipc.exceptions.RegionKindException;
import dev.mmipc.exceptions.RegionLengthException;
import dev.mmipc.exceptions.RegionNotReadyException;
import dev.mmipc.exceptions.RegionVersionException;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static dev.mmipc.region.HeaderPatch.patch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Region header validation at each bound: header and payload lengths at, below and beyond what the file holds,
 * 16-bit fields with their top bit set, and the ready state reached while, before or never while an open waits.
 */
class RegionHeaderBoundsTest
{
    private static final int PAYLOAD = 64;
    private static final int FILE_LENGTH = RegionDescriptor.HEADER_LENGTH + PAYLOAD;

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @ParameterizedTest(name = "header_length={0}, payload_length={1}")
    @CsvSource({
        "128, 64, true", "128, 0, true", "136, 56, true", "192, 0, true", "184, 8, true",
        "120, 64, false", "0, 64, false", "-128, 64, false", "132, 0, false", "129, 0, false", "136, 57, false",
        "192, 1, false", "200, 0, false", "128, 65, false", "128, -1, false", "128, -9223372036854775808, false",
        "9223372036854775800, 0, false", "128, 9223372036854775807, false" })
    void shouldOpenLengthsWithinTheFileAndRefuseOneBeyond(
        final long headerLength, final long payloadLength, final boolean accepted) throws IOException
    {
        final Path file = create("r");
        patch(file, RegionDescriptor.HEADER_LENGTH_OFFSET, Long.BYTES, headerLength);
        patch(file, RegionDescriptor.PAYLOAD_LENGTH_OFFSET, Long.BYTES, payloadLength);
        if (accepted)
        {
            try (Region region = Region.open(ns.directory(), "r", RegionKind.BYTES))
            {
                assertEquals(payloadLength, region.payload().capacity());
                assertEquals(headerLength, region.header().headerLength());
                assertEquals(payloadLength, region.header().payloadLength());
                assertEquals(FILE_LENGTH, region.header().fileLength());
            }
        }
        else
        {
            final RegionLengthException ex = assertThrows(RegionLengthException.class,
                () -> Region.open(ns.directory(), "r", RegionKind.BYTES));
            assertEquals("region lengths beyond file: name=r, file=" + file + ", header_length=" + headerLength +
                ", payload_length=" + payloadLength + ", file_length=" + FILE_LENGTH, ex.getMessage());
        }
    }

    @Test
    void shouldReadSixteenBitFieldsUnsigned() throws IOException
    {
        final Path file = create("r");
        patch(file, RegionDescriptor.MINOR_VERSION_OFFSET, Short.BYTES, 0xFFFF);
        try (Region region = Region.open(ns.directory(), "r", RegionKind.BYTES))
        {
            assertEquals(65535, region.header().minorVersion(), "another minor is accepted");
            assertEquals(1, region.header().majorVersion());
        }

        patch(file, RegionDescriptor.MAJOR_VERSION_OFFSET, Short.BYTES, 0xFFFF);
        assertEquals("region major version unsupported: name=r, file=" + file + ", expected=1, actual=65535",
            assertThrows(RegionVersionException.class, () -> Region.open(ns.directory(), "r", null)).getMessage());
        patch(file, RegionDescriptor.MAJOR_VERSION_OFFSET, Short.BYTES, 0);
        assertEquals("region major version unsupported: name=r, file=" + file + ", expected=1, actual=0",
            assertThrows(RegionVersionException.class, () -> Region.open(ns.directory(), "r", null)).getMessage());
        patch(file, RegionDescriptor.MAJOR_VERSION_OFFSET, Short.BYTES, 0x8001);
        assertEquals("region major version unsupported: name=r, file=" + file + ", expected=1, actual=32769",
            assertThrows(RegionVersionException.class, () -> Region.open(ns.directory(), "r", null)).getMessage());

        patch(file, RegionDescriptor.MAJOR_VERSION_OFFSET, Short.BYTES, RegionDescriptor.MAJOR_VERSION);
        patch(file, RegionDescriptor.KIND_OFFSET, Short.BYTES, 0x8000 | RegionKind.BYTES.code());
        assertEquals("region kind unknown: name=r, file=" + file + ", code=" + (0x8000 | RegionKind.BYTES.code()),
            assertThrows(RegionKindException.class, () -> Region.open(ns.directory(), "r", null)).getMessage());
        patch(file, RegionDescriptor.KIND_OFFSET, Short.BYTES, 0);
        assertThrows(RegionKindException.class, () -> Region.open(ns.directory(), "r", RegionKind.BYTES));
    }

    @Test
    void shouldGiveUpAtOnceWithATimeoutOfZeroAndNameAnUnknownState() throws IOException
    {
        final Path file = create("r");
        patch(file, RegionDescriptor.STATE_OFFSET, Short.BYTES, RegionDescriptor.STATE_INITIALIZING);
        final RegionNotReadyException zero = assertThrows(RegionNotReadyException.class,
            () -> Region.open(ns.directory(), "r", RegionKind.BYTES, 0));
        assertEquals("region never became ready: name=r, file=" + file + ", state=0, waited_ms=0", zero.getMessage());
        patch(file, RegionDescriptor.STATE_OFFSET, Short.BYTES, 2);
        final long startNs = System.nanoTime();
        final RegionNotReadyException two = assertThrows(RegionNotReadyException.class,
            () -> Region.open(ns.directory(), "r", RegionKind.BYTES, 50));
        assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(50), "waited the timeout");
        assertEquals("region never became ready: name=r, file=" + file + ", state=2, waited_ms=50", two.getMessage());
        assertEquals("region never became ready: name=r, file=" + file + ", state=2, waited_ms=0",
            assertThrows(RegionNotReadyException.class, () -> Region.readHeader(ns.directory(), "r")).getMessage(),
            "readHeader does not wait");

        patch(file, RegionDescriptor.STATE_OFFSET, Short.BYTES, RegionDescriptor.STATE_READY);
        try (Region region = Region.open(ns.directory(), "r", RegionKind.BYTES, 0))
        {
            assertEquals(RegionDescriptor.STATE_READY, region.header().state(), "ready: no wait at all");
        }
    }

    @Test
    void shouldOpenARegionThatBecomesReadyWhileTheOpenWaits() throws Exception
    {
        final Path file = create("r");
        patch(file, RegionDescriptor.STATE_OFFSET, Short.BYTES, RegionDescriptor.STATE_INITIALIZING);
        final CountDownLatch started = new CountDownLatch(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread creator = new Thread(() ->
        {
            try
            {
                started.await();
                Thread.sleep(20); // the open is (most likely) waiting by now; either way it must succeed
                patch(file, RegionDescriptor.STATE_OFFSET, Short.BYTES, RegionDescriptor.STATE_READY);
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        });
        creator.start();
        try
        {
            started.countDown();
            try (Region region = Region.open(ns.directory(), "r", RegionKind.BYTES, 30_000))
            {
                assertEquals(RegionDescriptor.STATE_READY, region.header().state());
            }
        }
        finally
        {
            creator.join(30_000);
        }
        assertFalse(creator.isAlive());
        assertNull(failure.get());
    }

    @Test
    void shouldRefuseAPayloadOneByteBeyondTheLargestMappable()
    {
        final long max = Integer.MAX_VALUE - RegionDescriptor.HEADER_LENGTH;
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Region.create(ns.directory(), "r", RegionKind.BYTES, max + 1, Region.ZEROED));
        assertEquals("payload length out of range: name=r, length=" + (max + 1) + ", max=" + max, ex.getMessage());
        try (Region region = Region.create(ns.directory(), "r", RegionKind.BYTES, 0, Region.ZEROED))
        {
            assertEquals(0, region.payload().capacity(), "an empty payload is allowed");
            assertEquals("Region{name=r, kind=BYTES, file=" + region.path() + ", closed=false}", region.toString());
            assertEquals(RegionKind.BYTES, region.kind());
            assertEquals("r", region.name());
            assertEquals(ns.path().resolve("r"), region.path());
            assertEquals(RegionDescriptor.PARAMS_LENGTH, region.params().capacity());
        }
    }

    private Path create(final String name)
    {
        try (Region region = Region.create(ns.directory(), name, RegionKind.BYTES, PAYLOAD, Region.ZEROED))
        {
            return region.path();
        }
    }
}

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
package dev.mmipc.shared;

import dev.mmipc.Namespace;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;

class SharedDescriptorTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldMatchTheDiagram()
    {
        assertEquals(64, SharedDescriptor.ELEMENT_COUNT_OFFSET);
        assertEquals(RegionDescriptor.paramOffset(0), SharedDescriptor.ELEMENT_COUNT_OFFSET);
        assertEquals(72, SharedDescriptor.ELEMENT_SIZE_OFFSET);
        assertEquals(RegionDescriptor.paramOffset(1), SharedDescriptor.ELEMENT_SIZE_OFFSET);
        assertEquals(80, SharedDescriptor.RESERVED_PARAMS_OFFSET);
        assertEquals(0, SharedDescriptor.ELEMENT_COUNT_PARAM_OFFSET);
        assertEquals(8, SharedDescriptor.ELEMENT_SIZE_PARAM_OFFSET);
        assertEquals(128, SharedDescriptor.PAYLOAD_ALIGNMENT);
        assertEquals(128, RegionDescriptor.HEADER_LENGTH);
        assertEquals(0, RegionDescriptor.HEADER_LENGTH % SharedDescriptor.PAYLOAD_ALIGNMENT);
    }

    @Test
    void shouldGiveElementSizesAndOffsets()
    {
        assertEquals(8, SharedDescriptor.elementSize(RegionKind.LONG));
        assertEquals(4, SharedDescriptor.elementSize(RegionKind.INT));
        assertEquals(8, SharedDescriptor.elementSize(RegionKind.DOUBLE));
        assertEquals(8, SharedDescriptor.elementSize(RegionKind.LONG_ARRAY));
        assertEquals(4, SharedDescriptor.elementSize(RegionKind.INT_ARRAY));
        assertEquals(8, SharedDescriptor.elementSize(RegionKind.DOUBLE_ARRAY));
        assertEquals(1, SharedDescriptor.elementSize(RegionKind.BYTES));
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> SharedDescriptor.elementSize(RegionKind.QUEUE));
        assertEquals("region kind not a shared value: kind=QUEUE", ex.getMessage());

        assertEquals(0, SharedDescriptor.elementOffset(0, 8));
        assertEquals(40, SharedDescriptor.elementOffset(5, 8));
        assertEquals(20, SharedDescriptor.elementOffset(5, 4));
        assertEquals((Integer.MAX_VALUE - 128) / 8, SharedDescriptor.maxElementCount(8));
        assertEquals(Integer.MAX_VALUE - 128, SharedDescriptor.maxElementCount(1));

        assertTrue(SharedDescriptor.isScalarKind(RegionKind.DOUBLE));
        assertFalse(SharedDescriptor.isScalarKind(RegionKind.DOUBLE_ARRAY));
        assertTrue(SharedDescriptor.isSharedKind(RegionKind.BYTES));
        assertFalse(SharedDescriptor.isSharedKind(RegionKind.COUNTERS));
    }

    @Test
    void shouldWriteTheFileAsDrawn() throws IOException
    {
        final Namespace namespace = Namespace.of(ns.directory());
        try (SharedLongArray array = SharedLongArray.create(namespace, "drawn", new long[]{ 11, -2, 33 }))
        {
            final ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(ns.directory().resolve("drawn")))
                .order(ByteOrder.nativeOrder());
            assertEquals(128 + 3 * 8, file.capacity());
            assertEquals(3, file.getLong(SharedDescriptor.ELEMENT_COUNT_OFFSET));
            assertEquals(8, file.getLong(SharedDescriptor.ELEMENT_SIZE_OFFSET));
            for (int offset = SharedDescriptor.RESERVED_PARAMS_OFFSET; offset < RegionDescriptor.HEADER_LENGTH; offset++)
            {
                assertEquals(0, file.get(offset), "reserved byte " + offset);
            }
            assertEquals(11, file.getLong(128));
            assertEquals(-2, file.getLong(136));
            assertEquals(33, file.getLong(144));
            assertEquals(3, array.length());
        }
        try (SharedInt value = SharedInt.create(namespace, "drawn-int", 0x01020304))
        {
            final ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(ns.directory().resolve("drawn-int")))
                .order(ByteOrder.nativeOrder());
            assertEquals(128 + 4, file.capacity());
            assertEquals(1, file.getLong(SharedDescriptor.ELEMENT_COUNT_OFFSET));
            assertEquals(4, file.getLong(SharedDescriptor.ELEMENT_SIZE_OFFSET));
            assertEquals(0x01020304, file.getInt(128));
            assertEquals(0x01020304, value.get());
        }
    }

    @Test
    void shouldAlignEveryPayloadOn128Bytes()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        SharedLong.create(namespace, "a").close();
        SharedInt.create(namespace, "b").close();
        SharedDouble.create(namespace, "c").close();
        SharedLongArray.create(namespace, "d", 3).close();
        SharedIntArray.create(namespace, "e", 5).close();
        SharedDoubleArray.create(namespace, "f", 7).close();
        SharedBytes.create(namespace, "g", 13).close();
        for (final String name : namespace.list())
        {
            try (Region region = Region.open(ns.directory(), name, null))
            {
                assertEquals(0, region.payload().addressOffset() % 128, name);
                assertEquals(128, region.header().headerLength(), name);
            }
        }
        assertEquals(7, namespace.list().size());
    }
}

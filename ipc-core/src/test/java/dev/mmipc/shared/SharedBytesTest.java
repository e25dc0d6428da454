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
import dev.mmipc.exceptions.RegionExistsException;
import dev.mmipc.test.TestNamespace;
import org.agrona.concurrent.AtomicBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link SharedBytes}: a view of exactly the payload, aligned, shared with a second handle.
 */
class SharedBytesTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace;

    @BeforeEach
    void before()
    {
        namespace = Namespace.of(ns.directory());
    }

    @Test
    void shouldShareBytesThroughTheBuffer()
    {
        try (SharedBytes writer = SharedBytes.create(namespace, "b", 100);
            SharedBytes reader = SharedBytes.open(namespace, "b"))
        {
            assertEquals(100, writer.size());
            assertEquals(100, reader.size());
            final AtomicBuffer w = writer.buffer();
            final AtomicBuffer r = reader.buffer();
            assertEquals(100, w.capacity());
            assertEquals(0, w.addressOffset() % 128);
            for (int i = 0; i < 100; i++)
            {
                assertEquals(0, r.getByte(i));
            }
            w.putStringWithoutLengthAscii(0, "hello");
            assertEquals("hello", r.getStringWithoutLengthAscii(0, 5));
            w.putLongRelease(8, 42L);
            assertEquals(42L, r.getLongAcquire(8));
            assertEquals(42L, r.getAndAddLong(8, 1));
            assertEquals(43L, w.getLongVolatile(8));
            w.putIntVolatile(96, -7);
            assertEquals(-7, r.getIntVolatile(96));
            final byte[] bytes = "world".getBytes(StandardCharsets.US_ASCII);
            w.putBytes(95 - 5 + 1, bytes);
            final byte[] back = new byte[5];
            r.getBytes(91, back);
            assertArrayEquals(bytes, back);
            assertThrows(IndexOutOfBoundsException.class, () -> r.getByte(100), "the view ends at size()");
            assertEquals("SharedBytes{name=b, size=100, closed=false}", reader.toString());
            assertThrows(RegionExistsException.class, () -> SharedBytes.create(namespace, "b", 100));
        }
    }

    @Test
    void shouldOpenOrCreateAndCloseAndUnlink()
    {
        final SharedBytes created = SharedBytes.openOrCreate(namespace, "b", 1);
        try (SharedBytes opened = SharedBytes.openOrCreate(namespace, "b", 1))
        {
            created.buffer().putByte(0, (byte)7);
            assertEquals(7, opened.buffer().getByte(0));
            created.close();
            created.close();
            assertTrue(created.isClosed());
            assertEquals("b", created.name());
            assertEquals(1, created.size());
            final IllegalStateException ex = assertThrows(IllegalStateException.class, created::buffer);
            assertTrue(ex.getMessage().startsWith("region closed: name=b"), ex.getMessage());
            assertTrue(created.unlink());
            assertFalse(Files.exists(ns.directory().resolve("b")));
            assertEquals(7, opened.buffer().getByte(0));
        }
    }
}

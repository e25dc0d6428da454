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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every operation of {@link SharedLongArray}; a second handle over the same memory checks each write,
 * and the neighbours of the element written stay untouched.
 */
class SharedLongArrayTest
{
    private static final int LAST = 4;

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace;

    @BeforeEach
    void before()
    {
        namespace = Namespace.of(ns.directory());
    }

    @Test
    void shouldCreateZerosOrCopyAndOpen()
    {
        try (SharedLongArray zeros = SharedLongArray.create(namespace, "zeros", 3);
            SharedLongArray copy = SharedLongArray.create(namespace, "copy", new long[]{ 1, Long.MIN_VALUE, 3 });
            SharedLongArray reader = SharedLongArray.open(namespace, "copy"))
        {
            assertArrayEquals(new long[3], zeros.toArray());
            assertEquals(3, zeros.length());
            assertEquals(3, reader.length());
            assertArrayEquals(new long[]{ 1, Long.MIN_VALUE, 3 }, reader.toArray());
            assertEquals("copy", reader.name());
            assertEquals("SharedLongArray{name=copy, length=3, closed=false}", reader.toString());
            assertThrows(RegionExistsException.class, () -> SharedLongArray.create(namespace, "copy", 3));
            assertArrayEquals(new long[]{ 1, Long.MIN_VALUE, 3 }, copy.toArray());
        }
    }

    @Test
    void shouldReadAndWriteInEveryOrdering()
    {
        for (int i = 0; i <= LAST; i++)
        {
            try (SharedLongArray writer = SharedLongArray.create(namespace, "a" + i, LAST + 1);
                SharedLongArray reader = SharedLongArray.open(namespace, "a" + i))
            {
                writer.setPlain(i, 1);
                assertEquals(1, reader.getPlain(i));
                assertEquals(1, writer.getPlain(i));
                writer.setOpaque(i, 2);
                assertEquals(2, reader.getOpaque(i));
                writer.setRelease(i, 3);
                assertEquals(3, reader.getAcquire(i));
                writer.set(i, Long.MAX_VALUE);
                assertEquals(Long.MAX_VALUE, reader.get(i));
                assertOnly(reader, i, Long.MAX_VALUE);
            }
        }
    }

    @Test
    void shouldAddIncrementAndDecrement()
    {
        try (SharedLongArray writer = SharedLongArray.create(namespace, "a", LAST + 1);
            SharedLongArray reader = SharedLongArray.open(namespace, "a"))
        {
            final int i = 2;
            writer.set(i, 10);
            assertEquals(10, writer.getAndAdd(i, 5));
            assertEquals(15, reader.get(i));
            assertEquals(12, writer.addAndGet(i, -3));
            assertEquals(12, reader.get(i));
            assertEquals(13, writer.incrementAndGet(i));
            assertEquals(13, writer.getAndIncrement(i));
            assertEquals(14, reader.get(i));
            assertEquals(13, writer.decrementAndGet(i));
            assertEquals(13, writer.getAndDecrement(i));
            assertOnly(reader, i, 12);
            assertEquals(1, writer.incrementAndGet(0));
            assertEquals(-1, writer.decrementAndGet(LAST));
            assertArrayEquals(new long[]{ 1, 0, 12, 0, -1 }, reader.toArray());
        }
    }

    @Test
    void shouldCompareAndSetAndExchange()
    {
        try (SharedLongArray writer = SharedLongArray.create(namespace, "a", LAST + 1);
            SharedLongArray reader = SharedLongArray.open(namespace, "a"))
        {
            final int i = LAST;
            writer.set(i, 7);
            assertFalse(writer.compareAndSet(i, 8, 9));
            assertEquals(7, reader.get(i));
            assertTrue(writer.compareAndSet(i, 7, 9));
            assertEquals(9, reader.get(i));
            assertEquals(9, writer.compareAndExchange(i, 1, 2));
            assertEquals(9, writer.compareAndExchange(i, 9, 2));
            assertEquals(2, reader.get(i));
            assertEquals(2, writer.getAndSet(i, -1));
            assertOnly(reader, i, -1);
        }
    }

    @Test
    void shouldUpdateAndAccumulate()
    {
        try (SharedLongArray writer = SharedLongArray.create(namespace, "a", LAST + 1);
            SharedLongArray reader = SharedLongArray.open(namespace, "a"))
        {
            final int i = 0;
            writer.set(i, 3);
            assertEquals(6, writer.updateAndGet(i, (x) -> x * 2));
            assertEquals(6, reader.get(i));
            assertEquals(6, writer.getAndUpdate(i, (x) -> x + 1));
            assertEquals(7, reader.get(i));
            assertEquals(70, writer.accumulateAndGet(i, 10, (x, y) -> x * y));
            assertEquals(70, reader.get(i));
            assertEquals(70, writer.getAndAccumulate(i, 100, Math::max));
            assertOnly(reader, i, 100);
        }
    }

    @Test
    void shouldCopyToAndFrom()
    {
        try (SharedLongArray writer = SharedLongArray.create(namespace, "a", LAST + 1);
            SharedLongArray reader = SharedLongArray.open(namespace, "a"))
        {
            writer.copyFrom(1, new long[]{ 9, 10, 11, 12, 13 }, 1, 3);
            assertArrayEquals(new long[]{ 0, 10, 11, 12, 0 }, reader.toArray());
            final long[] out = { -1, -1, -1, -1 };
            reader.copyTo(2, out, 1, 3);
            assertArrayEquals(new long[]{ -1, 11, 12, 0 }, out);
            reader.copyTo(0, out, 0, 0);
            writer.copyFrom(0, new long[]{ 5, 6, 7, 8, 9 }, 0, 5);
            assertArrayEquals(new long[]{ 5, 6, 7, 8, 9 }, reader.toArray());

            final IndexOutOfBoundsException ex = assertThrows(
                IndexOutOfBoundsException.class, () -> reader.copyTo(3, new long[5], 0, 3));
            assertEquals("range out of bounds: name=a, index=3, count=3, length=5", ex.getMessage());
            final IndexOutOfBoundsException ex2 = assertThrows(
                IndexOutOfBoundsException.class, () -> writer.copyFrom(0, new long[2], 1, 2));
            assertEquals("array range out of bounds: name=a, offset=1, count=2, array_length=2", ex2.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> writer.copyFrom(-1, new long[2], 0, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> writer.copyFrom(0, new long[2], 0, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> writer.copyTo(0, new long[2], -1, 1));
            assertArrayEquals(new long[]{ 5, 6, 7, 8, 9 }, reader.toArray());
        }
    }

    @Test
    void shouldOpenOrCreateKeepingTheExistingElements()
    {
        try (SharedLongArray created = SharedLongArray.openOrCreate(namespace, "a", new long[]{ 1, 2 });
            SharedLongArray opened = SharedLongArray.openOrCreate(namespace, "a", new long[]{ 8, 9 });
            SharedLongArray openedByLength = SharedLongArray.openOrCreate(namespace, "a", 2))
        {
            assertArrayEquals(new long[]{ 1, 2 }, opened.toArray());
            opened.incrementAndGet(1);
            assertArrayEquals(new long[]{ 1, 3 }, openedByLength.toArray());
            assertArrayEquals(new long[]{ 1, 3 }, created.toArray());
        }
        try (SharedLongArray fresh = SharedLongArray.openOrCreate(namespace, "fresh", 2))
        {
            assertArrayEquals(new long[2], fresh.toArray());
        }
    }

    @Test
    void shouldCloseIdempotentlyAndUnlinkWhileOthersKeepWorking()
    {
        final SharedLongArray a = SharedLongArray.create(namespace, "a", 2);
        try (SharedLongArray b = SharedLongArray.open(namespace, "a"))
        {
            a.close();
            a.close();
            assertTrue(a.isClosed());
            assertEquals(2, a.length());
            assertTrue(a.unlink());
            assertFalse(Files.exists(ns.directory().resolve("a")));
            assertEquals(1, b.incrementAndGet(1));
        }
    }

    private static void assertOnly(final SharedLongArray array, final int index, final long value)
    {
        final long[] expected = new long[array.length()];
        expected[index] = value;
        assertArrayEquals(expected, array.toArray());
    }
}

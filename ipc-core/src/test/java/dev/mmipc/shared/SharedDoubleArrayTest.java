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
 * Every operation of {@link SharedDoubleArray}; a second handle over the same memory checks each write,
 * and the neighbours of the element written stay untouched.
 */
class SharedDoubleArrayTest
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
        try (SharedDoubleArray zeros = SharedDoubleArray.create(namespace, "zeros", 3);
            SharedDoubleArray copy = SharedDoubleArray.create(namespace, "copy", new double[]{ 1.5, -0.0, Double.NaN });
            SharedDoubleArray reader = SharedDoubleArray.open(namespace, "copy"))
        {
            assertArrayEquals(new double[3], zeros.toArray());
            assertEquals(3, reader.length());
            assertArrayEquals(new double[]{ 1.5, -0.0, Double.NaN }, reader.toArray()); // compares bits of -0.0 and NaN
            assertEquals("SharedDoubleArray{name=copy, length=3, closed=false}", reader.toString());
            assertThrows(RegionExistsException.class, () -> SharedDoubleArray.create(namespace, "copy", 3));
            assertEquals(1.5, copy.get(0));
        }
    }

    @Test
    void shouldReadAndWriteInEveryOrdering()
    {
        for (int i = 0; i <= LAST; i++)
        {
            try (SharedDoubleArray writer = SharedDoubleArray.create(namespace, "a" + i, LAST + 1);
                SharedDoubleArray reader = SharedDoubleArray.open(namespace, "a" + i))
            {
                writer.setPlain(i, 1.5);
                assertEquals(1.5, reader.getPlain(i));
                assertEquals(1.5, writer.getPlain(i));
                writer.setOpaque(i, 2.5);
                assertEquals(2.5, reader.getOpaque(i));
                writer.setRelease(i, 3.5);
                assertEquals(3.5, reader.getAcquire(i));
                writer.set(i, -Double.MAX_VALUE);
                assertEquals(-Double.MAX_VALUE, reader.get(i));
                assertOnly(reader, i, -Double.MAX_VALUE);
            }
        }
    }

    @Test
    void shouldAddCompareAndSet()
    {
        try (SharedDoubleArray writer = SharedDoubleArray.create(namespace, "a", LAST + 1);
            SharedDoubleArray reader = SharedDoubleArray.open(namespace, "a"))
        {
            final int i = 3;
            assertEquals(0.0, writer.getAndAdd(i, 0.5));
            assertEquals(2.0, writer.addAndGet(i, 1.5));
            assertEquals(2.0, reader.get(i));
            assertFalse(writer.compareAndSet(i, 3.0, 4.0));
            assertTrue(writer.compareAndSet(i, 2.0, 4.0));
            assertEquals(4.0, reader.get(i));
            assertEquals(4.0, writer.compareAndExchange(i, 0.0, 5.0));
            assertEquals(4.0, writer.compareAndExchange(i, 4.0, 5.0));
            assertEquals(5.0, writer.getAndSet(i, 0.0));
            assertFalse(writer.compareAndSet(i, -0.0, 1.0), "-0.0 has other bits than 0.0");
            writer.set(i, Double.NaN);
            assertTrue(writer.compareAndSet(i, Double.NaN, 6.0), "the same NaN bits match");
            assertOnly(reader, i, 6.0);
        }
    }

    @Test
    void shouldUpdateAndAccumulate()
    {
        try (SharedDoubleArray writer = SharedDoubleArray.create(namespace, "a", LAST + 1);
            SharedDoubleArray reader = SharedDoubleArray.open(namespace, "a"))
        {
            final int i = LAST;
            writer.set(i, 3.0);
            assertEquals(6.0, writer.updateAndGet(i, (x) -> x * 2));
            assertEquals(6.0, writer.getAndUpdate(i, (x) -> x + 0.25));
            assertEquals(6.25, reader.get(i));
            assertEquals(62.5, writer.accumulateAndGet(i, 10.0, (x, y) -> x * y));
            assertEquals(62.5, writer.getAndAccumulate(i, 100.0, Math::max));
            assertOnly(reader, i, 100.0);
        }
    }

    @Test
    void shouldCopyToAndFrom()
    {
        try (SharedDoubleArray writer = SharedDoubleArray.create(namespace, "a", LAST + 1);
            SharedDoubleArray reader = SharedDoubleArray.open(namespace, "a"))
        {
            writer.copyFrom(1, new double[]{ 9, 10.5, 11.5, 12.5, 13 }, 1, 3);
            assertArrayEquals(new double[]{ 0, 10.5, 11.5, 12.5, 0 }, reader.toArray());
            final double[] out = { -1, -1, -1, -1 };
            reader.copyTo(2, out, 1, 3);
            assertArrayEquals(new double[]{ -1, 11.5, 12.5, 0 }, out);
            final IndexOutOfBoundsException ex = assertThrows(
                IndexOutOfBoundsException.class, () -> reader.copyTo(4, new double[5], 0, 2));
            assertEquals("range out of bounds: name=a, index=4, count=2, length=5", ex.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> writer.copyFrom(0, new double[2], 1, 2));
        }
    }

    @Test
    void shouldOpenOrCreateKeepingTheExistingElements()
    {
        try (SharedDoubleArray created = SharedDoubleArray.openOrCreate(namespace, "a", new double[]{ 1, 2 });
            SharedDoubleArray opened = SharedDoubleArray.openOrCreate(namespace, "a", new double[]{ 8, 9 });
            SharedDoubleArray openedByLength = SharedDoubleArray.openOrCreate(namespace, "a", 2))
        {
            assertArrayEquals(new double[]{ 1, 2 }, opened.toArray());
            opened.addAndGet(1, 0.5);
            assertArrayEquals(new double[]{ 1, 2.5 }, openedByLength.toArray());
            assertArrayEquals(new double[]{ 1, 2.5 }, created.toArray());
        }
    }

    @Test
    void shouldCloseIdempotentlyAndUnlinkWhileOthersKeepWorking()
    {
        final SharedDoubleArray a = SharedDoubleArray.create(namespace, "a", 2);
        try (SharedDoubleArray b = SharedDoubleArray.open(namespace, "a"))
        {
            a.close();
            a.close();
            assertTrue(a.isClosed());
            assertTrue(a.unlink());
            assertFalse(Files.exists(ns.directory().resolve("a")));
            assertEquals(0.5, b.addAndGet(1, 0.5));
        }
    }

    private static void assertOnly(final SharedDoubleArray array, final int index, final double value)
    {
        final double[] expected = new double[array.length()];
        expected[index] = value;
        assertArrayEquals(expected, array.toArray());
    }
}

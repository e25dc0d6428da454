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
 * Every operation of {@link SharedDouble}; a second handle over the same memory checks each write.
 */
class SharedDoubleTest
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
    void shouldCreateZeroOrInitialAndOpen()
    {
        try (SharedDouble zero = SharedDouble.create(namespace, "zero");
            SharedDouble initial = SharedDouble.create(namespace, "initial", -2.5);
            SharedDouble reader = SharedDouble.open(namespace, "initial"))
        {
            assertEquals(0.0, zero.get());
            assertEquals(0L, Double.doubleToRawLongBits(zero.get()), "positive zero");
            assertEquals(-2.5, reader.get());
            assertEquals("initial", reader.name());
            assertEquals("SharedDouble{name=initial, closed=false}", reader.toString());
            assertThrows(RegionExistsException.class, () -> SharedDouble.create(namespace, "initial", 1.0));
            assertEquals(-2.5, initial.get());
        }
    }

    @Test
    void shouldReadAndWriteInEveryOrdering()
    {
        try (SharedDouble writer = SharedDouble.create(namespace, "v"); SharedDouble reader = SharedDouble.open(namespace, "v"))
        {
            writer.setPlain(1.5);
            assertEquals(1.5, reader.getPlain());
            assertEquals(1.5, writer.getPlain());
            writer.setOpaque(2.5);
            assertEquals(2.5, reader.getOpaque());
            writer.setRelease(3.5);
            assertEquals(3.5, reader.getAcquire());
            writer.set(-4.25);
            assertEquals(-4.25, reader.get());
            writer.set(Double.NaN);
            assertTrue(Double.isNaN(reader.getPlain()));
            writer.set(Double.NEGATIVE_INFINITY);
            assertEquals(Double.NEGATIVE_INFINITY, reader.getOpaque());
            writer.set(Double.MIN_VALUE);
            assertEquals(Double.MIN_VALUE, reader.getAcquire());
        }
    }

    @Test
    void shouldAdd()
    {
        try (SharedDouble writer = SharedDouble.create(namespace, "v", 10.0); SharedDouble reader = SharedDouble.open(namespace, "v"))
        {
            assertEquals(10.0, writer.getAndAdd(0.5));
            assertEquals(10.5, reader.get());
            assertEquals(8.0, writer.addAndGet(-2.5));
            assertEquals(8.0, reader.get());
        }
    }

    @Test
    void shouldCompareAndSetByRawBits()
    {
        try (SharedDouble writer = SharedDouble.create(namespace, "v", 7.0); SharedDouble reader = SharedDouble.open(namespace, "v"))
        {
            assertFalse(writer.compareAndSet(8.0, 9.0));
            assertEquals(7.0, reader.get());
            assertTrue(writer.compareAndSet(7.0, 9.0));
            assertEquals(9.0, reader.get());
            assertEquals(9.0, writer.compareAndExchange(1.0, 2.0));
            assertEquals(9.0, reader.get());
            assertEquals(9.0, writer.compareAndExchange(9.0, 2.0));
            assertEquals(2.0, reader.get());
            assertEquals(2.0, writer.getAndSet(0.0));
            assertFalse(writer.compareAndSet(-0.0, 1.0), "-0.0 has other bits than 0.0");
            assertEquals(0.0, reader.get());
            writer.set(Double.NaN);
            assertTrue(writer.compareAndSet(Double.NaN, 3.0), "the same NaN bits match");
            assertEquals(3.0, reader.get());
        }
    }

    @Test
    void shouldUpdateAndAccumulate()
    {
        try (SharedDouble writer = SharedDouble.create(namespace, "v", 3.0); SharedDouble reader = SharedDouble.open(namespace, "v"))
        {
            assertEquals(6.0, writer.updateAndGet((x) -> x * 2));
            assertEquals(6.0, reader.get());
            assertEquals(6.0, writer.getAndUpdate((x) -> x + 0.25));
            assertEquals(6.25, reader.get());
            assertEquals(62.5, writer.accumulateAndGet(10.0, (x, y) -> x * y));
            assertEquals(62.5, reader.get());
            assertEquals(62.5, writer.getAndAccumulate(100.0, Math::max));
            assertEquals(100.0, reader.get());
        }
    }

    @Test
    void shouldRetryAddWhenAnotherHandleWritesInBetween()
    {
        try (SharedDouble writer = SharedDouble.create(namespace, "v", 1.0); SharedDouble other = SharedDouble.open(namespace, "v"))
        {
            final int[] calls = { 0 };
            final double result = writer.accumulateAndGet(0.5, (x, y) ->
            {
                if (calls[0]++ == 0)
                {
                    other.set(100.0); // interferes once: the first exchange fails and the function runs again
                }
                return x + y;
            });
            assertEquals(100.5, result);
            assertEquals(2, calls[0]);
            assertEquals(100.5, other.get());
        }
    }

    @Test
    void shouldOpenOrCreateKeepingTheExistingValue()
    {
        try (SharedDouble created = SharedDouble.openOrCreate(namespace, "v", 5.5);
            SharedDouble opened = SharedDouble.openOrCreate(namespace, "v", 99.0);
            SharedDouble openedZero = SharedDouble.openOrCreate(namespace, "v"))
        {
            assertEquals(5.5, created.get());
            assertEquals(5.5, opened.get());
            opened.addAndGet(1.0);
            assertEquals(6.5, openedZero.get());
        }
        try (SharedDouble fresh = SharedDouble.openOrCreate(namespace, "fresh"))
        {
            assertEquals(0.0, fresh.get());
        }
    }

    @Test
    void shouldCloseIdempotentlyAndUnlinkWhileOthersKeepWorking()
    {
        final SharedDouble a = SharedDouble.create(namespace, "v", 1.0);
        try (SharedDouble b = SharedDouble.open(namespace, "v"))
        {
            a.close();
            a.close();
            assertTrue(a.isClosed());
            assertFalse(b.isClosed());
            assertTrue(a.unlink());
            assertFalse(Files.exists(ns.directory().resolve("v")));
            assertEquals(2.0, b.addAndGet(1.0));
        }
    }
}

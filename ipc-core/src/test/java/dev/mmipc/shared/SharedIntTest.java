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
 * Every operation of {@link SharedInt}; a second handle over the same memory checks each write.
 */
class SharedIntTest
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
        try (SharedInt zero = SharedInt.create(namespace, "zero");
            SharedInt initial = SharedInt.create(namespace, "initial", Integer.MIN_VALUE);
            SharedInt reader = SharedInt.open(namespace, "initial"))
        {
            assertEquals(0L, zero.get());
            assertEquals(Integer.MIN_VALUE, reader.get());
            assertEquals("initial", reader.name());
            assertEquals("SharedInt{name=initial, closed=false}", reader.toString());
            assertThrows(RegionExistsException.class, () -> SharedInt.create(namespace, "initial", 1));
            assertEquals(Integer.MIN_VALUE, initial.get());
        }
    }

    @Test
    void shouldReadAndWriteInEveryOrdering()
    {
        try (SharedInt writer = SharedInt.create(namespace, "v"); SharedInt reader = SharedInt.open(namespace, "v"))
        {
            writer.setPlain(1);
            assertEquals(1, reader.getPlain());
            assertEquals(1, writer.getPlain());
            writer.setOpaque(2);
            assertEquals(2, reader.getOpaque());
            writer.setRelease(3);
            assertEquals(3, reader.getAcquire());
            writer.set(-4);
            assertEquals(-4, reader.get());
            writer.set(Integer.MAX_VALUE);
            assertEquals(Integer.MAX_VALUE, reader.getPlain());
            assertEquals(Integer.MAX_VALUE, reader.getOpaque());
            assertEquals(Integer.MAX_VALUE, reader.getAcquire());
        }
    }

    @Test
    void shouldAddIncrementAndDecrement()
    {
        try (SharedInt writer = SharedInt.create(namespace, "v", 10); SharedInt reader = SharedInt.open(namespace, "v"))
        {
            assertEquals(10, writer.getAndAdd(5));
            assertEquals(15, reader.get());
            assertEquals(12, writer.addAndGet(-3));
            assertEquals(12, reader.get());
            assertEquals(13, writer.incrementAndGet());
            assertEquals(13, writer.getAndIncrement());
            assertEquals(14, reader.get());
            assertEquals(13, writer.decrementAndGet());
            assertEquals(13, writer.getAndDecrement());
            assertEquals(12, reader.get());
            writer.set(Integer.MAX_VALUE);
            assertEquals(Integer.MIN_VALUE, writer.incrementAndGet());
            assertEquals(Integer.MIN_VALUE, reader.get());
        }
    }

    @Test
    void shouldCompareAndSetAndExchange()
    {
        try (SharedInt writer = SharedInt.create(namespace, "v", 7); SharedInt reader = SharedInt.open(namespace, "v"))
        {
            assertFalse(writer.compareAndSet(8, 9));
            assertEquals(7, reader.get());
            assertTrue(writer.compareAndSet(7, 9));
            assertEquals(9, reader.get());
            assertEquals(9, writer.compareAndExchange(1, 2));
            assertEquals(9, reader.get());
            assertEquals(9, writer.compareAndExchange(9, 2));
            assertEquals(2, reader.get());
            assertEquals(2, writer.getAndSet(-1));
            assertEquals(-1, reader.get());
        }
    }

    @Test
    void shouldUpdateAndAccumulate()
    {
        try (SharedInt writer = SharedInt.create(namespace, "v", 3); SharedInt reader = SharedInt.open(namespace, "v"))
        {
            assertEquals(6, writer.updateAndGet((x) -> x * 2));
            assertEquals(6, reader.get());
            assertEquals(6, writer.getAndUpdate((x) -> x + 1));
            assertEquals(7, reader.get());
            assertEquals(70, writer.accumulateAndGet(10, (x, y) -> x * y));
            assertEquals(70, reader.get());
            assertEquals(70, writer.getAndAccumulate(100, Math::max));
            assertEquals(100, reader.get());
        }
    }

    @Test
    void shouldRetryUpdateWhenAnotherHandleWritesInBetween()
    {
        try (SharedInt writer = SharedInt.create(namespace, "v", 1); SharedInt other = SharedInt.open(namespace, "v"))
        {
            final int[] calls = { 0 };
            final int result = writer.updateAndGet((x) ->
            {
                if (calls[0]++ == 0)
                {
                    other.set(100); // interferes once: the first exchange fails and the function runs again
                }
                return x + 1;
            });
            assertEquals(101, result);
            assertEquals(2, calls[0]);
            assertEquals(101, other.get());
        }
    }

    @Test
    void shouldOpenOrCreateKeepingTheExistingValue()
    {
        try (SharedInt created = SharedInt.openOrCreate(namespace, "v", 5);
            SharedInt opened = SharedInt.openOrCreate(namespace, "v", 99);
            SharedInt openedZero = SharedInt.openOrCreate(namespace, "v"))
        {
            assertEquals(5, created.get());
            assertEquals(5, opened.get());
            opened.incrementAndGet();
            assertEquals(6, openedZero.get());
        }
        try (SharedInt fresh = SharedInt.openOrCreate(namespace, "fresh"))
        {
            assertEquals(0, fresh.get());
        }
    }

    @Test
    void shouldCloseIdempotentlyAndUnlinkWhileOthersKeepWorking()
    {
        final SharedInt a = SharedInt.create(namespace, "v", 1);
        try (SharedInt b = SharedInt.open(namespace, "v"))
        {
            assertFalse(a.isClosed());
            a.close();
            a.close();
            assertTrue(a.isClosed());
            assertEquals("v", a.name());
            assertEquals(2, b.incrementAndGet());
            assertTrue(a.unlink()); // allowed after close
            assertFalse(b.unlink());
            assertFalse(Files.exists(ns.directory().resolve("v")));
            assertEquals(3, b.incrementAndGet());
        }
    }
}

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
import dev.mmipc.test.BoundedCall;
import dev.mmipc.test.TestNamespace;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The compare-and-exchange retry loops of {@link SharedOps} under contention: every read-modify-write method of
 * every shared value and array, hammered by several threads each through its own mapping of the same cell, must
 * lose no update; and each loop, when another writer changes the cell between its read and its exchange, must
 * retry with the value that exchange witnessed. Both fail when a loop gives up after a failed exchange.
 */
class SharedContentionTest
{
    private static final int THREADS = 4;
    private static final int UPDATES = 200_000;
    private static final int TOTAL = THREADS * UPDATES;
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String CELL = "cell";
    /** Array cells: the middle element of three, so an update that lands on a neighbour shows. */
    private static final int LENGTH = 3;
    private static final int INDEX = 1;

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace;

    @BeforeEach
    void before()
    {
        namespace = Namespace.of(ns.directory());
    }

    /** Which shared object holds the cell. */
    enum Kind
    {
        LONG, INT, DOUBLE, LONG_ARRAY, INT_ARRAY, DOUBLE_ARRAY;

        Cell create(final Namespace namespace)
        {
            return switch (this)
            {
                case LONG -> new LongCell(SharedLong.create(namespace, CELL));
                case INT -> new IntCell(SharedInt.create(namespace, CELL));
                case DOUBLE -> new DoubleCell(SharedDouble.create(namespace, CELL));
                case LONG_ARRAY -> new LongElementCell(SharedLongArray.create(namespace, CELL, LENGTH));
                case INT_ARRAY -> new IntElementCell(SharedIntArray.create(namespace, CELL, LENGTH));
                case DOUBLE_ARRAY -> new DoubleElementCell(SharedDoubleArray.create(namespace, CELL, LENGTH));
            };
        }

        Cell open(final Namespace namespace)
        {
            return switch (this)
            {
                case LONG -> new LongCell(SharedLong.open(namespace, CELL));
                case INT -> new IntCell(SharedInt.open(namespace, CELL));
                case DOUBLE -> new DoubleCell(SharedDouble.open(namespace, CELL));
                case LONG_ARRAY -> new LongElementCell(SharedLongArray.open(namespace, CELL));
                case INT_ARRAY -> new IntElementCell(SharedIntArray.open(namespace, CELL));
                case DOUBLE_ARRAY -> new DoubleElementCell(SharedDoubleArray.open(namespace, CELL));
            };
        }
    }

    /** The methods that add one to a cell; doubles have no increment. */
    private static final List<String> INTEGRAL_METHODS = List.of(
        "updateAndGet", "getAndUpdate", "accumulateAndGet", "getAndAccumulate",
        "getAndAdd", "addAndGet", "incrementAndGet", "getAndIncrement");
    private static final List<String> DOUBLE_METHODS = List.of(
        "updateAndGet", "getAndUpdate", "accumulateAndGet", "getAndAccumulate", "getAndAdd", "addAndGet");
    /** The methods whose function the caller gives: the callback can play the other writer. */
    private static final List<String> FUNCTION_METHODS = List.of(
        "updateAndGet", "getAndUpdate", "accumulateAndGet", "getAndAccumulate");

    static Stream<Arguments> everyAddingMethod()
    {
        return Stream.of(Kind.values()).flatMap(kind ->
            (kind == Kind.DOUBLE || kind == Kind.DOUBLE_ARRAY ? DOUBLE_METHODS : INTEGRAL_METHODS).stream()
                .map(method -> Arguments.of(kind, method)));
    }

    static Stream<Arguments> everyFunctionMethod()
    {
        return Stream.of(Kind.values()).flatMap(kind -> FUNCTION_METHODS.stream().map(method -> Arguments.of(kind, method)));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("everyAddingMethod")
    void shouldLoseNoUpdateWhenThreadsAddThroughTheirOwnMappings(final Kind kind, final String method)
    {
        final boolean returnsPrevious = method.startsWith("getAnd");
        try (Cell cell = kind.create(namespace))
        {
            final long[][] returned = BoundedCall.run(kind + "." + method + " race", BOUND,
                () -> race(kind, method)).value();

            assertEquals(TOTAL, cell.get(), kind + "." + method + ": updates lost");
            cell.assertNeighboursUntouched();
            // each update returned its own value: together exactly 0..TOTAL-1 (previous) or 1..TOTAL (next)
            final int first = returnsPrevious ? 0 : 1;
            final BitSet seen = new BitSet(TOTAL + 1);
            for (final long[] values : returned)
            {
                for (final long value : values)
                {
                    assertTrue(value >= first && value < first + TOTAL, () -> method + " returned " + value);
                    assertFalse(seen.get((int)value), () -> method + " returned " + value + " twice");
                    seen.set((int)value);
                }
            }
            assertEquals(TOTAL, seen.cardinality());
        }
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("everyFunctionMethod")
    void shouldRetryWithTheWitnessedValueWhenAnotherMappingWritesBetweenReadAndExchange(
        final Kind kind, final String method)
    {
        final boolean returnsPrevious = method.startsWith("getAnd");
        try (Cell cell = kind.create(namespace); Cell other = kind.open(namespace))
        {
            cell.set(5);
            final List<Long> seen = new ArrayList<>();
            final long returned = cell.add(method, current ->
            {
                seen.add(current);
                if (seen.size() == 1)
                {
                    other.set(100); // another writer, through another mapping, after this read
                }
                if (seen.size() > 10)
                {
                    throw new AssertionError("no progress: the loop retries without the witnessed value, saw " + seen);
                }
            });
            assertEquals(List.of(5L, 100L), seen, "called again, with the value the failed exchange witnessed");
            assertEquals(returnsPrevious ? 100 : 101, returned);
            assertEquals(101, cell.get());
            assertEquals(101, other.get());
            cell.assertNeighboursUntouched();
        }
    }

    @Test
    void shouldRetryEveryLoopWithTheWitnessedValue()
    {
        for (final boolean returnPrevious : new boolean[]{ false, true })
        {
            final long expectedLong = returnPrevious ? 100 : 101;

            final InterferingBuffer updateLong = new InterferingBuffer(100L);
            final List<Long> longs = new ArrayList<>();
            assertEquals(expectedLong, SharedOps.updateLong(updateLong, 8, x -> step(longs, x) + 1, returnPrevious));
            updateLong.assertRetriedOnce(List.of(5L, 100L), longs, 101L);

            final InterferingBuffer accumulateLong = new InterferingBuffer(100L);
            longs.clear();
            assertEquals(expectedLong,
                SharedOps.accumulateLong(accumulateLong, 8, 1, (a, b) -> step(longs, a) + b, returnPrevious));
            accumulateLong.assertRetriedOnce(List.of(5L, 100L), longs, 101L);

            final InterferingBuffer updateInt = new InterferingBuffer(100);
            longs.clear();
            assertEquals(expectedLong, SharedOps.updateInt(updateInt, 8, x -> (int)step(longs, x) + 1, returnPrevious));
            updateInt.assertRetriedOnce(List.of(5L, 100L), longs, 101L);

            final InterferingBuffer accumulateInt = new InterferingBuffer(100);
            longs.clear();
            assertEquals(expectedLong,
                SharedOps.accumulateInt(accumulateInt, 8, 1, (a, b) -> (int)step(longs, a) + b, returnPrevious));
            accumulateInt.assertRetriedOnce(List.of(5L, 100L), longs, 101L);

            final double expectedDouble = returnPrevious ? 100.0 : 101.5;
            final InterferingBuffer addDouble = InterferingBuffer.ofDouble(100.0);
            assertEquals(expectedDouble, SharedOps.addDouble(addDouble, 8, 1.5, returnPrevious));
            addDouble.assertRetriedOnce(null, null, Double.doubleToRawLongBits(101.5));

            final InterferingBuffer updateDouble = InterferingBuffer.ofDouble(100.0);
            longs.clear();
            assertEquals(expectedDouble,
                SharedOps.updateDouble(updateDouble, 8, x -> step(longs, x) + 1.5, returnPrevious));
            updateDouble.assertRetriedOnce(List.of(5L, 100L), longs, Double.doubleToRawLongBits(101.5));

            final InterferingBuffer accumulateDouble = InterferingBuffer.ofDouble(100.0);
            longs.clear();
            assertEquals(expectedDouble,
                SharedOps.accumulateDouble(accumulateDouble, 8, 1.5, (a, b) -> step(longs, a) + b, returnPrevious));
            accumulateDouble.assertRetriedOnce(List.of(5L, 100L), longs, Double.doubleToRawLongBits(101.5));
        }
    }

    /**
     * Start {@link #THREADS} threads, each with its own handle (its own mapping) of the cell, at one gate; each
     * adds one {@link #UPDATES} times through {@code method}.
     *
     * @return what each call returned, per thread.
     */
    private long[][] race(final Kind kind, final String method) throws InterruptedException
    {
        final long[][] returned = new long[THREADS][UPDATES];
        final CountDownLatch ready = new CountDownLatch(THREADS);
        final CountDownLatch go = new CountDownLatch(1);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++)
        {
            final long[] mine = returned[t];
            final Thread thread = new Thread(() ->
            {
                try (Cell cell = kind.open(namespace))
                {
                    ready.countDown();
                    if (!go.await(BOUND.toMillis(), TimeUnit.MILLISECONDS))
                    {
                        throw new AssertionError("gate never opened");
                    }
                    for (int i = 0; i < UPDATES; i++)
                    {
                        mine[i] = cell.add(method, SharedContentionTest::widenTheWindow);
                    }
                }
                catch (final Throwable ex)
                {
                    failure.compareAndSet(null, ex);
                }
            }, "contention-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        assertTrue(ready.await(BOUND.toMillis(), TimeUnit.MILLISECONDS), "threads ready");
        go.countDown();
        for (final Thread thread : threads)
        {
            thread.join(BOUND.toMillis());
            assertFalse(thread.isAlive(), thread.getName() + " still running");
        }
        if (failure.get() != null)
        {
            throw new AssertionError("a thread failed: " + failure.get(), failure.get());
        }
        return returned;
    }

    /**
     * Called by a function between the loop's read and its exchange: a pause there makes it likelier that another
     * thread's exchange lands in between, as it would with a function that does real work.
     */
    private static void widenTheWindow(final long current)
    {
        Thread.onSpinWait();
        Thread.onSpinWait();
    }

    private static long step(final List<Long> seen, final long current)
    {
        seen.add(current);
        if (seen.size() > 10)
        {
            throw new AssertionError("no progress: the loop retries without the witnessed value, saw " + seen);
        }
        return current;
    }

    private static double step(final List<Long> seen, final double current)
    {
        return step(seen, (long)current);
    }

    /** Sees the value a function is called with. */
    @FunctionalInterface
    private interface Observer
    {
        void seen(long current);
    }

    /** One cell of a shared object, through one handle, with values small enough to be exact in every type. */
    private interface Cell extends AutoCloseable
    {
        /**
         * Add one through the named method.
         *
         * @param method   the method's name.
         * @param observer called with the value a function-taking method's function is called with.
         * @return what the method returned.
         */
        long add(String method, Observer observer);

        long get();

        void set(long value);

        /** Only the cell changed. */
        default void assertNeighboursUntouched()
        {
        }

        @Override
        void close();
    }

    private static IllegalArgumentException unknown(final String method)
    {
        return new IllegalArgumentException("no such method: " + method);
    }

    private static long exact(final double value)
    {
        final long integral = (long)value;
        if (integral != value)
        {
            throw new AssertionError("not an integral value: " + value);
        }
        return integral;
    }

    private record LongCell(SharedLong v) implements Cell
    {
        @Override
        public long add(final String method, final Observer observer)
        {
            return switch (method)
            {
                case "updateAndGet" -> v.updateAndGet(x -> observed(observer, x) + 1);
                case "getAndUpdate" -> v.getAndUpdate(x -> observed(observer, x) + 1);
                case "accumulateAndGet" -> v.accumulateAndGet(1, (a, b) -> observed(observer, a) + b);
                case "getAndAccumulate" -> v.getAndAccumulate(1, (a, b) -> observed(observer, a) + b);
                case "getAndAdd" -> v.getAndAdd(1);
                case "addAndGet" -> v.addAndGet(1);
                case "incrementAndGet" -> v.incrementAndGet();
                case "getAndIncrement" -> v.getAndIncrement();
                default -> throw unknown(method);
            };
        }

        @Override
        public long get()
        {
            return v.get();
        }

        @Override
        public void set(final long value)
        {
            v.set(value);
        }

        @Override
        public void close()
        {
            v.close();
        }
    }

    private record IntCell(SharedInt v) implements Cell
    {
        @Override
        public long add(final String method, final Observer observer)
        {
            return switch (method)
            {
                case "updateAndGet" -> v.updateAndGet(x -> (int)observed(observer, x) + 1);
                case "getAndUpdate" -> v.getAndUpdate(x -> (int)observed(observer, x) + 1);
                case "accumulateAndGet" -> v.accumulateAndGet(1, (a, b) -> (int)observed(observer, a) + b);
                case "getAndAccumulate" -> v.getAndAccumulate(1, (a, b) -> (int)observed(observer, a) + b);
                case "getAndAdd" -> v.getAndAdd(1);
                case "addAndGet" -> v.addAndGet(1);
                case "incrementAndGet" -> v.incrementAndGet();
                case "getAndIncrement" -> v.getAndIncrement();
                default -> throw unknown(method);
            };
        }

        @Override
        public long get()
        {
            return v.get();
        }

        @Override
        public void set(final long value)
        {
            v.set((int)value);
        }

        @Override
        public void close()
        {
            v.close();
        }
    }

    private record DoubleCell(SharedDouble v) implements Cell
    {
        @Override
        public long add(final String method, final Observer observer)
        {
            return exact(switch (method)
            {
                case "updateAndGet" -> v.updateAndGet(x -> observed(observer, x) + 1.0);
                case "getAndUpdate" -> v.getAndUpdate(x -> observed(observer, x) + 1.0);
                case "accumulateAndGet" -> v.accumulateAndGet(1.0, (a, b) -> observed(observer, a) + b);
                case "getAndAccumulate" -> v.getAndAccumulate(1.0, (a, b) -> observed(observer, a) + b);
                case "getAndAdd" -> v.getAndAdd(1.0);
                case "addAndGet" -> v.addAndGet(1.0);
                default -> throw unknown(method);
            });
        }

        @Override
        public long get()
        {
            return exact(v.get());
        }

        @Override
        public void set(final long value)
        {
            v.set(value);
        }

        @Override
        public void close()
        {
            v.close();
        }
    }

    private record LongElementCell(SharedLongArray v) implements Cell
    {
        @Override
        public long add(final String method, final Observer observer)
        {
            return switch (method)
            {
                case "updateAndGet" -> v.updateAndGet(INDEX, x -> observed(observer, x) + 1);
                case "getAndUpdate" -> v.getAndUpdate(INDEX, x -> observed(observer, x) + 1);
                case "accumulateAndGet" -> v.accumulateAndGet(INDEX, 1, (a, b) -> observed(observer, a) + b);
                case "getAndAccumulate" -> v.getAndAccumulate(INDEX, 1, (a, b) -> observed(observer, a) + b);
                case "getAndAdd" -> v.getAndAdd(INDEX, 1);
                case "addAndGet" -> v.addAndGet(INDEX, 1);
                case "incrementAndGet" -> v.incrementAndGet(INDEX);
                case "getAndIncrement" -> v.getAndIncrement(INDEX);
                default -> throw unknown(method);
            };
        }

        @Override
        public long get()
        {
            return v.get(INDEX);
        }

        @Override
        public void set(final long value)
        {
            v.set(INDEX, value);
        }

        @Override
        public void assertNeighboursUntouched()
        {
            assertEquals(0L, v.get(INDEX - 1));
            assertEquals(0L, v.get(INDEX + 1));
        }

        @Override
        public void close()
        {
            v.close();
        }
    }

    private record IntElementCell(SharedIntArray v) implements Cell
    {
        @Override
        public long add(final String method, final Observer observer)
        {
            return switch (method)
            {
                case "updateAndGet" -> v.updateAndGet(INDEX, x -> (int)observed(observer, x) + 1);
                case "getAndUpdate" -> v.getAndUpdate(INDEX, x -> (int)observed(observer, x) + 1);
                case "accumulateAndGet" -> v.accumulateAndGet(INDEX, 1, (a, b) -> (int)observed(observer, a) + b);
                case "getAndAccumulate" -> v.getAndAccumulate(INDEX, 1, (a, b) -> (int)observed(observer, a) + b);
                case "getAndAdd" -> v.getAndAdd(INDEX, 1);
                case "addAndGet" -> v.addAndGet(INDEX, 1);
                case "incrementAndGet" -> v.incrementAndGet(INDEX);
                case "getAndIncrement" -> v.getAndIncrement(INDEX);
                default -> throw unknown(method);
            };
        }

        @Override
        public long get()
        {
            return v.get(INDEX);
        }

        @Override
        public void set(final long value)
        {
            v.set(INDEX, (int)value);
        }

        @Override
        public void assertNeighboursUntouched()
        {
            assertEquals(0, v.get(INDEX - 1));
            assertEquals(0, v.get(INDEX + 1));
        }

        @Override
        public void close()
        {
            v.close();
        }
    }

    private record DoubleElementCell(SharedDoubleArray v) implements Cell
    {
        @Override
        public long add(final String method, final Observer observer)
        {
            return exact(switch (method)
            {
                case "updateAndGet" -> v.updateAndGet(INDEX, x -> observed(observer, x) + 1.0);
                case "getAndUpdate" -> v.getAndUpdate(INDEX, x -> observed(observer, x) + 1.0);
                case "accumulateAndGet" -> v.accumulateAndGet(INDEX, 1.0, (a, b) -> observed(observer, a) + b);
                case "getAndAccumulate" -> v.getAndAccumulate(INDEX, 1.0, (a, b) -> observed(observer, a) + b);
                case "getAndAdd" -> v.getAndAdd(INDEX, 1.0);
                case "addAndGet" -> v.addAndGet(INDEX, 1.0);
                default -> throw unknown(method);
            });
        }

        @Override
        public long get()
        {
            return exact(v.get(INDEX));
        }

        @Override
        public void set(final long value)
        {
            v.set(INDEX, value);
        }

        @Override
        public void assertNeighboursUntouched()
        {
            assertEquals(0L, Double.doubleToRawLongBits(v.get(INDEX - 1)));
            assertEquals(0L, Double.doubleToRawLongBits(v.get(INDEX + 1)));
        }

        @Override
        public void close()
        {
            v.close();
        }
    }

    private static long observed(final Observer observer, final long current)
    {
        observer.seen(current);
        return current;
    }

    private static double observed(final Observer observer, final double current)
    {
        observer.seen(exact(current));
        return current;
    }

    /**
     * A buffer whose first compare-and-exchange finds the cell at offset 8 changed, as if another process wrote
     * it between the loop's read and its exchange. The cell starts at 5.
     */
    private static final class InterferingBuffer extends UnsafeBuffer
    {
        private final long interferingBits;
        private final boolean ints;
        private int exchanges;

        private InterferingBuffer(final long interferingBits, final boolean ints, final long initialBits)
        {
            super(new byte[32]);
            this.interferingBits = interferingBits;
            this.ints = ints;
            if (ints)
            {
                putIntVolatile(8, (int)initialBits);
            }
            else
            {
                putLongVolatile(8, initialBits);
            }
        }

        InterferingBuffer(final long interfering)
        {
            this(interfering, false, 5L);
        }

        InterferingBuffer(final int interfering)
        {
            this(interfering, true, 5L);
        }

        static InterferingBuffer ofDouble(final double interfering)
        {
            return new InterferingBuffer(Double.doubleToRawLongBits(interfering), false, Double.doubleToRawLongBits(5.0));
        }

        @Override
        public long compareAndExchangeLong(final int index, final long expectedValue, final long updateValue)
        {
            checkProgress();
            if (exchanges++ == 0)
            {
                putLongVolatile(index, interferingBits);
            }
            return super.compareAndExchangeLong(index, expectedValue, updateValue);
        }

        @Override
        public int compareAndExchangeInt(final int index, final int expectedValue, final int updateValue)
        {
            checkProgress();
            if (exchanges++ == 0)
            {
                putIntVolatile(index, (int)interferingBits);
            }
            return super.compareAndExchangeInt(index, expectedValue, updateValue);
        }

        private void checkProgress()
        {
            if (exchanges > 10)
            {
                throw new AssertionError("no progress: " + exchanges + " failed exchanges, the loop retries without " +
                    "the witnessed value");
            }
        }

        /**
         * @param expectedSeen what the function was called with, or null for a loop without a function.
         * @param seen         what it was called with.
         * @param finalBits    the cell's final value (raw bits for a double).
         */
        void assertRetriedOnce(final List<Long> expectedSeen, final List<Long> seen, final long finalBits)
        {
            if (expectedSeen != null)
            {
                assertEquals(expectedSeen, seen, "called again with the witnessed value");
            }
            assertEquals(2, exchanges, "one failed exchange, one that succeeded");
            assertEquals(finalBits, ints ? getIntVolatile(8) : getLongVolatile(8));
        }
    }
}

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
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two real child JVMs race on the same shared values; the sums must be exact.
 */
class SharedCrossProcessTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldCountExactlyFromTwoJvms()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        final int n = 1_000_000;
        try (SharedLong counter = SharedLong.create(namespace, "counter"); Gate gate = new Gate(namespace))
        {
            final long elapsedNs = gate.race(
                ns.startChild(SharedWorker.class, "long-increment", "counter", Integer.toString(n), "ready", "go"),
                ns.startChild(SharedWorker.class, "long-increment", "counter", Integer.toString(n), "ready", "go"));
            assertEquals(2L * n, counter.get());
            report("SharedLong.incrementAndGet", 2L * n, elapsedNs);
        }
    }

    @Test
    void shouldAddExactlyToLongArrayFromTwoJvms()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        final int perElement = 100_000;
        final int adds = 100_000;
        final long delta = 3;
        try (SharedLongArray array = SharedLongArray.create(namespace, "array", 9); Gate gate = new Gate(namespace))
        {
            final long elapsedNs = gate.race(
                ns.startChild(SharedWorker.class, "long-array", "array", "0", "4",
                    Integer.toString(perElement), "8", Integer.toString(adds), Long.toString(delta), "ready", "go"),
                ns.startChild(SharedWorker.class, "long-array", "array", "4", "4",
                    Integer.toString(perElement), "8", Integer.toString(adds), Long.toString(delta), "ready", "go"));
            final long[] expected = new long[9];
            java.util.Arrays.fill(expected, 0, 8, perElement);
            expected[8] = 2 * adds * delta;
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(array.toArray()));
            report("SharedLongArray increments + getAndAdd", 2L * (4L * perElement + adds), elapsedNs);
        }
    }

    @Test
    void shouldAddExactlyToIntArrayFromTwoJvms()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        final int perElement = 100_000;
        final int adds = 100_000;
        final int delta = 3;
        try (SharedIntArray array = SharedIntArray.create(namespace, "ints", 17); Gate gate = new Gate(namespace))
        {
            final long elapsedNs = gate.race(
                ns.startChild(SharedWorker.class, "int-array", "ints", "0", "8",
                    Integer.toString(perElement), "16", Integer.toString(adds), Integer.toString(delta), "ready", "go"),
                ns.startChild(SharedWorker.class, "int-array", "ints", "8", "8",
                    Integer.toString(perElement), "16", Integer.toString(adds), Integer.toString(delta), "ready", "go"));
            final int[] expected = new int[17];
            java.util.Arrays.fill(expected, 0, 16, perElement);
            expected[16] = 2 * adds * delta;
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(array.toArray()));
            report("SharedIntArray increments + getAndAdd", 2L * (8L * perElement + adds), elapsedNs);
        }
    }

    @Test
    void shouldSumDoublesExactlyFromTwoJvms()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        final int n = 1_000_000;
        try (SharedDouble sum = SharedDouble.create(namespace, "sum"); Gate gate = new Gate(namespace))
        {
            final long elapsedNs = gate.race(
                ns.startChild(SharedWorker.class, "double-add", "sum", Integer.toString(n), "ready", "go"),
                ns.startChild(SharedWorker.class, "double-add", "sum", Integer.toString(n), "ready", "go"));
            assertEquals(2.0 * n, sum.get());
            report("SharedDouble.addAndGet", 2L * n, elapsedNs);
        }
    }

    /**
     * A start gate: children count themselves in at "ready" and start when "go" turns 1. Created before
     * the children start, so they can open it.
     */
    private static final class Gate implements AutoCloseable
    {
        private final SharedLong ready;
        private final SharedLong go;

        Gate(final Namespace namespace)
        {
            ready = SharedLong.create(namespace, "ready");
            go = SharedLong.create(namespace, "go");
        }

        /**
         * Open the gate once both children wait at it, then wait for both to finish.
         *
         * @return nanoseconds from opening the gate to both children having exited.
         */
        long race(final ChildJvm first, final ChildJvm second)
        {
            final long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (ready.get() < 2)
            {
                if (!first.isAlive() || !second.isAlive())
                {
                    throw new AssertionError("child exited before the gate:\n" + first.output() + "\n" + second.output());
                }
                if (System.nanoTime() - deadline > 0)
                {
                    throw new AssertionError("children never reached the gate:\n" + first.output() + "\n" + second.output());
                }
                sleepMs(5);
            }
            final long start = System.nanoTime();
            go.setRelease(1); // release store: pairs with the children's acquire loads
            first.awaitSuccess(TIMEOUT);
            second.awaitSuccess(TIMEOUT);
            return System.nanoTime() - start;
        }

        @Override
        public void close()
        {
            ready.close();
            go.close();
        }
    }

    private static void report(final String what, final long operations, final long elapsedNs)
    {
        System.out.printf("%s: %,d operations from 2 jvms in %,d ms (%,.0f ops/s, includes child exit)%n",
            what, operations, elapsedNs / 1_000_000, operations * 1e9 / elapsedNs);
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }
}

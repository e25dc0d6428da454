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
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The element operations allocate nothing: 100,000 rounds of them allocate less than one object's worth
 * per thousand rounds (any per-call allocation would show as megabytes).
 */
class SharedAllocationTest
{
    private static final int ROUNDS = 100_000;
    private static final long TOLERANCE_BYTES = 4096;

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldNotAllocateOnElementOperations()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final Namespace namespace = Namespace.of(ns.directory());
        try (SharedLong l = SharedLong.create(namespace, "l");
            SharedInt i = SharedInt.create(namespace, "i");
            SharedDouble d = SharedDouble.create(namespace, "d");
            SharedLongArray la = SharedLongArray.create(namespace, "la", 8);
            SharedIntArray ia = SharedIntArray.create(namespace, "ia", 8);
            SharedDoubleArray da = SharedDoubleArray.create(namespace, "da", 8))
        {
            long sink = run(l, i, d, la, ia, da); // warm up: class loading, lambda linkage, compilation
            final long before = threads.getCurrentThreadAllocatedBytes();
            sink += run(l, i, d, la, ia, da);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < TOLERANCE_BYTES, "allocated " + allocated + " bytes in " + ROUNDS + " rounds");
            assertTrue(sink != 0);
        }
    }

    private static long run(
        final SharedLong l, final SharedInt i, final SharedDouble d,
        final SharedLongArray la, final SharedIntArray ia, final SharedDoubleArray da)
    {
        long sink = 0;
        for (int r = 0; r < ROUNDS; r++)
        {
            final int index = r & 7;
            sink += l.incrementAndGet();
            sink += l.getAcquire() + l.updateAndGet((x) -> x ^ 1) + l.accumulateAndGet(1, Long::sum);
            l.setRelease(l.getPlain() - 1);
            l.compareAndSet(0, 0);
            sink += i.getAndAdd(1) + i.updateAndGet((x) -> x + 1);
            sink += (long)d.addAndGet(1.0) + (long)d.accumulateAndGet(2.0, Math::max);
            d.compareAndSet(1.0, 1.0);
            sink += la.incrementAndGet(index) + la.getAndUpdate(index, (x) -> x + 1) + la.getOpaque(index);
            la.setOpaque(index, la.get(index));
            sink += ia.addAndGet(index, 2) + ia.accumulateAndGet(index, 3, Integer::sum);
            sink += (long)da.addAndGet(index, 0.5) + (long)da.getAndUpdate(index, (x) -> x * 1.0);
        }
        return sink;
    }
}

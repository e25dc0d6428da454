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
package dev.mmipc.counters;

import dev.mmipc.Namespace;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;

/**
 * Child JVM: opens a counters region, allocates and frees one counter (so class loading is done before the
 * race), prints {@value #READY}, spins until the int at offset 0 of a start
 * region (kind BYTES) becomes 1, then allocates {@code count} counters labelled {@code prefix-i} as fast as it
 * can, sets each to {@link #valueFor(String)}, and after every even one also allocates and frees a temporary
 * counter (so frees and reuse race too), pacing itself (see {@link #pace()}); prints {@value #DONE} and exits,
 * leaving the labelled counters
 * allocated.
 * <p>
 * Arguments: counters region name, label prefix, count, start region name.
 */
public final class AllocatingChild
{
    static final String READY = "allocating child ready";
    static final String DONE = "allocating child done";
    static final long PACE_NS = 50_000;

    private AllocatingChild()
    {
    }

    /**
     * @param label a counter's label.
     * @return the value a child stores in the counter with that label.
     */
    static long valueFor(final String label)
    {
        return ((long)label.hashCode() << 16) ^ (label.length() * 1_000_003L);
    }

    /**
     * Busy-spin {@value #PACE_NS} ns: spreads the allocations over a few milliseconds, longer than a scheduler
     * time slice, so that both children are allocating during the same window even when one of them is
     * scheduled late on a loaded two-core machine. Not synchronisation: nothing waits for anything.
     */
    private static void pace()
    {
        final long until = System.nanoTime() + PACE_NS;
        while (System.nanoTime() - until < 0)
        {
            Thread.onSpinWait();
        }
    }

    /**
     * @param args region name, label prefix, count, start file.
     * @throws Exception on failure (exit code 1).
     */
    public static void main(final String[] args) throws Exception
    {
        final String name = args[0];
        final String prefix = args[1];
        final int count = Integer.parseInt(args[2]);
        final Namespace ns = Namespace.open();

        try (SharedCounters counters = SharedCounters.open(ns, name);
            Region start = Region.open(ns.directory(), args[3], RegionKind.BYTES))
        {
            counters.allocate("warm-up-" + prefix).close(); // load and link every class used before the race
            System.out.println(READY);
            System.out.flush();
            final long deadline = System.nanoTime() + 60_000_000_000L;
            while (start.payload().getIntVolatile(0) != 1) // volatile load: pairs with the parent's volatile store
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("start flag never set: region=" + args[3]);
                }
                Thread.onSpinWait();
            }

            for (int i = 0; i < count; i++)
            {
                final String label = prefix + "-" + i;
                final SharedCounter counter = counters.allocate(label);
                counter.set(valueFor(label));
                if (i % 2 == 0)
                {
                    counters.allocate("tmp-" + label).close();
                }
                pace();
            }
            System.out.println(DONE);
        }
    }
}

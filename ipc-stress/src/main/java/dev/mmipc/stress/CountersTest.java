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
package dev.mmipc.stress;

import dev.mmipc.counters.SharedCounter;
import dev.mmipc.counters.SharedCounters;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.JJJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@link SharedCounters}: allocation from two actors at once hands out distinct ids, and increments of one
 * counter from two actors are both counted. Each state has its own counters region of capacity 2.
 */
public final class CountersTest
{
    static final RegionPool<SharedCounters> POOL = new RegionPool<>(
        StressNamespace.create("CountersTest"), "counters-", (ns, name) -> SharedCounters.create(ns, name, 2),
        SharedCounters::unlink);

    private CountersTest()
    {
    }

    /** Two actors allocate from the same region. */
    @JCStressTest
    @Description("two SharedCounters.allocate at once in a region of capacity 2")
    @Outcome(id = {"0, 1", "1, 0"}, expect = ACCEPTABLE, desc = "distinct ids")
    @Outcome(id = {"0, 0", "1, 1"}, expect = FORBIDDEN, desc = "the same id handed out twice")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class Allocate
    {
        final SharedCounters counters = POOL.take();
        SharedCounter first;
        SharedCounter second;

        /**
         * First allocator.
         *
         * @param r result.
         */
        @Actor
        public void actor1(final II_Result r)
        {
            first = counters.allocate("first");
            r.r1 = first.id();
        }

        /**
         * Second allocator.
         *
         * @param r result.
         */
        @Actor
        public void actor2(final II_Result r)
        {
            second = counters.allocate("second");
            r.r2 = second.id();
        }

        /**
         * Free both ids and give the region back.
         *
         * @param r result.
         */
        @Arbiter
        public void arbiter(final II_Result r)
        {
            first.free();
            second.free();
            POOL.give(counters);
        }
    }

    /** Two actors increment the same counter. */
    @JCStressTest
    @Description("two SharedCounter.increment of one counter from 0")
    @Outcome(id = {"0, 1, 2", "1, 0, 2"}, expect = ACCEPTABLE, desc = "both increments counted")
    @Outcome(id = {"0, 0, 1", "1, 1, 1"}, expect = FORBIDDEN, desc = "lost update")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class Increment
    {
        final SharedCounters counters = POOL.take();
        final SharedCounter counter = counters.allocate("hits");

        /**
         * First incrementer.
         *
         * @param r result.
         */
        @Actor
        public void actor1(final JJJ_Result r)
        {
            r.r1 = counter.increment();
        }

        /**
         * Second incrementer.
         *
         * @param r result.
         */
        @Actor
        public void actor2(final JJJ_Result r)
        {
            r.r2 = counter.increment();
        }

        /**
         * Final value, then free the counter and give the region back.
         *
         * @param r result.
         */
        @Arbiter
        public void arbiter(final JJJ_Result r)
        {
            r.r3 = counter.get();
            counter.free();
            POOL.give(counters);
        }
    }
}

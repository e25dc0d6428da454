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

import dev.mmipc.Namespace;
import dev.mmipc.shared.SharedDouble;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.shared.SharedLongArray;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.DDD_Result;
import org.openjdk.jcstress.infra.results.JJJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Read-modify-write is atomic: two actors each add 1 to the same shared value starting at 0. Each sees a
 * different previous value (0 and 1, in either order) and the arbiter sees 2; a lost update (both see 0,
 * final 1) is forbidden.
 */
public final class GetAndAddTest
{
    static final Namespace NS = StressNamespace.create("GetAndAddTest");
    static final RegionPool<SharedLong> LONGS = new RegionPool<>(NS, "long-", SharedLong::create, SharedLong::unlink);
    static final RegionPool<SharedLongArray> ARRAYS = new RegionPool<>(
        NS, "long-array-", (ns, name) -> SharedLongArray.create(ns, name, 4), SharedLongArray::unlink);
    static final RegionPool<SharedDouble> DOUBLES = new RegionPool<>(
        NS, "double-", SharedDouble::create, SharedDouble::unlink);

    /** The array element both actors add to. */
    static final int INDEX = 3;

    private GetAndAddTest()
    {
    }

    /** {@link SharedLong#getAndAdd(long)}. */
    @JCStressTest
    @Description("two SharedLong.getAndAdd(1) from 0")
    @Outcome(id = {"0, 1, 2", "1, 0, 2"}, expect = ACCEPTABLE, desc = "both adds counted")
    @Outcome(id = {"0, 0, 1", "1, 1, 1"}, expect = FORBIDDEN, desc = "lost update")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class LongAdd
    {
        final SharedLong value = LONGS.take();

        /** Reset the recycled value. */
        public LongAdd()
        {
            value.set(0L);
        }

        /**
         * First adder.
         *
         * @param r result.
         */
        @Actor
        public void actor1(final JJJ_Result r)
        {
            r.r1 = value.getAndAdd(1L);
        }

        /**
         * Second adder.
         *
         * @param r result.
         */
        @Actor
        public void actor2(final JJJ_Result r)
        {
            r.r2 = value.getAndAdd(1L);
        }

        /**
         * Final value, then give the region back.
         *
         * @param r result.
         */
        @Arbiter
        public void arbiter(final JJJ_Result r)
        {
            r.r3 = value.get();
            LONGS.give(value);
        }
    }

    /** {@link SharedLongArray#getAndAdd(int, long)} on an element past the first. */
    @JCStressTest
    @Description("two SharedLongArray.getAndAdd(3, 1) from 0")
    @Outcome(id = {"0, 1, 2", "1, 0, 2"}, expect = ACCEPTABLE, desc = "both adds counted")
    @Outcome(id = {"0, 0, 1", "1, 1, 1"}, expect = FORBIDDEN, desc = "lost update")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class LongArrayAdd
    {
        final SharedLongArray value = ARRAYS.take();

        /** Reset the recycled element. */
        public LongArrayAdd()
        {
            value.set(INDEX, 0L);
        }

        /**
         * First adder.
         *
         * @param r result.
         */
        @Actor
        public void actor1(final JJJ_Result r)
        {
            r.r1 = value.getAndAdd(INDEX, 1L);
        }

        /**
         * Second adder.
         *
         * @param r result.
         */
        @Actor
        public void actor2(final JJJ_Result r)
        {
            r.r2 = value.getAndAdd(INDEX, 1L);
        }

        /**
         * Final value, then give the region back.
         *
         * @param r result.
         */
        @Arbiter
        public void arbiter(final JJJ_Result r)
        {
            r.r3 = value.get(INDEX);
            ARRAYS.give(value);
        }
    }

    /** {@link SharedDouble#getAndAdd(double)}: a compare-and-set loop over the raw bits. */
    @JCStressTest
    @Description("two SharedDouble.getAndAdd(1.0) from 0.0")
    @Outcome(id = {"0.0, 1.0, 2.0", "1.0, 0.0, 2.0"}, expect = ACCEPTABLE, desc = "both adds counted")
    @Outcome(id = {"0.0, 0.0, 1.0", "1.0, 1.0, 1.0"}, expect = FORBIDDEN, desc = "lost update")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class DoubleAdd
    {
        final SharedDouble value = DOUBLES.take();

        /** Reset the recycled value. */
        public DoubleAdd()
        {
            value.set(0.0);
        }

        /**
         * First adder.
         *
         * @param r result.
         */
        @Actor
        public void actor1(final DDD_Result r)
        {
            r.r1 = value.getAndAdd(1.0);
        }

        /**
         * Second adder.
         *
         * @param r result.
         */
        @Actor
        public void actor2(final DDD_Result r)
        {
            r.r2 = value.getAndAdd(1.0);
        }

        /**
         * Final value, then give the region back.
         *
         * @param r result.
         */
        @Arbiter
        public void arbiter(final DDD_Result r)
        {
            r.r3 = value.get();
            DOUBLES.give(value);
        }
    }
}

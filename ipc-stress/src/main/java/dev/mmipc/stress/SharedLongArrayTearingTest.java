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

import dev.mmipc.shared.SharedLongArray;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * No torn 64-bit elements in {@link SharedLongArray}: one actor writes -1 over 0 (every bit flips) into element
 * {@link #INDEX}, the other reads it; whatever the ordering mode, the reader sees 0 or -1 and never half of each. The arbiter reads the
 * final value, which must be -1.
 */
public final class SharedLongArrayTearingTest
{
    /** The array's length: index {@value #INDEX} is tested, so the element is not at the payload's start. */
    static final int LENGTH = 4;

    /** The element tested. */
    static final int INDEX = 1;

    static final RegionPool<SharedLongArray> POOL = new RegionPool<>(
        StressNamespace.create("SharedLongArrayTearingTest"), "long-array-", (ns, name) -> SharedLongArray.create(ns, name, LENGTH),
        SharedLongArray::unlink);

    private SharedLongArrayTearingTest()
    {
    }

    static SharedLongArray take()
    {
        final SharedLongArray value = POOL.take();
        value.set(INDEX, 0L);
        return value;
    }

    static void finish(final SharedLongArray value, final JJ_Result r)
    {
        r.r2 = value.get(INDEX);
        POOL.give(value);
    }

    /** Plain store, plain load. */
    @JCStressTest
    @Description("SharedLongArray[1] setPlain(-1) over 0, read with getPlain: never torn")
    @Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "read before the write")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "read after the write")
    @Outcome(expect = FORBIDDEN, desc = "torn value")
    @State
    public static class Plain
    {
        final SharedLongArray value = take();

        /**
         * Final value, then give the region back.
         *
         * @param r result.
         */
        @Arbiter
        public void arbiter(final JJ_Result r)
        {
            finish(value, r);
        }

        /** Writer. */
        @Actor
        public void writer()
        {
            value.setPlain(INDEX, -1L);
        }

        /**
         * Reader.
         *
         * @param r result.
         */
        @Actor
        public void reader(final JJ_Result r)
        {
            r.r1 = value.getPlain(INDEX);
        }
    }

    /** Opaque store, opaque load. */
    @JCStressTest
    @Description("SharedLongArray[1] setOpaque(-1) over 0, read with getOpaque: never torn")
    @Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "read before the write")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "read after the write")
    @Outcome(expect = FORBIDDEN, desc = "torn value")
    @State
    public static class Opaque
    {
        final SharedLongArray value = take();

        /**
         * Final value, then give the region back.
         *
         * @param r result.
         */
        @Arbiter
        public void arbiter(final JJ_Result r)
        {
            finish(value, r);
        }

        /** Writer. */
        @Actor
        public void writer()
        {
            value.setOpaque(INDEX, -1L);
        }

        /**
         * Reader.
         *
         * @param r result.
         */
        @Actor
        public void reader(final JJ_Result r)
        {
            r.r1 = value.getOpaque(INDEX);
        }
    }

    /** Volatile store, volatile load. */
    @JCStressTest
    @Description("SharedLongArray[1] set(-1) over 0, read with get: never torn")
    @Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "read before the write")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "read after the write")
    @Outcome(expect = FORBIDDEN, desc = "torn value")
    @State
    public static class Volatile
    {
        final SharedLongArray value = take();

        /**
         * Final value, then give the region back.
         *
         * @param r result.
         */
        @Arbiter
        public void arbiter(final JJ_Result r)
        {
            finish(value, r);
        }

        /** Writer. */
        @Actor
        public void writer()
        {
            value.set(INDEX, -1L);
        }

        /**
         * Reader.
         *
         * @param r result.
         */
        @Actor
        public void reader(final JJ_Result r)
        {
            r.r1 = value.get(INDEX);
        }
    }
}

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

import dev.mmipc.shared.SharedLong;
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
 * No torn 64-bit values in {@link SharedLong}: one actor writes -1 over 0 (every bit flips), the other
 * reads; whatever the ordering mode, the reader sees 0 or -1 and never half of each. The arbiter reads the
 * final value, which must be -1.
 */
public final class SharedLongTearingTest
{
    static final RegionPool<SharedLong> POOL = new RegionPool<>(
        StressNamespace.create("SharedLongTearingTest"), "long-", SharedLong::create, SharedLong::unlink);

    private SharedLongTearingTest()
    {
    }

    static SharedLong take()
    {
        final SharedLong value = POOL.take();
        value.set(0L);
        return value;
    }

    static void finish(final SharedLong value, final JJ_Result r)
    {
        r.r2 = value.get();
        POOL.give(value);
    }

    /** Plain store, plain load. */
    @JCStressTest
    @Description("SharedLong setPlain(-1) over 0, read with getPlain: never torn")
    @Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "read before the write")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "read after the write")
    @Outcome(expect = FORBIDDEN, desc = "torn value")
    @State
    public static class Plain
    {
        final SharedLong value = take();

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
            value.setPlain(-1L);
        }

        /**
         * Reader.
         *
         * @param r result.
         */
        @Actor
        public void reader(final JJ_Result r)
        {
            r.r1 = value.getPlain();
        }
    }

    /** Opaque store, opaque load. */
    @JCStressTest
    @Description("SharedLong setOpaque(-1) over 0, read with getOpaque: never torn")
    @Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "read before the write")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "read after the write")
    @Outcome(expect = FORBIDDEN, desc = "torn value")
    @State
    public static class Opaque
    {
        final SharedLong value = take();

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
            value.setOpaque(-1L);
        }

        /**
         * Reader.
         *
         * @param r result.
         */
        @Actor
        public void reader(final JJ_Result r)
        {
            r.r1 = value.getOpaque();
        }
    }

    /** Volatile store, volatile load. */
    @JCStressTest
    @Description("SharedLong set(-1) over 0, read with get: never torn")
    @Outcome(id = "0, -1", expect = ACCEPTABLE, desc = "read before the write")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "read after the write")
    @Outcome(expect = FORBIDDEN, desc = "torn value")
    @State
    public static class Volatile
    {
        final SharedLong value = take();

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
            value.set(-1L);
        }

        /**
         * Reader.
         *
         * @param r result.
         */
        @Actor
        public void reader(final JJ_Result r)
        {
            r.r1 = value.get();
        }
    }
}

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

import dev.mmipc.shared.SharedDouble;
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
 * No torn 64-bit values in {@link SharedDouble}: one actor writes -pi over 0.0, the other reads; whatever the
 * ordering mode, the reader sees 0.0 or -pi and never half of each. Results are the raw bits as longs
 * ({@code -4609115380302729960} is -pi). The arbiter reads the final value, which must be -pi.
 */
public final class SharedDoubleTearingTest
{
    static final RegionPool<SharedDouble> POOL = new RegionPool<>(
        StressNamespace.create("SharedDoubleTearingTest"), "double-", SharedDouble::create, SharedDouble::unlink);

    /** Written over 0.0: -pi, whose raw bits are non-zero in both 32-bit halves. */
    static final double WRITTEN = -Math.PI;

    private SharedDoubleTearingTest()
    {
    }

    static SharedDouble take()
    {
        final SharedDouble value = POOL.take();
        value.set(0.0);
        return value;
    }

    static void finish(final SharedDouble value, final JJ_Result r)
    {
        r.r2 = Double.doubleToRawLongBits(value.get());
        POOL.give(value);
    }

    /** Plain store, plain load. */
    @JCStressTest
    @Description("SharedDouble setPlain(-pi) over 0.0, read with getPlain: never torn")
    @Outcome(id = "0, -4609115380302729960", expect = ACCEPTABLE, desc = "read before the write")
    @Outcome(id = "-4609115380302729960, -4609115380302729960", expect = ACCEPTABLE, desc = "read after the write")
    @Outcome(expect = FORBIDDEN, desc = "torn value")
    @State
    public static class Plain
    {
        final SharedDouble value = take();

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
            value.setPlain(WRITTEN);
        }

        /**
         * Reader.
         *
         * @param r result.
         */
        @Actor
        public void reader(final JJ_Result r)
        {
            r.r1 = Double.doubleToRawLongBits(value.getPlain());
        }
    }

    /** Opaque store, opaque load. */
    @JCStressTest
    @Description("SharedDouble setOpaque(-pi) over 0.0, read with getOpaque: never torn")
    @Outcome(id = "0, -4609115380302729960", expect = ACCEPTABLE, desc = "read before the write")
    @Outcome(id = "-4609115380302729960, -4609115380302729960", expect = ACCEPTABLE, desc = "read after the write")
    @Outcome(expect = FORBIDDEN, desc = "torn value")
    @State
    public static class Opaque
    {
        final SharedDouble value = take();

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
            value.setOpaque(WRITTEN);
        }

        /**
         * Reader.
         *
         * @param r result.
         */
        @Actor
        public void reader(final JJ_Result r)
        {
            r.r1 = Double.doubleToRawLongBits(value.getOpaque());
        }
    }

    /** Volatile store, volatile load. */
    @JCStressTest
    @Description("SharedDouble set(-pi) over 0.0, read with get: never torn")
    @Outcome(id = "0, -4609115380302729960", expect = ACCEPTABLE, desc = "read before the write")
    @Outcome(id = "-4609115380302729960, -4609115380302729960", expect = ACCEPTABLE, desc = "read after the write")
    @Outcome(expect = FORBIDDEN, desc = "torn value")
    @State
    public static class Volatile
    {
        final SharedDouble value = take();

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
            value.set(WRITTEN);
        }

        /**
         * Reader.
         *
         * @param r result.
         */
        @Actor
        public void reader(final JJ_Result r)
        {
            r.r1 = Double.doubleToRawLongBits(value.get());
        }
    }
}

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
 * Message passing through shared memory: a writer stores the data (plain) and then raises a flag; a reader
 * that sees the flag must see the data. Results are (flag, data).
 */
public final class MessagePassingTest
{
    static final RegionPool<SharedLong> POOL = new RegionPool<>(
        StressNamespace.create("MessagePassingTest"), "long-", SharedLong::create, SharedLong::unlink);

    /** The message. */
    static final long DATA = 42L;

    private MessagePassingTest()
    {
    }

    static SharedLong take()
    {
        final SharedLong value = POOL.take();
        value.set(0L);
        return value;
    }

    /** Flag stored with release, loaded with acquire. */
    @JCStressTest
    @Description("SharedLong data (plain) then flag (setRelease); reader: flag (getAcquire) then data (plain)")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "flag not seen yet, data not seen yet")
    @Outcome(id = "0, 42", expect = ACCEPTABLE, desc = "flag not seen yet, data already seen")
    @Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "flag seen, data seen")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "flag seen before the data it publishes")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class ReleaseAcquire
    {
        final SharedLong data = take();
        final SharedLong flag = take();

        /** Writer. */
        @Actor
        public void writer()
        {
            data.setPlain(DATA);
            flag.setRelease(1L); // release: the data store above is visible to whoever acquires the flag
        }

        /**
         * Reader.
         *
         * @param r (flag, data).
         */
        @Actor
        public void reader(final JJ_Result r)
        {
            r.r1 = flag.getAcquire(); // acquire: pairs with setRelease
            r.r2 = data.getPlain();
        }

        /**
         * Give the regions back.
         *
         * @param r unused.
         */
        @Arbiter
        public void arbiter(final JJ_Result r)
        {
            POOL.give(data);
            POOL.give(flag);
        }
    }

    /** Flag stored and loaded volatile. */
    @JCStressTest
    @Description("SharedLong data (plain) then flag (set); reader: flag (get) then data (plain)")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "flag not seen yet, data not seen yet")
    @Outcome(id = "0, 42", expect = ACCEPTABLE, desc = "flag not seen yet, data already seen")
    @Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "flag seen, data seen")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "flag seen before the data it publishes")
    @Outcome(expect = FORBIDDEN, desc = "anything else")
    @State
    public static class Volatile
    {
        final SharedLong data = take();
        final SharedLong flag = take();

        /** Writer. */
        @Actor
        public void writer()
        {
            data.setPlain(DATA);
            flag.set(1L);
        }

        /**
         * Reader.
         *
         * @param r (flag, data).
         */
        @Actor
        public void reader(final JJ_Result r)
        {
            r.r1 = flag.get();
            r.r2 = data.getPlain();
        }

        /**
         * Give the regions back.
         *
         * @param r unused.
         */
        @Arbiter
        public void arbiter(final JJ_Result r)
        {
            POOL.give(data);
            POOL.give(flag);
        }
    }
}

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
package dev.mmipc.bench.run;

import java.util.Map;

/**
 * One trial of a run: one JMH fork (with its peer) or one run of the C ring.
 *
 * @param id        the trial's number in the run, from 0, in run order.
 * @param round     the interleaved round it belongs to, from 0.
 * @param benchmark {@code roundTrip}, {@code stream}, or the JMH method of a counter or lock benchmark.
 * @param subject   what is measured: a transport name, {@value #C_RING}, a counter or a lock operation.
 * @param size      message bytes (0 for counters and locks).
 * @param kind      how it runs.
 * @param jmhClass  the JMH benchmark class (fully qualified), or null for the C ring.
 * @param params    JMH parameters.
 */
public record TrialSpec(
    int id, int round, String benchmark, String subject, int size, Kind kind, String jmhClass, Map<String, String> params)
{
    /** The subject name of the C ring's figures. */
    public static final String C_RING = "C ring";
    /** The subject name of the C floor's figures. */
    public static final String C_FLOOR = "C floor";

    /** How a trial runs. */
    public enum Kind
    {
        /** A transport's JMH fork, pinned, with the C floor measured right before it. */
        TRANSPORT,
        /** The C ring, pinned. */
        C_RING,
        /** A counter or lock benchmark's JMH fork, not pinned (it uses both CPUs or starts its own peer). */
        OTHER
    }
}

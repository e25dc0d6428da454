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

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The order of a run: things compared in interleaved rounds, forward then backward, the C ring in each round,
 * batching transports streaming only, sizes a transport cannot carry left out with a note.
 */
class PlanTest
{
    private static String order(final Plan plan, final String benchmark, final int size)
    {
        return plan.trials().stream().filter(t -> t.benchmark().equals(benchmark) && t.size() == size)
            .map(t -> t.round() + ":" + t.subject()).collect(Collectors.joining(" "));
    }

    @Test
    void shouldInterleaveEverySubjectOncePerRoundInAlternatingOrder()
    {
        final Plan plan = Plan.of(List.of("agrona", "mmipc-one-to-one", "uds"), List.of(32, 4096), 3, true, false);
        assertEquals("0:C ring 0:agrona 0:mmipc-one-to-one 0:uds 1:uds 1:mmipc-one-to-one 1:agrona 1:C ring " +
            "2:C ring 2:agrona 2:mmipc-one-to-one 2:uds", order(plan, Plan.ROUND_TRIP, 32));
        assertEquals(order(plan, Plan.ROUND_TRIP, 32), order(plan, Plan.STREAM, 4096));
        assertEquals(4 * 12, plan.trials().size());
        for (int i = 0; i < plan.trials().size(); i++)
        {
            assertEquals(i, plan.trials().get(i).id(), "ids in run order");
        }
        assertEquals("roundTrip/32", plan.trials().get(0).benchmark() + "/" + plan.trials().get(0).size(),
            "a size's comparisons run together");
        assertEquals(36, plan.count(TrialSpec.Kind.TRANSPORT));
        assertEquals(12, plan.count(TrialSpec.Kind.C_RING));
    }

    @Test
    void shouldStreamBatchingTransportsOnlyAndLeaveOutSizesATransportCannotCarry()
    {
        final Plan plan = Plan.of(List.of("uds-batched", "agrona", "pipe-batched"), List.of(32, 1 << 20), 1, false, false);
        assertEquals("0:agrona", order(plan, Plan.ROUND_TRIP, 32));
        assertEquals("0:uds-batched 0:agrona 0:pipe-batched", order(plan, Plan.STREAM, 32));
        assertEquals("0:uds-batched 0:pipe-batched", order(plan, Plan.STREAM, 1 << 20));
        assertEquals(List.of("transport agrona cannot carry 1048576 B messages (min 32 B, max 524288 B): not measured"),
            plan.notes());
    }

    @Test
    void shouldInterleaveCountersAndLocksWithTheirParameters()
    {
        final Plan plan = Plan.of(List.of(), List.of(32), 2, true, true);
        assertEquals(14, plan.count(TrialSpec.Kind.OTHER));
        assertEquals(0, plan.count(TrialSpec.Kind.C_RING), "no transport, no C ring");
        final TrialSpec first = plan.trials().get(0);
        assertEquals(Plan.COUNTER_BENCHMARK, first.jmhClass());
        assertEquals("atomicLong2Threads", first.benchmark());
        final TrialSpec last = plan.trials().get(13);
        assertEquals("atomicLong2Threads", last.subject(), "round 2 runs backwards");
        assertTrue(plan.trials().stream().anyMatch(t -> "lockedIncrement/contended".equals(t.subject()) &&
            "jvm".equals(t.params().get("peer"))));
    }

    @Test
    void shouldRefuseRoundsBelowOne()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Plan.of(List.of("agrona"), List.of(32), 0, true, true));
        assertEquals("rounds below 1: rounds=0", ex.getMessage());
    }
}

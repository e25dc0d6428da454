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
package dev.mmipc.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark issue's targets, each read from ratios taken within interleaved rounds: met only when the whole
 * spread of the ratio is on the right side of the bound, missed when it is all on the wrong side, undecided
 * otherwise, and undecided whatever the figures say when a sanity gate fired on a cell the target reads.
 */
public final class Targets
{
    /** How a target came out. */
    public enum Status
    {
        /** The whole spread is on the right side. */
        MET,
        /** The whole spread is on the wrong side. */
        MISSED,
        /** The spread straddles the bound, a gate fired, or there is no figure. */
        UNDECIDED
    }

    /**
     * One target.
     *
     * @param what     the target, in words.
     * @param measured the ratio's spread, or null.
     * @param status   how it came out.
     * @param reason   why undecided, or null.
     */
    public record Target(String what, Spread measured, Status status, String reason)
    {
    }

    private Targets()
    {
    }

    /**
     * @param figures  every figure of the run.
     * @param warnings the gates' warnings.
     * @param mmipc    the transport that stands for mmipc.
     * @return the targets, at the smallest round-trip size measured (the issue names 64 B).
     */
    public static List<Target> evaluate(final List<Figure> figures, final List<Gates.Warning> warnings, final String mmipc)
    {
        final Cells cells = new Cells(figures);
        final List<Target> targets = new ArrayList<>();
        final List<Integer> sizes = cells.sizes(Figure.ROUND_TRIP);
        if (!sizes.isEmpty() && !cells.of(Figure.ROUND_TRIP, mmipc, sizes.get(0)).isEmpty())
        {
            final int size = sizes.get(0);
            targets.add(ratio(cells, warnings, "round trip p50 ≤ 1.2 × bare Agrona", Figure.ROUND_TRIP, size, mmipc, "agrona",
                1.2, true));
            targets.add(ratio(cells, warnings, "round trip p50 ≤ 3 × the C ring's", Figure.ROUND_TRIP, size, mmipc,
                Figure.C_RING, 3, true));
            targets.add(ratio(cells, warnings, "Unix socket round trip ≥ 20 × mmipc's", Figure.ROUND_TRIP, size, "uds", mmipc,
                20, false));
            targets.add(ratio(cells, warnings, "OS pipe round trip ≥ 20 × mmipc's", Figure.ROUND_TRIP, size, "pipe", mmipc, 20, false));
        }
        final List<Integer> streamSizes = cells.sizes(Figure.STREAM);
        if (!streamSizes.isEmpty() && !cells.of(Figure.STREAM, mmipc, streamSizes.get(0)).isEmpty())
        {
            targets.add(ratio(cells, warnings, "streaming ≥ 0.8 × bare Agrona", Figure.STREAM, streamSizes.get(0), mmipc,
                "agrona", 0.8, false));
        }
        final Spread counters = cells.ratio(Figure.COUNTER, 0, Report.CROSS_JVM_SHARED_LONG, Inputs.LOCKED_CROSS_JVM);
        if (null != counters)
        {
            targets.add(judge("cross-JVM SharedLong ≥ 20 × the locked value", counters, 20, false, null));
        }
        for (final Figure f : figures)
        {
            if (Figure.IDLE.equals(f.benchmark()))
            {
                final double share = 100 * f.get("idleCpuShareThread");
                targets.add(judge("idle consumer < 5 % of a core (thread)", new Spread(share, share, share, 1), 5, true, null));
            }
        }
        return targets;
    }

    private static Target ratio(
        final Cells cells, final List<Gates.Warning> warnings, final String what, final String benchmark, final int size,
        final String numerator, final String denominator, final double bound, final boolean atMost)
    {
        final Gates.Warning gate = Gates.on(warnings, benchmark, size, numerator, denominator);
        final String label = what + " (" + Gates.where(benchmark, size) + ")";
        return judge(label, cells.ratio(benchmark, size, numerator, denominator), bound, atMost,
            null == gate ? null : "gate: " + gate.gate() + " (" + gate.subject() + ")");
    }

    private static Target judge(final String what, final Spread s, final double bound, final boolean atMost, final String gate)
    {
        if (null == s)
        {
            return new Target(what, null, Status.UNDECIDED, "not measured");
        }
        if (null != gate)
        {
            return new Target(what, s, Status.UNDECIDED, gate);
        }
        final boolean met = atMost ? s.allAtMost(bound) : s.allAtLeast(bound);
        final boolean missed = atMost ? s.min() > bound : s.max() < bound;
        return new Target(what, s, met ? Status.MET : missed ? Status.MISSED : Status.UNDECIDED,
            met || missed ? null : "the spread straddles " + Report.fmt(bound));
    }
}

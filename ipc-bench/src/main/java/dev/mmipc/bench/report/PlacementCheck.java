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
 * Which trials ran somewhere other than the run's reference placement: the CPUs asked for, as read back from the
 * processes; a C floor (measured right before the trial on those CPUs) within a factor of {@value #FLOOR_FACTOR} of
 * the run's median floor; and the same placement right after the trial (the next trial's floor within that factor of
 * this one's). On a VM two vCPUs may share a physical core for some trials and not for others, which moves a
 * cache-line round trip about 4x; such trials are flagged, not dropped.
 *
 * @param referenceFloorNs the run's median C floor p50, or null when no floor was measured.
 * @param floors           how many floors it is the median of.
 * @param flagged          each flagged trial, with why.
 */
public record PlacementCheck(Double referenceFloorNs, int floors, List<Flag> flagged)
{
    /** How far a trial's floor may be from the reference before the trial is flagged. */
    public static final double FLOOR_FACTOR = 1.5;

    /**
     * A flagged trial.
     *
     * @param trial  its number.
     * @param figure what it measured.
     * @param reason why it is flagged.
     */
    public record Flag(int trial, Figure figure, String reason)
    {
    }

    /**
     * @param figures every figure of a run.
     * @return the check.
     */
    public static PlacementCheck of(final List<Figure> figures)
    {
        final List<Double> floors = new ArrayList<>();
        for (final Figure f : figures)
        {
            if (null != f.context() && null != f.context().floorP50Ns())
            {
                floors.add(f.context().floorP50Ns());
            }
        }
        final Spread reference = Spread.of(floors);
        final List<Flag> flagged = new ArrayList<>();
        for (final Figure f : figures)
        {
            final Figure.Context c = f.context();
            if (null == c || null == c.cpus())
            {
                continue;
            }
            final String[] cpus = c.cpus().split(",");
            final List<String> reasons = new ArrayList<>();
            if (!cpus[0].equals(c.benchAffinity()) || !cpus[1].equals(c.peerAffinity()))
            {
                reasons.add("ran on " + c.benchAffinity() + "," + c.peerAffinity() + " instead of " + c.cpus());
            }
            if (null == c.floorP50Ns())
            {
                reasons.add("no C floor");
            }
            else
            {
                if (null != reference && (c.floorP50Ns() > reference.median() * FLOOR_FACTOR ||
                    c.floorP50Ns() < reference.median() / FLOOR_FACTOR))
                {
                    reasons.add("C floor " + Report.fmt(c.floorP50Ns()) + " ns against the run's " +
                        Report.fmt(reference.median()) + " ns");
                }
                if (null != c.floorAfterP50Ns() && (c.floorAfterP50Ns() > c.floorP50Ns() * FLOOR_FACTOR ||
                    c.floorAfterP50Ns() < c.floorP50Ns() / FLOOR_FACTOR))
                {
                    reasons.add("placement changed during the trial: C floor " + Report.fmt(c.floorP50Ns()) +
                        " ns before, " + Report.fmt(c.floorAfterP50Ns()) + " ns after");
                }
            }
            if (!reasons.isEmpty())
            {
                flagged.add(new Flag(f.trial(), f, String.join(", ", reasons)));
            }
        }
        return new PlacementCheck(null == reference ? null : reference.median(), floors.size(), List.copyOf(flagged));
    }

    /**
     * @param trial a trial number.
     * @return true when that trial is flagged.
     */
    public boolean isFlagged(final int trial)
    {
        return flagged.stream().anyMatch(f -> f.trial() == trial);
    }
}

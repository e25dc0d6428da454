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
import java.util.Map;

import static dev.mmipc.bench.report.Report.fmt;
import static dev.mmipc.bench.report.Report.sizeLabel;

/**
 * Sanity gates: figures no hardware allows, which are bugs in the measurement until explained. Each warning names
 * a cell (benchmark, subject, size); the report prints them in a block and marks no target met that uses one.
 * <ul>
 *   <li>{@value #WRAPPER}: a transport beats the one it is built on (mmipc's one-to-one queue and its pipe wrap
 *   Agrona's ring) beyond the spread: its slowest fork is faster than the wrapped one's fastest.</li>
 *   <li>{@value #C_RING}: a JVM transport's median beats the C ring's median at the same size (streaming: more
 *   messages/s; round trip: a lower p50).</li>
 *   <li>{@value #FLOOR}: a round trip's p50 is more than {@value #FLOOR_MARGIN_PERCENT} % below the lower of the C
 *   floors measured on the same CPUs right before it and right after it (the next trial's: a VM may move a vCPU
 *   during a trial). The floor bounces one cache line; a small message's round trip moves about as many lines, so it
 *   may come a few percent under a floor measured a moment earlier (the C ring's did, by 2–7 %, in a quick run on
 *   the project's machine); a figure further below is one no hardware allows.</li>
 *   <li>{@value #COPY}: a stream moves more MB/s than one core copied (memcpy) right before it and right after it
 *   (the higher of the two).</li>
 * </ul>
 */
public final class Gates
{
    /** Gate name: a wrapper beats what it wraps. */
    public static final String WRAPPER = "wrapper beats what it wraps";
    /** Gate name: a JVM transport beats the C ring. */
    public static final String C_RING = "beats the C ring";
    /** Gate name: a round trip below its C floor. */
    public static final String FLOOR = "round trip below the C floor";
    /** Gate name: a stream above the copy bandwidth. */
    public static final String COPY = "stream above the copy bandwidth";
    /** How far below its C floor a round trip's p50 may come before the gate fires, in percent. */
    public static final int FLOOR_MARGIN_PERCENT = 10;

    /**
     * A cell that fails a gate.
     *
     * @param gate      which gate.
     * @param benchmark the cell's benchmark.
     * @param subject   the cell's subject.
     * @param size      the cell's size.
     * @param detail    the figures that fail it.
     */
    public record Warning(String gate, String benchmark, String subject, int size, String detail)
    {
    }

    private Gates()
    {
    }

    /**
     * @param figures every figure of a run.
     * @return every cell that fails a gate, in a stable order.
     */
    public static List<Warning> check(final List<Figure> figures)
    {
        final Cells cells = new Cells(figures);
        final List<Warning> warnings = new ArrayList<>();
        for (final String benchmark : List.of(Figure.ROUND_TRIP, Figure.STREAM))
        {
            final boolean lower = Figure.lowerIsBetter(benchmark);
            final String key = Figure.keyName(benchmark);
            for (final int size : cells.sizes(benchmark))
            {
                for (final Map.Entry<String, String> w : cells.wraps().entrySet())
                {
                    final Spread wrapper = cells.spread(benchmark, w.getKey(), size, key);
                    final Spread wrapped = cells.spread(benchmark, w.getValue(), size, key);
                    if (null != wrapper && null != wrapped && (lower ? wrapper.max() < wrapped.min() : wrapper.min() > wrapped.max()))
                    {
                        warnings.add(new Warning(WRAPPER, benchmark, w.getKey(), size, w.getKey() + " " + show(benchmark, wrapper) +
                            " against " + w.getValue() + " " + show(benchmark, wrapped) + ": every fork of the wrapper beat " +
                            "every fork of what it wraps"));
                    }
                }
                final Spread ring = cells.spread(benchmark, Figure.C_RING, size, key);
                for (final String subject : cells.subjects(benchmark))
                {
                    final Spread s = cells.spread(benchmark, subject, size, key);
                    if (null != ring && null != s && !Figure.C_RING.equals(subject) &&
                        (lower ? s.median() < ring.median() : s.median() > ring.median()))
                    {
                        warnings.add(new Warning(C_RING, benchmark, subject, size, subject + " " + show(benchmark, s) +
                            " against the C ring's " + show(benchmark, ring)));
                    }
                    final List<String> trials = new ArrayList<>();
                    for (final Figure f : cells.of(benchmark, subject, size))
                    {
                        final Figure.Context c = f.context();
                        if (null == c)
                        {
                            continue;
                        }
                        final Double floor = c.lowestFloorNs();
                        if (Figure.ROUND_TRIP.equals(benchmark) && null != floor &&
                            f.get("p50") < floor * (100 - FLOOR_MARGIN_PERCENT) / 100.0)
                        {
                            trials.add("trial " + f.trial() + ": p50 " + fmt(f.get("p50")) + " ns, C floor " + fmt(floor) + " ns");
                        }
                        final Double copy = c.highestCopyMBps();
                        if (Figure.STREAM.equals(benchmark) && null != copy && f.get("mbPerSec") > copy)
                        {
                            trials.add("trial " + f.trial() + ": " + fmt(f.get("mbPerSec")) + " MB/s, copy " + fmt(copy) + " MB/s");
                        }
                    }
                    if (!trials.isEmpty())
                    {
                        warnings.add(new Warning(Figure.ROUND_TRIP.equals(benchmark) ? FLOOR : COPY, benchmark, subject, size,
                            String.join("; ", trials)));
                    }
                }
            }
        }
        warnings.sort((a, b) -> (a.benchmark() + a.size() + a.subject() + a.gate())
            .compareTo(b.benchmark() + b.size() + b.subject() + b.gate()));
        return warnings;
    }

    /**
     * @param warnings the run's warnings.
     * @param benchmark a benchmark.
     * @param size      a size.
     * @param subjects  subjects.
     * @return the first warning on a cell of those subjects at that benchmark and size, or null.
     */
    static Warning on(final List<Warning> warnings, final String benchmark, final int size, final String... subjects)
    {
        for (final Warning w : warnings)
        {
            for (final String s : subjects)
            {
                if (w.benchmark().equals(benchmark) && w.size() == size && w.subject().equals(s))
                {
                    return w;
                }
            }
        }
        return null;
    }

    private static String show(final String benchmark, final Spread s)
    {
        return Figure.ROUND_TRIP.equals(benchmark) ? "p50 " + Report.spread(s, 1e-3) + " µs" :
            Report.spread(s, 1e-6) + " M msgs/s";
    }

    /**
     * @param benchmark a benchmark.
     * @param size      a size.
     * @return the cell's name in a warning: {@code stream 4 KiB}.
     */
    static String where(final String benchmark, final int size)
    {
        return (Figure.ROUND_TRIP.equals(benchmark) ? "round trip" : "stream") + " " + sizeLabel(size);
    }
}

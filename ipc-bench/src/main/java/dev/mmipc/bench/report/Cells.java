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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The figures of a run by cell (benchmark, subject, size): their spread over forks, and ratios taken within each
 * interleaved round.
 */
final class Cells
{
    private final List<Figure> figures;

    Cells(final List<Figure> figures)
    {
        this.figures = List.copyOf(figures);
    }

    List<Figure> all()
    {
        return figures;
    }

    List<Figure> of(final String benchmark, final String subject, final int size)
    {
        final List<Figure> cell = new ArrayList<>();
        for (final Figure f : figures)
        {
            if (f.benchmark().equals(benchmark) && f.subject().equals(subject) && f.size() == size)
            {
                cell.add(f);
            }
        }
        return cell;
    }

    /**
     * @return the spread of one value over the cell's forks, or null when the cell is empty.
     */
    Spread spread(final String benchmark, final String subject, final int size, final String key)
    {
        final List<Double> values = new ArrayList<>();
        for (final Figure f : of(benchmark, subject, size))
        {
            values.add(f.get(key));
        }
        return Spread.of(values);
    }

    /**
     * @return the spread of {@code numerator / denominator} of the benchmark's ranking value, one ratio per round in
     *         which both were measured, or null when there is no such round.
     */
    Spread ratio(final String benchmark, final int size, final String numerator, final String denominator)
    {
        final Map<Integer, Double> byRound = new HashMap<>();
        for (final Figure d : of(benchmark, denominator, size))
        {
            byRound.put(d.round(), d.key());
        }
        final List<Double> ratios = new ArrayList<>();
        for (final Figure n : of(benchmark, numerator, size))
        {
            final Double d = byRound.get(n.round());
            if (null != d && d != 0)
            {
                ratios.add(n.key() / d);
            }
        }
        return Spread.of(ratios);
    }

    /**
     * @return the spread of each round trip's p50 over the C floor measured right before it, or null.
     */
    Spread overFloor(final String subject, final int size)
    {
        final List<Double> ratios = new ArrayList<>();
        for (final Figure f : of(Figure.ROUND_TRIP, subject, size))
        {
            if (null != f.context() && null != f.context().floorP50Ns() && f.context().floorP50Ns() > 0)
            {
                ratios.add(f.get("p50") / f.context().floorP50Ns());
            }
        }
        return Spread.of(ratios);
    }

    List<Integer> sizes(final String benchmark)
    {
        final Set<Integer> sizes = new TreeSet<>();
        for (final Figure f : figures)
        {
            if (f.benchmark().equals(benchmark))
            {
                sizes.add(f.size());
            }
        }
        return new ArrayList<>(sizes);
    }

    /**
     * @return the subjects of a benchmark: the C ring first, then mmipc's, then the others, each in run order.
     */
    List<String> subjects(final String benchmark)
    {
        final Set<String> subjects = new LinkedHashSet<>();
        for (final String prefix : new String[]{ Figure.C_RING, "mmipc", "" })
        {
            for (final Figure f : figures)
            {
                if (f.benchmark().equals(benchmark) && f.subject().startsWith(prefix))
                {
                    subjects.add(f.subject());
                }
            }
        }
        return new ArrayList<>(subjects);
    }

    /**
     * @return the C floor's p50 measured before each trial of a benchmark at a size, over those trials.
     */
    Spread floor(final String benchmark, final int size, final String key)
    {
        final List<Double> values = new ArrayList<>();
        for (final Figure f : figures)
        {
            if (f.benchmark().equals(benchmark) && f.size() == size && null != f.context())
            {
                final Double v = "p99".equals(key) ? f.context().floorP99Ns() : f.context().floorP50Ns();
                if (null != v && !Figure.C_RING.equals(f.subject()))
                {
                    values.add(v);
                }
            }
        }
        return Spread.of(values);
    }

    /**
     * @return for each subject that wraps another, the one it wraps, as the trials recorded.
     */
    Map<String, String> wraps()
    {
        final Map<String, String> wraps = new HashMap<>();
        for (final Figure f : figures)
        {
            if (null != f.context() && null != f.context().wraps())
            {
                wraps.put(f.subject(), f.context().wraps());
            }
        }
        return wraps;
    }
}

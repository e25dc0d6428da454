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
import java.util.Collections;
import java.util.List;

/**
 * A figure over several forks (or a ratio over several interleaved pairs): the median, the least and the
 * greatest value, and how many there were.
 *
 * @param median the median (the mean of the two middle values for an even count).
 * @param min    the least value.
 * @param max    the greatest value.
 * @param n      how many values.
 */
public record Spread(double median, double min, double max, int n)
{
    /**
     * @param values the values; NaN ones are left out.
     * @return their spread, or null when there is none.
     */
    public static Spread of(final List<Double> values)
    {
        final List<Double> v = new ArrayList<>();
        for (final Double d : values)
        {
            if (null != d && !d.isNaN())
            {
                v.add(d);
            }
        }
        if (v.isEmpty())
        {
            return null;
        }
        Collections.sort(v);
        final int n = v.size();
        final double median = (n & 1) == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
        return new Spread(median, v.get(0), v.get(n - 1), n);
    }

    /**
     * @param bound a bound.
     * @return true when every value is at most {@code bound}.
     */
    public boolean allAtMost(final double bound)
    {
        return max <= bound;
    }

    /**
     * @param bound a bound.
     * @return true when every value is at least {@code bound}.
     */
    public boolean allAtLeast(final double bound)
    {
        return min >= bound;
    }
}

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
package dev.mmipc.tools;

import dev.mmipc.region.Region;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the kind-specific state of one kind of region, for {@code inspect} and {@code stat}.
 */
public interface KindInspector
{
    /**
     * One line of {@code stat} output.
     *
     * @param id    counter id, or "-" for a value.
     * @param label counter label, or what the value is ("value", "length=8").
     * @param value the value, as text.
     */
    record StatRow(String id, String label, String value)
    {
    }

    /**
     * @param region an open region of this inspector's kind.
     * @return its kind-specific state as ordered key/value pairs, for {@code inspect}.
     */
    Map<String, String> describe(Region region);

    /**
     * @param region an open region of this inspector's kind.
     * @return its rows for {@code stat}; empty for kinds that {@code stat} does not show.
     */
    List<StatRow> stat(Region region);

    /**
     * @param describe what {@code inspect} shows.
     * @param stat     what {@code stat} shows.
     * @return an inspector made of the two functions.
     */
    static KindInspector of(
        final Function<Region, Map<String, String>> describe, final Function<Region, List<StatRow>> stat)
    {
        return new KindInspector()
        {
            @Override
            public Map<String, String> describe(final Region region)
            {
                return describe.apply(region);
            }

            @Override
            public List<StatRow> stat(final Region region)
            {
                return stat.apply(region);
            }
        };
    }
}

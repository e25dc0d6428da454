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

import dev.mmipc.counters.CounterSnapshot;
import dev.mmipc.counters.CountersInspector;
import dev.mmipc.pipe.PipeInspector;
import dev.mmipc.queue.QueueInspector;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.shared.SharedInspector;
import dev.mmipc.sync.SyncInspector;
import dev.mmipc.tools.KindInspector.StatRow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that maps a region kind to the inspector of its kind-specific state: every {@link RegionKind} has
 * one (a test fails when a kind is added without one). Adding a kind is one line in the static block. Each
 * inspector reads with volatile loads, takes no lock and writes nothing; it checks the kind's parameters before
 * it trusts them, and a region it cannot decode is a typed exception naming what was wrong.
 */
public final class KindInspectors
{
    private static final Map<RegionKind, KindInspector> BY_KIND;

    static
    {
        final Map<RegionKind, KindInspector> byKind = new EnumMap<>(RegionKind.class);
        final KindInspector value = KindInspector.of(SharedInspector::describe, KindInspectors::valueRows);
        byKind.put(RegionKind.LONG, value);
        byKind.put(RegionKind.INT, value);
        byKind.put(RegionKind.DOUBLE, value);
        byKind.put(RegionKind.LONG_ARRAY, value);
        byKind.put(RegionKind.INT_ARRAY, value);
        byKind.put(RegionKind.DOUBLE_ARRAY, value);
        byKind.put(RegionKind.BYTES, KindInspector.of(SharedInspector::describe, region -> List.of()));
        byKind.put(RegionKind.COUNTERS, KindInspector.of(KindInspectors::describeCounters, KindInspectors::counterRows));
        byKind.put(RegionKind.SYNC, KindInspector.of(SyncInspector::describe, region -> List.of()));
        byKind.put(RegionKind.PIPE, KindInspector.of(PipeInspector::describe, region -> List.of()));
        byKind.put(RegionKind.QUEUE, KindInspector.of(QueueInspector::describe, region -> List.of()));
        byKind.put(RegionKind.QUEUE_TASKS, KindInspector.of(QueueInspector::describeTasks, region -> List.of()));
        BY_KIND = Collections.unmodifiableMap(byKind);
    }

    private KindInspectors()
    {
    }

    /**
     * @param kind a region kind.
     * @return its inspector; empty only for a kind added without one, which the registry's test forbids.
     */
    public static Optional<KindInspector> forKind(final RegionKind kind)
    {
        return Optional.ofNullable(BY_KIND.get(kind));
    }

    /**
     * A value is one row labelled {@code value}; an array is one row labelled {@code length=N} whose value
     * lists the first elements, ending in {@code ...} when there are more.
     */
    private static List<StatRow> valueRows(final Region region)
    {
        final Map<String, String> described = SharedInspector.describe(region);
        final String value = described.get("value");
        if (value != null)
        {
            return List.of(new StatRow("-", "value", value));
        }
        final String length = described.get("length");
        final String elements = described.get("elements");
        if (length == null || elements == null)
        {
            return List.of();
        }
        final boolean more = !length.equals(described.get("elements_shown"));
        final String shown = "[" + elements.replace(",", ", ") + (more ? ", ...]" : "]");
        return List.of(new StatRow("-", "length=" + length, shown));
    }

    private static List<StatRow> counterRows(final Region region)
    {
        final List<StatRow> rows = new ArrayList<>();
        for (final CounterSnapshot counter : CountersInspector.snapshot(region))
        {
            rows.add(new StatRow(Integer.toString(counter.id()), counter.label(), Long.toString(counter.value())));
        }
        return rows;
    }

    /**
     * The counters region's fields, then one {@code counter N} line per allocated counter.
     */
    private static Map<String, String> describeCounters(final Region region)
    {
        final Map<String, String> described = new LinkedHashMap<>(CountersInspector.describe(region));
        for (final CounterSnapshot counter : CountersInspector.snapshot(region))
        {
            described.put("counter " + counter.id(),
                "value=" + counter.value() + ", type=" + counter.typeId() + ", label=" + counter.label());
        }
        return described;
    }
}

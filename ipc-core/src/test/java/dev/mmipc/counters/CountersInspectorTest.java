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
package dev.mmipc.counters;

import dev.mmipc.Namespace;
import dev.mmipc.exceptions.RegionKindException;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CountersInspectorTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldDescribeAndSnapshot()
    {
        try (SharedCounters counters = SharedCounters.create(Namespace.of(ns.directory()), "inspected", 10))
        {
            counters.allocate("a").set(1);
            final SharedCounter b = counters.allocate("b", 7);
            b.set(2);
            counters.allocate("c \u00e9").set(-3);
            b.close();

            try (Region region = Region.open(ns.directory(), "inspected", RegionKind.COUNTERS))
            {
                final Map<String, String> described = CountersInspector.describe(region);
                assertEquals(List.of("capacity", "allocated", "free", "high_water_mark", "reclaimed",
                    "max_label_length", "lock_holder_pid", "lock_takeovers", "last_registration_id"),
                    List.copyOf(described.keySet()));
                assertEquals("10", described.get("capacity"));
                assertEquals("2", described.get("allocated"));
                assertEquals("8", described.get("free"));
                assertEquals("3", described.get("high_water_mark"));
                assertEquals("1", described.get("reclaimed"));
                assertEquals("380", described.get("max_label_length"));
                assertEquals("0", described.get("lock_holder_pid"));
                assertEquals("0", described.get("lock_takeovers"));
                assertEquals("3", described.get("last_registration_id"));

                assertEquals(List.of(new CounterSnapshot(0, 0, "a", 1), new CounterSnapshot(2, 0, "c \u00e9", -3)),
                    CountersInspector.snapshot(region));

                counters.allocate("d", 9).set(4);
                assertEquals(new CounterSnapshot(1, 9, "d", 4), CountersInspector.snapshot(region).get(1), "live");
            }
        }
    }

    @Test
    void shouldRefuseOtherKindsAndClosedRegions()
    {
        try (Region bytes = Region.create(ns.directory(), "bytes", RegionKind.BYTES, 64, Region.ZEROED))
        {
            final RegionKindException ex = assertThrows(RegionKindException.class, () -> CountersInspector.describe(bytes));
            assertEquals("region kind mismatch: name=bytes, expected=COUNTERS, actual=BYTES", ex.getMessage());
            assertThrows(RegionKindException.class, () -> CountersInspector.snapshot(bytes));
        }
        SharedCounters.create(Namespace.of(ns.directory()), "closed", 1).close();
        final Region region = Region.open(ns.directory(), "closed", RegionKind.COUNTERS);
        region.close();
        assertThrows(IllegalStateException.class, () -> CountersInspector.describe(region));
        assertThrows(IllegalStateException.class, () -> CountersInspector.snapshot(region));
    }
}

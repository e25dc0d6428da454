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

import dev.mmipc.exceptions.RegionKindException;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.region.Region;
import org.agrona.concurrent.status.CountersReader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.mmipc.counters.CountersDescriptor.*;

/**
 * Read-only views of a counters region for tools such as {@code mmipc stat}: they take the lock of nobody
 * and write nothing, so they may run while other processes allocate (each value is read live).
 */
public final class CountersInspector
{
    private CountersInspector()
    {
    }

    /**
     * Describe a counters region. Keys, in this order: {@code capacity}, {@code allocated}, {@code free}
     * (capacity minus allocated), {@code high_water_mark} (ids ever used), {@code reclaimed} (freed ids awaiting
     * reuse), {@code max_label_length}, {@code lock_holder_pid} (0 when free), {@code lock_takeovers} (times
     * taken from a dead holder), {@code last_registration_id}.
     *
     * @param region an open region of kind {@link dev.mmipc.region.RegionKind#COUNTERS}.
     * @return the fields, as strings.
     * @throws RegionKindException      when the region holds something else.
     * @throws RegionParameterException when its parameters are not a valid counters layout.
     * @throws IllegalStateException    when the region is closed.
     */
    public static Map<String, String> describe(final Region region)
    {
        final CountersLayout layout = CountersLayout.of(region);
        final int allocated = CounterRecords.allocatedCount(layout.metadata, layout.capacity);
        final Map<String, String> fields = new LinkedHashMap<>();
        fields.put("capacity", Integer.toString(layout.capacity));
        fields.put("allocated", Integer.toString(allocated));
        fields.put("free", Integer.toString(layout.capacity - allocated));
        fields.put("high_water_mark", Integer.toString(layout.allocation.getIntVolatile(HIGH_WATER_MARK_OFFSET)));
        fields.put("reclaimed", Integer.toString(layout.allocation.getIntVolatile(RECLAIMED_COUNT_OFFSET)));
        fields.put("max_label_length", Integer.toString(MAX_LABEL_LENGTH));
        fields.put("lock_holder_pid", Long.toString(lockPid(layout.allocation.getLongVolatile(LOCK_WORD_OFFSET))));
        fields.put("lock_takeovers", Long.toString(layout.allocation.getLongVolatile(LOCK_TAKEOVERS_OFFSET)));
        fields.put("last_registration_id", Long.toString(layout.allocation.getLongVolatile(LAST_REGISTRATION_ID_OFFSET)));
        return Collections.unmodifiableMap(fields);
    }

    /**
     * Read every allocated counter, in id order, through Agrona's {@link CountersReader}.
     *
     * @param region an open region of kind {@link dev.mmipc.region.RegionKind#COUNTERS}.
     * @return the counters.
     * @throws RegionKindException      when the region holds something else.
     * @throws RegionParameterException when its parameters are not a valid counters layout.
     * @throws IllegalStateException    when the region is closed.
     */
    public static List<CounterSnapshot> snapshot(final Region region)
    {
        final CountersLayout layout = CountersLayout.of(region);
        final CountersReader reader = new RegionCountersReader(region, layout.metadata, layout.values);
        final List<CounterSnapshot> counters = new ArrayList<>();
        reader.forEach((CountersReader.MetaData)(counterId, typeId, keyBuffer, label) ->
            counters.add(new CounterSnapshot(counterId, typeId, label, reader.getCounterValue(counterId))));
        return Collections.unmodifiableList(counters);
    }
}

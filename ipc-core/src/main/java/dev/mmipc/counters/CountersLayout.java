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
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.region.RegionKind;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static dev.mmipc.counters.CountersDescriptor.*;

/**
 * The sections of an open counters region, checked against its parameters.
 */
final class CountersLayout
{
    final Region region;
    final int capacity;
    final UnsafeBuffer allocation;
    final UnsafeBuffer metadata;
    final UnsafeBuffer values;

    private CountersLayout(final Region region, final int capacity)
    {
        this.region = region;
        this.capacity = capacity;
        final AtomicBuffer payload = region.payload();
        allocation = new UnsafeBuffer(payload, ALLOCATION_SECTION_OFFSET, ALLOCATION_SECTION_LENGTH);
        metadata = new UnsafeBuffer(payload, METADATA_OFFSET, metadataLength(capacity));
        values = new UnsafeBuffer(payload, valuesOffset(capacity), valuesLength(capacity));
    }

    /**
     * Write the parameters of a new region.
     *
     * @param params      the region's parameter slots.
     * @param maxCounters max number of counters.
     */
    static void writeParams(final AtomicBuffer params, final int maxCounters)
    {
        params.putLong(slot(MAX_COUNTERS_PARAM), maxCounters);
        params.putLong(slot(ALLOCATION_OFFSET_PARAM), ALLOCATION_SECTION_OFFSET);
        params.putLong(slot(METADATA_OFFSET_PARAM), METADATA_OFFSET);
        params.putLong(slot(METADATA_LENGTH_PARAM), metadataLength(maxCounters));
        params.putLong(slot(VALUES_OFFSET_PARAM), valuesOffset(maxCounters));
        params.putLong(slot(VALUES_LENGTH_PARAM), valuesLength(maxCounters));
        params.putLong(slot(LAYOUT_VERSION_PARAM), LAYOUT_VERSION);
    }

    /**
     * Check a region's kind and parameters and slice its sections.
     *
     * @param region an open region.
     * @return its layout.
     * @throws RegionKindException      when it is not a counters region.
     * @throws RegionParameterException when its parameters are not those of this layout.
     */
    static CountersLayout of(final Region region)
    {
        final String name = region.name();
        if (region.kind() != RegionKind.COUNTERS)
        {
            throw new RegionKindException(
                "region kind mismatch: name=" + name + ", expected=" + RegionKind.COUNTERS + ", actual=" + region.kind());
        }
        final AtomicBuffer params = region.params();
        final long version = params.getLong(slot(LAYOUT_VERSION_PARAM));
        if (version != LAYOUT_VERSION)
        {
            throw new RegionParameterException(
                "counters layout version unsupported: name=" + name + ", expected=" + LAYOUT_VERSION +
                ", actual=" + version);
        }
        final long maxCounters = params.getLong(slot(MAX_COUNTERS_PARAM));
        if (maxCounters < 1 || maxCounters > MAX_COUNTERS_LIMIT)
        {
            throw new RegionParameterException(
                "counters max counters invalid: name=" + name + ", max_counters=" + maxCounters + ", min=1, max=" +
                MAX_COUNTERS_LIMIT);
        }
        final int capacity = (int)maxCounters;
        check(name, params, ALLOCATION_OFFSET_PARAM, "allocation_offset", ALLOCATION_SECTION_OFFSET);
        check(name, params, METADATA_OFFSET_PARAM, "metadata_offset", METADATA_OFFSET);
        check(name, params, METADATA_LENGTH_PARAM, "metadata_length", metadataLength(capacity));
        check(name, params, VALUES_OFFSET_PARAM, "values_offset", valuesOffset(capacity));
        check(name, params, VALUES_LENGTH_PARAM, "values_length", valuesLength(capacity));
        final int payloadLength = region.payload().capacity();
        if (payloadLength < payloadLength(capacity))
        {
            throw new RegionParameterException(
                "counters payload too short: name=" + name + ", payload_length=" + payloadLength +
                ", required=" + payloadLength(capacity) + ", max_counters=" + capacity);
        }
        return new CountersLayout(region, capacity);
    }

    private static void check(
        final String name, final AtomicBuffer params, final int slot, final String what, final long expected)
    {
        final long actual = params.getLong(slot(slot));
        if (actual != expected)
        {
            throw new RegionParameterException(
                "counters layout mismatch: name=" + name + ", param=" + what + ", expected=" + expected +
                ", actual=" + actual);
        }
    }

    private static int slot(final int paramIndex)
    {
        return RegionDescriptor.paramOffset(paramIndex) - RegionDescriptor.PARAMS_OFFSET;
    }
}

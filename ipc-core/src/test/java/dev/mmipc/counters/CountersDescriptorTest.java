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
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.TestNamespace;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.mmipc.counters.CountersDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

class CountersDescriptorTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldPlaceParameterSlotsAsDiagramSays()
    {
        assertEquals(0, MAX_COUNTERS_PARAM);
        assertEquals(1, ALLOCATION_OFFSET_PARAM);
        assertEquals(2, METADATA_OFFSET_PARAM);
        assertEquals(3, METADATA_LENGTH_PARAM);
        assertEquals(4, VALUES_OFFSET_PARAM);
        assertEquals(5, VALUES_LENGTH_PARAM);
        assertEquals(6, LAYOUT_VERSION_PARAM);
        assertEquals(1, LAYOUT_VERSION);
    }

    @Test
    void shouldPlaceAllocationSectionFieldsAsDiagramSays()
    {
        assertEquals(0, LOCK_WORD_OFFSET);
        assertEquals(8, LOCK_HOLDER_START_OFFSET);
        assertEquals(16, LOCK_CONFIRM_OFFSET);
        assertEquals(24, HIGH_WATER_MARK_OFFSET);
        assertEquals(28, RECLAIMED_COUNT_OFFSET);
        assertEquals(32, LAST_REGISTRATION_ID_OFFSET);
        assertEquals(40, LOCK_TAKEOVERS_OFFSET);
        assertEquals(48, RESERVED_OFFSET);
        assertEquals(128, ALLOCATION_SECTION_LENGTH);
        assertTrue(RESERVED_OFFSET <= ALLOCATION_SECTION_LENGTH);
    }

    @Test
    void shouldPlaceSectionsAsDiagramSays()
    {
        assertEquals(0, ALLOCATION_SECTION_OFFSET);
        assertEquals(128, METADATA_OFFSET);
        assertEquals(512, CountersReader.METADATA_LENGTH);
        assertEquals(128, CountersReader.COUNTER_LENGTH);
        assertEquals(640, BYTES_PER_COUNTER);
        for (final int n : new int[]{ 1, 2, 7, 1000 })
        {
            assertEquals(n * 512, metadataLength(n));
            assertEquals(128 + n * 512, valuesOffset(n));
            assertEquals(n * 128, valuesLength(n));
            assertEquals(128 + n * 640, payloadLength(n));
            assertEquals(0, valuesOffset(n) % RegionDescriptor.PAYLOAD_ALIGNMENT, "values cache-line aligned");
        }
        assertEquals(380, MAX_LABEL_LENGTH);
        assertEquals((Integer.MAX_VALUE - RegionDescriptor.HEADER_LENGTH - 128) / 640, MAX_COUNTERS_LIMIT);
    }

    @Test
    void shouldPackLockWord()
    {
        final long word = lockWord(4_194_303L, -2);
        assertEquals(4_194_303L, lockPid(word));
        assertEquals(-2, lockGeneration(word));
        assertEquals(0L, lockPid(lockWord(0, 7)));
        assertEquals(7, lockGeneration(lockWord(0, 7)));
        assertEquals(Integer.MIN_VALUE, lockGeneration(lockWord(5, Integer.MAX_VALUE) + 1));
    }

    @Test
    void shouldWriteParametersWhereDescribed()
    {
        try (SharedCounters counters = SharedCounters.create(Namespace.of(ns.directory()), "layout", 3);
            Region region = Region.open(ns.directory(), "layout", RegionKind.COUNTERS))
        {
            assertEquals(3, counters.capacity());
            final AtomicBuffer params = region.params();
            assertEquals(3, params.getLong(MAX_COUNTERS_PARAM * 8));
            assertEquals(0, params.getLong(ALLOCATION_OFFSET_PARAM * 8));
            assertEquals(128, params.getLong(METADATA_OFFSET_PARAM * 8));
            assertEquals(3 * 512, params.getLong(METADATA_LENGTH_PARAM * 8));
            assertEquals(128 + 3 * 512, params.getLong(VALUES_OFFSET_PARAM * 8));
            assertEquals(3 * 128, params.getLong(VALUES_LENGTH_PARAM * 8));
            assertEquals(1, params.getLong(LAYOUT_VERSION_PARAM * 8));
            assertEquals(128 + 3 * 640, region.payload().capacity());
        }
    }

    @Test
    void shouldRefuseMaxCountersOutOfRange()
    {
        final IllegalArgumentException zero =
            assertThrows(IllegalArgumentException.class, () -> checkMaxCounters("c", 0));
        assertEquals("max counters out of range: name=c, max_counters=0, min=1, max=" + MAX_COUNTERS_LIMIT,
            zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> checkMaxCounters("c", MAX_COUNTERS_LIMIT + 1));
        checkMaxCounters("c", 1);
        checkMaxCounters("c", MAX_COUNTERS_LIMIT);
    }
}

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

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.agrona.concurrent.status.CountersReader.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Our allocation and free write exactly what Agrona's CountersManager writes: the same operations through
 * both, over separate buffers, leave identical metadata and identical counter values.
 */
class CountersAgronaFormatTest
{
    private static final int CAPACITY = 8;

    private final UnsafeBuffer agronaMetadata = buffer(CAPACITY * METADATA_LENGTH);
    private final UnsafeBuffer agronaValues = buffer(CAPACITY * COUNTER_LENGTH);
    private final UnsafeBuffer ourAllocation = buffer(CountersDescriptor.ALLOCATION_SECTION_LENGTH);
    private final UnsafeBuffer ourMetadata = buffer(CAPACITY * METADATA_LENGTH);
    private final UnsafeBuffer ourValues = buffer(CAPACITY * COUNTER_LENGTH);

    // default CountersManager: CachedEpochClock at 0 and free-to-reuse timeout 0, so every deadline is 0
    private final CountersManager agrona = new CountersManager(agronaMetadata, agronaValues);

    @Test
    void shouldWriteMetadataByteForByteAsCountersManager()
    {
        final String[] labels = { "alpha", "beta", "gamma \u00e9\u20ac", "", "x".repeat(MAX_LABEL_LENGTH) };
        for (int i = 0; i < labels.length; i++)
        {
            final int expected = agrona.allocate(labels[i], 100 + i);
            assertEquals(expected, ours(labels[i], 100 + i));
            new AtomicCounter(agronaValues, expected).set(i * 11L);
            new AtomicCounter(ourValues, expected).set(i * 11L);
        }
        assertSameRecords();

        agrona.free(1);
        agrona.free(3);
        assertTrue(CounterRecords.free(ourAllocation, ourMetadata, ourValues, 1, DEFAULT_REGISTRATION_ID, 0));
        assertTrue(CounterRecords.free(ourAllocation, ourMetadata, ourValues, 3, DEFAULT_REGISTRATION_ID, 0));
        assertSameRecords();

        // Agrona reuses its free list first-in first-out, we reuse the lowest id: free 1 then 3 agrees on both
        assertEquals(agrona.allocate("delta", 7), ours("delta", 7));
        assertEquals(agrona.allocate("epsilon", 8), ours("epsilon", 8));
        assertEquals(agrona.allocate("zeta", 9), ours("zeta", 9));
        assertSameRecords();
    }

    @Test
    void shouldBeReadByAgronaCountersReader()
    {
        final int first = ours("first", 1);
        final int second = ours("second \u00fc", 2);
        new AtomicCounter(ourValues, second).set(42);
        CounterRecords.free(ourAllocation, ourMetadata, ourValues, first, DEFAULT_REGISTRATION_ID, 0);

        final CountersReader reader = new CountersReader(ourMetadata, ourValues);
        final List<String> seen = new ArrayList<>();
        reader.forEach((value, id, label) -> seen.add(id + ":" + label + "=" + value));
        assertEquals(List.of("1:second \u00fc=42"), seen);
        assertEquals(RECORD_RECLAIMED, reader.getCounterState(first));
        assertEquals(2, reader.getCounterTypeId(second));
        assertEquals(2, reader.getCounterRegistrationId(second), "registration ids count from 1");
        assertEquals(ProcessHandle.current().pid(), reader.getCounterOwnerId(second));
    }

    @Test
    void shouldReportFullWhenNoIdIsFree()
    {
        for (int i = 0; i < CAPACITY; i++)
        {
            assertEquals(i, ours("c" + i, 0));
        }
        assertEquals(NULL_COUNTER_ID, ours("one too many", 0));
        CounterRecords.free(ourAllocation, ourMetadata, ourValues, 5, DEFAULT_REGISTRATION_ID, 0);
        assertEquals(5, ours("reused", 0));
        assertEquals(0, new AtomicCounter(ourValues, 5).get(), "value reset on reuse");
    }

    @Test
    void shouldKeepIdUnusedUntilFreeToReuseDeadline()
    {
        ours("a", 0);
        CounterRecords.free(ourAllocation, ourMetadata, ourValues, 0, DEFAULT_REGISTRATION_ID, 1_000);
        assertEquals(1, CounterRecords.allocate(
            ourAllocation, ourMetadata, ourValues, CAPACITY, 0, bytes("b"), 1, 999, null));
        assertEquals(0, CounterRecords.allocate(
            ourAllocation, ourMetadata, ourValues, CAPACITY, 0, bytes("c"), 1, 1_000, null));
    }

    @Test
    void shouldRepairAfterHolderDiedBetweenPublishAndHighWaterMark()
    {
        ours("a", 0);
        final RuntimeException died = new RuntimeException("died inside the lock");
        assertThrows(RuntimeException.class, () -> CounterRecords.allocate(
            ourAllocation, ourMetadata, ourValues, CAPACITY, 0, bytes("b"), 1, 0, () -> { throw died; }));
        assertEquals(1, ourAllocation.getInt(CountersDescriptor.HIGH_WATER_MARK_OFFSET), "hwm not yet stored");

        CounterRecords.repair(ourAllocation, ourMetadata, CAPACITY, 0);
        assertEquals(2, ourAllocation.getInt(CountersDescriptor.HIGH_WATER_MARK_OFFSET));
        assertEquals(2, ours("c", 0), "the published record is not handed out again");
    }

    @Test
    void shouldRepairReclaimedCountAndStuckDeadline()
    {
        ours("a", 0);
        ours("b", 0);
        // a holder died after marking record 0 reclaimed, before its deadline and the count were stored
        ourMetadata.putIntRelease(metaDataOffset(0), RECORD_RECLAIMED);
        CounterRecords.repair(ourAllocation, ourMetadata, CAPACITY, 500);
        assertEquals(1, ourAllocation.getInt(CountersDescriptor.RECLAIMED_COUNT_OFFSET));
        assertEquals(500, ourMetadata.getLong(metaDataOffset(0) + FREE_FOR_REUSE_DEADLINE_OFFSET));
        assertEquals(0, CounterRecords.allocate(
            ourAllocation, ourMetadata, ourValues, CAPACITY, 0, bytes("c"), 1, 500, null));
    }

    private int ours(final String label, final int typeId)
    {
        return CounterRecords.allocate(
            ourAllocation, ourMetadata, ourValues, CAPACITY, typeId, bytes(label),
            ProcessHandle.current().pid(), 0, null);
    }

    private void assertSameRecords()
    {
        final byte[] expected = new byte[agronaMetadata.capacity()];
        final byte[] actual = new byte[ourMetadata.capacity()];
        agronaMetadata.getBytes(0, expected);
        ourMetadata.getBytes(0, actual);
        assertArrayEquals(expected, actual, "metadata buffers differ");
        for (int id = 0; id < CAPACITY; id++)
        {
            assertEquals(agronaValues.getLong(counterOffset(id)), ourValues.getLong(counterOffset(id)), "value " + id);
        }
    }

    private static byte[] bytes(final String label)
    {
        return label.getBytes(StandardCharsets.UTF_8);
    }

    private static UnsafeBuffer buffer(final int length)
    {
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(length, 64));
    }
}

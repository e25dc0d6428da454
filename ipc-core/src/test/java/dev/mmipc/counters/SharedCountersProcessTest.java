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
import dev.mmipc.exceptions.CountersLockException;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Allocation between real JVMs: two children allocating at the same time, and a child killed with kill -9
 * while it holds the allocation lock.
 */
class SharedCountersProcessTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestNamespace testNs = new TestNamespace();

    private Namespace ns;

    @BeforeEach
    void setUp()
    {
        ns = Namespace.of(testNs.directory());
    }

    @Test
    void shouldGiveDistinctIdsToTwoJvmsAllocatingAtOnce() throws Exception
    {
        final int perChild = 100;
        try (SharedCounters counters = SharedCounters.create(ns, "race", 256);
            Region start = Region.create(testNs.directory(), "race-start", RegionKind.BYTES, 64, Region.ZEROED))
        {
            final ChildJvm a = testNs.startChild(AllocatingChild.class, "race", "a", "" + perChild, "race-start");
            final ChildJvm b = testNs.startChild(AllocatingChild.class, "race", "b", "" + perChild, "race-start");
            a.awaitOutput(AllocatingChild.READY, CHILD_TIMEOUT);
            b.awaitOutput(AllocatingChild.READY, CHILD_TIMEOUT);
            start.payload().putIntVolatile(0, 1);
            a.awaitSuccess(CHILD_TIMEOUT);
            b.awaitSuccess(CHILD_TIMEOUT);

            final Map<String, Long> values = new HashMap<>();
            final Set<Integer> ids = new HashSet<>();
            final StringBuilder owners = new StringBuilder();
            counters.forEach((id, typeId, label, value) ->
            {
                assertNull(values.put(label, value), "label seen twice: " + label);
                assertTrue(ids.add(id), "id seen twice: " + id);
                assertFalse(label.startsWith("tmp-"), "temporary counter left allocated: " + label);
                owners.append(label.charAt(0));
            });
            // how often consecutive ids went to different children: 1 means they did not overlap at all
            System.out.println("counters race: ids by child in id order " + owners + ", switches=" +
                owners.toString().replaceAll("(.)\\1*", "$1").length());
            assertEquals(2 * perChild, values.size());
            assertEquals(2 * perChild, ids.size());
            for (final String prefix : new String[]{ "a", "b" })
            {
                for (int i = 0; i < perChild; i++)
                {
                    final String label = prefix + "-" + i;
                    assertEquals(AllocatingChild.valueFor(label), values.get(label), label);
                    assertEquals(AllocatingChild.valueFor(label), counters.value(counters.findByLabel(label)), label);
                }
            }
            assertEquals(2 * perChild, counters.allocatedCount());
            assertTrue(ids.stream().allMatch(id -> id < 2 * perChild + 2), "at most one temporary per child: " + ids);
            assertEquals(0, counters.lockTakeovers());
        }
    }

    @Test
    void shouldAllocateAfterLockHolderIsKilled() throws Exception
    {
        final SharedCounters.Options impatient = SharedCounters.Options.defaults()
            .withLivenessTimeout(Duration.ofMillis(100))
            .withLockTimeout(Duration.ofMillis(500));
        final SharedCounters.Options fast = SharedCounters.Options.defaults()
            .withLivenessTimeout(Duration.ofMillis(200));
        try (SharedCounters counters = SharedCounters.create(ns, "locked", 8, impatient);
            SharedCounters recovering = SharedCounters.open(ns, "locked", fast))
        {
            final ChildJvm child = testNs.startChild(LockHoldingChild.class, "locked");
            child.awaitOutput(LockHoldingChild.HOLDING, CHILD_TIMEOUT);

            // alive inside the lock: never overridden, however long it holds it
            final CountersLockException held = assertThrows(CountersLockException.class, () -> counters.allocate("x"));
            assertTrue(held.getMessage().startsWith(
                "counters lock not acquired: name=locked, holder_pid=" + child.pid() + ", waited_ms="), held.getMessage());

            child.kill9();
            final long startNs = System.nanoTime();
            final SharedCounter after = recovering.allocate("after");
            final long recoveredMs = (System.nanoTime() - startNs) / 1_000_000;
            System.out.println("counters lock recovered from a kill -9'd holder in " + recoveredMs + " ms");
            assertTrue(recoveredMs >= 200, "waited the liveness timeout first: " + recoveredMs);

            assertEquals(1, recovering.lockTakeovers());
            assertEquals(0, recovering.findByLabel(LockHoldingChild.BEFORE));
            assertEquals(1, recovering.value(0));
            assertEquals(1, recovering.findByLabel(LockHoldingChild.VICTIM), "published before the kill");
            assertEquals(2, after.id(), "the high-water mark was repaired past the victim's record");
            assertEquals(3, recovering.allocatedCount());
            assertEquals(3, counters.allocate("x").id(), "the lock works normally again");
        }
    }
}

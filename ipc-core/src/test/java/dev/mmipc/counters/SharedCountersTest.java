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
import dev.mmipc.exceptions.CountersFullException;
import dev.mmipc.exceptions.CountersLockException;
import dev.mmipc.exceptions.RegionExistsException;
import dev.mmipc.exceptions.RegionKindException;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.TestNamespace;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.counters.CountersDescriptor.*;
import static org.junit.jupiter.api.Assertions.*;

class SharedCountersTest
{
    @RegisterExtension
    final TestNamespace testNs = new TestNamespace();

    private Namespace ns;

    @BeforeEach
    void setUp()
    {
        ns = Namespace.of(testNs.directory());
    }

    @Test
    void shouldAllocateAndReadByLabelAndId()
    {
        try (SharedCounters counters = SharedCounters.create(ns, "stats", 16))
        {
            assertEquals("stats", counters.name());
            assertEquals(16, counters.capacity());
            final SharedCounter sent = counters.allocate("messages sent");
            final SharedCounter failed = counters.allocate("messages failed \u2717", 42);
            assertEquals(0, sent.id());
            assertEquals(1, failed.id());
            assertEquals("messages sent", sent.label());
            assertEquals(42, failed.typeId());
            assertEquals(CountersReader.DEFAULT_TYPE_ID, sent.typeId());

            assertEquals(0, sent.increment());
            assertEquals(1, sent.getAndAdd(9));
            assertEquals(10, sent.get());
            failed.setRelease(-3);
            assertEquals(-3, failed.getAcquire());
            assertTrue(failed.compareAndSet(-3, 7));
            assertTrue(failed.proposeMaxRelease(8));
            assertFalse(failed.proposeMax(5));
            assertEquals(8, failed.getAndSet(2));
            assertEquals(2, failed.decrement());
            assertEquals(1, failed.incrementOpaque());
            assertEquals(2, failed.getOpaque());
            failed.setPlain(4);
            assertEquals(4, failed.getPlain());

            assertEquals(0, counters.findByLabel("messages sent"));
            assertEquals(1, counters.findByLabel("messages failed \u2717"));
            assertEquals(-1, counters.findByLabel("messages"));
            assertEquals(-1, counters.findByLabel("messages sent "));
            assertEquals(10, counters.value(0));
            assertEquals("messages failed \u2717", counters.label(1));
            assertEquals(42, counters.typeId(1));
            assertEquals(2, counters.allocatedCount());

            final List<String> seen = new ArrayList<>();
            counters.forEach((id, typeId, label, value) -> seen.add(id + "/" + typeId + "/" + label + "=" + value));
            assertEquals(List.of("0/0/messages sent=10", "1/42/messages failed \u2717=4"), seen);

            final List<String> agronaSeen = new ArrayList<>();
            counters.reader().forEach((value, id, label) -> agronaSeen.add(id + ":" + label + "=" + value));
            assertEquals(List.of("0:messages sent=10", "1:messages failed \u2717=4"), agronaSeen);
            assertEquals(15, counters.reader().maxCounterId());
        }
    }

    @Test
    void shouldFreeAndReuseLowestId()
    {
        try (SharedCounters counters = SharedCounters.create(ns, "reuse", 4))
        {
            final SharedCounter a = counters.allocate("a");
            final SharedCounter b = counters.allocate("b");
            final SharedCounter c = counters.allocate("c");
            b.set(99);
            b.free();
            assertTrue(b.isClosed());
            b.close(); // idempotent
            c.close();
            assertEquals(-1, counters.findByLabel("b"));
            assertEquals(1, counters.allocatedCount());
            assertThrows(IllegalStateException.class, () -> counters.value(1));

            final SharedCounter d = counters.allocate("d");
            assertEquals(1, d.id(), "lowest freed id first");
            assertEquals(0, d.get(), "value reset on reuse");
            assertEquals(2, counters.allocate("e").id());
            assertEquals(3, counters.allocate("f").id());
            assertEquals(4, counters.allocatedCount());
            assertNotEquals(b.registrationId(), d.registrationId());
            a.close();
            assertEquals(0, counters.allocate("g").id());
        }
    }

    @Test
    void shouldFreeById()
    {
        try (SharedCounters counters = SharedCounters.create(ns, "byid", 4))
        {
            final SharedCounter a = counters.allocate("a");
            counters.free(a.id());
            final IllegalStateException twice = assertThrows(IllegalStateException.class, () -> counters.free(0));
            assertEquals("counter not allocated: name=byid, id=0", twice.getMessage());
            final IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> counters.free(4));
            assertEquals("counter id out of range: name=byid, id=4, capacity=4", range.getMessage());

            final SharedCounter b = counters.allocate("b");
            assertEquals(0, b.id());
            a.close(); // a's allocation is gone: closing the stale handle must not free b
            assertEquals(0, counters.findByLabel("b"));
            assertEquals(1, counters.allocatedCount());
        }
    }

    @Test
    void shouldThrowTypedExceptionWhenFull()
    {
        try (SharedCounters counters = SharedCounters.create(ns, "small", 2))
        {
            counters.allocate("one");
            counters.allocate("two");
            final CountersFullException full = assertThrows(CountersFullException.class, () -> counters.allocate("three"));
            assertEquals("counters full: name=small, capacity=2", full.getMessage());
            counters.free(1);
            assertEquals(1, counters.allocate("three").id());
        }
    }

    @Test
    void shouldRefuseLabelLongerThanAgronaLimitWithoutTruncating()
    {
        try (SharedCounters counters = SharedCounters.create(ns, "labels", 4))
        {
            final String longest = "x".repeat(MAX_LABEL_LENGTH);
            assertEquals(longest, counters.label(counters.allocate(longest).id()));

            final IllegalArgumentException ascii =
                assertThrows(IllegalArgumentException.class, () -> counters.allocate("x".repeat(381)));
            assertEquals("counter label too long: name=labels, length=381, max=380", ascii.getMessage());

            final String euros = "\u20ac".repeat(127); // 127 characters, 381 bytes in UTF-8
            final IllegalArgumentException utf8 =
                assertThrows(IllegalArgumentException.class, () -> counters.allocate(euros));
            assertEquals("counter label too long: name=labels, length=381, max=380", utf8.getMessage());
            assertEquals(1, counters.allocatedCount(), "nothing allocated for a refused label");
        }
    }

    @Test
    void shouldRefuseBadCapacityAndMismatch()
    {
        final IllegalArgumentException zero =
            assertThrows(IllegalArgumentException.class, () -> SharedCounters.create(ns, "zero", 0));
        assertTrue(zero.getMessage().startsWith("max counters out of range: name=zero, max_counters=0, min=1"));
        assertFalse(ns.exists("zero"));

        try (SharedCounters created = SharedCounters.openOrCreate(ns, "oc", 8);
            SharedCounters opened = SharedCounters.openOrCreate(ns, "oc", 8))
        {
            created.allocate("shared").set(5);
            assertEquals(5, opened.value(opened.findByLabel("shared")));
            final RegionParameterException mismatch =
                assertThrows(RegionParameterException.class, () -> SharedCounters.openOrCreate(ns, "oc", 9));
            assertEquals("counters capacity mismatch: name=oc, expected=9, actual=8", mismatch.getMessage());
            assertThrows(RegionExistsException.class, () -> SharedCounters.create(ns, "oc", 8));
        }

        try (Region other = Region.create(ns.directory(), "bytes", RegionKind.BYTES, 64, Region.ZEROED))
        {
            assertNotNull(other);
            final RegionKindException kind =
                assertThrows(RegionKindException.class, () -> SharedCounters.open(ns, "bytes"));
            assertEquals("region kind mismatch: name=bytes, expected=COUNTERS, actual=BYTES", kind.getMessage());
        }
    }

    @Test
    void shouldThrowIllegalStateAfterClose()
    {
        final SharedCounters counters = SharedCounters.create(ns, "closing", 4);
        final SharedCounter counter = counters.allocate("c");
        final SharedCounter freed = counters.allocate("f");
        final CountersReader reader = counters.reader();
        freed.close();
        assertThrows(IllegalStateException.class, freed::get);
        assertEquals("counter closed: name=closing, id=1, label=f",
            assertThrows(IllegalStateException.class, () -> freed.set(1)).getMessage());

        counters.close();
        counters.close(); // idempotent
        assertTrue(counters.isClosed());
        assertThrows(IllegalStateException.class, () -> counters.allocate("d"));
        assertThrows(IllegalStateException.class, () -> counters.findByLabel("c"));
        assertThrows(IllegalStateException.class, () -> counters.value(0));
        assertThrows(IllegalStateException.class, () -> counters.label(0));
        assertThrows(IllegalStateException.class, () -> counters.free(0));
        assertThrows(IllegalStateException.class, counters::reader);
        assertThrows(IllegalStateException.class, counters::allocatedCount);
        assertThrows(IllegalStateException.class, () -> counters.forEach((id, typeId, label, value) -> fail()));
        assertThrows(IllegalStateException.class, counter::get);
        assertThrows(IllegalStateException.class, counter::increment);
        assertThrows(IllegalStateException.class, () -> counter.set(1));
        assertThrows(IllegalStateException.class, counter::free);
        final IllegalStateException viaReader = assertThrows(IllegalStateException.class, () -> reader.getCounterValue(0));
        assertTrue(viaReader.getMessage().startsWith("region closed: name=closing"), viaReader.getMessage());
        assertThrows(IllegalStateException.class, () -> reader.forEach((value, id, label) -> fail()));
        assertThrows(IllegalStateException.class, () -> reader.findByRegistrationId(1));
        counter.close(); // after the region is closed: marks closed, touches nothing
        assertTrue(counter.isClosed());
        assertTrue(counters.unlink());
    }

    @Test
    void shouldLetSecondReaderSeeWritesLive()
    {
        try (SharedCounters writer = SharedCounters.create(ns, "live", 8);
            SharedCounters second = SharedCounters.open(ns, "live"))
        {
            final SharedCounter hits = writer.allocate("hits", 3);
            final CountersReader reader = second.reader();
            final CountersReader plainAgrona = new CountersReader(reader.metaDataBuffer(), reader.valuesBuffer());
            assertEquals("hits", plainAgrona.getCounterLabel(hits.id()));
            assertEquals(3, plainAgrona.getCounterTypeId(hits.id()));
            assertEquals(CountersReader.RECORD_ALLOCATED, plainAgrona.getCounterState(hits.id()));
            for (long i = 1; i <= 5; i++)
            {
                hits.increment();
                assertEquals(i, reader.getCounterValue(hits.id()));
                assertEquals(i, plainAgrona.getCounterValue(hits.id()));
                assertEquals(i, second.value(second.findByLabel("hits")));
            }
            assertEquals(hits.registrationId(), reader.getCounterRegistrationId(hits.id()));
            assertEquals(hits.id(), reader.findByRegistrationId(hits.registrationId()));

            second.allocate("from second").set(-1);
            assertEquals(-1, writer.value(writer.findByLabel("from second")));
            hits.close();
            assertEquals(-1, second.findByLabel("hits"));
            assertEquals(CountersReader.RECORD_RECLAIMED, plainAgrona.getCounterState(0));
        }
    }

    @Test
    void shouldGiveDistinctIdsToThreadsOnSeveralHandles() throws Exception
    {
        final int threads = 4;
        final int perThread = 50;
        try (SharedCounters first = SharedCounters.create(ns, "threads", threads * perThread);
            SharedCounters second = SharedCounters.open(ns, "threads"))
        {
            final ExecutorService pool = Executors.newFixedThreadPool(threads);
            try
            {
                final CountDownLatch start = new CountDownLatch(1);
                final List<Future<List<Integer>>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++)
                {
                    final SharedCounters handle = t % 2 == 0 ? first : second;
                    final int thread = t;
                    results.add(pool.submit(() ->
                    {
                        assertTrue(start.await(30, TimeUnit.SECONDS));
                        final List<Integer> ids = new ArrayList<>();
                        for (int i = 0; i < perThread; i++)
                        {
                            final SharedCounter counter = handle.allocate("t" + thread + "-" + i);
                            counter.set(thread * 1000L + i);
                            ids.add(counter.id());
                        }
                        return ids;
                    }));
                }
                start.countDown();
                final Set<Integer> ids = new HashSet<>();
                for (final Future<List<Integer>> result : results)
                {
                    ids.addAll(result.get(60, TimeUnit.SECONDS));
                }
                assertEquals(threads * perThread, ids.size());
            }
            finally
            {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            }
            for (int t = 0; t < threads; t++)
            {
                for (int i = 0; i < perThread; i++)
                {
                    assertEquals(t * 1000L + i, first.value(first.findByLabel("t" + t + "-" + i)));
                }
            }
            assertThrows(CountersFullException.class, () -> second.allocate("full"));
        }
    }

    @Test
    void shouldNeverTakeOverFromLiveHolder() throws Exception
    {
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final SharedCounters.Options stopping = SharedCounters.Options.defaults().withAfterPublishHook(() ->
        {
            holding.countDown();
            try
            {
                assertTrue(release.await(30, TimeUnit.SECONDS));
            }
            catch (final InterruptedException ex)
            {
                throw new AssertionError(ex);
            }
        });
        final SharedCounters.Options impatient = SharedCounters.Options.defaults()
            .withLivenessTimeout(Duration.ofMillis(20))
            .withLockTimeout(Duration.ofMillis(300));

        try (SharedCounters holder = SharedCounters.create(ns, "held", 4, stopping);
            SharedCounters waiter = SharedCounters.open(ns, "held", impatient))
        {
            final Thread holderThread = new Thread(() -> holder.allocate("slow"));
            holderThread.start();
            assertTrue(holding.await(30, TimeUnit.SECONDS));

            final CountersLockException timeout = assertThrows(CountersLockException.class, () -> waiter.allocate("x"));
            assertTrue(timeout.getMessage().startsWith(
                "counters lock not acquired: name=held, holder_pid=" + ProcessHandle.current().pid() + ", waited_ms="),
                timeout.getMessage());
            try (Region region = Region.open(ns.directory(), "held", RegionKind.COUNTERS))
            {
                assertEquals(String.valueOf(ProcessHandle.current().pid()),
                    CountersInspector.describe(region).get("lock_holder_pid"));
            }

            Thread.currentThread().interrupt();
            final CountersLockException interrupted =
                assertThrows(CountersLockException.class, () -> waiter.allocate("y"));
            assertTrue(Thread.interrupted(), "interrupt flag kept");
            assertEquals("interrupted waiting for counters lock: name=held, holder_pid=" + ProcessHandle.current().pid(),
                interrupted.getMessage());

            release.countDown();
            holderThread.join(30_000);
            assertFalse(holderThread.isAlive());
            assertEquals(1, waiter.allocate("x").id());
            assertEquals(0, waiter.lockTakeovers());
        }
    }

    @Test
    void shouldTakeOverFromDeadHolderAtLockTimeoutShorterThanLivenessTimeout() throws Exception
    {
        final Process dead = new ProcessBuilder("true").start();
        assertTrue(dead.waitFor(30, TimeUnit.SECONDS));

        final SharedCounters.Options options = SharedCounters.Options.defaults()
            .withLivenessTimeout(Duration.ofMillis(60_000))
            .withLockTimeout(Duration.ofMillis(100));
        try (SharedCounters counters = SharedCounters.create(ns, "short", 2, options);
            Region region = Region.open(ns.directory(), "short", RegionKind.COUNTERS))
        {
            region.payload().putLongVolatile(LOCK_WORD_OFFSET, lockWord(dead.pid(), 1));
            assertEquals(0, counters.allocate("a").id(), "the holder's liveness is checked before giving up");
            assertEquals(1, counters.lockTakeovers());
        }
    }

    @Test
    void shouldTakeOverLockWordOfDeadProcess() throws Exception
    {
        final Process dead = new ProcessBuilder("true").start();
        assertTrue(dead.waitFor(30, TimeUnit.SECONDS));
        final long deadPid = dead.pid();

        final SharedCounters.Options fast = SharedCounters.Options.defaults()
            .withLivenessTimeout(Duration.ofMillis(50))
            .withLockTimeout(Duration.ofMillis(30_000));
        try (SharedCounters counters = SharedCounters.create(ns, "orphan", 4, fast))
        {
            counters.allocate("a");
            try (Region region = Region.open(ns.directory(), "orphan", RegionKind.COUNTERS))
            {
                // a dead process holds the lock, never having stored its start time (confirm does not match)
                region.payload().putLongVolatile(LOCK_WORD_OFFSET, lockWord(deadPid, 41));
                assertEquals(String.valueOf(deadPid), CountersInspector.describe(region).get("lock_holder_pid"));

                final long startNs = System.nanoTime();
                assertEquals(1, counters.allocate("b").id());
                final long tookMs = (System.nanoTime() - startNs) / 1_000_000;
                assertTrue(tookMs >= 50, "waited the liveness timeout: " + tookMs);
                assertEquals(1, counters.lockTakeovers());
                final Map<String, String> described = CountersInspector.describe(region);
                assertEquals("0", described.get("lock_holder_pid"));
                assertEquals("1", described.get("lock_takeovers"));
                assertEquals(lockWord(0, 42), region.payload().getLongVolatile(LOCK_WORD_OFFSET),
                    "generation 41 -> 42 on takeover, kept on release");
            }
        }
    }
}

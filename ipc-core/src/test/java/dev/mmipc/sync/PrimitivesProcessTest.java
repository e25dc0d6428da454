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
package dev.mmipc.sync;

import dev.mmipc.Namespace;
import dev.mmipc.exceptions.BarrierBrokenException;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.sync.SyncChild.HOLDING;
import static dev.mmipc.sync.SyncChild.WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Semaphore, Event, Barrier, Condition and a shared flag across real JVMs.
 */
class PrimitivesProcessTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldNeverLetMoreThanTwoOfFiveProcessesHoldASemaphoreOfTwo()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        try (Semaphore sem = Semaphore.create(namespace, "sem", 2);
            SharedLong current = SharedLong.create(namespace, "current");
            SharedLong max = SharedLong.create(namespace, "max"))
        {
            final List<ChildJvm> children = new ArrayList<>();
            for (int i = 0; i < 5; i++)
            {
                children.add(ns.startChild(SyncChild.class, "sem", "sem", "current", "max", "200"));
            }
            for (final ChildJvm child : children)
            {
                child.awaitSuccess(CHILD_TIMEOUT); // every process gets through
            }
            assertEquals(2, max.get(), "measured maximum of concurrent holders");
            assertEquals(0, current.get());
            assertEquals(2, sem.availablePermits());
        }
    }

    @Test
    void shouldNotGiveBackThePermitsOfAKilledProcess() throws Exception
    {
        try (Semaphore sem = Semaphore.create(Namespace.of(ns.directory()), "sem", 2))
        {
            final ChildJvm holder = ns.startChild(SyncChild.class, "sem-hold", "sem");
            holder.awaitOutput(HOLDING, Duration.ofSeconds(60));
            assertEquals(1, sem.availablePermits());
            holder.kill9();

            assertEquals(1, sem.availablePermits(), "a dead process's permit stays taken (documented)");
            assertTrue(sem.tryAcquire());
            assertFalse(sem.tryAcquire(100, TimeUnit.MILLISECONDS));
            sem.release(2); // any process may give it back, as in Python
            assertEquals(2, sem.availablePermits());
        }
    }

    @Test
    void shouldWakeWaitersInThreeProcessesWhenAnEventIsSet()
    {
        try (Event event = Event.create(Namespace.of(ns.directory()), "go"))
        {
            final List<ChildJvm> children = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                children.add(ns.startChild(SyncChild.class, "event-wait", "go"));
            }
            for (final ChildJvm child : children)
            {
                child.awaitOutput(WAITING, Duration.ofSeconds(60));
            }
            assertFalse(event.isSet());
            event.set();
            for (final ChildJvm child : children)
            {
                child.awaitSuccess(CHILD_TIMEOUT);
            }
        }
    }

    @Test
    void shouldReleaseThreeProcessesAtABarrierWithDistinctIndexes()
    {
        try (Barrier barrier = Barrier.create(Namespace.of(ns.directory()), "round", 3))
        {
            final List<ChildJvm> children = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                children.add(ns.startChild(SyncChild.class, "barrier", "round", "60000"));
            }
            final Set<String> indexes = new HashSet<>();
            for (final ChildJvm child : children)
            {
                child.awaitSuccess(CHILD_TIMEOUT);
                indexes.add(child.output().lines().filter(l -> l.startsWith("index=")).findFirst().orElseThrow());
            }
            assertEquals(Set.of("index=0", "index=1", "index=2"), indexes);
            assertFalse(barrier.isBroken());
            assertEquals(0, barrier.numberWaiting());
        }
    }

    @Test
    void shouldBreakABarrierWhenAPartyTimesOut()
    {
        try (Barrier barrier = Barrier.create(Namespace.of(ns.directory()), "round", 3))
        {
            final ChildJvm early = ns.startChild(SyncChild.class, "barrier", "round", "60000");
            final ChildJvm impatient = ns.startChild(SyncChild.class, "barrier", "round", "1500");
            assertEquals(8, impatient.waitFor(CHILD_TIMEOUT), impatient::output);
            assertTrue(impatient.output().contains("broken: barrier timed out: name=round, parties=3"), impatient::output);
            assertEquals(8, early.waitFor(CHILD_TIMEOUT), early::output);
            assertTrue(early.output().contains("broken: barrier broken: name=round, parties=3"), early::output);
            assertTrue(barrier.isBroken());

            barrier.reset();
            assertFalse(barrier.isBroken());
        }
    }

    @Test
    void shouldBreakABarrierThatADeadPartyLeftCountedAndReuseItAfterReset() throws Exception
    {
        try (Barrier barrier = Barrier.create(Namespace.of(ns.directory()), "round", 3))
        {
            final ChildJvm dead = ns.startChild(SyncChild.class, "barrier", "round", "60000");
            awaitWaiting(barrier, 1, dead);
            dead.kill9();
            assertEquals(1, barrier.numberWaiting(), "a party killed while waiting stays counted");
            final long startNs = System.nanoTime();
            assertEquals("barrier timed out: name=round, parties=3",
                assertThrows(BarrierBrokenException.class, () -> barrier.await(200, TimeUnit.MILLISECONDS)).getMessage(),
                "the dead party never arrives again: the others time out");
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(200));
            assertTrue(barrier.isBroken());

            barrier.reset();
            assertFalse(barrier.isBroken());
            assertEquals(0, barrier.numberWaiting());
            final ChildJvm alive = ns.startChild(SyncChild.class, "barrier", "round", "60000");
            awaitWaiting(barrier, 1, alive);
            final FutureTask<Integer> thread = BarrierTest.start(() -> barrier.await(60, TimeUnit.SECONDS));
            awaitWaiting(barrier, 2, alive);
            assertEquals(2, barrier.await(60, TimeUnit.SECONDS), "last of three after the reset");
            assertEquals(1, thread.get(60, TimeUnit.SECONDS));
            alive.awaitSuccess(CHILD_TIMEOUT);
            assertTrue(alive.output().contains("index=0"), alive::output);
            assertFalse(barrier.isBroken());
        }
    }

    private static void awaitWaiting(final Barrier barrier, final int parties, final ChildJvm child)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (barrier.numberWaiting() < parties)
        {
            assertTrue(System.nanoTime() < deadline && child.isAlive(), child::output);
            Thread.onSpinWait();
        }
    }

    @Test
    void shouldHandItemsFromProducerToConsumerProcessesThroughACondition() throws Exception
    {
        final Namespace namespace = Namespace.of(ns.directory());
        final int perConsumer = 200;
        try (Condition cond = Condition.create(namespace, "cond");
            SharedLong items = SharedLong.create(namespace, "items");
            SharedLong consumed = SharedLong.create(namespace, "consumed"))
        {
            final ChildJvm a = ns.startChild(SyncChild.class, "consume", "cond", "items", "consumed", Integer.toString(perConsumer));
            final ChildJvm b = ns.startChild(SyncChild.class, "consume", "cond", "items", "consumed", Integer.toString(perConsumer));
            for (int i = 0; i < 2 * perConsumer; i++)
            {
                cond.lock();
                try
                {
                    // at most 4 items outstanding: the producer waits for room, the consumers for items
                    assertTrue(cond.awaitUntil(() -> items.get() < 4, 30, TimeUnit.SECONDS), "room for the producer");
                    items.set(items.get() + 1);
                    cond.signalAll();
                }
                finally
                {
                    cond.unlock();
                }
            }
            a.awaitSuccess(CHILD_TIMEOUT);
            b.awaitSuccess(CHILD_TIMEOUT);
            assertEquals(2 * perConsumer, consumed.get());
            assertEquals(0, items.get());
        }
    }

    @Test
    void shouldStopAProducerLoopInAnotherProcessWithASharedFlag()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        try (SharedLong flag = SharedLong.create(namespace, "stop"); SharedLong produced = SharedLong.create(namespace, "produced"))
        {
            final ChildJvm producer = ns.startChild(SyncChild.class, "produce-until-flag", "stop", "produced");
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (produced.get() < 1_000)
            {
                assertTrue(System.nanoTime() < deadline && producer.isAlive(), producer::output);
                Thread.onSpinWait();
            }
            flag.set(1);
            producer.awaitSuccess(CHILD_TIMEOUT);
            assertTrue(producer.output().contains("stopped at "), producer::output);
        }
    }
}

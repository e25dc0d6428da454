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
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.region.Region;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static dev.mmipc.sync.SyncDescriptor.STATE_OFFSET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Barrier generations, breakage (timeout, interrupt, abort, failing action) and reset, in one process: the
 * parties are threads, or a wait strategy that acts while a party waits ({@link OnIdle}).
 */
class BarrierTest
{
    private static final long EPOCH_UNIT = 1L << 48;
    private static final long GENERATION_UNIT = 1L << 32;
    private static final long BROKEN = 1L << 31;

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }

    @Test
    void shouldRefuseFewerThanOneParty() throws Exception
    {
        assertEquals("barrier parties not positive: name=b, parties=0",
            assertThrows(IllegalArgumentException.class, () -> Barrier.create(namespace(), "b", 0)).getMessage());
        assertEquals("barrier parties not positive: name=b, parties=-1",
            assertThrows(IllegalArgumentException.class, () -> Barrier.openOrCreate(namespace(), "b", -1)).getMessage());
        try (Barrier one = Barrier.openOrCreate(namespace(), "b", 1))
        {
            assertEquals(1, one.parties());
            assertEquals("sync initial value mismatch: name=b, type=BARRIER, expected=2, actual=1",
                assertThrows(RegionParameterException.class, () -> Barrier.openOrCreate(namespace(), "b", 2)).getMessage());
        }
    }

    @Test
    void shouldReleaseTwoPartiesGenerationAfterGenerationAndRunTheActionBeforeRelease() throws Exception
    {
        final AtomicInteger actions = new AtomicInteger();
        final List<Integer> waitingDuringAction = new ArrayList<>();
        try (Barrier last = Barrier.create(namespace(), "b", 2); Barrier first = Barrier.open(namespace(), "b"))
        {
            last.withAction(() ->
            {
                actions.incrementAndGet();
                waitingDuringAction.add(last.numberWaiting());
            });
            assertEquals(2, first.parties());
            assertEquals("Barrier{name=b, parties=2, closed=false}", first.toString());
            for (int round = 1; round <= 3; round++)
            {
                final FutureTask<Integer> waiter = start(() -> first.await(20, TimeUnit.SECONDS));
                OnIdle.awaitTrue("first party arrived", () -> last.numberWaiting() == 1);
                assertEquals(Map.of("type", "BARRIER", "parties", "2", "waiting", "1", "broken", "false",
                    "generation", Integer.toString(round - 1)), describe("b"));
                final int index = round == 2 ? last.withTimeout(Duration.ofSeconds(20)).await() : last.await(20, TimeUnit.SECONDS);
                assertEquals(1, index, "the last to arrive gets parties - 1");
                assertEquals(0, waiter.get(20, TimeUnit.SECONDS));
                assertEquals(round, actions.get(), "the action of the last party's handle runs once per generation");
                assertEquals(0, last.numberWaiting());
                assertEquals(Integer.toString(round), describe("b").get("generation"));
            }
            assertEquals(List.of(2, 2, 2), waitingDuringAction, "the action runs before anybody is released");
            assertFalse(first.isBroken());
        }
    }

    @Test
    void shouldBreakWhenAPartyTimesOutAndStayBrokenUntilReset() throws Exception
    {
        try (Barrier barrier = Barrier.create(namespace(), "b", 2))
        {
            final long startNs = System.nanoTime();
            assertEquals("barrier timed out: name=b, parties=2",
                assertThrows(BarrierBrokenException.class, () -> barrier.await(50, TimeUnit.MILLISECONDS)).getMessage());
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(50), "waited the whole timeout");
            assertTrue(barrier.isBroken());
            assertEquals(1, barrier.numberWaiting(), "the party that timed out stays counted until reset");
            assertEquals("true", describe("b").get("broken"));
            assertEquals("barrier broken: name=b, parties=2",
                assertThrows(BarrierBrokenException.class, () -> barrier.await(0, TimeUnit.SECONDS)).getMessage());
            assertEquals("barrier broken: name=b, parties=2", assertThrows(BarrierBrokenException.class, barrier::await).getMessage());

            barrier.reset();
            assertFalse(barrier.isBroken());
            assertEquals(0, barrier.numberWaiting());
            final FutureTask<Integer> waiter = start(() -> barrier.await(20, TimeUnit.SECONDS));
            OnIdle.awaitTrue("first party arrived", () -> barrier.numberWaiting() == 1);
            assertEquals(1, barrier.await(20, TimeUnit.SECONDS), "usable again after reset");
            assertEquals(0, waiter.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldUseTheHandleTimeoutAndRefuseABadOne() throws Exception
    {
        try (Barrier barrier = Barrier.create(namespace(), "b", 2))
        {
            assertThrows(IllegalArgumentException.class, () -> barrier.withTimeout(Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> barrier.withTimeout(Duration.ofMillis(-1)));
            final long startNs = System.nanoTime();
            assertEquals("barrier timed out: name=b, parties=2",
                assertThrows(BarrierBrokenException.class, barrier.withTimeout(Duration.ofMillis(30))::await).getMessage());
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(30));
            assertTrue(barrier.isBroken());
        }
    }

    @Test
    void shouldBreakTheWaitOfAPartyWhenResetAndLeaveTheBarrierUsable() throws Exception
    {
        try (Barrier barrier = Barrier.create(namespace(), "b", 2);
            Barrier waiter = Barrier.open(namespace(), "b", OnIdle.options(barrier::reset)))
        {
            assertEquals("barrier reset: name=b, parties=2",
                assertThrows(BarrierBrokenException.class, () -> waiter.await(20, TimeUnit.SECONDS)).getMessage());
            assertFalse(barrier.isBroken(), "a reset leaves the barrier whole");
            assertEquals(0, barrier.numberWaiting());
            assertEquals(0, state(barrier) & ~(0xFFFFL * EPOCH_UNIT), "only the reset epoch moved");
            assertEquals(1, state(barrier) >>> 48);
        }
    }

    @Test
    void shouldBreakTheWaitOfAPartyWhenAborted() throws Exception
    {
        try (Barrier barrier = Barrier.create(namespace(), "b", 3);
            Barrier waiter = Barrier.open(namespace(), "b", OnIdle.options(barrier::abort)))
        {
            assertEquals("barrier broken: name=b, parties=3",
                assertThrows(BarrierBrokenException.class, () -> waiter.await(20, TimeUnit.SECONDS)).getMessage());
            assertTrue(barrier.isBroken());
            barrier.abort(); // already broken: stays so
            assertTrue(barrier.isBroken());
            assertEquals(1, barrier.numberWaiting());
        }
    }

    @Test
    void shouldBreakTheBarrierWhenAWaitingPartyIsInterrupted() throws Exception
    {
        try (Barrier barrier = Barrier.create(namespace(), "b", 2);
            Barrier waiter = Barrier.open(namespace(), "b", OnIdle.options(() -> Thread.currentThread().interrupt())))
        {
            assertThrows(InterruptedException.class, () -> waiter.await(20, TimeUnit.SECONDS));
            assertFalse(Thread.interrupted(), "the InterruptedException cleared the flag");
            assertTrue(barrier.isBroken());
            assertEquals("barrier broken: name=b, parties=2",
                assertThrows(BarrierBrokenException.class, () -> barrier.await(1, TimeUnit.SECONDS)).getMessage());
        }
    }

    @Test
    void shouldBreakTheBarrierWhenTheActionFails() throws Exception
    {
        final IllegalStateException boom = new IllegalStateException("boom");
        final AtomicReference<BarrierBrokenException> lastParty = new AtomicReference<>();
        try (Barrier last = Barrier.create(namespace(), "b", 2).withAction(() ->
            {
                throw boom;
            });
            Barrier waiter = Barrier.open(namespace(), "b", OnIdle.options(() ->
                lastParty.set(assertThrows(BarrierBrokenException.class, () -> last.await(1, TimeUnit.SECONDS))))))
        {
            assertEquals("barrier broken: name=b, parties=2",
                assertThrows(BarrierBrokenException.class, () -> waiter.await(20, TimeUnit.SECONDS)).getMessage());
            assertEquals("barrier action failed: name=b, error=java.lang.IllegalStateException: boom", lastParty.get().getMessage());
            assertSame(boom, lastParty.get().getCause());
            assertTrue(last.isBroken());
            assertEquals(2, last.numberWaiting());
        }
    }

    @Test
    void shouldBreakTheBarrierWhenTheActionThrowsAnError() throws Exception
    {
        try (Barrier barrier = Barrier.create(namespace(), "b", 1))
        {
            barrier.withAction(() ->
            {
                throw new AssertionError("no");
            });
            final BarrierBrokenException ex = assertThrows(BarrierBrokenException.class, barrier::await);
            assertEquals("barrier action failed: name=b, error=java.lang.AssertionError: no", ex.getMessage());
            assertTrue(barrier.isBroken());
            barrier.withAction(null);
            barrier.reset();
            assertEquals(0, barrier.await(), "without an action again");
            assertFalse(barrier.isBroken());
        }
    }

    @Test
    void shouldFailTheLastPartyWhenTheBarrierIsResetOrAbortedDuringItsAction() throws Exception
    {
        try (Barrier barrier = Barrier.create(namespace(), "b", 1))
        {
            barrier.withAction(barrier::reset);
            assertEquals("barrier broken while its action ran: name=b, parties=1",
                assertThrows(BarrierBrokenException.class, barrier::await).getMessage());
            assertFalse(barrier.isBroken(), "the reset won");
            assertEquals(0, barrier.numberWaiting());

            barrier.withAction(barrier::abort);
            assertEquals("barrier broken while its action ran: name=b, parties=1",
                assertThrows(BarrierBrokenException.class, barrier::await).getMessage());
            assertTrue(barrier.isBroken(), "the abort won");
        }
    }

    @Test
    void shouldLetAPartyArrivingDuringTheActionJoinTheNextGeneration() throws Exception
    {
        final CountDownLatch inNextGenerationWait = new CountDownLatch(1);
        final AtomicReference<FutureTask<Integer>> early = new AtomicReference<>();
        try (Barrier last = Barrier.create(namespace(), "b", 1);
            Barrier next = Barrier.open(namespace(), "b", OnIdle.options(inNextGenerationWait::countDown));
            Barrier other = Barrier.open(namespace(), "b"))
        {
            last.withAction(() ->
            {
                early.set(start(() -> next.await(20, TimeUnit.SECONDS)));
                try
                {
                    assertTrue(inNextGenerationWait.await(20, TimeUnit.SECONDS), "the early party waits for the trip");
                }
                catch (final InterruptedException ex)
                {
                    throw new AssertionError(ex);
                }
            });
            assertEquals(0, last.await(20, TimeUnit.SECONDS));
            assertEquals(0, early.get().get(20, TimeUnit.SECONDS), "first (and last) of the next generation");
            assertEquals(2, (state(last) >>> 32) & 0xFFFF, "two generations");

            // a party that cannot wait for the action to end times out without arriving, and (unlike a timeout
            // after arriving) without breaking the barrier: the generation being tripped is not its own
            final AtomicReference<BarrierBrokenException> impatient = new AtomicReference<>();
            last.withAction(() -> impatient.set(assertThrows(BarrierBrokenException.class,
                () -> other.await(20, TimeUnit.MILLISECONDS))));
            assertEquals(0, last.await(20, TimeUnit.SECONDS));
            assertEquals("barrier timed out: name=b, parties=1", impatient.get().getMessage());
            assertEquals(3, (state(last) >>> 32) & 0xFFFF);
            assertFalse(last.isBroken());
        }
    }

    @Test
    void shouldCountTheTimeSpentWaitingForTheActionAgainstTheTimeout() throws Exception
    {
        final long timeoutMs = 1_600;
        final long actionMs = 1_500;
        final CountDownLatch inActionWait = new CountDownLatch(1);
        final AtomicReference<FutureTask<Long>> late = new AtomicReference<>();
        try (Barrier last = Barrier.create(namespace(), "b", 2);
            Barrier first = Barrier.open(namespace(), "b");
            Barrier next = Barrier.open(namespace(), "b", OnIdle.options(inActionWait::countDown)))
        {
            last.withAction(() ->
            {
                late.set(start(() ->
                {
                    final long startNs = System.nanoTime();
                    assertEquals("barrier timed out: name=b, parties=2", assertThrows(BarrierBrokenException.class,
                        () -> next.await(timeoutMs, TimeUnit.MILLISECONDS)).getMessage());
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
                }));
                try
                {
                    assertTrue(inActionWait.await(20, TimeUnit.SECONDS), "the late party waits for the action");
                }
                catch (final InterruptedException ex)
                {
                    throw new AssertionError(ex);
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(actionMs)); // a slow action
            });
            final FutureTask<Integer> early = start(() -> first.await(20, TimeUnit.SECONDS));
            OnIdle.awaitTrue("first party arrived", () -> last.numberWaiting() == 1);
            assertEquals(1, last.await(20, TimeUnit.SECONDS));
            assertEquals(0, early.get(20, TimeUnit.SECONDS));
            final long elapsedMs = late.get().get(20, TimeUnit.SECONDS);
            assertTrue(elapsedMs >= timeoutMs, "waited its whole timeout: " + elapsedMs);
            assertTrue(elapsedMs < timeoutMs + actionMs - 500,
                "the wait before arriving counts against the timeout, not on top of it: " + elapsedMs);
            assertTrue(last.isBroken(), "the late party timed out after arriving in the next generation");
        }
    }

    @Test
    void shouldGiveEachOfThreePartiesItsArrivalIndex() throws Exception
    {
        try (Barrier barrier = Barrier.create(namespace(), "b", 3))
        {
            final FutureTask<Integer> first = start(() -> barrier.await(20, TimeUnit.SECONDS));
            OnIdle.awaitTrue("first party arrived", () -> barrier.numberWaiting() == 1);
            final FutureTask<Integer> second = start(barrier::await);
            OnIdle.awaitTrue("second party arrived", () -> barrier.numberWaiting() == 2);
            assertEquals(2, barrier.await(20, TimeUnit.SECONDS));
            assertEquals(0, first.get(20, TimeUnit.SECONDS));
            assertEquals(1, second.get(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldLeaveABarrierResetByAFailingActionWhole() throws Exception
    {
        try (Barrier barrier = Barrier.create(namespace(), "b", 1))
        {
            barrier.withAction(() ->
            {
                barrier.reset();
                throw new IllegalStateException("after reset");
            });
            assertThrows(BarrierBrokenException.class, barrier::await);
            assertFalse(barrier.isBroken(), "the failure breaks only the generation it tripped, not the reset one");
            assertEquals(1L << 48, state(barrier));
        }
    }

    @Test
    void shouldWrapTheGenerationWithoutTouchingTheResetEpoch() throws Exception
    {
        try (Barrier barrier = Barrier.create(namespace(), "b", 2))
        {
            barrier.sync.payload.putLongVolatile(STATE_OFFSET, 5 * EPOCH_UNIT + 0xFFFF * GENERATION_UNIT);
            final FutureTask<Integer> waiter = start(() -> barrier.await(20, TimeUnit.SECONDS));
            OnIdle.awaitTrue("first party arrived", () -> barrier.numberWaiting() == 1);
            assertEquals(1, barrier.await(20, TimeUnit.SECONDS));
            assertEquals(0, waiter.get(20, TimeUnit.SECONDS), "released, not told of a reset");
            assertEquals(5 * EPOCH_UNIT, state(barrier), "generation 0xFFFF + 1 wraps to 0 in the same epoch");
            assertEquals("0", describe("b").get("generation"));
        }
    }

    @Test
    void shouldWrapTheResetEpochKeepingTheGeneration() throws Exception
    {
        try (Barrier barrier = Barrier.create(namespace(), "b", 2))
        {
            barrier.sync.payload.putLongVolatile(STATE_OFFSET, 0xFFFF * EPOCH_UNIT + 7 * GENERATION_UNIT + BROKEN + 1);
            assertTrue(barrier.isBroken());
            barrier.reset();
            assertEquals(7 * GENERATION_UNIT, state(barrier), "epoch wraps to 0, broken bit and arrivals cleared");
            barrier.reset();
            assertEquals(EPOCH_UNIT + 7 * GENERATION_UNIT, state(barrier));
        }
    }

    @Test
    void shouldRefuseUseAfterClose() throws Exception
    {
        final Barrier barrier = Barrier.create(namespace(), "b", 1);
        barrier.close();
        assertTrue(barrier.isClosed());
        assertThrows(IllegalStateException.class, barrier::await);
        assertThrows(IllegalStateException.class, barrier::reset);
        assertThrows(IllegalStateException.class, barrier::abort);
        assertThrows(IllegalStateException.class, barrier::isBroken);
        assertThrows(IllegalStateException.class, barrier::numberWaiting);
        assertEquals("Barrier{name=b, parties=1, closed=true}", barrier.toString());
        assertTrue(barrier.unlink());
        assertFalse(barrier.unlink());
    }

    private static long state(final Barrier barrier)
    {
        return barrier.sync.payload.getLongVolatile(STATE_OFFSET);
    }

    private Map<String, String> describe(final String name)
    {
        try (Region region = Region.open(ns.directory(), name, null))
        {
            return SyncInspector.describe(region);
        }
    }

    static <T> FutureTask<T> start(final Callable<T> call)
    {
        final FutureTask<T> task = new FutureTask<>(call);
        final Thread thread = new Thread(task, "barrier-party");
        thread.setDaemon(true);
        thread.start();
        return task;
    }
}

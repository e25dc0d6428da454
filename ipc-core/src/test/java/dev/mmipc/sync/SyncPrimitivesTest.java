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
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.exceptions.SemaphoreBoundException;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.wait.WaitStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.sync.BarrierTest.start;
import static dev.mmipc.sync.SyncDescriptor.HOLD_COUNT_OFFSET;
import static dev.mmipc.sync.SyncDescriptor.INITIAL_PARAM_OFFSET;
import static dev.mmipc.sync.SyncDescriptor.PAYLOAD_LENGTH;
import static dev.mmipc.sync.SyncDescriptor.STATE_OFFSET;
import static dev.mmipc.sync.SyncDescriptor.TYPE_PARAM_OFFSET;
import static dev.mmipc.sync.SyncDescriptor.VERSION_PARAM_OFFSET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bounds and error paths of semaphores, events, latches and locks, and the descriptions and refusals of sync
 * regions, in one process.
 */
class SyncPrimitivesTest
{
    private static final long PID = ProcessHandle.current().pid();
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }

    @Test
    void shouldAcquireWithZeroNegativeAndHugeTimeouts() throws Exception
    {
        try (Semaphore sem = Semaphore.create(namespace(), "s", 1))
        {
            assertTrue(sem.tryAcquire(0, TimeUnit.SECONDS), "a free permit needs no time");
            long startNs = System.nanoTime();
            assertFalse(sem.tryAcquire(0, TimeUnit.SECONDS));
            assertFalse(sem.tryAcquire(-1, TimeUnit.DAYS));
            assertFalse(sem.tryAcquire());
            assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(5), "no wait without time");
            startNs = System.nanoTime();
            assertFalse(sem.tryAcquire(30, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - startNs >= 30 * MS, "waited the whole timeout");
            sem.release();
            assertTrue(sem.tryAcquire(Long.MAX_VALUE, TimeUnit.DAYS), "a huge timeout saturates and works");
            assertEquals(0, sem.availablePermits());

            final FutureTask<Boolean> waiter = start(() -> sem.tryAcquire(Long.MAX_VALUE, TimeUnit.NANOSECONDS));
            final FutureTask<Void> blocking = start(() ->
            {
                sem.acquire();
                return null;
            });
            sem.release(2);
            assertTrue(waiter.get(20, TimeUnit.SECONDS));
            blocking.get(20, TimeUnit.SECONDS);
            assertEquals(0, sem.availablePermits());
            assertEquals(1, sem.initialPermits());
        }
    }

    @Test
    void shouldRefuseBadCountsAndGrowAnUnboundedSemaphorePastIntegerMaxValue() throws Exception
    {
        assertEquals("semaphore permits negative: name=s, permits=-1",
            assertThrows(IllegalArgumentException.class, () -> Semaphore.create(namespace(), "s", -1)).getMessage());
        assertEquals("semaphore permits negative: name=b, permits=-1",
            assertThrows(IllegalArgumentException.class, () -> BoundedSemaphore.openOrCreate(namespace(), "b", -1)).getMessage());
        try (Semaphore sem = Semaphore.openOrCreate(namespace(), "s", Integer.MAX_VALUE);
            Semaphore same = Semaphore.openOrCreate(namespace(), "s", Integer.MAX_VALUE))
        {
            assertEquals("semaphore release count not positive: name=s, n=0",
                assertThrows(IllegalArgumentException.class, () -> sem.release(0)).getMessage());
            assertEquals("semaphore release count not positive: name=s, n=-1",
                assertThrows(IllegalArgumentException.class, () -> sem.release(-1)).getMessage());
            sem.release(Integer.MAX_VALUE);
            same.release();
            assertEquals(2L * Integer.MAX_VALUE + 1, sem.availablePermits(), "the count is a long");
            assertEquals(Integer.MAX_VALUE, same.initialPermits());
            assertEquals("sync initial value mismatch: name=s, type=SEMAPHORE, expected=1, actual=2147483647",
                assertThrows(RegionParameterException.class, () -> Semaphore.openOrCreate(namespace(), "s", 1)).getMessage());
            assertEquals("Semaphore{name=s, closed=false}", sem.toString());
        }
    }

    @Test
    void shouldRefuseToOverflowAnUnboundedSemaphore() throws Exception
    {
        try (Semaphore sem = Semaphore.create(namespace(), "s", 0))
        {
            sem.sync.payload.putLongVolatile(STATE_OFFSET, Long.MAX_VALUE - 2);
            sem.release(2);
            assertEquals(Long.MAX_VALUE, sem.availablePermits());
            assertEquals("semaphore released too many times: name=s, permits=9223372036854775807, n=1, bound=9223372036854775807",
                assertThrows(SemaphoreBoundException.class, sem::release).getMessage());
            sem.sync.payload.putLongVolatile(STATE_OFFSET, Long.MAX_VALUE - 1);
            assertThrows(SemaphoreBoundException.class, () -> sem.release(2));
            assertEquals(Long.MAX_VALUE - 1, sem.availablePermits(), "a refused release changes nothing");
        }
    }

    @Test
    void shouldBoundABoundedSemaphoreAtItsInitialPermitsNearIntegerMaxValue() throws Exception
    {
        try (BoundedSemaphore sem = BoundedSemaphore.create(namespace(), "b", Integer.MAX_VALUE);
            BoundedSemaphore other = BoundedSemaphore.open(namespace(), "b"))
        {
            assertTrue(sem.tryAcquire());
            assertTrue(other.tryAcquire(1, TimeUnit.SECONDS));
            assertEquals("semaphore released too many times: name=b, permits=2147483645, n=3, bound=2147483647",
                assertThrows(SemaphoreBoundException.class, () -> other.release(3)).getMessage());
            assertEquals(Integer.MAX_VALUE - 2, sem.availablePermits(), "a refused release changes nothing");
            other.release(2); // exactly up to the bound
            assertEquals(Integer.MAX_VALUE, sem.availablePermits());
            assertThrows(SemaphoreBoundException.class, other::release);
            assertEquals(Map.of("type", "BOUNDED_SEMAPHORE", "permits", "2147483647", "initial_permits", "2147483647",
                "bound", "2147483647"), describe("b"));
            assertEquals("BoundedSemaphore{name=b, closed=false}", other.toString());
        }
        try (BoundedSemaphore zero = BoundedSemaphore.openOrCreate(namespace(), "z", 0))
        {
            assertFalse(zero.tryAcquire(0, TimeUnit.SECONDS));
            assertEquals("semaphore released too many times: name=z, permits=0, n=1, bound=0",
                assertThrows(SemaphoreBoundException.class, zero::release).getMessage());
        }
    }

    @Test
    void shouldRefuseSemaphoreUseAfterClose() throws Exception
    {
        final Semaphore sem = Semaphore.create(namespace(), "s", 1);
        sem.close();
        assertThrows(IllegalStateException.class, sem::tryAcquire);
        assertThrows(IllegalStateException.class, () -> sem.tryAcquire(1, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, sem::acquire);
        assertThrows(IllegalStateException.class, sem::release);
        assertThrows(IllegalStateException.class, sem::availablePermits);
        assertThrows(IllegalStateException.class, sem::initialPermits);
        assertEquals("Semaphore{name=s, closed=true}", sem.toString());
    }

    @Test
    void shouldWakeAnEventWaiterForASetClearedBeforeItLooksAndCountSets() throws Exception
    {
        try (Event event = Event.create(namespace(), "e");
            Event waiter = Event.open(namespace(), "e", OnIdle.options(() ->
            {
                event.set();
                event.clear();
            })))
        {
            assertTrue(waiter.await(20, TimeUnit.SECONDS), "a set that was cleared again still wakes the waiter");
            assertFalse(event.isSet());
            assertEquals(Map.of("type", "EVENT", "set", "false", "sets", "1"), describe("e"));
            event.clear(); // clear when clear: nothing changes
            assertEquals(2, state(event));
            event.set();
            event.set(); // set when set: the generation stays
            assertEquals(Map.of("type", "EVENT", "set", "true", "sets", "2"), describe("e"));
            waiter.await();
            assertTrue(waiter.await(-1, TimeUnit.SECONDS), "set: true without waiting");
            event.clear();
            assertEquals(4, state(event));
            final long startNs = System.nanoTime();
            assertFalse(event.await(30, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - startNs >= 30 * MS);
            assertFalse(event.await(0, TimeUnit.SECONDS));
            assertFalse(event.await(-1, TimeUnit.SECONDS));
            assertEquals("Event{name=e, closed=false}", event.toString());
        }
        try (Event again = Event.openOrCreate(namespace(), "e"))
        {
            assertFalse(again.isSet());
        }
    }

    @Test
    void shouldCountALatchDownToZeroAndNoFurther() throws Exception
    {
        assertEquals("latch count negative: name=c, count=-1",
            assertThrows(IllegalArgumentException.class, () -> CountDownLatch.create(namespace(), "c", -1)).getMessage());
        try (CountDownLatch zero = CountDownLatch.create(namespace(), "z", 0))
        {
            assertTrue(zero.await(0, TimeUnit.SECONDS));
            zero.await();
            zero.countDown();
            assertEquals(0, zero.getCount());
        }
        try (CountDownLatch latch = CountDownLatch.openOrCreate(namespace(), "c", 2);
            CountDownLatch waiter = CountDownLatch.open(namespace(), "c", OnIdle.options(() -> latch.countDown())))
        {
            assertEquals(Map.of("type", "COUNT_DOWN_LATCH", "count", "2", "initial_count", "2"), describe("c"));
            final long startNs = System.nanoTime();
            latch.countDown();
            assertFalse(latch.await(30, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - startNs >= 30 * MS);
            assertFalse(latch.await(-1, TimeUnit.MILLISECONDS));
            assertEquals(1, latch.getCount());
            assertTrue(waiter.await(20, TimeUnit.SECONDS), "woken by the count down to zero");
            assertEquals(0, latch.getCount());
            waiter.await();
            assertEquals("sync initial value mismatch: name=c, type=COUNT_DOWN_LATCH, expected=3, actual=2",
                assertThrows(RegionParameterException.class, () -> CountDownLatch.openOrCreate(namespace(), "c", 3)).getMessage());
            assertEquals("CountDownLatch{name=c, closed=false}", latch.toString());
        }
    }

    @Test
    void shouldRefuseToUnlockAFreeLockAndTakeItInterruptibly() throws Exception
    {
        try (Lock lock = Lock.openOrCreate(namespace(), "l"); Lock other = Lock.open(namespace(), "l"))
        {
            assertFalse(lock.isLocked());
            assertEquals(0, lock.ownerPid());
            assertEquals("lock not held: name=l", assertThrows(IllegalMonitorStateException.class, other::unlock).getMessage());
            lock.lockInterruptibly();
            assertTrue(other.isLocked());
            assertFalse(lock.wasRecovered());
            assertFalse(other.tryLock(0, TimeUnit.SECONDS));
            assertFalse(other.tryLock(-1, TimeUnit.SECONDS));
            final long startNs = System.nanoTime();
            assertFalse(other.tryLock(30, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - startNs >= 30 * MS);
            other.unlock(); // any handle, any thread
            assertEquals("lock not held: name=l", assertThrows(IllegalMonitorStateException.class, lock::unlock).getMessage());
            assertTrue(other.tryLock(1, TimeUnit.SECONDS));
            assertEquals(PID, lock.ownerPid());
            assertEquals(0, lock.recoveries());
            assertEquals("Lock{name=l, closed=false}", lock.toString());

            // lock() waits through an interrupt (the first wait throws, the second is woken by the unlock) and restores it
            try (Lock waiter = Lock.open(namespace(), "l", OnIdle.options(other::unlock)))
            {
                Thread.currentThread().interrupt();
                waiter.lock();
                assertTrue(Thread.interrupted(), "the interrupt is restored after lock()");
                assertEquals(PID, lock.ownerPid());
                waiter.unlock();
            }
            assertFalse(lock.isLocked());
        }
    }

    @Test
    void shouldRefuseToReleaseAnRLockNotHeldAndToOverflowItsHoldCount() throws Exception
    {
        try (RLock lock = RLock.openOrCreate(namespace(), "r"))
        {
            assertEquals("rlock not held by this thread: name=r, owner_pid=0",
                assertThrows(IllegalMonitorStateException.class, lock::unlock).getMessage());
            assertTrue(lock.tryLock(1, TimeUnit.SECONDS), "free: taken");
            lock.unlock();
            assertEquals(0, lock.holdCount());
            assertFalse(lock.isHeldByCurrentThread());
            lock.lockInterruptibly();
            assertTrue(lock.tryLock(0, TimeUnit.SECONDS));
            assertTrue(lock.tryLock());
            assertEquals(3, lock.holdCount());
            assertEquals(PID, lock.ownerPid());
            assertFalse(lock.wasRecovered());
            assertEquals(0, lock.recoveries());
            final FutureTask<Integer> other = start(() -> lock.holdCount() + (lock.tryLock() ? 100 : 0) +
                (lock.tryLock(5, TimeUnit.MILLISECONDS) ? 100 : 0));
            assertEquals(0, other.get(20, TimeUnit.SECONDS), "another thread holds nothing and takes nothing");

            lock.sync.payload.putLongVolatile(HOLD_COUNT_OFFSET, Integer.MAX_VALUE - 1);
            lock.lock();
            assertEquals(Integer.MAX_VALUE, lock.holdCount());
            assertEquals("hold count overflow: name=r, count=2147483647",
                assertThrows(IllegalStateException.class, lock::lock).getMessage());
            assertThrows(IllegalStateException.class, lock::tryLock);
            assertEquals(Integer.MAX_VALUE, lock.holdCount(), "a refused hold changes nothing");
            lock.sync.payload.putLongVolatile(HOLD_COUNT_OFFSET, 2);
            lock.unlock();
            assertEquals(1, lock.holdCount());
            assertTrue(lock.isHeldByCurrentThread());
            assertEquals("1", describe("r").get("hold_count"));
            lock.unlock();
            assertEquals(0, lock.ownerPid());
            assertEquals("0", describe("r").get("hold_count"), "the last unlock clears the hold count");
            assertEquals("0", describe("r").get("owner_thread"), "and the owner thread");
            assertEquals("RLock{name=r, closed=false}", lock.toString());
        }
    }

    @Test
    void shouldDescribeLocksConditionsBarriersAndRefuseOtherRegions() throws Exception
    {
        try (Lock lock = Lock.create(namespace(), "l"); Condition cond = Condition.create(namespace(), "c");
            Barrier barrier = Barrier.create(namespace(), "b", 3))
        {
            final Map<String, String> free = describe("l");
            assertEquals(Map.of("type", "LOCK", "owner_pid", "0", "owner_start_ms", "-", "owner_pid_namespace", "-",
                "owner_alive", "-", "owner_generation", "0", "recoveries", "0", "condition_waiters", "0",
                "condition_wait_seq", "0"), free);
            lock.lock();
            assertEquals(Long.toString(PID), describe("l").get("owner_pid"));
            assertEquals("yes", describe("l").get("owner_alive"));
            assertEquals("1", describe("l").get("owner_generation"));
            assertNull(describe("l").get("owner_thread"), "a lock has no owner thread");

            cond.lock();
            cond.lock();
            assertFalse(cond.await(1, TimeUnit.MILLISECONDS));
            final Map<String, String> held = describe("c");
            assertEquals("CONDITION", held.get("type"));
            assertEquals("2", held.get("hold_count"));
            assertEquals(Long.toString(Thread.currentThread().getId()), held.get("owner_thread"));
            assertEquals("0", held.get("condition_waiters"));
            cond.unlock();
            cond.unlock();

            barrier.abort();
            assertEquals(Map.of("type", "BARRIER", "parties", "3", "waiting", "0", "broken", "true", "generation", "0"),
                describe("b"));
        }
        try (Region other = Region.create(ns.directory(), "q", RegionKind.QUEUE, 64, (params, payload) -> { }))
        {
            assertEquals("region kind not sync: name=q, kind=QUEUE",
                assertThrows(IllegalArgumentException.class, () -> SyncInspector.describe(other)).getMessage());
        }
    }

    @Test
    void shouldRefuseSyncRegionsOfAnotherVersionAnUnknownTypeOrTooShort() throws Exception
    {
        syncRegion("v", PAYLOAD_LENGTH, SyncType.LOCK.code(), SyncDescriptor.LAYOUT_VERSION + 1);
        syncRegion("t", PAYLOAD_LENGTH, 99, SyncDescriptor.LAYOUT_VERSION);
        syncRegion("z", PAYLOAD_LENGTH, 0, SyncDescriptor.LAYOUT_VERSION);
        syncRegion("s", PAYLOAD_LENGTH - 8, SyncType.LOCK.code(), SyncDescriptor.LAYOUT_VERSION);
        assertEquals("sync layout version unsupported: name=v, expected=1, actual=2",
            assertThrows(RegionParameterException.class, () -> Lock.open(namespace(), "v")).getMessage());
        assertEquals("sync type unknown: name=t, code=99",
            assertThrows(RegionParameterException.class, () -> Lock.open(namespace(), "t")).getMessage());
        assertEquals("sync type unknown: name=z, code=0",
            assertThrows(RegionParameterException.class, () -> describe("z")).getMessage());
        assertEquals("sync payload too short: name=s, length=" + (PAYLOAD_LENGTH - 8) + ", required=" + PAYLOAD_LENGTH,
            assertThrows(RegionParameterException.class, () -> Lock.open(namespace(), "s")).getMessage());
        assertNull(SyncType.fromCodeOrNull(0));
        assertEquals(SyncType.COUNT_DOWN_LATCH, SyncType.fromCodeOrNull(8));
    }

    @Test
    void shouldOpenEveryPrimitiveByNameThroughEveryFactory() throws Exception
    {
        final SyncOptions options = SyncOptions.defaults().withWaitStrategy(WaitStrategy.yielding());
        try (Semaphore sem = Semaphore.create(namespace(), "s", 2, options); Semaphore sem2 = Semaphore.open(namespace(), "s");
            Condition cond = Condition.create(namespace(), "c"); Condition cond2 = Condition.open(namespace(), "c");
            Condition cond3 = Condition.openOrCreate(namespace(), "c"); Condition cond4 = Condition.openOrCreate(namespace(), "d", options);
            RLock rlock = RLock.create(namespace(), "r"); RLock rlock2 = RLock.open(namespace(), "r");
            RLock rlock3 = RLock.openOrCreate(namespace(), "r", options);
            Event event = Event.create(namespace(), "e"); Event event2 = Event.open(namespace(), "e");
            CountDownLatch latch = CountDownLatch.create(namespace(), "l", 1);
            CountDownLatch latch2 = CountDownLatch.open(namespace(), "l");
            Lock lock = Lock.create(namespace(), "k"); Lock lock2 = Lock.open(namespace(), "k");
            Barrier barrier = Barrier.create(namespace(), "b", 1); Barrier barrier2 = Barrier.open(namespace(), "b"))
        {
            assertTrue(sem2.tryAcquire());
            assertEquals(1, sem.availablePermits());
            cond2.lock();
            assertTrue(cond.isHeldByCurrentThread() && cond3.isHeldByCurrentThread());
            assertFalse(cond4.isHeldByCurrentThread(), "another region");
            cond3.unlock();
            assertTrue(rlock2.tryLock());
            assertEquals(1, rlock.holdCount());
            assertEquals(1, rlock3.holdCount());
            rlock.unlock();
            event2.set();
            assertTrue(event.isSet());
            latch2.countDown();
            assertEquals(0, latch.getCount());
            assertTrue(lock2.tryLock());
            assertTrue(lock.isLocked());
            lock.unlock();
            assertEquals(0, barrier2.await());
            assertEquals("1", describe("b").get("generation"));
            assertEquals("s", sem.name());
            assertEquals(1, barrier.parties());
        }
    }

    @Test
    void shouldDescribeALockWhoseOwnerIsGoneAndNeverConfirmedItsStartTime() throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(20, TimeUnit.SECONDS));
        try (Lock lock = Lock.create(namespace(), "l"))
        {
            // the word of a process that died between taking the lock and recording its start time
            lock.sync.payload.putLongVolatile(SyncDescriptor.OWNER_WORD_OFFSET, dev.mmipc.liveness.LockWord.word(gone.pid(), 3));
            final Map<String, String> map = describe("l");
            assertEquals(Long.toString(gone.pid()), map.get("owner_pid"));
            assertEquals("unknown", map.get("owner_start_ms"));
            assertEquals("unknown", map.get("owner_pid_namespace"));
            assertEquals("no", map.get("owner_alive"));
            assertEquals("3", map.get("owner_generation"));
        }
    }

    @Test
    void shouldRefuseEveryCallThroughAClosedHandleWhileOthersKeepTheRegionMapped() throws Exception
    {
        try (Lock lockKeeper = Lock.create(namespace(), "l"); RLock rlockKeeper = RLock.create(namespace(), "r");
            Condition condKeeper = Condition.create(namespace(), "c"); Event eventKeeper = Event.create(namespace(), "e");
            CountDownLatch latchKeeper = CountDownLatch.create(namespace(), "d", 1))
        {
            final Lock lock = Lock.open(namespace(), "l");
            final java.util.concurrent.locks.Condition lockCond = lock.newCondition();
            lock.close();
            assertThrows(IllegalStateException.class, lock::lock);
            assertThrows(IllegalStateException.class, lock::lockInterruptibly);
            assertThrows(IllegalStateException.class, () -> lock.tryLock(1, TimeUnit.MILLISECONDS));
            assertThrows(IllegalStateException.class, lock::isLocked);
            assertThrows(IllegalStateException.class, lock::ownerPid);
            assertThrows(IllegalStateException.class, lock::newCondition);
            assertThrows(IllegalStateException.class, lock::recoveries);
            assertThrows(IllegalStateException.class, lockCond::signal);
            assertThrows(IllegalStateException.class, lockCond::signalAll);
            assertThrows(IllegalStateException.class, () -> lockCond.await(1, TimeUnit.MILLISECONDS));
            assertFalse(lockKeeper.isLocked(), "nothing was taken through the closed handle");

            final RLock rlock = RLock.open(namespace(), "r");
            rlock.close();
            assertThrows(IllegalStateException.class, rlock::lock);
            assertThrows(IllegalStateException.class, rlock::tryLock);
            assertThrows(IllegalStateException.class, () -> rlock.tryLock(1, TimeUnit.MILLISECONDS));
            assertThrows(IllegalStateException.class, rlock::unlock);
            assertThrows(IllegalStateException.class, rlock::isHeldByCurrentThread);
            assertThrows(IllegalStateException.class, rlock::holdCount);
            assertThrows(IllegalStateException.class, rlock::ownerPid);
            assertThrows(IllegalStateException.class, rlock::newCondition);
            assertThrows(IllegalStateException.class, rlock::recoveries);
            assertEquals(0, rlockKeeper.ownerPid());

            final Condition cond = Condition.open(namespace(), "c");
            cond.close();
            assertThrows(IllegalStateException.class, cond::lock);
            assertThrows(IllegalStateException.class, cond::waiters);
            assertThrows(IllegalStateException.class, cond::signal);
            assertThrows(IllegalStateException.class, () -> cond.await(1, TimeUnit.MILLISECONDS));
            assertEquals(0, condKeeper.waiters());

            final Event event = Event.open(namespace(), "e");
            event.close();
            assertThrows(IllegalStateException.class, event::set);
            assertThrows(IllegalStateException.class, event::clear);
            assertThrows(IllegalStateException.class, event::isSet);
            assertThrows(IllegalStateException.class, () -> event.await(1, TimeUnit.MILLISECONDS));
            assertFalse(eventKeeper.isSet());

            final CountDownLatch latch = CountDownLatch.open(namespace(), "d");
            latch.close();
            assertThrows(IllegalStateException.class, latch::countDown);
            assertThrows(IllegalStateException.class, latch::getCount);
            assertThrows(IllegalStateException.class, () -> latch.await(1, TimeUnit.MILLISECONDS));
            assertEquals(1, latchKeeper.getCount());
        }
    }

    @Test
    void shouldRecoverLocksWhoseOwnerIsGoneAndSaySo() throws Exception
    {
        final Process gone = new ProcessBuilder("true").start();
        assertTrue(gone.waitFor(20, TimeUnit.SECONDS));
        final long deadWord = dev.mmipc.liveness.LockWord.word(gone.pid(), 3);
        final SyncOptions fast = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(20));
        try (Lock lock = Lock.create(namespace(), "l", fast); RLock rlock = RLock.create(namespace(), "r", fast);
            Condition cond = Condition.create(namespace(), "c", fast))
        {
            lock.sync.payload.putLongVolatile(SyncDescriptor.OWNER_WORD_OFFSET, deadWord);
            assertTrue(lock.tryLock(20, TimeUnit.SECONDS));
            assertTrue(lock.wasRecovered(), "taken from a dead owner");
            assertEquals(1, lock.recoveries());
            assertEquals("1", describe("l").get("recoveries"));
            lock.unlock();
            assertTrue(lock.tryLock());
            assertFalse(lock.wasRecovered(), "a normal hold again");
            lock.unlock();

            rlock.sync.payload.putLongVolatile(SyncDescriptor.OWNER_WORD_OFFSET, deadWord);
            rlock.lock();
            assertTrue(rlock.wasRecovered());
            assertEquals(1, rlock.holdCount());
            assertEquals(1, rlock.recoveries());
            rlock.unlock();

            cond.sync.payload.putLongVolatile(SyncDescriptor.OWNER_WORD_OFFSET, deadWord);
            assertTrue(cond.tryLock(20, TimeUnit.SECONDS));
            assertTrue(cond.wasRecovered());
            cond.unlock();
        }
    }

    @Test
    void shouldCopyOptionsOnEveryChange() throws Exception
    {
        final SyncOptions defaults = SyncOptions.defaults();
        assertEquals(SyncOptions.DEFAULT_LIVENESS_TIMEOUT, defaults.livenessTimeout());
        final SyncOptions fast = defaults.withLivenessTimeout(Duration.ofMillis(100)).withWaitStrategy(WaitStrategy.yielding());
        assertEquals(Duration.ofMillis(100), fast.livenessTimeout());
        assertEquals(TimeUnit.MILLISECONDS.toNanos(100), fast.livenessTimeoutNs());
        assertEquals("yielding", fast.waitStrategy().name());
        assertEquals("SyncOptions{liveness_timeout=PT0.1S, wait=yielding}", fast.toString());
        assertEquals(SyncOptions.DEFAULT_LIVENESS_TIMEOUT, defaults.livenessTimeout(), "the defaults are untouched");
        assertEquals(WaitStrategy.backoff().name(), defaults.waitStrategy().name());
        assertThrows(NullPointerException.class, () -> defaults.withWaitStrategy(null));
        assertThrows(IllegalArgumentException.class, () -> defaults.withLivenessTimeout(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> Lock.create(namespace(), "l", null));
        assertThrows(NullPointerException.class, () -> Event.open(null, "e"));
    }

    private void syncRegion(final String name, final int payloadLength, final long code, final long version)
    {
        Region.create(ns.directory(), name, RegionKind.SYNC, payloadLength, (params, payload) ->
        {
            params.putLong(TYPE_PARAM_OFFSET, code);
            params.putLong(VERSION_PARAM_OFFSET, version);
            params.putLong(INITIAL_PARAM_OFFSET, 0);
        }).close();
    }

    private static long state(final Event event)
    {
        return event.sync.payload.getLongVolatile(STATE_OFFSET);
    }

    private Map<String, String> describe(final String name)
    {
        try (Region region = Region.open(ns.directory(), name, null))
        {
            return SyncInspector.describe(region);
        }
    }
}

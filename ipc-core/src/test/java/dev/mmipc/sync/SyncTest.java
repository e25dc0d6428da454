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
import dev.mmipc.exceptions.SemaphoreBoundException;
import dev.mmipc.liveness.PidNamespace;
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.region.Region;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single-process behaviour of every primitive: timeouts, misuse, errors, inspection.
 */
class SyncTest
{
    private static final long PID = ProcessHandle.current().pid();

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }

    @Test
    void shouldLockTryLockAndLetAnyThreadUnlock() throws Exception
    {
        try (Lock lock = Lock.create(namespace(), "l"); Lock other = Lock.open(namespace(), "l"))
        {
            assertTrue(lock.tryLock());
            assertFalse(other.tryLock());
            assertFalse(other.tryLock(50, TimeUnit.MILLISECONDS), "a live owner (this process) is never taken over");
            assertEquals(PID, other.ownerPid());
            final Thread releaser = new Thread(other::unlock); // any thread of any process may release, as in Python
            releaser.start();
            releaser.join(10_000);
            assertFalse(lock.isLocked());
            assertEquals("lock not held: name=l", assertThrows(IllegalMonitorStateException.class, lock::unlock).getMessage());

            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> other.tryLock(1, TimeUnit.SECONDS));
            assertFalse(Thread.interrupted(), "InterruptedException clears the flag");
        }
    }

    @Test
    void shouldReenterAnRLockOnlyFromTheOwningThread() throws Exception
    {
        try (RLock lock = RLock.create(namespace(), "r"))
        {
            lock.lock();
            assertTrue(lock.tryLock());
            assertEquals(2, lock.holdCount());
            final AtomicReference<Throwable> seen = new AtomicReference<>();
            final AtomicBoolean acquired = new AtomicBoolean(true);
            final Thread other = new Thread(() ->
            {
                seen.set(catchThrowable(lock::unlock));
                try
                {
                    acquired.set(lock.tryLock(50, TimeUnit.MILLISECONDS));
                }
                catch (final InterruptedException ex)
                {
                    seen.set(ex);
                }
            });
            other.start();
            other.join(10_000);
            assertFalse(acquired.get());
            assertEquals("rlock not held by this thread: name=r, owner_pid=" + PID, seen.get().getMessage());
            lock.unlock();
            lock.unlock();
            assertEquals(0, lock.ownerPid());
            assertThrows(IllegalMonitorStateException.class, lock::unlock);
        }
    }

    @Test
    void shouldSignalAConditionOfALock() throws Exception
    {
        try (Lock lock = Lock.create(namespace(), "l"))
        {
            final java.util.concurrent.locks.Condition cond = lock.newCondition();
            assertThrows(IllegalMonitorStateException.class, cond::signal);
            lock.lock();
            assertFalse(cond.await(50, TimeUnit.MILLISECONDS), "nobody signals");
            assertTrue(lock.isLocked(), "the lock is held again after the wait");
            final Thread signaller = new Thread(() ->
            {
                lock.lock();
                cond.signal();
                lock.unlock();
            });
            signaller.start();
            assertTrue(cond.await(10, TimeUnit.SECONDS));
            lock.unlock();
            signaller.join(10_000);
        }
    }

    @Test
    void shouldRefuseToReleaseABoundedSemaphorePastItsBound() throws Exception
    {
        try (BoundedSemaphore sem = BoundedSemaphore.create(namespace(), "b", 2); Semaphore plain = Semaphore.create(namespace(), "s", 0))
        {
            assertTrue(sem.tryAcquire());
            sem.release();
            final SemaphoreBoundException ex = assertThrows(SemaphoreBoundException.class, sem::release);
            assertEquals("semaphore released too many times: name=b, permits=2, n=1, bound=2", ex.getMessage());
            assertEquals(2, sem.availablePermits());

            assertFalse(plain.tryAcquire(20, TimeUnit.MILLISECONDS));
            plain.release(3); // an unbounded semaphore may grow, as Python's does
            assertEquals(3, plain.availablePermits());
        }
    }

    @Test
    void shouldSetClearAndAwaitAnEventAndCountDownALatch() throws Exception
    {
        try (Event event = Event.create(namespace(), "e"); CountDownLatch latch = CountDownLatch.create(namespace(), "c", 2))
        {
            assertFalse(event.await(20, TimeUnit.MILLISECONDS));
            event.set();
            assertTrue(event.isSet());
            assertTrue(event.await(0, TimeUnit.SECONDS));
            event.clear();
            assertFalse(event.isSet());

            assertFalse(latch.await(20, TimeUnit.MILLISECONDS));
            latch.countDown();
            latch.countDown();
            latch.countDown();
            assertEquals(0, latch.getCount());
            assertTrue(latch.await(0, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldRunTheActionAndBreakOnAbortUntilReset() throws Exception
    {
        final AtomicBoolean ran = new AtomicBoolean();
        try (Barrier barrier = Barrier.create(namespace(), "b", 1).withAction(() -> ran.set(true)))
        {
            assertEquals(0, barrier.await(1, TimeUnit.SECONDS));
            assertTrue(ran.get());
            barrier.abort();
            assertEquals("barrier broken: name=b, parties=1",
                assertThrows(BarrierBrokenException.class, barrier::await).getMessage());
            barrier.reset();
            assertEquals(0, barrier.await());
        }
    }

    @Test
    void shouldRefuseAnotherTypeAndUseAfterClose()
    {
        Event.create(namespace(), "e").close();
        assertEquals("sync type mismatch: name=e, expected=LOCK, actual=EVENT",
            assertThrows(RegionParameterException.class, () -> Lock.open(namespace(), "e")).getMessage());
        final Lock lock = Lock.create(namespace(), "l");
        lock.close();
        assertThrows(IllegalStateException.class, lock::tryLock);
        assertThrows(IllegalStateException.class, lock::unlock);
    }

    @Test
    void shouldDescribeOwnersPermitsAndEvents()
    {
        try (RLock lock = RLock.create(namespace(), "r");
            Semaphore sem = Semaphore.create(namespace(), "s", 3);
            Event event = Event.create(namespace(), "e"))
        {
            lock.lock();
            assertTrue(sem.tryAcquire());
            event.set();
            final Map<String, String> held = new HashMap<>(describe("r"));
            assertEquals(Long.toString(ProcessIdentity.current().startTimeMs()), held.remove("owner_start_ms"));
            final long pidNamespace = PidNamespace.current(); // recorded in the table when this process registered
            assertEquals(pidNamespace == PidNamespace.UNKNOWN ? "unknown" : Long.toString(pidNamespace),
                held.remove("owner_pid_namespace"));
            assertEquals(Map.of("type", "RLOCK", "owner_pid", Long.toString(PID), "owner_alive", "yes",
                "owner_generation", "1", "recoveries", "0", "owner_thread", Long.toString(Thread.currentThread().getId()),
                "hold_count", "1", "condition_waiters", "0", "condition_wait_seq", "0"), held);
            assertEquals(Map.of("type", "SEMAPHORE", "permits", "2", "initial_permits", "3"), describe("s"));
            assertEquals(Map.of("type", "EVENT", "set", "true", "sets", "1"), describe("e"));
            lock.unlock();
            assertEquals("-", describe("r").get("owner_alive"));
            assertEquals("-", describe("r").get("owner_start_ms"));
            assertEquals("-", describe("r").get("owner_pid_namespace"));
        }
    }

    private Map<String, String> describe(final String name)
    {
        try (Region region = Region.open(ns.directory(), name, null))
        {
            return SyncInspector.describe(region);
        }
    }

    private static Throwable catchThrowable(final Runnable runnable)
    {
        try
        {
            runnable.run();
            return null;
        }
        catch (final Throwable ex)
        {
            return ex;
        }
    }
}

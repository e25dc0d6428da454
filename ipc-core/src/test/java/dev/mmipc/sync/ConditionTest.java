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
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Date;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.mmipc.sync.BarrierTest.start;
import static dev.mmipc.sync.SyncDescriptor.CONDITION_OFFSET;
import static dev.mmipc.sync.SyncDescriptor.HOLD_COUNT_OFFSET;
import static dev.mmipc.sync.SyncDescriptor.conditionWaitSeq;
import static dev.mmipc.sync.SyncDescriptor.conditionWakeSeq;
import static dev.mmipc.sync.SyncDescriptor.conditionWord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Condition waits with and without timeouts, signal and signalAll, the predicate form and the tickets that
 * timed-out waiters leave, in one process (threads, or a wait strategy acting during the wait: {@link OnIdle}).
 */
class ConditionTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }

    @Test
    void shouldTimeOutEveryFormOfAwaitAfterTheTimeoutHoldingTheLockAgain() throws Exception
    {
        try (Condition cond = Condition.create(namespace(), "c"))
        {
            cond.lock();
            long startNs = System.nanoTime();
            assertFalse(cond.await(30, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - startNs >= 30 * MS);
            assertTrue(cond.isHeldByCurrentThread());

            startNs = System.nanoTime();
            final long left = cond.awaitNanos(30 * MS);
            assertTrue(left <= 0, "no time left after a timeout: " + left);
            assertTrue(System.nanoTime() - startNs >= 30 * MS);

            startNs = System.nanoTime();
            assertFalse(cond.awaitUntil(new Date(System.currentTimeMillis() + 30)));
            assertTrue(System.nanoTime() - startNs >= 20 * MS);
            assertFalse(cond.awaitUntil(new Date(System.currentTimeMillis() - 1_000)), "a deadline in the past");

            assertFalse(cond.await(0, TimeUnit.SECONDS));
            assertFalse(cond.await(-5, TimeUnit.SECONDS));
            assertEquals(0, cond.waiters(), "every timed-out waiter was the last ticket and took it back");
            assertEquals(0, conditionWaitSeq(word(cond)));
            cond.unlock();
            assertFalse(cond.isHeldByCurrentThread());
        }
    }

    @Test
    void shouldWakeOnASignalBeforeTheTimeoutAndReportTimeLeft() throws Exception
    {
        try (Condition cond = Condition.create(namespace(), "c");
            Condition waiter = Condition.open(namespace(), "c", OnIdle.options(() -> signal(cond, false))))
        {
            waiter.lock();
            final long left = waiter.awaitNanos(TimeUnit.SECONDS.toNanos(20));
            assertTrue(left > 0 && left < TimeUnit.SECONDS.toNanos(20), "signalled with time left: " + left);
            assertTrue(waiter.isHeldByCurrentThread());
            assertTrue(waiter.await(20, TimeUnit.SECONDS));
            assertTrue(waiter.awaitUntil(new Date(System.currentTimeMillis() + 20_000)));
            waiter.await();
            waiter.awaitUninterruptibly();
            assertEquals(0, waiter.waiters(), "every ticket consumed by its signal");
            final long word = word(waiter);
            assertEquals(5, conditionWaitSeq(word));
            assertEquals(5, conditionWakeSeq(word));
            waiter.unlock();
        }
    }

    @Test
    void shouldWakeEveryWaiterOnSignalAllAndOneOnSignal() throws Exception
    {
        try (Condition cond = Condition.create(namespace(), "c"))
        {
            final FutureTask<Boolean> a = start(() -> awaitLocked(cond, 20_000));
            OnIdle.awaitTrue("first waiter", () -> cond.waiters() == 1);
            final FutureTask<Boolean> b = start(() -> awaitLocked(cond, 20_000));
            OnIdle.awaitTrue("second waiter", () -> cond.waiters() == 2);
            signal(cond, false);
            assertTrue(a.get(20, TimeUnit.SECONDS), "signal wakes the oldest ticket");
            assertEquals(1, cond.waiters());
            assertFalse(b.isDone());
            final FutureTask<Boolean> c = start(() -> awaitLocked(cond, 20_000));
            OnIdle.awaitTrue("third waiter", () -> cond.waiters() == 2);
            signal(cond, true);
            assertTrue(b.get(20, TimeUnit.SECONDS));
            assertTrue(c.get(20, TimeUnit.SECONDS));
            assertEquals(0, cond.waiters());
            signal(cond, false);
            signal(cond, true);
            assertEquals(3, conditionWakeSeq(word(cond)), "a signal with nobody waiting changes nothing");
        }
    }

    @Test
    void shouldLeaveTheTicketOfATimedOutWaiterThatIsNotTheLastAndLetItAbsorbASignal() throws Exception
    {
        try (Condition cond = Condition.create(namespace(), "c"))
        {
            final FutureTask<Boolean> early = start(() -> awaitLocked(cond, 300));
            OnIdle.awaitTrue("early waiter", () -> cond.waiters() == 1);
            final FutureTask<Boolean> late = start(() -> awaitLocked(cond, 20_000));
            OnIdle.awaitTrue("late waiter", () -> cond.waiters() == 2);
            assertFalse(early.get(20, TimeUnit.SECONDS), "the early waiter times out");
            assertEquals(2, cond.waiters(), "its ticket is not the last: it stays");
            signal(cond, false);
            assertEquals(1, cond.waiters(), "the stale ticket absorbed the signal");
            assertFalse(late.isDone());
            signal(cond, true);
            assertTrue(late.get(20, TimeUnit.SECONDS));
            assertEquals(0, cond.waiters());
        }
    }

    @Test
    void shouldTakeBackTheLastTicketWhenASignalCameForAnotherTicket() throws Exception
    {
        // a timed-out waiter holding the last ticket takes it back, even behind a stale ticket of a dead waiter
        try (Condition cond = Condition.create(namespace(), "c"))
        {
            cond.sync.payload.putLongVolatile(CONDITION_OFFSET, conditionWord(1, 0)); // a stale ticket 0
            cond.lock();
            assertFalse(cond.await(10, TimeUnit.MILLISECONDS));
            assertEquals(conditionWord(1, 0), word(cond), "ticket 1 taken back, stale ticket 0 left");
            signal(cond, false);
            assertEquals(conditionWord(1, 1), word(cond));
            assertFalse(cond.await(10, TimeUnit.MILLISECONDS));
            assertEquals(conditionWord(1, 1), word(cond));
            cond.unlock();
        }
    }

    @Test
    void shouldTestThePredicateFirstAndAfterEachWakeUpUntilItHoldsOrTimeIsUp() throws Exception
    {
        final AtomicInteger value = new AtomicInteger();
        final AtomicInteger tests = new AtomicInteger();
        try (Condition cond = Condition.create(namespace(), "c"))
        {
            cond.lock();
            assertTrue(cond.awaitUntil(() -> tests.incrementAndGet() > 0, 0, TimeUnit.SECONDS), "true at once");
            assertEquals(1, tests.get());
            assertEquals(0, word(cond), "no ticket taken for a predicate that holds");

            tests.set(0);
            long startNs = System.nanoTime();
            assertFalse(cond.awaitUntil(() -> tests.incrementAndGet() < 0, 30, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - startNs >= 30 * MS);
            assertEquals(2, tests.get(), "tested before waiting and after the wait timed out");

            tests.set(0);
            assertFalse(cond.awaitUntil(() -> tests.incrementAndGet() < 0, 0, TimeUnit.SECONDS));
            assertEquals(1, tests.get(), "no time: tested once, no wait");
            cond.unlock();

            // two spurious signals (the predicate still false), then the value the predicate waits for
            try (Condition waiter = Condition.open(namespace(), "c", OnIdle.options(() ->
            {
                final int wakeUps = value.incrementAndGet();
                cond.lock();
                cond.signal();
                cond.unlock();
                assertTrue(wakeUps <= 3);
            })))
            {
                tests.set(0);
                waiter.lock();
                startNs = System.nanoTime();
                assertTrue(waiter.awaitUntil(() ->
                {
                    tests.incrementAndGet();
                    return value.get() >= 3;
                }, 20, TimeUnit.SECONDS));
                assertEquals(4, tests.get(), "re-tested after each of the three wake-ups");
                assertTrue(System.nanoTime() - startNs < TimeUnit.SECONDS.toNanos(10));
                waiter.unlock();
            }
        }
    }

    @Test
    void shouldRefuseToWaitOrSignalWithoutTheLockAndWhenInterrupted() throws Exception
    {
        try (Condition cond = Condition.create(namespace(), "c"))
        {
            final String notHeld = "condition lock not held by this thread: name=c, owner_pid=0";
            assertEquals(notHeld, assertThrows(IllegalMonitorStateException.class, cond::signal).getMessage());
            assertEquals(notHeld, assertThrows(IllegalMonitorStateException.class, cond::signalAll).getMessage());
            assertEquals(notHeld, assertThrows(IllegalMonitorStateException.class, cond::await).getMessage());
            assertEquals(notHeld, assertThrows(IllegalMonitorStateException.class, cond::unlock).getMessage());
            cond.lock();
            Thread.currentThread().interrupt();
            assertEquals("interrupted before waiting on condition: name=c",
                assertThrows(InterruptedException.class, () -> cond.await(1, TimeUnit.SECONDS)).getMessage());
            assertFalse(Thread.interrupted());
            assertEquals(0, word(cond), "no ticket taken");
            assertTrue(cond.isHeldByCurrentThread(), "the lock is still held");
            cond.unlock();
        }
    }

    @Test
    void shouldAwaitUninterruptiblyAndRestoreTheInterrupt() throws Exception
    {
        final AtomicBoolean interrupted = new AtomicBoolean();
        try (Condition cond = Condition.create(namespace(), "c");
            Condition waiter = Condition.open(namespace(), "c", OnIdle.options(() ->
            {
                if (interrupted.compareAndSet(false, true))
                {
                    Thread.currentThread().interrupt(); // the first wait ends with InterruptedException
                }
                else
                {
                    signal(cond, false); // the second is signalled
                }
            })))
        {
            waiter.lock();
            waiter.awaitUninterruptibly();
            assertTrue(Thread.interrupted(), "the interrupt is restored");
            assertTrue(waiter.isHeldByCurrentThread());
            assertEquals(1, conditionWakeSeq(word(cond)));
            waiter.unlock();
        }
    }

    @Test
    void shouldKeepTheHoldCountOfAReentrantLockAcrossAWait() throws Exception
    {
        try (Condition cond = Condition.create(namespace(), "c"))
        {
            cond.lock();
            assertTrue(cond.tryLock(0, TimeUnit.SECONDS), "reentrant");
            cond.lock();
            assertFalse(cond.await(5, TimeUnit.MILLISECONDS));
            assertEquals(3, cond.sync.payload.getLongVolatile(HOLD_COUNT_OFFSET), "all three holds restored");
            assertFalse(cond.wasRecovered());
            cond.unlock();
            cond.unlock();
            assertTrue(cond.isHeldByCurrentThread());
            final FutureTask<Boolean> other = start(() -> cond.tryLock(10, TimeUnit.MILLISECONDS));
            assertFalse(other.get(20, TimeUnit.SECONDS), "held by this thread");
            cond.unlock();
            assertFalse(cond.isHeldByCurrentThread());
            assertEquals("Condition{name=c, closed=false}", cond.toString());
        }
    }

    @Test
    void shouldWaitAndSignalThroughAConditionOfALockOrAnRLock() throws Exception
    {
        try (Lock lock = Lock.create(namespace(), "l"); RLock rlock = RLock.create(namespace(), "r"))
        {
            final java.util.concurrent.locks.Condition onLock = lock.newCondition();
            assertEquals("lock not held by this process: name=l, owner_pid=0",
                assertThrows(IllegalMonitorStateException.class, onLock::signalAll).getMessage());
            lock.lock();
            assertFalse(onLock.await(5, TimeUnit.MILLISECONDS));
            assertTrue(lock.isLocked());
            onLock.signalAll();
            lock.unlock();

            final java.util.concurrent.locks.Condition onRLock = rlock.newCondition();
            rlock.lock();
            rlock.lock();
            assertFalse(onRLock.await(5, TimeUnit.MILLISECONDS));
            assertEquals(2, rlock.holdCount(), "both holds restored after the wait");
            rlock.unlock();
            rlock.unlock();
            final FutureTask<Integer> waiter = start(() ->
            {
                rlock.lock();
                try
                {
                    return onRLock.await(20, TimeUnit.SECONDS) ? rlock.holdCount() : -1;
                }
                finally
                {
                    rlock.unlock();
                }
            });
            OnIdle.awaitTrue("waiter on the rlock's condition", () -> waiters(rlock) == 1);
            rlock.lock();
            rlock.lock();
            onRLock.signal();
            rlock.unlock();
            rlock.unlock();
            assertEquals(1, waiter.get(20, TimeUnit.SECONDS), "signalled, holding the rlock once again");
        }
    }

    private static long waiters(final RLock rlock)
    {
        return SyncDescriptor.conditionWaiters(rlock.sync.payload.getLongVolatile(CONDITION_OFFSET));
    }

    private static boolean awaitLocked(final Condition cond, final long timeoutMs) throws InterruptedException
    {
        cond.lock();
        try
        {
            return cond.await(timeoutMs, TimeUnit.MILLISECONDS);
        }
        finally
        {
            cond.unlock();
        }
    }

    private static void signal(final Condition cond, final boolean all)
    {
        cond.lock();
        try
        {
            if (all)
            {
                cond.signalAll();
            }
            else
            {
                cond.signal();
            }
        }
        finally
        {
            cond.unlock();
        }
    }

    private static long word(final Condition cond)
    {
        return cond.sync.payload.getLongVolatile(CONDITION_OFFSET);
    }
}

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
package dev.mmipc.wait;

import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class WaitStrategyTest
{
    @Test
    void shouldReturnAsSoonAsConditionHolds() throws Exception
    {
        for (final WaitStrategy strategy : new WaitStrategy[]{
            WaitStrategy.busySpin(), WaitStrategy.yielding(), WaitStrategy.backoff() })
        {
            final AtomicInteger calls = new AtomicInteger();
            assertTrue(strategy.await(() -> calls.incrementAndGet() == 50, 30, TimeUnit.SECONDS), strategy.name());
            assertEquals(50, calls.get(), "no test after success: " + strategy.name());
        }
    }

    @Test
    void shouldTestOnceWithZeroTimeout() throws Exception
    {
        final AtomicInteger calls = new AtomicInteger();
        assertFalse(WaitStrategy.backoff().awaitNanos(() -> calls.incrementAndGet() < 0, 0));
        assertEquals(1, calls.get());
    }

    @Test
    void shouldTimeOut() throws Exception
    {
        final long start = System.nanoTime();
        assertFalse(WaitStrategy.backoff().await(() -> false, 50, TimeUnit.MILLISECONDS));
        final long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(50), "returned early: " + elapsed);
        assertTrue(elapsed < TimeUnit.SECONDS.toNanos(10), "returned late: " + elapsed);
    }

    @Test
    void shouldThrowWhenInterruptedBeforeWaiting()
    {
        Thread.currentThread().interrupt();
        final InterruptedException ex = assertThrows(
            InterruptedException.class, () -> WaitStrategy.busySpin().awaitNanos(() -> true, 1));
        assertEquals("interrupted while waiting", ex.getMessage());
        assertFalse(Thread.currentThread().isInterrupted(), "flag cleared, as InterruptedException promises");
    }

    @Test
    void shouldThrowWhenInterruptedWhileParked() throws Exception
    {
        final AtomicReference<Throwable> outcome = new AtomicReference<>();
        final CountDownLatch waiting = new CountDownLatch(1);
        final Thread waiter = new Thread(() ->
        {
            try
            {
                WaitStrategy.backoff().await(() ->
                {
                    waiting.countDown();
                    return false;
                }, 60, TimeUnit.SECONDS);
            }
            catch (final Throwable ex)
            {
                outcome.set(ex);
            }
        });
        waiter.start();
        assertTrue(waiting.await(30, TimeUnit.SECONDS));
        final long start = System.nanoTime();
        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(waiter.isAlive(), "interrupt ignored");
        assertInstanceOf(InterruptedException.class, outcome.get());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void shouldNotBurnACoreWhileIdleWithBackoff() throws Exception
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assertTrue(threads.isCurrentThreadCpuTimeSupported());
        final long wallStart = System.nanoTime();
        final long cpuStart = threads.getCurrentThreadCpuTime();
        assertFalse(WaitStrategy.backoff().await(() -> false, 500, TimeUnit.MILLISECONDS));
        final long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        final long wall = System.nanoTime() - wallStart;
        assertTrue(cpu < wall / 5, "idle waiter used " + (100 * cpu / wall) + "% of a core");
    }

    @Test
    void shouldRefuseInvalidBackoff()
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> WaitStrategy.backoff(1, 1, 1000, 10));
        assertEquals("backoff parameters invalid: max_spins=1, max_yields=1, min_park_ns=1000, max_park_ns=10",
            ex.getMessage());
    }

    @Test
    void shouldGiveFreshIdleStrategies()
    {
        final WaitStrategy backoff = WaitStrategy.backoff();
        assertNotSame(backoff.newIdleStrategy(), backoff.newIdleStrategy(), "idle strategies keep state");
        final WaitStrategy custom = WaitStrategy.of("spin", BusySpinIdleStrategy::new);
        assertEquals("spin", custom.name());
        assertInstanceOf(BusySpinIdleStrategy.class, custom.newIdleStrategy());
        assertEquals("WaitStrategy{backoff(spins=100, yields=20, park_ns=1000..1000000)}", backoff.toString());
    }
}

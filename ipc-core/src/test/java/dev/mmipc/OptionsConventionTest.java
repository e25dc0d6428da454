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
package dev.mmipc;

import dev.mmipc.counters.SharedCounters;
import dev.mmipc.exceptions.BarrierBrokenException;
import dev.mmipc.liveness.Timeouts;
import dev.mmipc.pool.PoolOptions;
import dev.mmipc.queue.QueueOptions;
import dev.mmipc.sync.Barrier;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One options convention: {@code withX(Duration)} on immutable options, one liveness timeout with one default and
 * one range, and every bad value refused with an {@link IllegalArgumentException} naming the option and the value.
 */
class OptionsConventionTest
{
    private static final Duration MS = Duration.ofMillis(1);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldShareOneLivenessTimeoutDefault()
    {
        assertEquals(Duration.ofSeconds(1), Timeouts.DEFAULT_LIVENESS_TIMEOUT);
        assertEquals(Timeouts.DEFAULT_LIVENESS_TIMEOUT, QueueOptions.defaults().livenessTimeout());
        assertEquals(Timeouts.DEFAULT_LIVENESS_TIMEOUT, SyncOptions.defaults().livenessTimeout());
        assertEquals(Timeouts.DEFAULT_LIVENESS_TIMEOUT, SharedCounters.Options.defaults().livenessTimeout());
        assertEquals(Duration.ofSeconds(30), SharedCounters.Options.defaults().lockTimeout());
        assertEquals(Duration.ZERO, SharedCounters.Options.defaults().freeToReuseTimeout());
        assertEquals(Duration.ofSeconds(30), PoolOptions.defaults().closeTimeout());
    }

    @Test
    void shouldSetALivenessTimeoutOnACopy()
    {
        final Duration d = Duration.ofMillis(250);
        final QueueOptions queue = QueueOptions.defaults();
        assertEquals(d, queue.withLivenessTimeout(d).livenessTimeout());
        assertEquals(Timeouts.DEFAULT_LIVENESS_TIMEOUT, queue.livenessTimeout(), "immutable");
        final SyncOptions sync = SyncOptions.defaults();
        assertEquals(d, sync.withLivenessTimeout(d).livenessTimeout());
        assertEquals(Timeouts.DEFAULT_LIVENESS_TIMEOUT, sync.livenessTimeout(), "immutable");
        final SharedCounters.Options counters = SharedCounters.Options.defaults();
        assertEquals(d, counters.withLivenessTimeout(d).livenessTimeout());
        assertEquals(d, counters.withLockTimeout(d).lockTimeout());
        assertEquals(d, counters.withFreeToReuseTimeout(d).freeToReuseTimeout());
        assertEquals(Duration.ZERO, counters.withFreeToReuseTimeout(Duration.ZERO).freeToReuseTimeout());
        assertEquals(Timeouts.DEFAULT_LIVENESS_TIMEOUT, counters.livenessTimeout(), "immutable");
        assertSame(counters, SharedCounters.Options.defaults());
        assertEquals(d, PoolOptions.defaults().withCloseTimeout(d).closeTimeout());
        assertEquals(MS, QueueOptions.defaults().withLivenessTimeout(MS).livenessTimeout(), "the shortest");
        assertEquals(Timeouts.MAX_TIMEOUT, SyncOptions.defaults().withLivenessTimeout(Timeouts.MAX_TIMEOUT)
            .livenessTimeout(), "the longest");
    }

    @Test
    void shouldRefuseBadLivenessTimeoutsEverywhere()
    {
        checkRefused("livenessTimeout", MS, d -> () -> QueueOptions.defaults().withLivenessTimeout(d));
        checkRefused("livenessTimeout", MS, d -> () -> SyncOptions.defaults().withLivenessTimeout(d));
        checkRefused("livenessTimeout", MS, d -> () -> SharedCounters.Options.defaults().withLivenessTimeout(d));
        assertEquals("timeout out of range: option=livenessTimeout, value=PT0.000999999S, min=PT0.001S, max=PT24H",
            assertThrows(IllegalArgumentException.class,
                () -> QueueOptions.defaults().withLivenessTimeout(MS.minusNanos(1))).getMessage());
    }

    @Test
    void shouldRefuseBadLockCloseAndBarrierTimeouts()
    {
        checkRefused("lockTimeout", Duration.ofNanos(1), d -> () -> SharedCounters.Options.defaults().withLockTimeout(d));
        checkRefused("closeTimeout", Duration.ofNanos(1), d -> () -> PoolOptions.defaults().withCloseTimeout(d));
        checkRefused("freeToReuseTimeout", Duration.ZERO,
            d -> () -> SharedCounters.Options.defaults().withFreeToReuseTimeout(d));
        try (Barrier barrier = Barrier.create(Namespace.of(ns.directory()), "b", 2))
        {
            checkRefused("timeout", Duration.ofNanos(1), d -> () -> barrier.withTimeout(d));
        }
    }

    @Test
    void shouldBoundABarriersWaitByItsTimeout()
    {
        try (Barrier barrier = Barrier.create(Namespace.of(ns.directory()), "b", 2).withTimeout(Duration.ofMillis(50)))
        {
            final long startNs = System.nanoTime();
            assertThrows(BarrierBrokenException.class, barrier::await, "the other party never comes");
            final long waitedMs = (System.nanoTime() - startNs) / 1_000_000;
            assertTrue(waitedMs >= 50 && waitedMs < 10_000, "waited_ms=" + waitedMs);
        }
    }

    @Test
    void shouldRefuseAWaitStrategyOfNull()
    {
        assertThrows(NullPointerException.class, () -> SyncOptions.defaults().withWaitStrategy(null));
        assertThrows(NullPointerException.class, () -> QueueOptions.defaults().withWaitStrategy(null));
    }

    /**
     * @param option the option's name in the message.
     * @param min    its smallest value: anything below it, null, and more than a day are refused.
     * @param set    sets it.
     */
    private static void checkRefused(final String option, final Duration min, final Function<Duration, Executable> set)
    {
        assertEquals("timeout missing: option=" + option + ", value=null",
            assertThrows(IllegalArgumentException.class, set.apply(null)).getMessage());
        final Duration tooLong = Timeouts.MAX_TIMEOUT.plusNanos(1);
        for (final Duration bad : new Duration[]{ min.minusNanos(1), Duration.ofSeconds(-1), tooLong,
            Duration.ofSeconds(Long.MAX_VALUE) })
        {
            assertEquals("timeout out of range: option=" + option + ", value=" + bad + ", min=" + min + ", max=PT24H",
                assertThrows(IllegalArgumentException.class, set.apply(bad)).getMessage());
        }
    }
}

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
package dev.mmipc.liveness;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link StallWatch} with injected times: due only once the same word at the same place has been seen for the
 * liveness timeout, then once per recheck interval; a moving owner or place starts the watch again.
 */
class StallWatchTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long T0 = -5_000; // nanoTime may be negative: only differences count

    @Test
    void shouldBeDueOnlyAfterTheSameWordWasSeenForTheTimeout()
    {
        final StallWatch watch = new StallWatch(TIMEOUT_NS);
        assertFalse(watch.isDue(10, 99, T0), "first sight starts the watch");
        assertFalse(watch.isDue(10, 99, T0 + TIMEOUT_NS - 1));
        assertTrue(watch.isDue(10, 99, T0 + TIMEOUT_NS));
    }

    @Test
    void shouldAskAgainOncePerRecheckIntervalWhileTheOwnerLives()
    {
        final long recheckNs = Liveness.recheckIntervalNs(TIMEOUT_NS);
        assertEquals(TimeUnit.MILLISECONDS.toNanos(Liveness.heartbeatPeriodMs()), recheckNs, "one heartbeat period");
        final StallWatch watch = new StallWatch(TIMEOUT_NS);
        watch.isDue(0, 7, T0);
        final long dueNs = T0 + TIMEOUT_NS + 123;
        assertTrue(watch.isDue(0, 7, dueNs));
        assertFalse(watch.isDue(0, 7, dueNs), "judged now: not again at once");
        assertFalse(watch.isDue(0, 7, dueNs + recheckNs - 1));
        assertTrue(watch.isDue(0, 7, dueNs + recheckNs));
        assertTrue(watch.isDue(0, 7, dueNs + 10 * recheckNs), "a waiter that looked away is due at once");
    }

    @Test
    void shouldStartAgainWhenTheWordOrThePlaceChanges()
    {
        final StallWatch watch = new StallWatch(TIMEOUT_NS);
        watch.isDue(1, 7, T0);
        assertFalse(watch.isDue(1, 8, T0 + TIMEOUT_NS), "a new word: a new owner, or the same one moving");
        assertFalse(watch.isDue(2, 8, T0 + 2 * TIMEOUT_NS - 1), "a new place");
        assertFalse(watch.isDue(2, 8, T0 + 3 * TIMEOUT_NS - 2));
        assertTrue(watch.isDue(2, 8, T0 + 3 * TIMEOUT_NS - 1));
        assertFalse(watch.isDue(0, 0, T0 + 4 * TIMEOUT_NS), "0 at 0 is a word like any other");
        assertTrue(watch.isDue(0, 0, T0 + 5 * TIMEOUT_NS));
    }

    @Test
    void shouldUseTheRealClockAndRecheckNoMoreOftenThanTheTimeout() throws InterruptedException
    {
        final long shortNs = TimeUnit.MILLISECONDS.toNanos(5); // below the heartbeat period: recheck = timeout
        assertEquals(shortNs, Liveness.recheckIntervalNs(shortNs));
        final StallWatch watch = new StallWatch(shortNs);
        assertFalse(watch.isDue(3, 3));
        Thread.sleep(20);
        assertTrue(watch.isDue(3, 3));
        assertFalse(watch.isDue(3, 3));
        assertEquals(shortNs, watch.livenessTimeoutNs());
    }

    @Test
    void shouldRefuseATimeoutThatIsNotPositive()
    {
        assertEquals("liveness timeout not positive: liveness_timeout_ns=0",
            assertThrows(IllegalArgumentException.class, () -> new StallWatch(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StallWatch(Long.MIN_VALUE));
    }
}

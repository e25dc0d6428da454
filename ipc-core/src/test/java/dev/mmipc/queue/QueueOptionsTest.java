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
package dev.mmipc.queue;

import dev.mmipc.Namespace;
import dev.mmipc.codec.Codecs;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class QueueOptionsTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldCopyOnEveryChangeAndDescribeItself()
    {
        final QueueOptions defaults = QueueOptions.defaults();
        final WaitStrategy spin = WaitStrategy.busySpin();
        final QueueOptions options = defaults.withMaxMessageLength(100)
            .withWaitStrategy(spin)
            .withLivenessTimeout(Duration.ofMillis(250))
            .withEndOfStreamOnClose(true)
            .withRingEngine(RingEngine.BATCHED);
        assertEquals(RingEngine.BATCHED, options.ringEngine());
        assertNull(defaults.ringEngine(), "the default: AGRONA when creating, the queue's own when opening");
        assertEquals(100, options.maxMessageLength());
        assertSame(spin, options.waitStrategy());
        assertEquals(Duration.ofMillis(250), options.livenessTimeout());
        assertTrue(options.endOfStreamOnClose());
        assertEquals("QueueOptions{max_message_length=100, wait=" + spin.name() +
            ", liveness_timeout=PT0.25S, end_of_stream_on_close=true, ring_engine=BATCHED}", options.toString());
        assertEquals("QueueOptions{max_message_length=0, wait=" + WaitStrategy.backoff().name() +
            ", liveness_timeout=" + QueueOptions.DEFAULT_LIVENESS_TIMEOUT + ", end_of_stream_on_close=false, ring_engine=default}",
            defaults.toString(), "the defaults are unchanged");
        final NullPointerException ex = assertThrows(NullPointerException.class, () -> defaults.withWaitStrategy(null));
        assertEquals("waitStrategy", ex.getMessage());
        assertEquals("ringEngine", assertThrows(NullPointerException.class, () -> defaults.withRingEngine(null)).getMessage());
    }

    @Test
    void shouldWaitThroughTheStrategyGiven() throws InterruptedException
    {
        final AtomicInteger waits = new AtomicInteger();
        final WaitStrategy counting = WaitStrategy.of("counting", () ->
        {
            waits.incrementAndGet();
            return new BusySpinIdleStrategy();
        });
        final QueueOptions options = QueueOptions.defaults().withWaitStrategy(counting);
        try (JoinableQueue<String> q = JoinableQueue.create(
            Namespace.of(ns.directory()), "w", QueueMode.ONE_TO_ONE, 4096, options, Codecs.utf8()))
        {
            assertSame(counting, q.messageQueue().options().waitStrategy());
            assertNull(q.poll(5, TimeUnit.MILLISECONDS));
            assertEquals(1, waits.get(), "the empty queue waited once, through the strategy given");
            q.add("task");
            assertFalse(q.join(5, TimeUnit.MILLISECONDS));
            assertEquals(2, waits.get(), "join waited through it too");
        }
    }
}

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
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Real JVMs on both sides. Every message carries (producer id, sequence, checksum); consumers count what they
 * get in a shared ledger. Exactly once, no checksum error, and each producer's order as seen by each consumer
 * (all three modes promise it: one consumer in the ring modes sees the global order; in MANY_TO_MANY each
 * consumer sees each producer's messages in order, while consumers run in parallel).
 */
class QueueProcessesTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    private void runAndCheck(
        final QueueMode mode, final int capacity, final int producers, final int consumers, final int perProducer)
    {
        final Namespace ns = Namespace.of(tns.directory());
        try (MessageQueue q = MessageQueue.create(ns, "q", mode, capacity,
                QueueOptions.defaults().withMaxMessageLength(Deliveries.MESSAGE_LENGTH));
             Deliveries ledger = Deliveries.create(tns.directory(), "ledger", producers, perProducer))
        {
            final List<ChildJvm> consumerJvms = new ArrayList<>();
            for (int c = 0; c < consumers; c++)
            {
                consumerJvms.add(tns.startChild(QueueChildren.Consumer.class,
                    "q", "ledger", Integer.toString(producers), Integer.toString(perProducer), "1000", "-1", "0", "0"));
            }
            final List<ChildJvm> producerJvms = new ArrayList<>();
            for (int p = 0; p < producers; p++)
            {
                producerJvms.add(tns.startChild(QueueChildren.Producer.class,
                    "q", Integer.toString(p), Integer.toString(perProducer), "1000"));
            }
            for (final ChildJvm producer : producerJvms)
            {
                producer.awaitSuccess(TIMEOUT);
            }
            q.markClosed(); // every producer is done: end of stream
            for (final ChildJvm consumer : consumerJvms)
            {
                consumer.awaitSuccess(TIMEOUT);
                assertTrue(consumer.output().contains("CONSUMER END"), consumer.output());
            }
            assertEquals(0, ledger.checksumErrors(), "checksum errors");
            assertEquals(0, ledger.orderErrors(), "per-producer order errors");
            assertArrayEquals(new int[]{ 0, producers * perProducer, 0, 0 }, ledger.histogram(),
                "messages delivered 0, 1, 2, more times");
            assertEquals((long)producers * perProducer, ledger.total());
            assertTrue(q.isEndOfStream());
        }
    }

    @Test
    void shouldDeliverExactlyOnceWithFiveProducersAndFiveConsumers()
    {
        runAndCheck(QueueMode.MANY_TO_MANY, 1 << 16, 5, 5, 100_000);
    }

    @Test
    void shouldDeliverExactlyOnceInOrderWithFiveProducersAndOneConsumer()
    {
        runAndCheck(QueueMode.MANY_TO_ONE, 1 << 16, 5, 1, 100_000);
    }

    @Test
    void shouldDeliverExactlyOnceInOrderWithOneProducerAndOneConsumer()
    {
        runAndCheck(QueueMode.ONE_TO_ONE, 1 << 16, 1, 1, 100_000);
    }

    @ParameterizedTest
    @EnumSource(QueueMode.class)
    void shouldDeliverEverythingWrittenWhileNoConsumerRan(final QueueMode mode)
    {
        final Namespace ns = Namespace.of(tns.directory());
        final int count = 10_000;
        try (MessageQueue q = MessageQueue.create(ns, "q", mode, 1 << 20,
                QueueOptions.defaults().withMaxMessageLength(Deliveries.MESSAGE_LENGTH));
             Deliveries ledger = Deliveries.create(tns.directory(), "ledger", 1, count))
        {
            tns.startChild(QueueChildren.Producer.class, "q", "0", Integer.toString(count), "1000")
                .awaitSuccess(TIMEOUT);
            assertEquals(count, q.size(), "all waiting while no consumer runs");
            q.markClosed();
            final ChildJvm consumer = tns.startChild(QueueChildren.Consumer.class,
                "q", "ledger", "1", Integer.toString(count), "1000", "-1", "0", "0");
            consumer.awaitSuccess(TIMEOUT);
            assertTrue(consumer.output().contains("CONSUMER END " + count), consumer.output());
            assertArrayEquals(new int[]{ 0, count, 0, 0 }, ledger.histogram());
            assertEquals(0, ledger.checksumErrors());
            assertEquals(0, ledger.orderErrors());
        }
    }
}

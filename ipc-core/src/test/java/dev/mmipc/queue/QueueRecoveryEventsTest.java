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
import dev.mmipc.events.RecordedEvents;
import dev.mmipc.events.Recoveries;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import jdk.jfr.consumer.RecordedEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Queue recoveries seen through JFR and the log: a producer in a real child JVM killed with {@code kill -9} between
 * claim and commit; this JVM skips its torn record ({@code dev.mmipc.TornRecordSkipped}) or, in {@code ONE_TO_ONE},
 * takes its producer lease over and pads the claim ({@code dev.mmipc.QueueRepaired}, then the skipped record).
 */
class QueueRecoveryEventsTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);
    private static final long UNBLOCK_MS = 200;
    private static final List<String> EVENTS = List.of("dev.mmipc.TornRecordSkipped", "dev.mmipc.QueueRepaired");

    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    private final UnsafeBuffer msg = new UnsafeBuffer(new byte[Deliveries.MESSAGE_LENGTH]);

    private static QueueOptions options()
    {
        return QueueOptions.defaults()
            .withMaxMessageLength(Deliveries.MESSAGE_LENGTH)
            .withLivenessTimeout(java.time.Duration.ofMillis(UNBLOCK_MS));
    }

    private MessageQueue create(final QueueMode mode)
    {
        return MessageQueue.create(Namespace.of(tns.directory()), "jobs", mode, 4096, options());
    }

    private ChildJvm claimAndHang(final int offersFirst)
    {
        final ChildJvm child = tns.startChild(QueueChildren.ClaimAndHang.class,
            "jobs", "24", Long.toString(UNBLOCK_MS), Integer.toString(offersFirst), "claim");
        child.awaitOutput("CLAIMED", CHILD_TIMEOUT);
        return child;
    }

    @ParameterizedTest
    @EnumSource(value = QueueMode.class, names = { "MANY_TO_ONE", "MANY_TO_MANY" })
    void shouldRecordAndLogTheTornRecordOfAKilledProducer(final QueueMode mode) throws Exception
    {
        try (MessageQueue q = create(mode);
             RecordedEvents recorded = new RecordedEvents(tns.scratch(), EVENTS, List.of(Recoveries.QUEUE_LOGGER)))
        {
            final ChildJvm killed = claimAndHang(0);
            for (int i = 0; i < 5; i++)
            {
                assertTrue(q.offer(msg, 0, Deliveries.MESSAGE_LENGTH));
            }
            killed.kill9();
            for (int i = 0; i < 5; i++)
            {
                assertTrue(q.take((b, o, l) -> { }, 30, TimeUnit.SECONDS), "message " + i);
            }
            assertEquals(1, q.recoveries());

            final List<RecordedEvent> events = recorded.events("dev.mmipc.TornRecordSkipped");
            assertEquals(1, events.size(), events::toString);
            final RecordedEvent event = events.get(0);
            assertEquals("jobs", event.getString("region"));
            assertEquals(mode.name(), event.getString("mode"));
            assertEquals(killed.pid(), event.getLong("deadPid"), "the record names its producer");
            assertEquals(0, event.getLong("position"), "the first claim of the queue");
            assertEquals("dead producer's claim " + (mode == QueueMode.MANY_TO_MANY ? "skipped" : "padded"),
                event.getString("action"));
            assertEquals(List.of("torn record skipped: region=jobs, mode=" + mode + ", dead_pid=" + killed.pid() +
                ", position=0, action=" + event.getString("action")), recorded.lines(Recoveries.QUEUE_LOGGER, Level.WARNING));
            assertEquals(List.of(), recorded.events("dev.mmipc.QueueRepaired"));
        }
    }

    @Test
    void shouldRecordAndLogTheProducerLeaseTakenOverFromAKilledProducer() throws Exception
    {
        try (MessageQueue q = create(QueueMode.ONE_TO_ONE);
             RecordedEvents recorded = new RecordedEvents(tns.scratch(), EVENTS, List.of(Recoveries.QUEUE_LOGGER)))
        {
            final ChildJvm killed = claimAndHang(3);
            final long killedStartMs = killed.process().info().startInstant().orElseThrow().toEpochMilli();
            for (int i = 0; i < 3; i++)
            {
                assertTrue(q.poll((b, o, l) -> { }));
            }
            killed.kill9();
            assertTrue(q.offer(msg, 0, Deliveries.MESSAGE_LENGTH), "the lease of the dead producer is taken over");
            assertTrue(q.take((b, o, l) -> { }, 30, TimeUnit.SECONDS));
            assertEquals(1, q.recoveries());

            final List<RecordedEvent> repaired = recorded.events("dev.mmipc.QueueRepaired");
            assertEquals(1, repaired.size(), repaired::toString);
            assertEquals("jobs", repaired.get(0).getString("region"));
            assertEquals("ONE_TO_ONE", repaired.get(0).getString("mode"));
            assertEquals("producer", repaired.get(0).getString("role"));
            assertEquals(killed.pid(), repaired.get(0).getLong("deadPid"));
            final long startMs = repaired.get(0).getInstant("deadStartTime").toEpochMilli();
            assertTrue(Math.abs(startMs - killedStartMs) < 1_000, startMs + " vs " + killedStartMs);

            final List<RecordedEvent> torn = recorded.events("dev.mmipc.TornRecordSkipped");
            assertEquals(1, torn.size(), torn::toString);
            final long recordLength = 32; // 8-byte header + 24 bytes, aligned to 8
            assertEquals(3 * recordLength, torn.get(0).getLong("position"), "after the 3 committed messages");
            assertEquals("dead producer's claim padded", torn.get(0).getString("action"));

            final List<String> lines = recorded.lines(Recoveries.QUEUE_LOGGER, Level.WARNING);
            assertEquals(2, lines.size(), lines::toString);
            assertEquals("queue repaired: region=jobs, mode=ONE_TO_ONE, role=producer, dead_pid=" + killed.pid() +
                ", dead_start_ms=" + startMs + ", action=producer lease taken over from dead producer", lines.get(0));
            assertTrue(lines.get(1).startsWith("torn record skipped: region=jobs, mode=ONE_TO_ONE, dead_pid=0, position=96"),
                lines.get(1));
        }
    }
}

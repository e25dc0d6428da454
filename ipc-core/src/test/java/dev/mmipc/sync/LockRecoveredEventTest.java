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
import dev.mmipc.events.RecordedEvents;
import dev.mmipc.events.Recoveries;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import static dev.mmipc.sync.SyncChild.FAST;
import static dev.mmipc.sync.SyncChild.HOLDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lock holder in a real child JVM is killed with {@code kill -9}; this JVM takes the lock over while a JFR
 * recording runs: one {@code dev.mmipc.LockRecovered} event naming the dead holder, and one WARNING line.
 */
class LockRecoveredEventTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldRecordAndLogTheTakeoverOfALockWhoseHolderWasKilled() throws Exception
    {
        try (Lock lock = Lock.create(Namespace.of(ns.directory()), "jobs-lock", FAST);
             RecordedEvents recorded = new RecordedEvents(
                 ns.scratch(), List.of("dev.mmipc.LockRecovered"), List.of(Recoveries.SYNC_LOGGER)))
        {
            final ChildJvm holder = ns.startChild(SyncChild.class, "hold-lock", "jobs-lock");
            holder.awaitOutput(HOLDING, Duration.ofSeconds(60));
            final long holderStartMs = holder.process().info().startInstant().orElseThrow().toEpochMilli();
            assertFalse(lock.tryLock(300, TimeUnit.MILLISECONDS), "a live holder is never taken over");

            holder.kill9();
            assertTrue(lock.tryLock(10, TimeUnit.SECONDS));
            assertTrue(lock.wasRecovered());
            lock.unlock();
            assertTrue(lock.tryLock(1, TimeUnit.SECONDS));
            lock.unlock(); // an ordinary acquisition: no event

            final List<RecordedEvent> events = recorded.events("dev.mmipc.LockRecovered");
            assertEquals(1, events.size(), events::toString);
            final RecordedEvent event = events.get(0);
            assertEquals("jobs-lock", event.getString("region"));
            assertEquals("LOCK", event.getString("lock"));
            assertEquals(holder.pid(), event.getLong("deadPid"));
            final long startMs = event.getInstant("deadStartTime").toEpochMilli();
            assertTrue(Math.abs(startMs - holderStartMs) < 1_000, "holder's start time: " + startMs + " vs " + holderStartMs);
            assertEquals(ProcessHandle.current().pid(), event.getLong("newPid"));
            assertEquals("taken over", event.getString("action"));

            final List<String> lines = recorded.lines(Recoveries.SYNC_LOGGER, Level.WARNING);
            assertEquals(List.of("lock recovered from dead owner: region=jobs-lock, lock=LOCK, dead_pid=" + holder.pid() +
                ", dead_start_ms=" + startMs + ", new_pid=" + ProcessHandle.current().pid() + ", action=taken over"), lines);
        }
    }
}

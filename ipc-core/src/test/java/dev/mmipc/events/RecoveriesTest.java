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
package dev.mmipc.events;

import dev.mmipc.test.TestNamespace;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.EventType;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facade on its own: each method's JFR event and fields, its WARNING line, nothing committed or built when
 * disabled, and the package a leaf.
 */
class RecoveriesTest
{
    /** Every event class, with the name it must carry. */
    private static final List<Class<? extends Event>> EVENTS = List.of(
        LockRecoveredEvent.class, TornRecordSkippedEvent.class, QueueRepairedEvent.class, QueueCorruptedEvent.class,
        WorkerDiedEvent.class, WorkerReplacedEvent.class, OrphanRegionsRemovedEvent.class);

    private static final List<String> NAMES = List.of(
        "dev.mmipc.LockRecovered", "dev.mmipc.TornRecordSkipped", "dev.mmipc.QueueRepaired", "dev.mmipc.QueueCorrupted",
        "dev.mmipc.WorkerDied", "dev.mmipc.WorkerReplaced", "dev.mmipc.OrphanRegionsRemoved");

    private static final List<String> LOGGERS = List.of(
        Recoveries.SYNC_LOGGER, Recoveries.PIPE_LOGGER, Recoveries.COUNTERS_LOGGER, Recoveries.QUEUE_LOGGER,
        Recoveries.PROCESS_LOGGER);

    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    @Test
    void shouldNameEveryEventInTheMmipcCategoryWithLabelsAndDescriptions()
    {
        for (int i = 0; i < EVENTS.size(); i++)
        {
            final Class<? extends Event> type = EVENTS.get(i);
            assertEquals(NAMES.get(i), type.getAnnotation(Name.class).value());
            assertArrayEquals(new String[]{ "mmipc" }, type.getAnnotation(Category.class).value());
            final EventType eventType = EventType.getEventType(type);
            assertNotNull(eventType.getLabel(), type.getName());
            assertNotNull(eventType.getDescription(), type.getName());
            eventType.getFields().stream()
                .filter(f -> !List.of("startTime", "duration", "eventThread", "stackTrace").contains(f.getName()))
                .forEach(f ->
                {
                    assertNotNull(f.getLabel(), type.getName() + "." + f.getName());
                    assertNotNull(f.getDescription(), type.getName() + "." + f.getName());
                });
        }
    }

    @Test
    void shouldRecordEveryKindOfRecoveryWithItsFieldsAndLogItAtWarning()
    {
        try (RecordedEvents recorded = new RecordedEvents(tns.scratch(), NAMES, LOGGERS))
        {
            Recoveries.lockRecovered("jobs-lock", "RLOCK", 4242, 1_700_000_000_123L, 77);
            Recoveries.lockRecovered("chat", "pipe-end-FIRST", 4243, 0, 77);
            Recoveries.lockRecovered("stats", Recoveries.COUNTERS_ALLOCATION_LOCK, 4244, 5, 77);
            Recoveries.tornRecordSkipped("jobs", "MANY_TO_ONE", 4245, 640, "dead producer's claim padded");
            Recoveries.queueRepaired("jobs", "ONE_TO_ONE", "producer", 4246, 1_700_000_000_456L, "producer lease taken over");
            Recoveries.queueCorrupted("jobs", "queue record length invalid: name=jobs", 64, -7);
            Recoveries.workerDied("pool-1-1", 1, 4247, -9, 3, "its task failed");
            Recoveries.workerReplaced("pool-1-1", 1, 4247, 4248);
            Recoveries.orphanRegionsRemoved("/dev/shm/x", 4249, 1_700_000_000_789L, List.of("pool-1-1-slots", "t"));

            final List<RecordedEvent> locks = recorded.events("dev.mmipc.LockRecovered");
            assertEquals(3, locks.size());
            final RecordedEvent lock = locks.get(0);
            assertEquals("jobs-lock", lock.getString("region"));
            assertEquals("RLOCK", lock.getString("lock"));
            assertEquals(4242, lock.getLong("deadPid"));
            assertEquals(1_700_000_000_123L, lock.getInstant("deadStartTime").toEpochMilli());
            assertEquals(77, lock.getLong("newPid"));
            assertEquals("taken over", lock.getString("action"));

            final RecordedEvent torn = recorded.events("dev.mmipc.TornRecordSkipped").get(0);
            assertEquals("jobs", torn.getString("region"));
            assertEquals("MANY_TO_ONE", torn.getString("mode"));
            assertEquals(4245, torn.getLong("deadPid"));
            assertEquals(640, torn.getLong("position"));
            assertEquals("dead producer's claim padded", torn.getString("action"));

            final RecordedEvent repaired = recorded.events("dev.mmipc.QueueRepaired").get(0);
            assertEquals("producer", repaired.getString("role"));
            assertEquals(4246, repaired.getLong("deadPid"));
            assertEquals(1_700_000_000_456L, repaired.getInstant("deadStartTime").toEpochMilli());

            final RecordedEvent corrupt = recorded.events("dev.mmipc.QueueCorrupted").get(0);
            assertEquals(64, corrupt.getLong("position"));
            assertEquals(-7, corrupt.getLong("value"));

            final RecordedEvent died = recorded.events("dev.mmipc.WorkerDied").get(0);
            assertEquals("pool-1-1", died.getString("pool"));
            assertEquals(1, died.getInt("worker"));
            assertEquals(4247, died.getLong("pid"));
            assertEquals(-9, died.getInt("exitCode"));
            assertEquals(3, died.getLong("task"));

            final RecordedEvent replaced = recorded.events("dev.mmipc.WorkerReplaced").get(0);
            assertEquals(4247, replaced.getLong("deadPid"));
            assertEquals(4248, replaced.getLong("newPid"));

            final RecordedEvent orphans = recorded.events("dev.mmipc.OrphanRegionsRemoved").get(0);
            assertEquals(2, orphans.getInt("count"));
            assertEquals("pool-1-1-slots,t", orphans.getString("regions"));

            assertEquals(List.of("lock recovered from dead owner: region=jobs-lock, lock=RLOCK, dead_pid=4242, " +
                "dead_start_ms=1700000000123, new_pid=77, action=taken over"),
                recorded.lines(Recoveries.SYNC_LOGGER, Level.WARNING));
            assertEquals(1, recorded.lines(Recoveries.PIPE_LOGGER, Level.WARNING).size(), "a pipe end: its logger");
            assertEquals(1, recorded.lines(Recoveries.COUNTERS_LOGGER, Level.WARNING).size());
            assertEquals(List.of(
                "torn record skipped: region=jobs, mode=MANY_TO_ONE, dead_pid=4245, position=640, " +
                    "action=dead producer's claim padded",
                "queue repaired: region=jobs, mode=ONE_TO_ONE, role=producer, dead_pid=4246, " +
                    "dead_start_ms=1700000000456, action=producer lease taken over",
                "queue marked corrupt: region=jobs, position=64, value=-7, action=every call now throws, " +
                    "recreate the queue, what=queue record length invalid: name=jobs"),
                recorded.lines(Recoveries.QUEUE_LOGGER, Level.WARNING));
            assertEquals(List.of(
                "pool worker died: pool=pool-1-1, worker=1, pid=4247, exit_code=-9, task=3, action=its task failed",
                "pool worker replaced: pool=pool-1-1, worker=1, dead_pid=4247, new_pid=4248",
                "orphan regions removed: dir=/dev/shm/x, dead_pid=4249, dead_start_ms=1700000000789, count=2, " +
                    "regions=[pool-1-1-slots, t]"),
                recorded.lines(Recoveries.PROCESS_LOGGER, Level.WARNING));
        }
    }

    @Test
    void shouldCommitNothingWhenNoRecordingEnablesTheEvents() throws IOException
    {
        for (final Class<? extends Event> type : EVENTS)
        {
            assertFalse(EventType.getEventType(type).isEnabled(), type.getName());
        }
        final LockRecoveredEvent lock = new LockRecoveredEvent();
        assertFalse(lock.isEnabled(), "no recording: disabled");
        assertFalse(lock.shouldCommit(), "so the facade fills no field");

        // a recording that disables them (any other recording enables them: the default of a custom event)
        final Path dump = Files.createTempFile(tns.scratch(), "other-", ".jfr");
        try (Recording other = new Recording())
        {
            other.enable("jdk.JavaMonitorWait");
            NAMES.forEach(other::disable);
            other.start();
            assertFalse(new TornRecordSkippedEvent().isEnabled());
            Recoveries.lockRecovered("r", "LOCK", 1, 2, 3);
            Recoveries.tornRecordSkipped("q", "MANY_TO_ONE", 1, 0, "padded");
            Recoveries.workerDied("p", 0, 1, -9, -1, "x");
            other.stop();
            other.dump(dump);
        }
        final long mmipc = jdk.jfr.consumer.RecordingFile.readAllEvents(dump).stream()
            .filter(e -> e.getEventType().getName().startsWith("dev.mmipc.")).count();
        assertEquals(0, mmipc, "no mmipc event committed while disabled");

        try (Recording any = new Recording())
        {
            any.enable("jdk.JavaMonitorWait");
            any.start();
            assertTrue(new LockRecoveredEvent().isEnabled(), "the checks above can fail: on in any recording by default");
        }
    }

    @Test
    void shouldNeverThrowFromABrokenLogHandler()
    {
        final java.util.logging.Logger logger = java.util.logging.Logger.getLogger(Recoveries.QUEUE_LOGGER);
        final java.util.logging.Handler broken = new java.util.logging.Handler()
        {
            @Override
            public void publish(final java.util.logging.LogRecord record)
            {
                throw new IllegalStateException("handler broken");
            }

            @Override
            public void flush()
            {
            }

            @Override
            public void close()
            {
            }
        };
        logger.addHandler(broken);
        try
        {
            Recoveries.tornRecordSkipped("q", "MANY_TO_ONE", 1, 0, "padded"); // returns: the recovery goes on
        }
        finally
        {
            logger.removeHandler(broken);
        }
    }

    @Test
    void shouldLogLifecycleAtDebugOnlyWhenEnabled()
    {
        final java.util.logging.Logger region = java.util.logging.Logger.getLogger(Lifecycle.REGION_LOGGER);
        final java.util.logging.Level before = region.getLevel();
        try (RecordedEvents recorded = new RecordedEvents(tns.scratch(), List.of(), List.of(Lifecycle.REGION_LOGGER)))
        {
            Lifecycle.regionCreated("a", "LONG", "/d");
            assertEquals(List.of(), recorded.lines(Lifecycle.REGION_LOGGER, Level.FINE), "DEBUG is off by default");
            region.setLevel(Level.FINE);
            Lifecycle.regionCreated("a", "LONG", "/d");
            Lifecycle.regionOpened("a", "LONG", "/d");
            Lifecycle.regionUnlinked("a", "/d");
            assertEquals(List.of("region created: name=a, kind=LONG, dir=/d", "region opened: name=a, kind=LONG, dir=/d",
                "region unlinked: name=a, dir=/d"), recorded.lines(Lifecycle.REGION_LOGGER, Level.FINE));
        }
        finally
        {
            region.setLevel(before);
        }
    }

    /**
     * The package is a leaf: its sources import only the JDK, so any package of mmipc may call it without a cycle.
     */
    @Test
    void shouldImportNothingButTheJdk() throws IOException
    {
        final Path dir = Path.of("src/main/java/dev/mmipc/events");
        final Pattern imports = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
        final List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                final Matcher m = imports.matcher(Files.readString(file));
                while (m.find())
                {
                    found.add(m.group(2));
                }
            }
        }
        assertFalse(found.isEmpty());
        for (final String name : found)
        {
            assertTrue(name.startsWith("java.") || name.startsWith("jdk.jfr."), "import outside the JDK: " + name);
        }
    }
}

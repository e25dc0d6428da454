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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the facades do when logging is off or broken: no line below the level, and a handler that throws never
 * reaches the caller (a recovery or a region's creation goes on); the pool's lifecycle lines at {@code DEBUG}.
 */
class LoggingFailuresTest
{
    private static final List<String> LOGGERS = List.of(
        Recoveries.SYNC_LOGGER, Recoveries.PIPE_LOGGER, Recoveries.COUNTERS_LOGGER, Recoveries.QUEUE_LOGGER,
        Recoveries.PROCESS_LOGGER, Lifecycle.REGION_LOGGER);

    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    @Test
    void shouldNeverThrowWhenEveryHandlerThrows()
    {
        final AtomicInteger published = new AtomicInteger();
        final Loggers loggers = new Loggers(Level.FINE, new Handler()
        {
            @Override
            public void publish(final LogRecord record)
            {
                published.incrementAndGet();
                throw new IllegalStateException("handler broken: " + record.getMessage());
            }

            @Override
            public void flush()
            {
            }

            @Override
            public void close()
            {
            }
        });
        // the JFR events are on as well, so each method commits its event before its handler throws
        try (RecordedEvents recorded = new RecordedEvents(tns.scratch(), List.of(
            "dev.mmipc.LockRecovered", "dev.mmipc.TornRecordSkipped", "dev.mmipc.QueueRepaired", "dev.mmipc.QueueCorrupted",
            "dev.mmipc.WorkerDied", "dev.mmipc.WorkerReplaced", "dev.mmipc.OrphanRegionsRemoved"), List.of()))
        {
            callEveryMethod();
            assertEquals(15, published.get(), "every method reached its broken handler, and returned");
            assertEquals(3, recorded.events("dev.mmipc.LockRecovered").size(), "events committed before the logger threw");
            assertEquals(1, recorded.events("dev.mmipc.OrphanRegionsRemoved").size());
        }
        finally
        {
            loggers.close();
        }
    }

    @Test
    void shouldLogNothingWhenTheLevelIsOff()
    {
        final List<String> lines = new ArrayList<>();
        final Loggers off = new Loggers(Level.OFF, new Collect(lines));
        try
        {
            callEveryMethod();
        }
        finally
        {
            off.close();
        }
        assertEquals(List.of(), lines);
    }

    @Test
    void shouldLogThePoolLifecycleAtDebugOnlyWhenEnabled()
    {
        final List<String> lines = new ArrayList<>();
        final Loggers info = new Loggers(Level.INFO, new Collect(lines));
        try
        {
            Lifecycle.poolStarted("pool-1-1", 4);
            assertEquals(List.of(), lines, "DEBUG is off");
        }
        finally
        {
            info.close();
        }
        final Loggers debug = new Loggers(Level.FINE, new Collect(lines));
        try
        {
            Lifecycle.poolStarted("pool-1-1", 4);
            Lifecycle.workerStarted("pool-1-1", 2, 4242);
            Lifecycle.poolClosed("pool-1-1");
        }
        finally
        {
            debug.close();
        }
        assertEquals(List.of("FINE pool started: pool=pool-1-1, workers=4",
            "FINE pool worker started: pool=pool-1-1, worker=2, pid=4242", "FINE pool closed: pool=pool-1-1"), lines);
    }

    private static void callEveryMethod()
    {
        Recoveries.lockRecovered("jobs-lock", "RLOCK", 4242, 1_700_000_000_123L, 77);
        Recoveries.lockRecovered("chat", "pipe-end-FIRST", 4243, 0, 77);
        Recoveries.lockRecovered("stats", Recoveries.COUNTERS_ALLOCATION_LOCK, 4244, 5, 77);
        Recoveries.tornRecordSkipped("jobs", "MANY_TO_ONE", 4245, 640, "padded");
        Recoveries.queueRepaired("jobs", "ONE_TO_ONE", "producer", 4246, 1_700_000_000_456L, "producer lease taken over");
        Recoveries.queueCorrupted("jobs", "queue record length invalid: name=jobs", 64, -7);
        Recoveries.workerDied("pool-1-1", 1, 4247, -9, 3, "its task failed");
        Recoveries.workerReplaced("pool-1-1", 1, 4247, 4248);
        Recoveries.orphanRegionsRemoved("/dev/shm/x", 4249, 1_700_000_000_789L, List.of("pool-1-1-slots"));
        Lifecycle.regionCreated("a", "LONG", "/d");
        Lifecycle.regionOpened("a", "LONG", "/d");
        Lifecycle.regionUnlinked("a", "/d");
        Lifecycle.poolStarted("pool-1-1", 2);
        Lifecycle.workerStarted("pool-1-1", 0, 4250);
        Lifecycle.poolClosed("pool-1-1");
    }

    /** Collects "LEVEL message" lines. */
    private static final class Collect extends Handler
    {
        private final List<String> lines;

        Collect(final List<String> lines)
        {
            this.lines = lines;
        }

        @Override
        public void publish(final LogRecord record)
        {
            lines.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush()
        {
        }

        @Override
        public void close()
        {
        }
    }

    /** Every facade logger at one level with one handler (and not its parents'), restored on close. */
    private static final class Loggers implements AutoCloseable
    {
        private final List<Logger> loggers = new ArrayList<>();
        private final List<Level> levels = new ArrayList<>();
        private final List<Boolean> parents = new ArrayList<>();
        private final Handler handler;

        Loggers(final Level level, final Handler handler)
        {
            this.handler = handler;
            for (final String name : LOGGERS)
            {
                final Logger logger = Logger.getLogger(name); // held here: JUL keeps loggers weakly
                loggers.add(logger);
                levels.add(logger.getLevel());
                parents.add(logger.getUseParentHandlers());
                logger.setLevel(level);
                logger.setUseParentHandlers(false);
                logger.addHandler(handler);
            }
        }

        @Override
        public void close()
        {
            for (int i = 0; i < loggers.size(); i++)
            {
                loggers.get(i).removeHandler(handler);
                loggers.get(i).setLevel(levels.get(i));
                loggers.get(i).setUseParentHandlers(parents.get(i));
            }
        }
    }
}

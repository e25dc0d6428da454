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

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * For tests: a JFR recording of mmipc's events, and the log lines of mmipc's loggers (the default
 * {@code System.Logger} backend is {@code java.util.logging}: a handler on the JUL logger of the same name sees them).
 */
public final class RecordedEvents implements AutoCloseable
{
    private final Recording recording = new Recording();
    private final Path dump;
    private final List<Logger> loggers = new CopyOnWriteArrayList<>();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler()
    {
        @Override
        public void publish(final LogRecord record)
        {
            records.add(record);
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
    private List<RecordedEvent> events;

    /**
     * Start recording the named events and capturing the named loggers.
     *
     * @param scratch     directory for the recording's file.
     * @param eventNames  JFR event names to enable, e.g. {@code dev.mmipc.LockRecovered}.
     * @param loggerNames logger names to capture, e.g. {@code dev.mmipc.sync}.
     */
    public RecordedEvents(final Path scratch, final List<String> eventNames, final List<String> loggerNames)
    {
        try
        {
            dump = Files.createTempFile(scratch, "events-", ".jfr");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        for (final String name : eventNames)
        {
            recording.enable(name);
        }
        for (final String name : loggerNames)
        {
            final Logger logger = Logger.getLogger(name); // held here: JUL keeps loggers weakly
            logger.addHandler(handler);
            loggers.add(logger);
        }
        recording.start();
    }

    /**
     * Stop recording (once) and read what was recorded.
     *
     * @param eventName a JFR event name.
     * @return the events of that name, in commit order.
     */
    public List<RecordedEvent> events(final String eventName)
    {
        if (events == null)
        {
            try
            {
                recording.stop();
                recording.dump(dump);
                events = RecordingFile.readAllEvents(dump);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        return events.stream().filter(e -> e.getEventType().getName().equals(eventName)).collect(Collectors.toList());
    }

    /**
     * @param loggerName a captured logger's name.
     * @param level      the level the lines were logged at (JUL's: WARNING is WARNING, DEBUG is FINE).
     * @return the messages logged there at that level, in order.
     */
    public List<String> lines(final String loggerName, final Level level)
    {
        return records.stream()
            .filter(r -> loggerName.equals(r.getLoggerName()) && r.getLevel().equals(level))
            .map(LogRecord::getMessage)
            .collect(Collectors.toList());
    }

    @Override
    public void close()
    {
        for (final Logger logger : loggers)
        {
            logger.removeHandler(handler);
        }
        recording.close();
    }
}

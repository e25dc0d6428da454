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

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Supplier;

/**
 * One static method per kind of recovery: each logs one {@code WARNING} line, {@code what: key=value, ...}, through
 * {@code System.getLogger("dev.mmipc.AREA")}, and commits the matching JFR event (category {@code mmipc}).
 * <p>
 * Called only where a recovery happens, never on a path without one. When the logger's level is off and no JFR
 * recording enables the event, a call costs an {@code isLoggable} and a {@code shouldCommit()} check: no field is
 * filled and no text is built (the event object itself is left to escape analysis, as JFR's own events are). No
 * method throws: a broken log handler must not undo the recovery it reports.
 *
 * <table>
 * <caption>loggers and events</caption>
 * <tr><th>method</th><th>logger</th><th>JFR event</th></tr>
 * <tr><td>{@link #lockRecovered}</td><td>{@code dev.mmipc.sync}, {@code dev.mmipc.pipe} (pipe ends),
 * {@code dev.mmipc.counters} (allocation lock)</td><td>{@code dev.mmipc.LockRecovered}</td></tr>
 * <tr><td>{@link #tornRecordSkipped}</td><td>{@code dev.mmipc.queue}</td><td>{@code dev.mmipc.TornRecordSkipped}</td></tr>
 * <tr><td>{@link #queueRepaired}</td><td>{@code dev.mmipc.queue}</td><td>{@code dev.mmipc.QueueRepaired}</td></tr>
 * <tr><td>{@link #queueCorrupted}</td><td>{@code dev.mmipc.queue}</td><td>{@code dev.mmipc.QueueCorrupted}</td></tr>
 * <tr><td>{@link #workerDied}</td><td>{@code dev.mmipc.process}</td><td>{@code dev.mmipc.WorkerDied}</td></tr>
 * <tr><td>{@link #workerReplaced}</td><td>{@code dev.mmipc.process}</td><td>{@code dev.mmipc.WorkerReplaced}</td></tr>
 * <tr><td>{@link #orphanRegionsRemoved}</td><td>{@code dev.mmipc.process}</td>
 * <td>{@code dev.mmipc.OrphanRegionsRemoved}</td></tr>
 * </table>
 */
public final class Recoveries
{
    /** Logger of the sync primitives' recoveries. */
    public static final String SYNC_LOGGER = "dev.mmipc.sync";
    /** Logger of the pipe ends' recoveries. */
    public static final String PIPE_LOGGER = "dev.mmipc.pipe";
    /** Logger of the counters allocation lock's recoveries. */
    public static final String COUNTERS_LOGGER = "dev.mmipc.counters";
    /** Logger of the queues' recoveries. */
    public static final String QUEUE_LOGGER = "dev.mmipc.queue";
    /** Logger of the processes' and the pool's recoveries. */
    public static final String PROCESS_LOGGER = "dev.mmipc.process";

    /** The {@code lock} of a counters region's allocation lock. */
    public static final String COUNTERS_ALLOCATION_LOCK = "counters-allocation";
    /** Prefix of the {@code lock} of a pipe end ({@code pipe-end-FIRST}, {@code pipe-end-SECOND}). */
    public static final String PIPE_END_LOCK = "pipe-end-";

    private Recoveries()
    {
    }

    /**
     * A lock (owner word) was taken over from an owner that died holding it.
     *
     * @param region      the region holding the lock.
     * @param lock        what the owner word guards: a sync type name ({@code LOCK}, {@code RLOCK} ...),
     *                    {@code pipe-end-FIRST}/{@code -SECOND}, {@value #COUNTERS_ALLOCATION_LOCK}; chooses the logger.
     * @param deadPid     the dead owner's pid.
     * @param deadStartMs its start time (epoch ms), 0 when it died before recording it.
     * @param newPid      the pid that took the lock over.
     */
    public static void lockRecovered(
        final String region, final String lock, final long deadPid, final long deadStartMs, final long newPid)
    {
        report(() ->
        {
            final LockRecoveredEvent event = new LockRecoveredEvent();
            if (event.shouldCommit())
            {
                event.region = region;
                event.lock = lock;
                event.deadPid = deadPid;
                event.deadStartTime = deadStartMs;
                event.newPid = newPid;
                event.action = "taken over";
                event.commit();
            }
        }, lockLogger(lock), () -> "lock recovered from dead owner: region=" + region + ", lock=" + lock +
            ", dead_pid=" + deadPid + ", dead_start_ms=" + deadStartMs + ", new_pid=" + newPid +
            ", action=taken over");
    }

    /**
     * A record or slot that a dead process claimed and never finished was skipped.
     *
     * @param region   the queue.
     * @param mode     its mode.
     * @param deadPid  the pid the record names, 0 when it names none.
     * @param position its position.
     * @param action   what was done, e.g. {@code padded}, {@code slot freed}.
     */
    public static void tornRecordSkipped(
        final String region, final String mode, final long deadPid, final long position, final String action)
    {
        report(() ->
        {
            final TornRecordSkippedEvent event = new TornRecordSkippedEvent();
            if (event.shouldCommit())
            {
                event.region = region;
                event.mode = mode;
                event.deadPid = deadPid;
                event.position = position;
                event.action = action;
                event.commit();
            }
        }, QUEUE_LOGGER, () -> "torn record skipped: region=" + region + ", mode=" + mode + ", dead_pid=" +
            deadPid + ", position=" + position + ", action=" + action);
    }

    /**
     * A queue role (lease) was taken over from a dead process.
     *
     * @param region      the queue.
     * @param mode        its mode.
     * @param role        {@code producer} or {@code consumer}.
     * @param deadPid     the dead holder's pid.
     * @param deadStartMs its start time (epoch ms).
     * @param action      what was done.
     */
    public static void queueRepaired(
        final String region, final String mode, final String role, final long deadPid, final long deadStartMs,
        final String action)
    {
        report(() ->
        {
            final QueueRepairedEvent event = new QueueRepairedEvent();
            if (event.shouldCommit())
            {
                event.region = region;
                event.mode = mode;
                event.role = role;
                event.deadPid = deadPid;
                event.deadStartTime = deadStartMs;
                event.action = action;
                event.commit();
            }
        }, QUEUE_LOGGER, () -> "queue repaired: region=" + region + ", mode=" + mode + ", role=" + role +
            ", dead_pid=" + deadPid + ", dead_start_ms=" + deadStartMs + ", action=" + action);
    }

    /**
     * A queue was found corrupt and marked so in its file (this process marked it).
     *
     * @param region   the queue.
     * @param what     which value was impossible.
     * @param position where.
     * @param value    the value found.
     */
    public static void queueCorrupted(final String region, final String what, final long position, final long value)
    {
        report(() ->
        {
            final QueueCorruptedEvent event = new QueueCorruptedEvent();
            if (event.shouldCommit())
            {
                event.region = region;
                event.what = what == null ? "unknown" : what;
                event.position = position;
                event.value = value;
                event.commit();
            }
        }, QUEUE_LOGGER, () -> "queue marked corrupt: region=" + region + ", position=" + position +
            ", value=" + value + ", action=every call now throws, recreate the queue, what=" + what);
    }

    /**
     * A pool worker died (not retired nor closed by the pool).
     *
     * @param pool     the pool's name.
     * @param worker   the worker's index.
     * @param pid      its pid.
     * @param exitCode its exit code, {@code Integer.MIN_VALUE} when unknown.
     * @param task     the task it was running and that fails, -1 for none.
     * @param action   what the pool does.
     */
    public static void workerDied(
        final String pool, final int worker, final long pid, final int exitCode, final long task, final String action)
    {
        report(() ->
        {
            final WorkerDiedEvent event = new WorkerDiedEvent();
            if (event.shouldCommit())
            {
                event.pool = pool;
                event.worker = worker;
                event.pid = pid;
                event.exitCode = exitCode;
                event.task = task;
                event.action = action;
                event.commit();
            }
        }, PROCESS_LOGGER, () -> "pool worker died: pool=" + pool + ", worker=" + worker + ", pid=" + pid +
            ", exit_code=" + exitCode + ", task=" + task + ", action=" + action);
    }

    /**
     * A pool started a worker in place of one that died.
     *
     * @param pool    the pool's name.
     * @param worker  the worker's index.
     * @param deadPid the pid of the worker that died.
     * @param newPid  the replacement's pid.
     */
    public static void workerReplaced(final String pool, final int worker, final long deadPid, final long newPid)
    {
        report(() ->
        {
            final WorkerReplacedEvent event = new WorkerReplacedEvent();
            if (event.shouldCommit())
            {
                event.pool = pool;
                event.worker = worker;
                event.deadPid = deadPid;
                event.newPid = newPid;
                event.commit();
            }
        }, PROCESS_LOGGER, () -> "pool worker replaced: pool=" + pool + ", worker=" + worker + ", dead_pid=" +
            deadPid + ", new_pid=" + newPid);
    }

    /**
     * A child whose parent died removed the regions the parent had made on its own.
     *
     * @param directory   the namespace directory.
     * @param deadPid     the parent's pid.
     * @param deadStartMs the parent's start time (epoch ms).
     * @param regions     the names this process removed (may be empty: another child was quicker).
     */
    public static void orphanRegionsRemoved(
        final String directory, final long deadPid, final long deadStartMs, final List<String> regions)
    {
        report(() ->
        {
            final OrphanRegionsRemovedEvent event = new OrphanRegionsRemovedEvent();
            if (event.shouldCommit())
            {
                event.directory = directory;
                event.deadPid = deadPid;
                event.deadStartTime = deadStartMs;
                event.count = regions.size();
                event.regions = String.join(",", regions);
                event.commit();
            }
        }, PROCESS_LOGGER, () -> "orphan regions removed: dir=" + directory + ", dead_pid=" + deadPid +
            ", dead_start_ms=" + deadStartMs + ", count=" + regions.size() + ", regions=" + regions);
    }

    static String lockLogger(final String lock)
    {
        if (lock != null && lock.startsWith(PIPE_END_LOCK))
        {
            return PIPE_LOGGER;
        }
        return COUNTERS_ALLOCATION_LOCK.equals(lock) ? COUNTERS_LOGGER : SYNC_LOGGER;
    }

    /**
     * Record one recovery: the JFR event ({@code jfr}, which fills and commits it when enabled) and a WARNING on
     * {@code loggerName} (the message built only when that level is loggable). Neither may undo the recovery: a
     * failure of either, or a JVM without JFR (LinkageError), is swallowed.
     */
    private static void report(final Runnable jfr, final String loggerName, final Supplier<String> message)
    {
        try
        {
            jfr.run();
            final Logger logger = System.getLogger(loggerName);
            if (logger.isLoggable(Level.WARNING))
            {
                logger.log(Level.WARNING, message.get());
            }
        }
        catch (final RuntimeException | LinkageError ex)
        {
            // reporting must never undo the recovery
        }
    }
}

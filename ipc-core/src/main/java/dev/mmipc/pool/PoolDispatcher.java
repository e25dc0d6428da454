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
package dev.mmipc.pool;

import dev.mmipc.Namespace;
import dev.mmipc.codec.SerializableCodec;
import dev.mmipc.events.Lifecycle;
import dev.mmipc.events.Recoveries;
import dev.mmipc.exceptions.RemoteTaskException;
import dev.mmipc.exceptions.WorkerDiedException;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.IdleStrategy;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.mmipc.pool.PoolMessageDescriptor.INIT_FAILED_ERROR_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.RESULT_COUNT_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.RESULT_ERROR_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.RESULT_TASK_ID_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.RESULT_VALUES_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.R_ERR;
import static dev.mmipc.pool.PoolMessageDescriptor.R_INIT_FAILED;
import static dev.mmipc.pool.PoolMessageDescriptor.R_OK;
import static dev.mmipc.pool.PoolMessageDescriptor.R_READY;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_VALUES_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TYPE_OFFSET;

/**
 * The one thread of a {@link ProcessPool} that talks to its workers: it takes the jobs callers submit, cuts them
 * into {@link WorkUnit}s, sends each to the worker with the fewest in hand (at most {@link PoolOptions#prefetch()}
 * ahead), drains every result queue into the jobs, handles worker deaths (results first, then the task in the
 * slot fails and the others go elsewhere, then a replacement starts), and at the end tears the pool down.
 * <p>
 * Threads: callers only {@link #submit}, {@link #shutdown()} and read the lifecycle state; a worker's exit is
 * queued by the thread that completes {@link Process#onExit()}; everything else, including every field without a
 * lock or {@code volatile}, belongs to the dispatcher thread. Each of those events unparks it.
 * <p>
 * Idle: with work in flight, the loop backs off through {@link #BUSY_WAIT} (a few spins, then yields, then parks
 * of up to {@value #BUSY_MAX_PARK_NS} ns); with nothing in flight, it parks for {@value #IDLE_PARK_NS} ns at most,
 * a bound on a missed wake-up only.
 */
final class PoolDispatcher
{
    /** Workers that die before they are ready, in a row, before the pool counts as broken. */
    static final int MAX_START_FAILURES = 3;

    /** Workers that die decoding one map's function before the map fails. */
    static final int MAX_FUNCTION_DEATHS = 2;

    /**
     * Empty loops the dispatcher spins before it yields: few, as in {@link PoolWorker}, because each loop polls
     * every worker's result queue, and spinning longer on a machine with fewer cores than busy threads only keeps
     * the workers off the CPU.
     */
    static final int BUSY_SPINS = 20;

    /** Yields after the spins, before the dispatcher parks. */
    static final int BUSY_YIELDS = 20;

    /** Longest park while work is in flight: bounds how late a result is seen once the loop has backed off. */
    static final long BUSY_MAX_PARK_NS = 100_000L;

    /** How the loop idles while tasks are out, or units wait for room in a worker's queue. */
    static final WaitStrategy BUSY_WAIT =
        WaitStrategy.backoff(BUSY_SPINS, BUSY_YIELDS, WaitStrategy.DEFAULT_MIN_PARK_NS, BUSY_MAX_PARK_NS);

    /** Park while nothing is in flight: submissions, deaths and shutdown unpark the loop sooner. */
    static final long IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(50);

    /** Results read from one worker's queue per loop, so that one busy worker cannot starve the others. */
    static final int RESULT_BATCH = 256;

    /** Bound on {@link #shutdownNow()} waiting for the teardown to collect the tasks that never started. */
    static final long SHUTDOWN_NOW_WAIT_NS = TimeUnit.SECONDS.toNanos(30);

    private static final int SCRATCH_INITIAL_BYTES = 4096;

    private final String name;
    private final PoolOptions options;
    private final ExecutorService callbacks;
    private final PoolRegions regions;
    private final WorkerLauncher launcher;
    private final WorkerState[] workers;
    private final Thread loop;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch drained = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<PoolJob> incoming = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<WorkerState> deaths = new ConcurrentLinkedQueue<>();
    private final Object submitLock = new Object();
    private volatile boolean shutdown;
    private volatile boolean stopNow;
    private volatile RuntimeException broken;
    private volatile long[] pids = new long[0];
    private volatile List<Runnable> neverStarted = List.of();

    // dispatcher thread only
    private final ArrayDeque<WorkUnit> ready = new ArrayDeque<>();
    private final ArrayDeque<MapJob> feeding = new ArrayDeque<>();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(SCRATCH_INITIAL_BYTES);
    private final WireFormat.Reader resultReader;
    private final MessageHandler resultHandler = this::onResult;
    private long nextTaskId;
    private int activeJobs;
    private int startFailures;
    private int outstandingTotal;
    private WorkerState polling;

    /**
     * Make the pool's regions and start every worker; {@link #start()} then starts the loop.
     *
     * @param name             the pool's name.
     * @param options          its options.
     * @param ns               where workers open their namespace.
     * @param regionsNs        where the pool's regions are made (marked internal to the pool).
     * @param reader           decodes results under the pool's allowlist.
     * @param initializerBytes the serialized initializer, empty for none.
     * @param callbacks        the callback executor, shut down at teardown.
     */
    PoolDispatcher(
        final String name, final PoolOptions options, final Namespace ns, final Namespace regionsNs,
        final SerializableCodec<Serializable> reader, final byte[] initializerBytes, final ExecutorService callbacks)
    {
        this.name = name;
        this.options = options;
        this.callbacks = callbacks;
        this.resultReader = new WireFormat.Reader(reader);
        this.workers = new WorkerState[options.workers()];
        this.regions = new PoolRegions(name, regionsNs, options.queueCapacityBytes(), workers.length);
        this.launcher = new WorkerLauncher(name, options, ns, regions, initializerBytes);
        launcher.startAll(workers, this::onExit);
        publishPids();
        Lifecycle.poolStarted(name, workers.length);
        this.loop = new Thread(this::run, name + "-dispatcher");
        this.loop.setDaemon(true);
    }

    void start()
    {
        loop.start();
    }

    // ---------------------------------------------------------------- caller threads

    /**
     * @param job a new job.
     * @throws RejectedExecutionException when the pool is shut down or broken.
     */
    void submit(final PoolJob job)
    {
        synchronized (submitLock)
        {
            final RuntimeException brokenBy = broken;
            if (brokenBy != null)
            {
                throw new RejectedExecutionException("pool broken: pool=" + name + ", cause=" + brokenBy, brokenBy);
            }
            if (shutdown)
            {
                throw new RejectedExecutionException("pool shut down: pool=" + name);
            }
            incoming.add(job);
        }
        LockSupport.unpark(loop);
    }

    void shutdown()
    {
        synchronized (submitLock)
        {
            shutdown = true;
        }
        LockSupport.unpark(loop);
    }

    /**
     * @return the never-started tasks submitted through {@link ExecutorService} methods, once the teardown has
     * collected them (or an empty list after {@link #SHUTDOWN_NOW_WAIT_NS}).
     */
    List<Runnable> shutdownNow()
    {
        synchronized (submitLock)
        {
            shutdown = true;
            stopNow = true;
        }
        LockSupport.unpark(loop);
        try
        {
            drained.await(SHUTDOWN_NOW_WAIT_NS, TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return neverStarted;
    }

    boolean isShutdown()
    {
        return shutdown;
    }

    boolean isTerminated()
    {
        return terminated.getCount() == 0;
    }

    boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return terminated.await(timeout, unit);
    }

    List<Long> workerPids()
    {
        final List<Long> list = new ArrayList<>();
        for (final long pid : pids)
        {
            list.add(pid);
        }
        return list;
    }

    int workerCount()
    {
        return workers.length;
    }

    // ---------------------------------------------------------------- the loop

    private void run()
    {
        final IdleStrategy idle = BUSY_WAIT.newIdleStrategy();
        try
        {
            while (true)
            {
                int work = acceptIncoming();
                work += handleDeaths();
                for (final WorkerState w : workers)
                {
                    // a ready worker with no task in hand has nothing to send: its queue is not polled, which
                    // spares the cache lines that worker writes when it does send
                    if (w != null && !w.dead && (!w.ready || !w.outstanding.isEmpty()))
                    {
                        work += pollResults(w, RESULT_BATCH);
                    }
                }
                work += dispatch();
                if (stopNow || broken != null)
                {
                    break;
                }
                if (shutdown && activeJobs == 0 && incoming.isEmpty())
                {
                    break;
                }
                if (work > 0)
                {
                    idle.reset();
                }
                else if (outstandingTotal > 0 || !ready.isEmpty() || !feeding.isEmpty())
                {
                    idle.idle();
                }
                else
                {
                    LockSupport.parkNanos(this, IDLE_PARK_NS);
                }
            }
        }
        catch (final Throwable ex)
        {
            broken = new IllegalStateException("pool dispatcher failed: pool=" + name + ", error=" + ex, ex);
        }
        teardown();
    }

    private int acceptIncoming()
    {
        int count = 0;
        PoolJob job;
        while ((job = incoming.poll()) != null)
        {
            count++;
            activeJobs++;
            if (job instanceof SingleJob)
            {
                final SingleJob single = (SingleJob)job;
                ready.addLast(new WorkUnit(nextTaskId++, single, 0, 1, single.message));
            }
            else
            {
                feeding.addLast((MapJob)job);
            }
        }
        return count;
    }

    // ---------------------------------------------------------------- sending

    private int dispatch()
    {
        int sent = 0;
        while (true)
        {
            WorkUnit unit = ready.peekFirst();
            if (unit == null)
            {
                unit = pullFromFeeding();
                if (unit == null)
                {
                    break;
                }
                ready.addFirst(unit);
            }
            if (unit.job.isDone())
            {
                ready.pollFirst();
                finished(unit.job);
                continue;
            }
            final WorkerState w = pickWorker();
            if (w == null || !send(w, unit))
            {
                break;
            }
            ready.pollFirst();
            sent++;
        }
        return sent;
    }

    private WorkUnit pullFromFeeding()
    {
        while (!feeding.isEmpty())
        {
            final MapJob job = feeding.peekFirst();
            if (job.isDone())
            {
                feeding.pollFirst();
                finished(job);
                continue;
            }
            try
            {
                int at = TASK_VALUES_OFFSET;
                int count = 0;
                while (count < job.chunkSize && job.source.hasNext())
                {
                    at += WireFormat.putValue(scratch, at, job.source.next());
                    count++;
                }
                final int chunk = count > 0 ? job.newChunk() : -1;
                feeding.pollFirst();
                if (!job.source.hasNext())
                {
                    job.sourceDone();
                }
                else
                {
                    feeding.addLast(job); // round robin between feeding jobs
                }
                if (count == 0)
                {
                    if (job.isComplete())
                    {
                        finished(job);
                    }
                    continue;
                }
                PoolMessages.putTaskHeader(scratch, job.fnId, job.call, count);
                return new WorkUnit(nextTaskId++, job, chunk, count, copy(scratch, at));
            }
            catch (final RuntimeException ex)
            {
                feeding.remove(job);
                job.fail(ex);
                finished(job);
            }
        }
        return null;
    }

    private WorkerState pickWorker()
    {
        WorkerState best = null;
        for (final WorkerState w : workers)
        {
            if (w != null && !w.dead && !w.retiring && !w.full && w.outstanding.size() < options.prefetch() &&
                (best == null || w.outstanding.size() < best.outstanding.size()))
            {
                best = w;
            }
        }
        return best;
    }

    private boolean send(final WorkerState w, final WorkUnit unit)
    {
        final MessageQueue tasks = w.channel.tasks();
        final int length = unit.message.length;
        if (length > tasks.maxMessageLength())
        {
            fail(unit, new IllegalArgumentException("task too large for the task queue: queue=" + tasks.name() +
                ", length=" + length + ", max=" + tasks.maxMessageLength() + ", fix=PoolOptions.withQueueCapacityBytes"));
            return true;
        }
        if (unit.job instanceof MapJob)
        {
            final MapJob job = (MapJob)unit.job;
            if (!w.fns.contains(job.fnId))
            {
                final int fnLength = PoolMessageDescriptor.functionLength(job.fnBytes.length);
                if (fnLength > tasks.maxMessageLength())
                {
                    fail(unit, new IllegalArgumentException("function too large for the task queue: queue=" +
                        tasks.name() + ", length=" + fnLength + ", max=" + tasks.maxMessageLength() +
                        ", fix=PoolOptions.withQueueCapacityBytes"));
                    return true;
                }
                final int index = tasks.tryClaim(fnLength);
                if (index < 0)
                {
                    w.full = true;
                    return false;
                }
                PoolMessages.putFunction(tasks.buffer(), index, job.fnId, job.fnBytes);
                tasks.commit(index);
                w.fns.add(job.fnId);
                job.workersWithFn.add(w);
            }
        }
        final int index = tasks.tryClaim(length);
        if (index < 0)
        {
            w.full = true;
            return false;
        }
        final MutableDirectBuffer buffer = tasks.buffer();
        buffer.putBytes(index, unit.message);
        PoolMessages.putTaskId(buffer, index, unit.taskId);
        tasks.commit(index);
        w.outstanding.addLast(unit);
        outstandingTotal++;
        w.tasksSent++;
        if (options.maxTasksPerChild() > 0 && w.tasksSent >= options.maxTasksPerChild())
        {
            // end of stream: the worker runs what it was sent, then exits; its replacement starts on its exit
            w.retiring = true;
            w.channel.tasks().markClosed();
        }
        return true;
    }

    // ---------------------------------------------------------------- results

    private int pollResults(final WorkerState w, final int limit)
    {
        polling = w;
        final int read = w.channel.results().drain(resultHandler, limit);
        if (read > 0)
        {
            w.full = false;
        }
        return read;
    }

    private void onResult(final DirectBuffer buffer, final int offset, final int length)
    {
        final WorkerState w = polling;
        final int type = buffer.getInt(offset + TYPE_OFFSET);
        switch (type)
        {
            case R_READY:
                w.ready = true;
                startFailures = 0;
                return;
            case R_INIT_FAILED:
            {
                final RemoteTaskException ex =
                    resultReader.wrap(buffer, offset + INIT_FAILED_ERROR_OFFSET).getThrowable(name, w.process.pid());
                broken = new RemoteTaskException(
                    "pool initializer failed: pool=" + name + ", pid=" + w.process.pid() + ", exception=" +
                    ex.remoteClassName() + ", message=" + ex.remoteMessage(), ex.remoteClassName(),
                    ex.remoteMessage(), w.process.pid(), ex.getStackTrace(), ex);
                return;
            }
            case R_OK:
            case R_ERR:
                break;
            default:
                throw new IllegalStateException("pool result unknown: queue=" + w.channel.results().name() +
                    ", type=" + PoolMessageDescriptor.typeName(type));
        }
        final long taskId = buffer.getLong(offset + RESULT_TASK_ID_OFFSET);
        final int count = buffer.getInt(offset + RESULT_COUNT_OFFSET);
        final WorkUnit unit = w.outstanding.pollFirst();
        if (unit == null || unit.taskId != taskId)
        {
            throw new IllegalStateException("pool result out of order: queue=" + w.channel.results().name() +
                ", task=" + taskId + ", expected=" + (unit == null ? "none" : Long.toString(unit.taskId)));
        }
        outstandingTotal--;
        if (type == R_ERR)
        {
            fail(unit, resultReader.wrap(buffer, offset + RESULT_ERROR_OFFSET).getThrowable(name, w.process.pid()));
            return;
        }
        if (unit.job.isDone())
        {
            finished(unit.job);
            return;
        }
        final WireFormat.Reader in = resultReader.wrap(buffer, offset + RESULT_VALUES_OFFSET);
        try
        {
            if (unit.job instanceof SingleJob)
            {
                ((SingleJob)unit.job).future.complete(in.getValue());
            }
            else
            {
                final List<Object> values = new ArrayList<>(count);
                for (int i = 0; i < count; i++)
                {
                    values.add(in.getValue());
                }
                ((MapJob)unit.job).onChunk(unit.chunk, values);
            }
        }
        catch (final RuntimeException ex)
        {
            unit.job.fail(ex);
        }
        if (unit.job.isDone() || unit.job.isComplete())
        {
            finished(unit.job);
        }
    }

    private void fail(final WorkUnit unit, final Throwable failure)
    {
        unit.job.fail(failure);
        finished(unit.job);
    }

    private void finished(final PoolJob job)
    {
        if (job.counted)
        {
            return;
        }
        job.counted = true;
        activeJobs--;
        if (job instanceof MapJob)
        {
            final MapJob map = (MapJob)job;
            feeding.remove(map);
            for (final WorkerState w : map.workersWithFn)
            {
                if (!w.dead && w.fns.remove(map.fnId) && !w.retiring)
                {
                    final int length = PoolMessages.putDrop(scratch, 0, map.fnId);
                    w.channel.tasks().offer(scratch, 0, length); // best effort: a full queue keeps it
                }
            }
        }
    }

    // ---------------------------------------------------------------- deaths

    private int handleDeaths()
    {
        int count = 0;
        WorkerState w;
        while ((w = deaths.poll()) != null)
        {
            count++;
            onDeath(w);
        }
        return count;
    }

    private void onDeath(final WorkerState w)
    {
        if (w.dead)
        {
            return;
        }
        while (pollResults(w, Integer.MAX_VALUE) > 0)
        {
            // every result the worker committed before it died
        }
        w.dead = true;
        final long pid = w.process.pid();
        final int exit = w.process.exitCode().orElse(Integer.MIN_VALUE);
        final long slot = w.channel.currentTask();
        final WorkUnit first = w.outstanding.peekFirst();
        boolean taskFault = false;
        if (first != null && slot != WorkerChannel.NO_TASK &&
            (slot & ~WorkerChannel.DECODING_FUNCTION) == first.taskId)
        {
            taskFault = true;
            final boolean decoding = (slot & WorkerChannel.DECODING_FUNCTION) != 0;
            final int fnDeaths = decoding && first.job instanceof MapJob ? ++((MapJob)first.job).functionDeaths : 0;
            if (!decoding || fnDeaths >= MAX_FUNCTION_DEATHS)
            {
                w.outstanding.pollFirst();
                outstandingTotal--;
                fail(first, new WorkerDiedException((decoding ? "worker died decoding the function: " : "worker died: ") +
                    "pool=" + name + ", worker=" + w.index + ", pid=" + pid + ", exit_code=" + exit + ", task=" +
                    first.taskId + (decoding ? ", deaths=" + fnDeaths : ""), pid, exit));
            }
            // else: it died decoding the map's function, before the chunk's first item; the chunk is sent again
            // below with the tasks the worker never started, and a second such death fails the map
        }
        if (!w.retiring && !stopNow) // a death, not an exit the pool asked for; failed: its task left outstanding
        {
            final boolean failed = first != null && w.outstanding.peekFirst() != first;
            Recoveries.workerDied(name, w.index, pid, exit, failed ? first.taskId : -1, failed ?
                "its task failed (WorkerDiedException), the tasks it had not started sent again" :
                "the tasks it had not started sent again");
        }
        final Iterator<WorkUnit> back = w.outstanding.descendingIterator();
        while (back.hasNext())
        {
            ready.addFirst(back.next());
            outstandingTotal--;
        }
        w.outstanding.clear();
        regions.releaseChannel(w.channel);
        if (stopNow || broken != null || (shutdown && activeJobs == 0))
        {
            return;
        }
        if (!w.ready && !taskFault && !w.retiring)
        {
            if (++startFailures >= MAX_START_FAILURES)
            {
                broken = new WorkerDiedException("worker died before ready: pool=" + name + ", worker=" + w.index +
                    ", pid=" + pid + ", exit_code=" + exit + ", failures=" + startFailures, pid, exit);
                return;
            }
        }
        workers[w.index] = launcher.start(w.index, w.generation + 1, this::onExit);
        publishPids();
        if (!w.retiring)
        {
            Recoveries.workerReplaced(name, w.index, pid, workers[w.index].process.pid());
        }
    }

    /**
     * A worker's process exited: queued for the loop, on the thread that saw it.
     */
    private void onExit(final WorkerState w)
    {
        deaths.add(w);
        LockSupport.unpark(loop);
    }

    private void publishPids()
    {
        final long[] snapshot = new long[workers.length];
        for (int i = 0; i < workers.length; i++)
        {
            snapshot[i] = workers[i] == null ? 0 : workers[i].process.pid();
        }
        pids = snapshot;
    }

    private static byte[] copy(final DirectBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    // ---------------------------------------------------------------- teardown

    private void teardown()
    {
        // stop the workers: gracefully when the work is done, at once otherwise
        launcher.stopAll(workers, !stopNow && broken == null);
        // fail what is left, and collect the never-started ExecutorService tasks
        final RuntimeException cause = broken;
        final List<Runnable> never = new ArrayList<>();
        final List<PoolJob> left = new ArrayList<>();
        PoolJob job;
        while ((job = incoming.poll()) != null)
        {
            left.add(job);
        }
        for (final WorkUnit unit : ready)
        {
            left.add(unit.job);
        }
        left.addAll(feeding);
        for (final WorkerState w : workers)
        {
            if (w != null)
            {
                for (final WorkUnit unit : w.outstanding)
                {
                    left.add(unit.job);
                }
                if (!w.dead)
                {
                    w.dead = true;
                    regions.releaseChannel(w.channel);
                }
            }
        }
        for (final PoolJob j : left)
        {
            if (j instanceof SingleJob && !j.isDone())
            {
                final Runnable task = ((SingleJob)j).asRunnable();
                if (task != null)
                {
                    never.add(task);
                }
            }
            final CancellationException cancelled = new CancellationException("pool terminated: pool=" + name);
            if (cause != null)
            {
                cancelled.initCause(cause);
            }
            j.fail(cause != null ? cause : cancelled);
        }
        regions.releaseSlots();
        neverStarted = List.copyOf(never);
        drained.countDown();
        callbacks.shutdown();
        Lifecycle.poolClosed(name);
        terminated.countDown();
    }
}

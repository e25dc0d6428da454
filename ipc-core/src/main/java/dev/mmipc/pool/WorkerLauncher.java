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
import dev.mmipc.events.Lifecycle;
import dev.mmipc.process.JvmProcess;
import dev.mmipc.queue.MessageQueue;
import org.agrona.ExpandableArrayBuffer;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts and stops the worker JVMs of one pool: for each generation of each worker index, a fresh
 * {@link WorkerChannel} whose task queue already holds the T_INIT message, then a daemon {@link JvmProcess}
 * running {@link PoolWorker} on it; at teardown, the end of every task stream or a kill, and a bounded wait for
 * each exit. Dispatcher thread (and the pool's constructor) only.
 */
final class WorkerLauncher
{
    /** Bound on a graceful worker stop at teardown, then on its kill. */
    static final long GRACEFUL_STOP_NS = TimeUnit.SECONDS.toNanos(10);

    private final String pool;
    private final PoolOptions options;
    private final Namespace ns;
    private final PoolRegions regions;
    private final String allowJoined;
    private final byte[] initializerBytes;

    /**
     * @param pool             the pool's name.
     * @param options          its options (JVM arguments, output, allowlist).
     * @param ns               the namespace workers open.
     * @param regions          where channels are made.
     * @param initializerBytes the serialized initializer, empty for none.
     */
    WorkerLauncher(
        final String pool, final PoolOptions options, final Namespace ns, final PoolRegions regions,
        final byte[] initializerBytes)
    {
        this.pool = pool;
        this.options = options;
        this.ns = ns;
        this.regions = regions;
        this.allowJoined = String.join(",", options.allow());
        this.initializerBytes = initializerBytes;
    }

    /**
     * Start every worker of a new pool, generation 0; if one fails to start, kill those started and release their
     * channels and the slots.
     *
     * @param workers filled with the started workers.
     * @param onExit  called with a worker once its process has exited, on the thread that sees the exit.
     */
    void startAll(final WorkerState[] workers, final Consumer<WorkerState> onExit)
    {
        try
        {
            for (int i = 0; i < workers.length; i++)
            {
                workers[i] = start(i, 0, onExit);
            }
        }
        catch (final RuntimeException ex)
        {
            for (final WorkerState w : workers)
            {
                if (w != null)
                {
                    w.process.kill();
                    regions.releaseChannel(w.channel);
                }
            }
            regions.releaseSlots();
            throw ex;
        }
    }

    /**
     * @param index      the worker index.
     * @param generation how many workers had this index before.
     * @param onExit     called with the worker once its process has exited, on the thread that sees the exit.
     * @return the started worker.
     * @throws IllegalArgumentException when the initializer does not fit the task queue.
     * @throws IllegalStateException    when the JVM cannot be started, or this JVM is exiting.
     */
    WorkerState start(final int index, final int generation, final Consumer<WorkerState> onExit)
    {
        final String channelName = pool + "-w" + index + "-g" + generation;
        final WorkerChannel channel = regions.createChannel(channelName, index);
        final WorkerState w = new WorkerState(index, generation, channel);
        try
        {
            final MessageQueue tasks = channel.tasks();
            final int length = PoolMessageDescriptor.initLength(initializerBytes.length);
            if (length > tasks.maxMessageLength())
            {
                throw new IllegalArgumentException("initializer too large for the task queue: pool=" + pool +
                    ", length=" + length + ", max=" + tasks.maxMessageLength() +
                    ", fix=PoolOptions.withQueueCapacityBytes");
            }
            final ExpandableArrayBuffer init = new ExpandableArrayBuffer(length);
            tasks.offer(init, 0, PoolMessages.putInit(init, initializerBytes)); // the queue is empty
            w.process = JvmProcess.ofMain(
                PoolWorker.class, channelName, regions.slots().name(), Integer.toString(index), allowJoined)
                .name(channelName)
                .daemon(true)
                .namespace(ns)
                .jvmArgs(options.jvmArgs().toArray(new String[0]))
                .redirectOutput(options.workerOutput())
                .redirectError(options.workerOutput())
                .start();
        }
        catch (final RuntimeException ex)
        {
            regions.releaseChannel(channel);
            throw ex;
        }
        Lifecycle.workerStarted(pool, index, w.process.pid());
        w.process.onExit().thenRun(() -> onExit.accept(w));
        return w;
    }

    /**
     * Stop the workers: gracefully (end of stream) when the work is done, at once otherwise; then wait for each,
     * killing what has not exited within {@link #GRACEFUL_STOP_NS}.
     *
     * @param workers  the pool's workers (null entries and dead ones are skipped, dead ones still joined).
     * @param graceful true to let a worker with nothing in hand exit on its own.
     */
    void stopAll(final WorkerState[] workers, final boolean graceful)
    {
        for (final WorkerState w : workers)
        {
            if (w != null && !w.dead)
            {
                if (graceful && w.outstanding.isEmpty())
                {
                    w.channel.tasks().markClosed(); // end of stream: the worker exits once it sees it
                    continue;
                }
                w.process.kill();
            }
        }
        final long deadline = System.nanoTime() + GRACEFUL_STOP_NS;
        for (final WorkerState w : workers)
        {
            if (w == null)
            {
                continue;
            }
            try
            {
                if (!w.process.join(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))
                {
                    w.process.kill();
                    w.process.join(GRACEFUL_STOP_NS, TimeUnit.NANOSECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                w.process.kill();
            }
        }
    }
}

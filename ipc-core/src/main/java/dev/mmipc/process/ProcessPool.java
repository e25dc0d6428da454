/*
 * Copyright © 2026 the mmipc authors (${email})
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
package dev.mmipc.process;

import dev.mmipc.Namespace;
import dev.mmipc.RemoteTaskException;
import dev.mmipc.WorkerDiedException;
import dev.mmipc.codec.RefusedClassException;
import dev.mmipc.codec.SerializableCodec;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.region.RegionOwner;
import dev.mmipc.region.RegionOwnerType;
import dev.mmipc.shared.SharedLongArray;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import static dev.mmipc.process.WorkerChannel.BODY_OFFSET;

/**
 * A pool of worker JVMs, as Python's {@code multiprocessing.Pool}, that is also an {@link ExecutorService};
 * tasks and results travel through mmipc shared-memory queues, and a worker that dies never hangs the pool.
 * <pre>{@code
 * try (ProcessPool pool = ProcessPool.create(PoolOptions.defaults().withWorkers(4)))
 * {
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));           // [1, 4, 9]
 *     CompletableFuture<String> f = pool.applyAsync(s -> s.toUpperCase(), "hi");
 *     for (Iterator<Integer> it = pool.imapUnordered(x -> x + 1, range, 64); it.hasNext(); ) { ... }
 * }
 * }</pre>
 * <b>Transport.</b> Tasks and results travel through mmipc {@link MessageQueue}s. Each worker JVM (each
 * generation of each worker index) has two {@link dev.mmipc.queue.QueueMode#ONE_TO_ONE} queues of its own,
 * {@code POOL-wI-gG-tasks} (the pool to the worker) and {@code POOL-wI-gG-results} (back), each with exactly
 * one producer process and one consumer process, and a slot in the pool's {@code POOL-slots} array where it
 * publishes the id of the task it runs (see {@code WorkerChannel}). One thread of the pool (the dispatcher)
 * sends each task, or each chunk of {@code map} items, to the worker with the fewest tasks in hand, at most
 * {@link PoolOptions#prefetch()} ahead, and drains every result queue. A worker's stop is the end of its task
 * stream ({@link MessageQueue#markClosed()}): it finishes what it was sent, then exits. Functions and task
 * objects are serialized with {@link SerializableCodec} (a {@code map}'s function once per worker); arguments
 * and results of simple types travel in a compact form (see {@link PoolOptions} for the allowlist).
 * <p>
 * Why a result queue per worker, and not one {@link dev.mmipc.queue.QueueMode#MANY_TO_ONE} queue shared by all
 * workers: in a shared queue a worker killed between claim and commit holds up every other worker's results
 * until the queue's unblock timeout has passed and the OS has confirmed the death (a second by default), and
 * the dead worker's committed results may still sit behind another worker's claim when the pool handles the
 * death, so the pool could no longer read all of them before it fails the task in the worker's slot and sends
 * the others elsewhere (tasks would run twice, or fail though they finished). With one producer per queue, a
 * killed worker blocks nobody, its queue is drained to the end the moment its exit is seen, and then unlinked.
 * Polling one queue per worker costs the dispatcher a few loads per worker per loop, nothing measurable at the
 * worker counts a machine has cores for.
 * <p>
 * <b>Failures.</b> A task's exception reaches the caller as {@link RemoteTaskException}, carrying the remote
 * class name, message and stack trace (wrapped in {@link ExecutionException} by futures). When a worker
 * process exits while it holds tasks (killed, {@code System.exit}, out of memory: workers run with
 * {@code -XX:+ExitOnOutOfMemoryError}), the dispatcher, told by {@link Process#onExit()}, first reads every
 * result the worker committed, then fails the task named in its slot with {@link WorkerDiedException}
 * (pid and exit code, negative for a signal), sends the tasks the worker never started to other workers,
 * unlinks its region and starts a replacement. No task runs twice: the task in the slot had started and fails,
 * the others had not. The task in the slot fails wherever the worker was in it: decoding the task or its
 * argument, running it, encoding its result, or copying a large result into the result queue; a result the
 * worker had committed before it died is delivered, one it had not is lost with the task, never delivered in
 * part. A {@code map}'s function travels once per worker and is decoded when the first chunk that uses it
 * starts: a worker that dies decoding it has run no item of that chunk, so the chunk is sent again (a worker
 * killed there from outside costs the map nothing); when a second worker dies decoding the same function, the
 * map fails with {@link WorkerDiedException} ({@code worker died decoding the function: ..., deaths=2}). A
 * function whose decoding ends the JVM therefore costs two deaths, plus at most one for each other worker that
 * had already been sent a chunk of it, and never makes the pool restart workers in a loop. If workers die before
 * they are ready three times in a row, or the initializer throws, the pool is broken: every pending task fails
 * and new ones are refused.
 * <p>
 * <b>Bounds.</b> The dispatcher learns of a death from {@link Process#onExit()} as soon as the OS reports it
 * (no polling interval, no timeout), and within milliseconds fails the task the worker held and sends the tasks
 * it never started again, like new tasks: to the worker with the fewest in hand, the replacement included, which
 * takes them once its JVM is up. The other workers never wait for the death to be handled. So the held task
 * fails within milliseconds of the death, and the rest finish, at worst, about one JVM start after it: some
 * 100 ms on an idle machine, seconds on an overloaded one.
 * <p>
 * <b>Lifecycle.</b> {@link #shutdown()} refuses new tasks and lets queued ones finish; {@link #shutdownNow()}
 * (Python's {@code terminate}) kills the workers and cancels what is pending; {@link #close()} shuts down,
 * waits up to {@link PoolOptions#closeTimeout()}, then terminates. Once terminated, no worker process and no
 * region of the pool remain. Workers are daemon children: they exit if this JVM dies, even by {@code kill -9}.
 * <p>
 * <b>Nothing left behind.</b> The pool's regions are marked internal to it (owner
 * {@link RegionOwnerType#POOL}, number N of {@code pool-PID-N}, this process as creator), so that
 * {@code mmipc ls} sums them up under the pool and {@code mmipc inspect} names it. They are removed however this
 * JVM ends. Terminated: by the pool. An uncaught exception in {@code main} (the pool's threads are daemons and
 * never hold the JVM up), {@code System.exit}, SIGTERM: by one shutdown hook ({@code ShutdownCleanup}) that
 * unlinks the names of every pool not terminated yet and stops them from making new ones; it never waits, so it
 * cannot hang the exit or deadlock with a {@link #close()} in another thread. {@code kill -9}: by the workers,
 * which see this JVM die within {@link JvmProcess#PARENT_POLL_MS} ms and remove every region of its pools before
 * they halt ({@code ParentWatch}). What a kill of every process leaves, {@code mmipc gc} removes on its first
 * pass.
 */
public final class ProcessPool implements ExecutorService, AutoCloseable
{
    private static final AtomicLong POOLS = new AtomicLong();
    private static final int MAX_START_FAILURES = 3;
    private static final int MAX_FUNCTION_DEATHS = 2;
    private static final int DISPATCHER_SPINS = 20;
    private static final long GRACEFUL_STOP_NS = TimeUnit.SECONDS.toNanos(10);

    private final String name;
    private final PoolOptions options;
    private final Namespace ns;
    private final Namespace regionsNs;
    private final ShutdownCleanup.Registration atExit;
    private final String allowJoined;
    private final SerializableCodec<Serializable> reader;
    private final byte[] initializerBytes;
    private final Worker[] workers;
    private final SharedLongArray slots;
    private final Thread loop;
    private final ExecutorService callbacks;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final CountDownLatch drained = new CountDownLatch(1);
    private final ConcurrentLinkedQueue<Job> incoming = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Worker> deaths = new ConcurrentLinkedQueue<>();
    private final Object submitLock = new Object();
    private final AtomicLong fnIds = new AtomicLong();
    private volatile boolean shutdown;
    private volatile boolean stopNow;
    private volatile RuntimeException broken;
    private volatile long[] pids = new long[0];
    private volatile List<Runnable> neverStarted = List.of();

    // the regions the shutdown hook removes if the JVM exits before the pool is terminated, guarded by regionsLock
    private final Object regionsLock = new Object();
    private final Set<WorkerChannel> liveChannels = new HashSet<>();
    private SharedLongArray liveSlots;
    private boolean exiting;

    // dispatcher thread only
    private final ArrayDeque<Unit> ready = new ArrayDeque<>();
    private final ArrayDeque<MapJob> feeding = new ArrayDeque<>();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private final WireFormat.Reader resultReader;
    private final MessageHandler resultHandler = this::onResult;
    private long nextTaskId;
    private int activeJobs;
    private int startFailures;
    private int outstandingTotal;
    private Worker polling;

    private ProcessPool(final PoolOptions options)
    {
        this.options = options;
        final RegionOwner owner = new RegionOwner(RegionOwnerType.POOL, POOLS.incrementAndGet());
        this.name = owner.name(ProcessHandle.current().pid());
        this.ns = options.namespace() != null ? options.namespace() : Namespace.open();
        this.regionsNs = Namespace.of(ns.directory().withOwner(owner));
        this.allowJoined = String.join(",", options.allow());
        this.reader = TaskCodecs.reader(options.allow());
        this.resultReader = new WireFormat.Reader(reader);
        if (options.initializer() != null)
        {
            checkAllowed(options.initializer());
            initializerBytes = encode(options.initializer());
        }
        else
        {
            initializerBytes = new byte[0];
        }
        this.workers = new Worker[options.workers()];
        this.atExit = ShutdownCleanup.register(name, this::unlinkRegionsAtExit);
        try
        {
            this.slots = createSlots();
        }
        catch (final RuntimeException ex)
        {
            atExit.cancel();
            throw ex;
        }
        this.callbacks = Executors.newSingleThreadExecutor(r ->
        {
            final Thread t = new Thread(r, name + "-callbacks");
            t.setDaemon(true);
            return t;
        });
        try
        {
            for (int i = 0; i < workers.length; i++)
            {
                workers[i] = startWorker(i, 0);
            }
        }
        catch (final RuntimeException ex)
        {
            for (final Worker w : workers)
            {
                if (w != null)
                {
                    w.process.kill();
                    releaseChannel(w.channel);
                }
            }
            releaseSlots();
            callbacks.shutdown();
            throw ex;
        }
        publishPids();
        this.loop = new Thread(this::run, name + "-dispatcher");
        this.loop.setDaemon(true);
        this.loop.start();
    }

    /**
     * @return a pool with {@link PoolOptions#defaults()}.
     */
    public static ProcessPool create()
    {
        return new ProcessPool(PoolOptions.defaults());
    }

    /**
     * @param workers worker JVMs.
     * @return a pool with default options and this many workers.
     */
    public static ProcessPool create(final int workers)
    {
        return new ProcessPool(PoolOptions.defaults().withWorkers(workers));
    }

    /**
     * @param options pool options.
     * @return a started pool (its workers are starting).
     */
    public static ProcessPool create(final PoolOptions options)
    {
        return new ProcessPool(Objects.requireNonNull(options, "options"));
    }

    /**
     * @return the pool's name, the prefix of its region names.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the options.
     */
    public PoolOptions options()
    {
        return options;
    }

    /**
     * @return the pids of the current workers (a snapshot; replaced workers have new pids).
     */
    public List<Long> workerPids()
    {
        final List<Long> list = new ArrayList<>();
        for (final long pid : pids)
        {
            list.add(pid);
        }
        return list;
    }

    // ---------------------------------------------------------------- Python's Pool

    /**
     * Run {@code fn(arg)} in a worker and wait for the result.
     *
     * @param fn  the function.
     * @param arg its argument.
     * @param <T> argument type.
     * @param <R> result type.
     * @return the result.
     * @throws RemoteTaskException  when the function threw.
     * @throws WorkerDiedException  when the worker died while running it.
     * @throws CancellationException when the pool was terminated first.
     */
    public <T, R> R apply(final TaskFunction<T, R> fn, final T arg)
    {
        return await(applyAsync(fn, arg));
    }

    /**
     * Run a callable in a worker and wait for the result.
     *
     * @param task the task.
     * @param <R>  result type.
     * @return the result.
     * @throws RemoteTaskException when the task threw.
     * @throws WorkerDiedException when the worker died while running it.
     */
    public <R> R apply(final TaskCallable<R> task)
    {
        return await(applyAsync(task));
    }

    /**
     * Run {@code fn(arg)} in a worker.
     *
     * @param fn  the function.
     * @param arg its argument.
     * @param <T> argument type.
     * @param <R> result type.
     * @return the result's future; fails with {@link RemoteTaskException} or {@link WorkerDiedException}.
     */
    public <T, R> CompletableFuture<R> applyAsync(final TaskFunction<T, R> fn, final T arg)
    {
        return submitSingle(fn, WireFormat.APPLY, arg, true, fn);
    }

    /**
     * Run a callable in a worker.
     *
     * @param task the task.
     * @param <R>  result type.
     * @return the result's future.
     */
    public <R> CompletableFuture<R> applyAsync(final TaskCallable<R> task)
    {
        return submitSingle(task, WireFormat.CALL, null, false, task);
    }

    /**
     * Run {@code fn(arg)} in a worker and call back with the outcome, as Python's {@code apply_async(callback=,
     * error_callback=)}: callbacks run one at a time, in order of completion, on one thread of the pool; they
     * should return quickly.
     *
     * @param fn            the function.
     * @param arg           its argument.
     * @param callback      receives the result.
     * @param errorCallback receives the failure ({@link RemoteTaskException}, {@link WorkerDiedException}, ...).
     * @param <T>           argument type.
     * @param <R>           result type.
     * @return the result's future.
     */
    public <T, R> CompletableFuture<R> applyAsync(
        final TaskFunction<T, R> fn, final T arg, final Consumer<? super R> callback,
        final Consumer<? super Throwable> errorCallback)
    {
        final CompletableFuture<R> future = applyAsync(fn, arg);
        future.whenCompleteAsync((value, error) ->
        {
            if (error == null)
            {
                if (callback != null)
                {
                    callback.accept(value);
                }
            }
            else if (errorCallback != null)
            {
                errorCallback.accept(unwrap(error));
            }
        }, callbacks);
        return future;
    }

    /**
     * {@code fn} over every item, results in item order, chunk size chosen as Python does
     * (items / (4 × workers), rounded up) when the items are a {@link Collection}, else 1.
     *
     * @param fn    the function.
     * @param items its arguments.
     * @param <T>   argument type.
     * @param <R>   result type.
     * @return the results.
     * @throws RemoteTaskException the first failure of a task, in item order.
     * @throws WorkerDiedException when a worker died running a chunk, or a second worker died decoding
     *                             {@code fn} (see the class documentation).
     */
    public <T, R> List<R> map(final TaskFunction<T, R> fn, final Iterable<T> items)
    {
        return map(fn, items, defaultChunkSize(items));
    }

    /**
     * {@code fn} over every item, sent to workers {@code chunkSize} items at a time.
     *
     * @param fn        the function.
     * @param items     its arguments.
     * @param chunkSize items per task, at least 1.
     * @param <T>       argument type.
     * @param <R>       result type.
     * @return the results, in item order.
     */
    public <T, R> List<R> map(final TaskFunction<T, R> fn, final Iterable<T> items, final int chunkSize)
    {
        return await(mapAsync(fn, items, chunkSize));
    }

    /**
     * Python's {@code map_async}.
     *
     * @param fn        the function.
     * @param items     its arguments.
     * @param chunkSize items per task, at least 1.
     * @param <T>       argument type.
     * @param <R>       result type.
     * @return the future of all results, in item order.
     */
    @SuppressWarnings("unchecked")
    public <T, R> CompletableFuture<List<R>> mapAsync(
        final TaskFunction<T, R> fn, final Iterable<T> items, final int chunkSize)
    {
        final MapJob job = newMapJob(fn, WireFormat.APPLY, items, chunkSize, true, true);
        enqueue(job);
        return (CompletableFuture<List<R>>)(CompletableFuture<?>)job.whole;
    }

    /**
     * Python's {@code starmap}: each item is the argument array of one call.
     *
     * @param fn    the function.
     * @param items argument arrays.
     * @param <R>   result type.
     * @return the results, in item order.
     */
    public <R> List<R> starmap(final StarFunction<R> fn, final Iterable<Object[]> items)
    {
        return starmap(fn, items, defaultChunkSize(items));
    }

    /**
     * Python's {@code starmap} with a chunk size.
     *
     * @param fn        the function.
     * @param items     argument arrays.
     * @param chunkSize items per task.
     * @param <R>       result type.
     * @return the results, in item order.
     */
    @SuppressWarnings("unchecked")
    public <R> List<R> starmap(final StarFunction<R> fn, final Iterable<Object[]> items, final int chunkSize)
    {
        final MapJob job = newMapJob(fn, WireFormat.STAR, items, chunkSize, true, true);
        enqueue(job);
        return (List<R>)await(job.whole);
    }

    /**
     * Python's {@code imap}: results in item order, as they become available; items are read lazily, as
     * workers have room.
     *
     * @param fn        the function.
     * @param items     its arguments.
     * @param chunkSize items per task.
     * @param <T>       argument type.
     * @param <R>       result type.
     * @return the results.
     */
    public <T, R> ResultIterator<R> imap(final TaskFunction<T, R> fn, final Iterable<T> items, final int chunkSize)
    {
        final MapJob job = newMapJob(fn, WireFormat.APPLY, items, chunkSize, true, false);
        enqueue(job);
        return new JobIterator<>(job);
    }

    /**
     * Python's {@code imap} with chunk size 1.
     *
     * @param fn    the function.
     * @param items its arguments.
     * @param <T>   argument type.
     * @param <R>   result type.
     * @return the results, in item order.
     */
    public <T, R> ResultIterator<R> imap(final TaskFunction<T, R> fn, final Iterable<T> items)
    {
        return imap(fn, items, 1);
    }

    /**
     * Python's {@code imap_unordered}: results in order of completion.
     *
     * @param fn        the function.
     * @param items     its arguments.
     * @param chunkSize items per task.
     * @param <T>       argument type.
     * @param <R>       result type.
     * @return the results.
     */
    public <T, R> ResultIterator<R> imapUnordered(
        final TaskFunction<T, R> fn, final Iterable<T> items, final int chunkSize)
    {
        final MapJob job = newMapJob(fn, WireFormat.APPLY, items, chunkSize, false, false);
        enqueue(job);
        return new JobIterator<>(job);
    }

    /**
     * Python's {@code imap_unordered} with chunk size 1.
     *
     * @param fn    the function.
     * @param items its arguments.
     * @param <T>   argument type.
     * @param <R>   result type.
     * @return the results, in order of completion.
     */
    public <T, R> ResultIterator<R> imapUnordered(final TaskFunction<T, R> fn, final Iterable<T> items)
    {
        return imapUnordered(fn, items, 1);
    }

    // ---------------------------------------------------------------- ExecutorService

    /**
     * {@inheritDoc}
     * The callable must be {@link Serializable}, e.g. {@code (Callable<T> & Serializable) () -> ...}.
     */
    @Override
    public <T> Future<T> submit(final Callable<T> task)
    {
        return submitSingle(serializable(task), WireFormat.CALL, null, false, task);
    }

    /**
     * {@inheritDoc}
     * The runnable must be {@link Serializable}.
     */
    @Override
    public <T> Future<T> submit(final Runnable task, final T result)
    {
        final CompletableFuture<Object> future = submitSingle(serializable(task), WireFormat.CALL, null, false, task);
        return future.thenApply(ignore -> result);
    }

    /**
     * {@inheritDoc}
     * The runnable must be {@link Serializable}.
     */
    @Override
    public Future<?> submit(final Runnable task)
    {
        return submitSingle(serializable(task), WireFormat.CALL, null, false, task);
    }

    /**
     * {@inheritDoc}
     * The runnable must be {@link Serializable}.
     */
    @Override
    public void execute(final Runnable command)
    {
        submit(command);
    }

    @Override
    public <T> List<Future<T>> invokeAll(final Collection<? extends Callable<T>> tasks) throws InterruptedException
    {
        final List<Future<T>> futures = new ArrayList<>();
        for (final Callable<T> task : tasks)
        {
            futures.add(submit(task));
        }
        for (final Future<T> future : futures)
        {
            try
            {
                future.get();
            }
            catch (final ExecutionException | CancellationException ignore)
            {
                // reported by the future
            }
        }
        return futures;
    }

    @Override
    public <T> List<Future<T>> invokeAll(
        final Collection<? extends Callable<T>> tasks, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        final List<Future<T>> futures = new ArrayList<>();
        for (final Callable<T> task : tasks)
        {
            futures.add(submit(task));
        }
        for (final Future<T> future : futures)
        {
            try
            {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            catch (final ExecutionException | CancellationException ignore)
            {
                // reported by the future
            }
            catch (final TimeoutException ex)
            {
                break;
            }
        }
        for (final Future<T> future : futures)
        {
            future.cancel(true);
        }
        return futures;
    }

    @Override
    public <T> T invokeAny(final Collection<? extends Callable<T>> tasks)
        throws InterruptedException, ExecutionException
    {
        try
        {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("unreachable: no timeout", ex);
        }
    }

    @Override
    public <T> T invokeAny(final Collection<? extends Callable<T>> tasks, final long timeout, final TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        if (tasks.isEmpty())
        {
            throw new IllegalArgumentException("invokeAny without tasks: pool=" + name);
        }
        final BlockingQueue<CompletableFuture<T>> done = new ArrayBlockingQueue<>(tasks.size());
        final List<CompletableFuture<T>> futures = new ArrayList<>();
        try
        {
            for (final Callable<T> task : tasks)
            {
                final CompletableFuture<T> future = submitSingle(serializable(task), WireFormat.CALL, null, false, task);
                futures.add(future);
                future.whenComplete((v, e) -> done.add(future));
            }
            final long deadline = System.nanoTime() + Math.min(unit.toNanos(timeout), Long.MAX_VALUE / 4);
            ExecutionException last = null;
            for (int i = 0; i < futures.size(); i++)
            {
                final long left = deadline - System.nanoTime();
                final CompletableFuture<T> next = done.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (next == null)
                {
                    throw new TimeoutException("no task succeeded in time: pool=" + name);
                }
                try
                {
                    return next.get();
                }
                catch (final ExecutionException ex)
                {
                    last = ex;
                }
                catch (final CancellationException ex)
                {
                    last = new ExecutionException(ex);
                }
            }
            throw last;
        }
        finally
        {
            for (final CompletableFuture<T> future : futures)
            {
                future.cancel(true);
            }
        }
    }

    @Override
    public void shutdown()
    {
        synchronized (submitLock)
        {
            shutdown = true;
        }
        LockSupport.unpark(loop);
    }

    /**
     * Python's {@code terminate()}: kill the workers at once; pending and running tasks fail with
     * {@link CancellationException}.
     *
     * @return the tasks submitted through {@link ExecutorService} methods that never started.
     */
    @Override
    public List<Runnable> shutdownNow()
    {
        synchronized (submitLock)
        {
            shutdown = true;
            stopNow = true;
        }
        LockSupport.unpark(loop);
        try
        {
            drained.await(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        return neverStarted;
    }

    @Override
    public boolean isShutdown()
    {
        return shutdown;
    }

    @Override
    public boolean isTerminated()
    {
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return terminated.await(timeout, unit);
    }

    /**
     * Shut down, let queued tasks finish for up to {@link PoolOptions#closeTimeout()}, then terminate; returns
     * when no worker process and no region of the pool remain (or after a further bound of 30 s).
     */
    @Override
    public void close()
    {
        shutdown();
        try
        {
            if (!awaitTermination(options.closeTimeout().toNanos(), TimeUnit.NANOSECONDS))
            {
                shutdownNow();
                awaitTermination(30, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString()
    {
        return "ProcessPool{name=" + name + ", workers=" + workers.length + ", shutdown=" + shutdown +
            ", terminated=" + isTerminated() + '}';
    }

    // ---------------------------------------------------------------- submission (caller threads)

    private <R> CompletableFuture<R> submitSingle(
        final Serializable fn, final byte call, final Object arg, final boolean hasArg, final Object original)
    {
        Objects.requireNonNull(fn, "task");
        checkAllowed(fn);
        final ExpandableArrayBuffer body = new ExpandableArrayBuffer(256);
        body.putInt(0, WireFormat.INLINE_FN);
        body.putByte(4, call);
        body.putInt(5, 1);
        final int fnLength = TaskCodecs.encodeObject(fn, body, 13);
        body.putInt(9, fnLength);
        int length = 13 + fnLength;
        if (hasArg)
        {
            length += WireFormat.putValue(body, length, arg);
        }
        final SingleJob job = new SingleJob(copy(body, length), original);
        enqueue(job);
        @SuppressWarnings("unchecked")
        final CompletableFuture<R> future = (CompletableFuture<R>)job.future;
        return future;
    }

    private MapJob newMapJob(
        final Serializable fn, final byte call, final Iterable<?> items, final int chunkSize, final boolean ordered,
        final boolean collect)
    {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        if (chunkSize < 1)
        {
            throw new IllegalArgumentException("chunk size below 1: chunk_size=" + chunkSize);
        }
        checkAllowed(fn);
        return new MapJob((int)fnIds.incrementAndGet(), encode(fn), call, items.iterator(), chunkSize, ordered, collect);
    }

    private void enqueue(final Job job)
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

    private void checkAllowed(final Serializable object)
    {
        for (final String cls : ClassCollector.classesOf(object))
        {
            final String probe = cls.endsWith("*") ? cls.substring(0, cls.length() - 1) + "/0x0" : cls;
            if (!reader.isAllowed(probe))
            {
                final String shown = cls.endsWith("*") ? cls.substring(0, cls.length() - 1) : cls;
                throw new RefusedClassException(
                    "task class not in pool allowlist: class=" + shown + ", task=" + object.getClass().getName() +
                    ", pool=" + name + ", fix=PoolOptions.withAllow", shown, null);
            }
        }
    }

    private static Serializable serializable(final Object task)
    {
        Objects.requireNonNull(task, "task");
        if (!(task instanceof Serializable))
        {
            throw new IllegalArgumentException(
                "task not serializable: class=" + task.getClass().getName() +
                ", fix=(Callable<T> & Serializable) or TaskCallable");
        }
        return (Serializable)task;
    }

    private static byte[] encode(final Serializable object)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
        return copy(buffer, TaskCodecs.encodeObject(object, buffer, 0));
    }

    private static byte[] copy(final DirectBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }

    private int defaultChunkSize(final Iterable<?> items)
    {
        if (items instanceof Collection)
        {
            final int size = ((Collection<?>)items).size();
            final int per = workers.length * 4;
            return Math.max(1, size / per + (size % per != 0 ? 1 : 0));
        }
        return 1;
    }

    private static <R> R await(final CompletableFuture<R> future)
    {
        try
        {
            return future.get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new CancellationException("interrupted while waiting for a pool task");
        }
        catch (final ExecutionException ex)
        {
            throw rethrow(ex.getCause());
        }
    }

    static RuntimeException rethrow(final Throwable failure)
    {
        if (failure instanceof RuntimeException)
        {
            throw (RuntimeException)failure;
        }
        if (failure instanceof Error)
        {
            throw (Error)failure;
        }
        throw new IllegalStateException("pool task failed: error=" + failure, failure);
    }

    private static Throwable unwrap(final Throwable error)
    {
        Throwable t = error;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof ExecutionException) &&
            t.getCause() != null)
        {
            t = t.getCause();
        }
        return t;
    }

    // ---------------------------------------------------------------- dispatcher thread

    private void run()
    {
        // few spins, as in PoolWorker: each loop polls every worker's result queue, and spinning longer on a
        // machine with fewer cores than busy threads only keeps the workers off the CPU
        final IdleStrategy idle = new BackoffIdleStrategy(DISPATCHER_SPINS, 20, 1_000, 100_000);
        try
        {
            while (true)
            {
                int work = acceptIncoming();
                work += handleDeaths();
                for (final Worker w : workers)
                {
                    // a ready worker with no task in hand has nothing to send: its queue is not polled, which
                    // spares the cache lines that worker writes when it does send
                    if (w != null && !w.dead && (!w.ready || !w.outstanding.isEmpty()))
                    {
                        work += pollResults(w, 256);
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
                    LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(50));
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
        Job job;
        while ((job = incoming.poll()) != null)
        {
            count++;
            activeJobs++;
            if (job instanceof SingleJob)
            {
                final SingleJob single = (SingleJob)job;
                ready.addLast(new Unit(nextTaskId++, single, 0, 1, single.body));
            }
            else
            {
                feeding.addLast((MapJob)job);
            }
        }
        return count;
    }

    private int dispatch()
    {
        int sent = 0;
        while (true)
        {
            Unit unit = ready.peekFirst();
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
            final Worker w = pickWorker();
            if (w == null || !send(w, unit))
            {
                break;
            }
            ready.pollFirst();
            sent++;
        }
        return sent;
    }

    private Unit pullFromFeeding()
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
                int at = 9;
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
                scratch.putInt(0, job.fnId);
                scratch.putByte(4, job.call);
                scratch.putInt(5, count);
                return new Unit(nextTaskId++, job, chunk, count, copy(scratch, at));
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

    private Worker pickWorker()
    {
        Worker best = null;
        for (final Worker w : workers)
        {
            if (w != null && !w.dead && !w.retiring && !w.full && w.outstanding.size() < options.prefetch() &&
                (best == null || w.outstanding.size() < best.outstanding.size()))
            {
                best = w;
            }
        }
        return best;
    }

    private boolean send(final Worker w, final Unit unit)
    {
        final MessageQueue tasks = w.channel.tasks();
        final int length = BODY_OFFSET + 8 + unit.body.length;
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
                final int fnLength = BODY_OFFSET + 4 + job.fnBytes.length;
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
                final MutableDirectBuffer buffer = tasks.buffer();
                buffer.putInt(index, WireFormat.T_FN);
                buffer.putInt(index + BODY_OFFSET, job.fnId);
                buffer.putBytes(index + BODY_OFFSET + 4, job.fnBytes);
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
        buffer.putInt(index, WireFormat.T_TASK);
        buffer.putLong(index + BODY_OFFSET, unit.taskId);
        buffer.putBytes(index + BODY_OFFSET + 8, unit.body);
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

    private int pollResults(final Worker w, final int limit)
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
        final Worker w = polling;
        final int type = buffer.getInt(offset);
        final int index = offset + BODY_OFFSET;
        switch (type)
        {
            case WireFormat.R_READY:
                w.ready = true;
                startFailures = 0;
                return;
            case WireFormat.R_INIT_FAILED:
            {
                final RemoteTaskException ex = resultReader.wrap(buffer, index).getThrowable(name, w.process.pid());
                broken = new RemoteTaskException(
                    "pool initializer failed: pool=" + name + ", pid=" + w.process.pid() + ", exception=" +
                    ex.remoteClassName() + ", message=" + ex.remoteMessage(), ex.remoteClassName(),
                    ex.remoteMessage(), w.process.pid(), ex.getStackTrace(), ex);
                return;
            }
            case WireFormat.R_OK:
            case WireFormat.R_ERR:
                break;
            default:
                throw new IllegalStateException(
                    "pool result unknown: queue=" + w.channel.results().name() + ", type=" + type);
        }
        final WireFormat.Reader in = resultReader.wrap(buffer, index);
        final long taskId = in.getLong();
        final int count = in.getInt();
        final Unit unit = w.outstanding.pollFirst();
        if (unit == null || unit.taskId != taskId)
        {
            throw new IllegalStateException("pool result out of order: queue=" + w.channel.results().name() +
                ", task=" + taskId + ", expected=" + (unit == null ? "none" : Long.toString(unit.taskId)));
        }
        outstandingTotal--;
        if (type == WireFormat.R_ERR)
        {
            fail(unit, in.getThrowable(name, w.process.pid()));
            return;
        }
        if (unit.job.isDone())
        {
            finished(unit.job);
            return;
        }
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

    private void fail(final Unit unit, final Throwable failure)
    {
        unit.job.fail(failure);
        finished(unit.job);
    }

    private void finished(final Job job)
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
            for (final Worker w : map.workersWithFn)
            {
                if (!w.dead && w.fns.remove(map.fnId) && !w.retiring)
                {
                    scratch.putInt(0, WireFormat.T_DROP);
                    scratch.putInt(BODY_OFFSET, map.fnId);
                    w.channel.tasks().offer(scratch, 0, BODY_OFFSET + 4); // best effort: a full queue keeps it
                }
            }
        }
    }

    private int handleDeaths()
    {
        int count = 0;
        Worker w;
        while ((w = deaths.poll()) != null)
        {
            count++;
            onDeath(w);
        }
        return count;
    }

    private void onDeath(final Worker w)
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
        final Unit first = w.outstanding.peekFirst();
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
        final Iterator<Unit> back = w.outstanding.descendingIterator();
        while (back.hasNext())
        {
            ready.addFirst(back.next());
            outstandingTotal--;
        }
        w.outstanding.clear();
        releaseChannel(w.channel);
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
        workers[w.index] = startWorker(w.index, w.generation + 1);
        publishPids();
    }

    private Worker startWorker(final int index, final int generation)
    {
        final String channelName = name + "-w" + index + "-g" + generation;
        final WorkerChannel channel = createChannel(channelName, index);
        final Worker w = new Worker(index, generation, channel);
        try
        {
            final MessageQueue tasks = channel.tasks();
            final int length = BODY_OFFSET + initializerBytes.length;
            if (length > tasks.maxMessageLength())
            {
                throw new IllegalArgumentException("initializer too large for the task queue: pool=" + name +
                    ", length=" + length + ", max=" + tasks.maxMessageLength() +
                    ", fix=PoolOptions.withQueueCapacityBytes");
            }
            final ExpandableArrayBuffer init = new ExpandableArrayBuffer(length);
            init.putInt(0, WireFormat.T_INIT);
            init.putBytes(BODY_OFFSET, initializerBytes);
            tasks.offer(init, 0, length); // the queue is empty
            w.process = JvmProcess.ofMain(
                PoolWorker.class, channelName, slots.name(), Integer.toString(index), allowJoined)
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
            releaseChannel(channel);
            throw ex;
        }
        w.process.onExit().thenRun(() ->
        {
            deaths.add(w);
            LockSupport.unpark(loop);
        });
        return w;
    }

    // ---------------------------------------------------------------- the pool's regions

    private SharedLongArray createSlots()
    {
        synchronized (regionsLock)
        {
            refuseIfExiting("slots");
            liveSlots = SharedLongArray.create(regionsNs, name + "-slots", WorkerChannel.slotsLength(workers.length));
            return liveSlots;
        }
    }

    private WorkerChannel createChannel(final String channelName, final int index)
    {
        synchronized (regionsLock)
        {
            refuseIfExiting(channelName);
            final WorkerChannel channel =
                WorkerChannel.create(regionsNs, channelName, options.queueCapacityBytes(), slots, index);
            liveChannels.add(channel);
            return channel;
        }
    }

    private void refuseIfExiting(final String region)
    {
        if (exiting)
        {
            throw new IllegalStateException(
                "pool exiting with the jvm, no new region: pool=" + name + ", region=" + region);
        }
    }

    private void releaseChannel(final WorkerChannel channel)
    {
        channel.close();
        channel.unlink();
        synchronized (regionsLock)
        {
            liveChannels.remove(channel);
        }
    }

    /**
     * Last step of the pool's life: unmap and remove the slots, after every channel; the shutdown hook has nothing
     * left to do.
     */
    private void releaseSlots()
    {
        slots.close();
        slots.unlink();
        synchronized (regionsLock)
        {
            liveSlots = null;
        }
        atExit.cancel();
    }

    /**
     * The shutdown hook's part ({@link ShutdownCleanup}), when the JVM exits before the pool is terminated: remove
     * every region name of the pool and let no new one be made. Only unlinks (workers that still map the regions
     * keep working until the JVM's daemon-children hook stops them); never waits for the dispatcher, which may be
     * anywhere, or for {@link #close()} running in another thread.
     */
    private void unlinkRegionsAtExit()
    {
        synchronized (regionsLock)
        {
            exiting = true;
            for (final WorkerChannel channel : liveChannels)
            {
                channel.unlink();
            }
            if (liveSlots != null)
            {
                liveSlots.unlink();
            }
        }
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

    private void teardown()
    {
        // stop the workers: gracefully when the work is done, at once otherwise
        final boolean graceful = !stopNow && broken == null;
        for (final Worker w : workers)
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
        for (final Worker w : workers)
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
        // fail what is left, and collect the never-started ExecutorService tasks
        final RuntimeException cause = broken != null ? broken : null;
        final List<Runnable> never = new ArrayList<>();
        final List<Job> left = new ArrayList<>();
        Job job;
        while ((job = incoming.poll()) != null)
        {
            left.add(job);
        }
        for (final Unit unit : ready)
        {
            left.add(unit.job);
        }
        left.addAll(feeding);
        for (final Worker w : workers)
        {
            if (w != null)
            {
                for (final Unit unit : w.outstanding)
                {
                    left.add(unit.job);
                }
                if (!w.dead)
                {
                    w.dead = true;
                    releaseChannel(w.channel);
                }
            }
        }
        for (final Job j : left)
        {
            if (j instanceof SingleJob && ((SingleJob)j).original instanceof Callable && !j.isDone())
            {
                final Callable<?> callable = (Callable<?>)((SingleJob)j).original;
                never.add(() ->
                {
                    try
                    {
                        callable.call();
                    }
                    catch (final Exception ex)
                    {
                        throw rethrow(ex);
                    }
                });
            }
            else if (j instanceof SingleJob && ((SingleJob)j).original instanceof Runnable && !j.isDone())
            {
                never.add((Runnable)((SingleJob)j).original);
            }
            final CancellationException cancelled = new CancellationException("pool terminated: pool=" + name);
            if (cause != null)
            {
                cancelled.initCause(cause);
            }
            j.fail(cause != null ? cause : cancelled);
        }
        releaseSlots();
        neverStarted = List.copyOf(never);
        drained.countDown();
        callbacks.shutdown();
        terminated.countDown();
    }

    // ---------------------------------------------------------------- state

    /**
     * One worker JVM (one generation of one worker slot), as the dispatcher sees it.
     */
    private static final class Worker
    {
        final int index;
        final int generation;
        final WorkerChannel channel;
        final ArrayDeque<Unit> outstanding = new ArrayDeque<>();
        final IntHashSet fns = new IntHashSet();
        JvmProcess process;
        int tasksSent;
        boolean ready;
        boolean retiring;
        boolean full;
        boolean dead;

        Worker(final int index, final int generation, final WorkerChannel channel)
        {
            this.index = index;
            this.generation = generation;
            this.channel = channel;
        }
    }

    /**
     * One message's worth of work: a single task, or one chunk of a map.
     */
    private static final class Unit
    {
        final long taskId;
        final Job job;
        final int chunk;
        final int count;
        final byte[] body;

        Unit(final long taskId, final Job job, final int chunk, final int count, final byte[] body)
        {
            this.taskId = taskId;
            this.job = job;
            this.chunk = chunk;
            this.count = count;
            this.body = body;
        }
    }

    /**
     * What a caller submitted.
     */
    private abstract static class Job
    {
        boolean counted; // dispatcher only: activeJobs decremented

        abstract boolean isDone();

        abstract boolean isComplete();

        abstract void fail(Throwable failure);
    }

    /**
     * {@code apply}, {@code submit}: one task, one future.
     */
    private static final class SingleJob extends Job
    {
        final CompletableFuture<Object> future = new CompletableFuture<>();
        final byte[] body;
        final Object original;

        SingleJob(final byte[] body, final Object original)
        {
            this.body = body;
            this.original = original;
        }

        @Override
        boolean isDone()
        {
            return future.isDone();
        }

        @Override
        boolean isComplete()
        {
            return future.isDone();
        }

        @Override
        void fail(final Throwable failure)
        {
            future.completeExceptionally(failure);
        }
    }

    /**
     * {@code map}, {@code imap}, {@code starmap}: a lazy source cut into chunks, results gathered in order or
     * as they come. The dispatcher writes; iterators read, under the job's monitor.
     */
    static final class MapJob extends Job
    {
        final int fnId;
        final byte[] fnBytes;
        final byte call;
        final Iterator<?> source;
        final int chunkSize;
        final boolean ordered;
        final CompletableFuture<List<Object>> whole;
        final List<Worker> workersWithFn = new ArrayList<>();
        int functionDeaths; // dispatcher only: workers that died decoding fnBytes

        private final java.util.HashMap<Integer, List<Object>> early = new java.util.HashMap<>();
        private final ArrayDeque<Object> results = new ArrayDeque<>();
        private int chunks;
        private int chunksDone;
        private int nextChunk;
        private boolean sourceDone;
        private Throwable failure;

        MapJob(
            final int fnId, final byte[] fnBytes, final byte call, final Iterator<?> source, final int chunkSize,
            final boolean ordered, final boolean collect)
        {
            this.fnId = fnId;
            this.fnBytes = fnBytes;
            this.call = call;
            this.source = source;
            this.chunkSize = chunkSize;
            this.ordered = ordered;
            this.whole = collect ? new CompletableFuture<>() : null;
        }

        synchronized int newChunk()
        {
            return chunks++;
        }

        synchronized void sourceDone()
        {
            sourceDone = true;
            completeIfDone();
            notifyAll();
        }

        synchronized void onChunk(final int chunk, final List<Object> values)
        {
            if (failure != null)
            {
                return;
            }
            if (ordered)
            {
                early.put(chunk, values);
                List<Object> next;
                while ((next = early.remove(nextChunk)) != null)
                {
                    results.addAll(next);
                    nextChunk++;
                }
            }
            else
            {
                results.addAll(values);
            }
            chunksDone++;
            completeIfDone();
            notifyAll();
        }

        private void completeIfDone()
        {
            if (whole != null && isComplete())
            {
                whole.complete(new ArrayList<>(results));
                results.clear();
            }
        }

        @Override
        synchronized boolean isComplete()
        {
            return sourceDone && chunksDone == chunks && failure == null;
        }

        @Override
        synchronized boolean isDone()
        {
            return failure != null || (whole != null && whole.isDone());
        }

        @Override
        synchronized void fail(final Throwable failure)
        {
            if (this.failure == null)
            {
                this.failure = failure;
                if (whole != null)
                {
                    whole.completeExceptionally(failure);
                }
            }
            notifyAll();
        }

        synchronized Object next(final long timeoutNs) throws InterruptedException, TimeoutException
        {
            final long deadline = System.nanoTime() + timeoutNs;
            while (results.isEmpty())
            {
                if (failure != null)
                {
                    throw rethrow(failure);
                }
                if (sourceDone && chunksDone == chunks)
                {
                    throw new NoSuchElementException("no more results");
                }
                if (timeoutNs == Long.MAX_VALUE)
                {
                    wait();
                    continue;
                }
                final long left = deadline - System.nanoTime();
                if (left <= 0)
                {
                    throw new TimeoutException("no result in time: timeout_ns=" + timeoutNs);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return results.pollFirst();
        }

        synchronized boolean hasNext() throws InterruptedException
        {
            while (results.isEmpty() && failure == null && !(sourceDone && chunksDone == chunks))
            {
                wait();
            }
            return !results.isEmpty() || failure != null;
        }
    }

    /**
     * The iterator of {@code imap} and {@code imapUnordered}.
     *
     * @param <R> result type.
     */
    private static final class JobIterator<R> implements ResultIterator<R>
    {
        private final MapJob job;

        JobIterator(final MapJob job)
        {
            this.job = job;
        }

        @Override
        public boolean hasNext()
        {
            try
            {
                return job.hasNext();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for a pool result");
            }
        }

        @Override
        public R next()
        {
            try
            {
                return next(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for a pool result");
            }
            catch (final TimeoutException ex)
            {
                throw new IllegalStateException("unreachable: no timeout", ex);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public R next(final long timeout, final TimeUnit unit) throws TimeoutException, InterruptedException
        {
            return (R)job.next(unit.toNanos(timeout));
        }
    }
}

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
import dev.mmipc.exceptions.RemoteTaskException;
import dev.mmipc.exceptions.WorkerDiedException;
import dev.mmipc.process.JvmProcess;
import dev.mmipc.process.ShutdownCleanup;
import dev.mmipc.process.TaskCodecs;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.region.RegionOwner;
import dev.mmipc.region.RegionOwnerType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static dev.mmipc.pool.PoolMessageDescriptor.APPLY;
import static dev.mmipc.pool.PoolMessageDescriptor.CALL;
import static dev.mmipc.pool.PoolMessageDescriptor.STAR;
import static dev.mmipc.pool.TaskEncoder.serializable;

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
 * publishes the id of the task it runs (see {@code WorkerChannel}; every message is drawn in
 * {@link PoolMessageDescriptor}). One thread of the pool (the dispatcher, {@code PoolDispatcher}) sends each
 * task, or each chunk of {@code map} items, to the worker with the fewest tasks in hand, at most
 * {@link PoolOptions#prefetch()} ahead, and drains every result queue. A worker's stop is the end of its task
 * stream ({@link MessageQueue#markClosed()}): it finishes what it was sent, then exits. Functions and task
 * objects are serialized with {@link SerializableCodec} (a {@code map}'s function once per worker); arguments
 * and results of simple types travel in a compact form (see {@link PoolOptions} for the allowlist).
 * <p>
 * Why a result queue per worker, and not one {@link dev.mmipc.queue.QueueMode#MANY_TO_ONE} queue shared by all
 * workers: in a shared queue a worker killed between claim and commit holds up every other worker's results
 * until the queue's liveness timeout has passed and the OS has confirmed the death (a second by default), and
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
 * never hold the JVM up), {@code System.exit}, SIGTERM: by one shutdown hook ({@link ShutdownCleanup}) that
 * unlinks the names of every pool not terminated yet and stops them from making new ones; it never waits, so it
 * cannot hang the exit or deadlock with a {@link #close()} in another thread. {@code kill -9}: by the workers,
 * which see this JVM die within {@link JvmProcess#PARENT_POLL_MS} ms and remove every region of its pools before
 * they halt ({@code ParentWatch}). What a kill of every process leaves, {@code mmipc gc} removes on its first
 * pass.
 */
public final class ProcessPool implements ExecutorService, AutoCloseable
{
    /** Bound on {@link #close()} waiting, after {@link #shutdownNow()}, for the pool to be terminated. */
    static final long TERMINATE_WAIT_NS = TimeUnit.SECONDS.toNanos(30);

    private static final AtomicLong POOLS = new AtomicLong();
    /** Python's default chunk size: the items cut into this many chunks per worker, rounded up. */
    static final int DEFAULT_CHUNKS_PER_WORKER = 4;

    private final String name;
    private final PoolOptions options;
    private final TaskEncoder encoder;
    private final ExecutorService callbacks;
    private final PoolDispatcher dispatcher;
    private final AtomicLong fnIds = new AtomicLong();

    private ProcessPool(final PoolOptions options)
    {
        this.options = options;
        final RegionOwner owner = new RegionOwner(RegionOwnerType.POOL, POOLS.incrementAndGet());
        this.name = owner.name(ProcessHandle.current().pid());
        final Namespace ns = options.namespace() != null ? options.namespace() : Namespace.open();
        final Namespace regionsNs = Namespace.of(ns.directory().withOwner(owner));
        final SerializableCodec<Serializable> reader = TaskCodecs.reader(options.allow());
        this.encoder = new TaskEncoder(name, reader);
        final byte[] initializerBytes =
            options.initializer() != null ? encoder.encode(options.initializer()) : new byte[0];
        this.callbacks = Executors.newSingleThreadExecutor(r ->
        {
            final Thread t = new Thread(r, name + "-callbacks");
            t.setDaemon(true);
            return t;
        });
        try
        {
            this.dispatcher = new PoolDispatcher(name, options, ns, regionsNs, reader, initializerBytes, callbacks);
        }
        catch (final RuntimeException ex)
        {
            callbacks.shutdown();
            throw ex;
        }
        dispatcher.start();
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
        return dispatcher.workerPids();
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
        return submitSingle(fn, APPLY, arg, true, fn);
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
        return submitSingle(task, CALL, null, false, task);
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
        final MapJob job = newMapJob(fn, APPLY, items, chunkSize, true, true);
        dispatcher.submit(job);
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
        final MapJob job = newMapJob(fn, STAR, items, chunkSize, true, true);
        dispatcher.submit(job);
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
        final MapJob job = newMapJob(fn, APPLY, items, chunkSize, true, false);
        dispatcher.submit(job);
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
        final MapJob job = newMapJob(fn, APPLY, items, chunkSize, false, false);
        dispatcher.submit(job);
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
        return submitSingle(serializable(task), CALL, null, false, task);
    }

    /**
     * {@inheritDoc}
     * The runnable must be {@link Serializable}.
     */
    @Override
    public <T> Future<T> submit(final Runnable task, final T result)
    {
        final CompletableFuture<Object> future = submitSingle(serializable(task), CALL, null, false, task);
        return future.thenApply(ignore -> result);
    }

    /**
     * {@inheritDoc}
     * The runnable must be {@link Serializable}.
     */
    @Override
    public Future<?> submit(final Runnable task)
    {
        return submitSingle(serializable(task), CALL, null, false, task);
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
                final CompletableFuture<T> future = submitSingle(serializable(task), CALL, null, false, task);
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
        dispatcher.shutdown();
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
        return dispatcher.shutdownNow();
    }

    @Override
    public boolean isShutdown()
    {
        return dispatcher.isShutdown();
    }

    @Override
    public boolean isTerminated()
    {
        return dispatcher.isTerminated();
    }

    @Override
    public boolean awaitTermination(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return dispatcher.awaitTermination(timeout, unit);
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
                awaitTermination(TERMINATE_WAIT_NS, TimeUnit.NANOSECONDS);
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
        return "ProcessPool{name=" + name + ", workers=" + dispatcher.workerCount() + ", shutdown=" + isShutdown() +
            ", terminated=" + isTerminated() + '}';
    }

    // ---------------------------------------------------------------- submission (caller threads)

    private <R> CompletableFuture<R> submitSingle(
        final Serializable fn, final byte call, final Object arg, final boolean hasArg, final Object original)
    {
        final SingleJob job = new SingleJob(encoder.inlineTask(call, fn, hasArg, arg), original);
        dispatcher.submit(job);
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
        return new MapJob(
            (int)fnIds.incrementAndGet(), encoder.encode(fn), call, items.iterator(), chunkSize, ordered, collect);
    }

    private int defaultChunkSize(final Iterable<?> items)
    {
        if (items instanceof Collection)
        {
            final int size = ((Collection<?>)items).size();
            final int per = dispatcher.workerCount() * DEFAULT_CHUNKS_PER_WORKER;
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
            throw PoolJob.rethrow(ex.getCause());
        }
    }

    private static Throwable unwrap(final Throwable error)
    {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null)
        {
            t = t.getCause();
        }
        return t;
    }
}

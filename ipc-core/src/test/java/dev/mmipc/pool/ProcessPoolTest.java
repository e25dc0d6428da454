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
import dev.mmipc.exceptions.RefusedClassException;
import dev.mmipc.exceptions.RemoteTaskException;
import dev.mmipc.exceptions.WorkerDiedException;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.test.PoolsClosed;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessPoolTest
{
    private static final long TIMEOUT_S = 60;

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @RegisterExtension
    final PoolsClosed pools = new PoolsClosed();

    private ProcessPool pool(final PoolOptions options)
    {
        final ProcessPool pool = ProcessPool.create(options
            .withNamespace(Namespace.of(ns.directory()))
            .withWorkerOutput(ProcessBuilder.Redirect.appendTo(ns.scratch().resolve("workers.log").toFile())));
        return pools.track(pool);
    }

    private ProcessPool pool(final int workers)
    {
        return pool(PoolOptions.defaults().withWorkers(workers));
    }

    private static List<Long> liveChildren()
    {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
            .collect(Collectors.toList());
    }

    @Test
    void shouldMapTenThousandItemsInOrderAndImapUnorderedAndStarmap() throws Exception
    {
        final ProcessPool pool = pool(2);
        final List<Integer> items = IntStream.range(0, 10_000).boxed().collect(Collectors.toList());
        final List<Integer> expected = items.stream().map(x -> x * x).collect(Collectors.toList());

        assertEquals(expected, pool.map(x -> x * x, items));
        assertEquals(expected, pool.map(x -> x * x, items, 1));

        final List<Integer> unordered = new ArrayList<>();
        final ResultIterator<Integer> it = pool.imapUnordered(x -> x * x, items, 7);
        while (it.hasNext())
        {
            unordered.add(it.next());
        }
        assertEquals(10_000, unordered.size());
        assertEquals(new HashSet<>(expected), new HashSet<>(unordered));
        assertEquals(expected.stream().mapToLong(Integer::longValue).sum(),
            unordered.stream().mapToLong(Integer::longValue).sum());

        final List<Object[]> pairs = List.of(new Object[]{1, 2}, new Object[]{3, 4}, new Object[]{"a", "b"});
        assertEquals(List.of("3", "7", "ab"), pool.starmap(args ->
            args[0] instanceof Integer ? String.valueOf((Integer)args[0] + (Integer)args[1]) : "" + args[0] + args[1],
            pairs));

        final ResultIterator<String> ordered = pool.imap(x -> "v" + x, List.of(1, 2, 3));
        assertEquals("v1", ordered.next(TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals("v2", ordered.next(TIMEOUT_S, TimeUnit.SECONDS));
        assertEquals("v3", ordered.next(TIMEOUT_S, TimeUnit.SECONDS));
        assertFalse(ordered.hasNext());
        assertEquals(List.of(), pool.map(x -> x, List.<Integer>of()));
    }

    @Test
    void shouldRethrowTaskExceptionWithRemoteStackTrace() throws Exception
    {
        final ProcessPool pool = pool(1);
        final RemoteTaskException ex = assertThrows(RemoteTaskException.class, () -> pool.apply(x -> explode(x), 7));
        assertEquals(IllegalStateException.class.getName(), ex.remoteClassName());
        assertEquals("boom 7", ex.remoteMessage());
        assertNotEquals(ProcessHandle.current().pid(), ex.pid());
        assertEquals("task failed in worker: pool=" + pool.name() + ", pid=" + ex.pid() +
            ", exception=java.lang.IllegalStateException, message=boom 7", ex.getMessage());
        assertEquals("explode", ex.getStackTrace()[0].getMethodName());
        assertEquals(ProcessPoolTest.class.getName(), ex.getStackTrace()[0].getClassName());
        assertTrue(Arrays.stream(ex.getStackTrace()).anyMatch(f -> f.getClassName().equals(PoolWorker.class.getName())));
        assertInstanceOf(RemoteTaskException.class, ex.getCause());
        assertEquals(ArithmeticException.class.getName(), ((RemoteTaskException)ex.getCause()).remoteClassName());
        assertEquals("task failed in worker: pool=" + pool.name() + ", pid=" + ex.pid() +
            ", exception=java.lang.ArithmeticException, message=/ by zero", ex.getCause().getMessage());

        final ExecutionException viaFuture = assertThrows(ExecutionException.class,
            () -> pool.applyAsync(x -> explode(x), 8).get(TIMEOUT_S, TimeUnit.SECONDS));
        assertInstanceOf(RemoteTaskException.class, viaFuture.getCause());

        final RemoteTaskException inMap = assertThrows(RemoteTaskException.class,
            () -> pool.map(x -> x == 500 ? explode(x) : x, IntStream.range(0, 1000).boxed().collect(Collectors.toList())));
        assertEquals("boom 500", inMap.remoteMessage());
        assertEquals(Integer.valueOf(2), pool.<Integer, Integer>apply(x -> x + 1, 1), "pool still works");
    }

    private static int explode(final int x)
    {
        try
        {
            return x / (x - x);
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalStateException("boom " + x, ex);
        }
    }

    @Test
    void shouldFailTaskOfKilledWorkerWithTypedExceptionAndFinishOthers() throws Exception
    {
        final Namespace namespace = Namespace.of(ns.directory());
        final ProcessPool pool = pool(2);
        try (SharedLong holder = SharedLong.create(namespace, "holder"))
        {
            final CompletableFuture<Integer> doomed = pool.applyAsync(x -> longTask(), 0);
            final List<CompletableFuture<Integer>> others = new ArrayList<>();
            for (int i = 0; i < 20; i++)
            {
                others.add(pool.applyAsync(x -> x * 2, i));
            }
            final long pid = awaitNonZero(holder);
            final int worker = pool.workerPids().indexOf(pid);
            assertTrue(worker >= 0, "a worker of the pool runs the task");
            final long killedAt = System.nanoTime();
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            final ExecutionException ex = assertThrows(ExecutionException.class, () -> doomed.get(30, TimeUnit.SECONDS));
            final long failedInMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            final WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, ex.getCause());
            assertEquals(pid, died.pid());
            assertEquals(-9, died.exitCode());
            assertEquals("worker died: pool=" + pool.name() + ", worker=" + worker + ", pid=" + pid +
                ", exit_code=-9, task=0", died.getMessage(), "the first task submitted has id 0");
            assertTrue(failedInMs < 10_000, "failed within the bound: ms=" + failedInMs);
            for (int i = 0; i < 20; i++)
            {
                assertEquals(i * 2, others.get(i).get(TIMEOUT_S, TimeUnit.SECONDS));
            }
            assertEquals(List.of(0, 1, 4), pool.map(x -> x * x, List.of(0, 1, 2)), "pool runs new tasks");
            awaitCondition(() -> !pool.workerPids().contains(pid) && pool.workerPids().size() == 2);
        }
    }

    private static int longTask() throws InterruptedException
    {
        try (SharedLong holder = SharedLong.open(Namespace.open(), "holder"))
        {
            holder.set(ProcessHandle.current().pid());
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(120));
        return -1;
    }

    @Test
    void shouldFailTaskThatCallsSystemExitWithTypedException() throws Exception
    {
        final ProcessPool pool = pool(1);
        final long pid = pool.workerPids().get(0);
        final CompletableFuture<Object> exiting = pool.applyAsync(() ->
        {
            System.exit(3);
            return null;
        });
        final ExecutionException ex = assertThrows(ExecutionException.class, () -> exiting.get(30, TimeUnit.SECONDS));
        final WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, ex.getCause());
        assertEquals(3, died.exitCode());
        assertEquals(pid, died.pid());
        assertEquals("worker died: pool=" + pool.name() + ", worker=0, pid=" + pid + ", exit_code=3, task=0",
            died.getMessage());
        assertEquals(42, pool.apply(() -> 42));
    }

    @Test
    void shouldReplaceWorkersAfterMaxTasksPerChild()
    {
        final ProcessPool pool = pool(PoolOptions.defaults().withWorkers(1).withMaxTasksPerChild(2));
        final List<Long> pids = new ArrayList<>();
        for (int i = 0; i < 6; i++)
        {
            pids.add(pool.apply(() -> ProcessHandle.current().pid()));
        }
        assertEquals(pids.get(0), pids.get(1));
        assertEquals(pids.get(2), pids.get(3));
        assertEquals(pids.get(4), pids.get(5));
        assertEquals(3, new HashSet<>(pids).size(), pids.toString());
    }

    @Test
    void shouldRunInitializerOncePerWorkerAndRefuseClassesOutsideAllowlist()
    {
        final ProcessPool pool = pool(PoolOptions.defaults().withWorkers(2)
            .withInitializer(() -> System.setProperty("pool.init", "done-" + ProcessHandle.current().pid())));
        final List<String> seen = pool.map(x -> System.getProperty("pool.init"), List.of(1, 2, 3, 4), 1);
        for (final String s : seen)
        {
            assertTrue(s.startsWith("done-"), s);
        }

        final AtomicInteger notAllowed = new AtomicInteger(5);
        final RefusedClassException refused = assertThrows(RefusedClassException.class,
            () -> pool.apply(x -> x + notAllowed.get(), 1));
        assertEquals("java.util.concurrent.atomic.AtomicInteger", refused.className());
        assertTrue(refused.getMessage().startsWith(
            "task class not in pool allowlist: class=java.util.concurrent.atomic.AtomicInteger"), refused.getMessage());
    }

    @Test
    void shouldServeAsExecutorServiceAndCallBackInOrderOfCompletion() throws Exception
    {
        final ProcessPool pool = pool(2);
        final Future<String> f = pool.submit((Callable<String> & Serializable)() -> "called");
        assertEquals("called", f.get(TIMEOUT_S, TimeUnit.SECONDS));
        assertThrows(IllegalArgumentException.class, () -> pool.submit(() -> "plain lambda"));

        final List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++)
        {
            final int n = i;
            tasks.add((Callable<Integer> & Serializable)() -> n * 10);
        }
        final List<Integer> all = new ArrayList<>();
        for (final Future<Integer> result : pool.invokeAll(tasks))
        {
            all.add(result.get());
        }
        assertEquals(List.of(0, 10, 20, 30, 40), all);
        assertTrue(Set.of(0, 10, 20, 30, 40).contains(pool.invokeAny(tasks)));

        final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();
        final List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            futures.add(pool.applyAsync(x -> x == 2 ? explode(x) : x, i, events::add, events::add));
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).exceptionally(e -> null)
            .get(TIMEOUT_S, TimeUnit.SECONDS);
        awaitCondition(() -> events.size() == 4);
        assertTrue(events.containsAll(List.of(0, 1, 3)));
        assertEquals(1, events.stream().filter(e -> e instanceof RemoteTaskException).count());

        final ResultIterator<Integer> slow = pool.imap(x ->
        {
            Thread.sleep(2_000);
            return x;
        }, List.of(1));
        assertThrows(TimeoutException.class, () -> slow.next(10, TimeUnit.MILLISECONDS));
        assertEquals(1, slow.next(TIMEOUT_S, TimeUnit.SECONDS));

        pool.shutdown();
        assertThrows(RejectedExecutionException.class, () -> pool.apply(() -> 1));
        assertTrue(pool.awaitTermination(TIMEOUT_S, TimeUnit.SECONDS));
        assertTrue(pool.isTerminated());
    }

    @Test
    void shouldLeaveNoProcessAndNoRegionAfterClose() throws Exception
    {
        final Namespace namespace = Namespace.of(ns.directory());
        final ProcessPool pool = pool(2);
        final List<Long> pids = pool.workerPids();
        assertEquals(2, pids.size());
        assertEquals(10, pool.map(x -> x, IntStream.range(0, 10).boxed().collect(Collectors.toList())).size());
        final String p = pool.name();
        assertEquals(
            List.of(p + "-slots", p + "-w0-g0-results", p + "-w0-g0-tasks", p + "-w1-g0-results", p + "-w1-g0-tasks"),
            namespace.list().stream().sorted().collect(Collectors.toList()),
            "one slots array, and a task queue and a result queue per worker");
        final CompletableFuture<Integer> pending = pool.applyAsync(x -> x, 1);
        pool.close();
        assertEquals(1, pending.get(TIMEOUT_S, TimeUnit.SECONDS), "queued work finishes on close");
        assertTrue(pool.isTerminated());
        for (final long pid : pids)
        {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "worker alive: " + pid);
        }
        assertEquals(List.of(), liveChildren());
        assertEquals(List.of(), namespace.list());
        assertEquals(List.of(), ns.filesButLivenessTable(), "no file at all, temp files included");
    }

    @Test
    void shouldTerminateRunningTasksOnShutdownNow() throws Exception
    {
        final ProcessPool pool = pool(1);
        final CompletableFuture<Object> running = pool.applyAsync(() ->
        {
            Thread.sleep(120_000);
            return null;
        });
        final Future<?> queued = pool.submit((Runnable & Serializable)() -> { });
        final List<Runnable> never = pool.shutdownNow();
        assertTrue(pool.awaitTermination(TIMEOUT_S, TimeUnit.SECONDS));
        assertTrue(running.isCompletedExceptionally());
        assertTrue(queued.isDone());
        assertTrue(never.size() <= 1);
        assertEquals(List.of(), Namespace.of(ns.directory()).list());
    }

    @Test
    void shouldBreakWhenWorkersDieBeforeReady()
    {
        final ProcessPool pool = pool(PoolOptions.defaults().withWorkers(1).withJvmArgs("-XX:+NoSuchMmipcFlag"));
        final WorkerDiedException died = assertThrows(WorkerDiedException.class, () -> pool.apply(() -> 1));
        assertEquals(1, died.exitCode(), "the JVM refused the flag");
        assertEquals("worker died before ready: pool=" + pool.name() + ", worker=0, pid=" + died.pid() +
            ", exit_code=1, failures=3", died.getMessage());
        final RejectedExecutionException rejected =
            assertThrows(RejectedExecutionException.class, () -> pool.apply(() -> 2));
        assertEquals("pool broken: pool=" + pool.name() + ", cause=" + died, rejected.getMessage());
    }

    @Test
    void shouldBreakWhenInitializerThrows()
    {
        final ProcessPool pool = pool(PoolOptions.defaults().withWorkers(1).withInitializer(() ->
        {
            throw new IllegalStateException("no init");
        }));
        final RemoteTaskException ex = assertThrows(RemoteTaskException.class, () -> pool.apply(() -> 1));
        assertEquals("pool initializer failed: pool=" + pool.name() + ", pid=" + ex.pid() +
            ", exception=java.lang.IllegalStateException, message=no init", ex.getMessage());
        assertEquals("no init", ex.remoteMessage());
        assertTrue(Arrays.stream(ex.getStackTrace()).anyMatch(f -> f.getClassName().equals(PoolWorker.class.getName())),
            "the remote stack trace");
    }

    private static long awaitNonZero(final SharedLong value) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (value.get() == 0)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("value stayed 0: " + value);
            }
            Thread.sleep(5);
        }
        return value.get();
    }

    private static void awaitCondition(final java.util.function.BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(5);
        }
    }
}

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
import dev.mmipc.exceptions.RegionExistsException;
import dev.mmipc.exceptions.RegionNotFoundException;
import dev.mmipc.exceptions.RemoteTaskException;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.shared.SharedLongArray;
import dev.mmipc.test.PoolsClosed;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool's less travelled paths, each test on one worker JVM: every value form there and back, values, results
 * and functions that cannot be encoded or decoded, messages too large for the queues, exception chains with cycles,
 * a failing item source; then interrupted callers, the timeouts of {@code invokeAll}/{@code invokeAny}, and
 * {@code shutdownNow} handing back the tasks that never started. Plus refusals that need no JVM.
 */
class ProcessPoolEdgesTest
{
    private static final long TIMEOUT_S = 60;
    private static final int SMALL_QUEUE_BYTES = 65536;
    private static final int TOO_LARGE = 65536;

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @RegisterExtension
    final PoolsClosed pools = PoolsClosed.checkingNoChildSurvives();

    @Test
    @SuppressWarnings("unchecked")
    void shouldCarryEveryValueFormAndRefuseWhatCannotTravel() throws Exception
    {
        final Namespace namespace = Namespace.of(ns.directory());
        final ProcessPool pool = pool(namespace);
        assertTrue(pool.toString().startsWith("ProcessPool{name=" + pool.name() + ", workers=1, shutdown=false"),
            pool.toString());
        assertEquals(1, pool.options().workers());

        // every compact form and a serialized one, there and back in one chunk
        final List<Object> values = Arrays.asList(null, 7, 7L, 2.5, true, false, "h\u00e9llo", new byte[]{1, 2, 3},
            new ArrayList<>(List.of(1, "a")), BigInteger.TEN);
        final List<Object> back = pool.map(x -> x, values, values.size());
        assertEquals(values.size(), back.size());
        for (int i = 0; i < values.size(); i++)
        {
            if (values.get(i) instanceof byte[])
            {
                assertArrayEquals((byte[])values.get(i), (byte[])back.get(i));
            }
            else
            {
                assertEquals(values.get(i), back.get(i), "value " + i);
            }
        }
        // null results: in order, unordered and one by one (a null once broke the dispatcher)
        assertEquals(Arrays.asList(null, null, null), pool.map(x -> null, List.of(1, 2, 3), 2));
        final ResultIterator<Object> nulls = pool.imapUnordered(x -> null, List.of(1, 2));
        assertNull(nulls.next(TIMEOUT_S, TimeUnit.SECONDS));
        assertTrue(nulls.hasNext());
        assertNull(nulls.next());
        assertFalse(nulls.hasNext());
        final Object[] array = pool.apply(x -> new Object[]{x, null, new Object[]{"in"}}, 1);
        assertEquals(1, array[0]);
        assertNull(array[1]);
        assertArrayEquals(new Object[]{"in"}, (Object[])array[2]);
        assertEquals(List.of("2:[x, 3]", "0:null"), pool.starmap(
            args -> args.length + ":" + (args.length > 0 ? Arrays.toString((Object[])args[1]) : null),
            List.of(new Object[]{1, new Object[]{"x", 3}}, new Object[0])));

        // what cannot travel: an argument (refused in the caller), a result (in the worker, or by the pool's reader)
        final IllegalArgumentException arg = assertThrows(IllegalArgumentException.class,
            () -> pool.apply(x -> x, new Object()));
        assertEquals("value not serializable: class=java.lang.Object", arg.getMessage());
        final RemoteTaskException result = assertThrows(RemoteTaskException.class, () -> pool.apply(x -> new Object(), 1));
        assertEquals(IllegalArgumentException.class.getName(), result.remoteClassName());
        assertEquals("value not serializable: class=java.lang.Object", result.remoteMessage());
        final RefusedClassException refused =
            assertThrows(RefusedClassException.class, () -> pool.apply(x -> new AtomicInteger(x), 1));
        assertEquals(AtomicInteger.class.getName(), refused.className());
        assertThrows(RefusedClassException.class, () -> pool.map(x -> new AtomicInteger(x), List.of(1, 2), 2));

        // too large for a 64 KiB queue (8 KiB messages): the task, a map's function, a result
        final IllegalArgumentException task = assertThrows(IllegalArgumentException.class,
            () -> pool.apply(x -> x.length, new byte[TOO_LARGE]));
        assertTrue(task.getMessage().startsWith("task too large for the task queue: queue=" + pool.name() + "-w0-g0-tasks"),
            task.getMessage());
        assertTrue(task.getMessage().endsWith(", fix=PoolOptions.withQueueCapacityBytes"), task.getMessage());
        final byte[] big = new byte[TOO_LARGE];
        final IllegalArgumentException fn =
            assertThrows(IllegalArgumentException.class, () -> pool.map(x -> big.length + x, List.of(1), 1));
        assertTrue(fn.getMessage().startsWith("function too large for the task queue: queue="), fn.getMessage());
        final RemoteTaskException large = assertThrows(RemoteTaskException.class, () -> pool.apply(x -> new byte[x], TOO_LARGE));
        assertEquals(IllegalStateException.class.getName(), large.remoteClassName());
        assertTrue(large.remoteMessage().startsWith("result too large for the result queue: queue=" + pool.name() +
            "-w0-g0-results, length="), large.remoteMessage());

        // a function the worker cannot decode fails the tasks that use it, inline or sent once for a map
        final RemoteTaskException unreadable =
            assertThrows(RemoteTaskException.class, () -> pool.apply(new UnreadableFunction(), 1));
        assertTrue(unreadable.remoteMessage().contains("java.io.InvalidObjectException: refuses to be read"),
            unreadable.remoteMessage());
        final RemoteTaskException unreadableMap =
            assertThrows(RemoteTaskException.class, () -> pool.map(new UnreadableFunction(), List.of(1, 2), 1));
        assertTrue(unreadableMap.remoteMessage().contains("refuses to be read"), unreadableMap.remoteMessage());

        // an exception whose causes form a cycle, one of them without a message
        final RemoteTaskException cyclic = assertThrows(RemoteTaskException.class, () -> pool.apply(x ->
        {
            final RuntimeException inner = new RuntimeException();
            final IllegalStateException outer = new IllegalStateException("outer " + x, inner);
            inner.initCause(outer);
            throw outer;
        }, 4));
        assertEquals("outer 4", cyclic.remoteMessage());
        final RemoteTaskException innerRemote = assertInstanceOf(RemoteTaskException.class, cyclic.getCause());
        assertEquals(RuntimeException.class.getName(), innerRemote.remoteClassName());
        assertNull(innerRemote.remoteMessage());
        assertNull(innerRemote.getCause(), "the cycle is cut where it closes");

        // a source that fails while the dispatcher reads it
        final IllegalStateException source = assertThrows(IllegalStateException.class,
            () -> pool.map(x -> x, brokenAfter(3), 1));
        assertEquals("source broke after 3", source.getMessage());

        // callbacks may be absent; ExecutorService forms
        assertEquals(5, pool.applyAsync(x -> x + 1, 4, null, null).get(TIMEOUT_S, TimeUnit.SECONDS));
        final CompletableFuture<Integer> failing = pool.applyAsync(x -> x / (x - 4), 4, null, null);
        assertInstanceOf(RemoteTaskException.class,
            assertThrows(ExecutionException.class, () -> failing.get(TIMEOUT_S, TimeUnit.SECONDS)).getCause());
        assertEquals("done", pool.submit((Runnable & Serializable)() -> { }, "done").get(TIMEOUT_S, TimeUnit.SECONDS));
        try (SharedLong ran = SharedLong.create(namespace, "ran"))
        {
            pool.execute((Runnable & Serializable)() ->
            {
                try (SharedLong r = SharedLong.open(Namespace.open(), "ran"))
                {
                    r.set(ProcessHandle.current().pid());
                }
            });
            assertEquals((long)pool.workerPids().get(0), awaitNonZero(ran), "executed in the worker");
            ran.unlink();
        }
        final List<Callable<Integer>> allFail = List.of((Callable<Integer> & Serializable)() -> Integer.parseInt("y"),
            (Callable<Integer> & Serializable)() -> Integer.parseInt("x"));
        final ExecutionException none = assertThrows(ExecutionException.class, () -> pool.invokeAny(allFail));
        assertInstanceOf(RemoteTaskException.class, none.getCause());
        assertThrows(IllegalArgumentException.class, () -> pool.invokeAny(List.<Callable<Integer>>of()));

        // a graceful end: the worker exits on its own (and a coverage agent in it writes what it saw)
        pool.close();
        assertTrue(pool.isTerminated());
        assertEquals(List.of(), namespace.list());
    }

    private ProcessPool pool(final Namespace namespace)
    {
        final ProcessPool pool = ProcessPool.create(PoolOptions.defaults().withWorkers(1).withPrefetch(1)
            .withQueueCapacityBytes(SMALL_QUEUE_BYTES)
            .withNamespace(namespace)
            .withWorkerOutput(ProcessBuilder.Redirect.appendTo(ns.scratch().resolve("workers.log").toFile())));
        return pools.track(pool);
    }

    @Test
    void shouldGiveUpInterruptedOrTimedOutWaitsAndHandBackTasksThatNeverStarted() throws Exception
    {
        final Namespace namespace = Namespace.of(ns.directory());
        final ProcessPool pool = pool(namespace);

        // an interrupted caller gives up its wait
        Thread.currentThread().interrupt();
        assertThrows(CancellationException.class, () -> pool.apply(() -> 1));
        assertTrue(Thread.interrupted());

        // from here the one worker is held by a long task: nothing else starts
        final List<Callable<Integer>> slow = List.of((Callable<Integer> & Serializable)() ->
        {
            Thread.sleep(TimeUnit.SECONDS.toMillis(120));
            return 1;
        });
        final TimeoutException late = assertThrows(TimeoutException.class,
            () -> pool.invokeAny(slow, 200, TimeUnit.MILLISECONDS));
        assertEquals("no task succeeded in time: pool=" + pool.name(), late.getMessage());
        final List<Future<Integer>> timedOut = pool.invokeAll(slow, 100, TimeUnit.MILLISECONDS);
        assertTrue(timedOut.get(0).isCancelled(), "invokeAll cancels what did not finish in time");

        final ResultIterator<Integer> waiting = pool.imap(x -> x, List.of(1));
        Thread.currentThread().interrupt();
        assertThrows(CancellationException.class, waiting::hasNext);
        assertTrue(Thread.interrupted());
        Thread.currentThread().interrupt();
        assertThrows(CancellationException.class, waiting::next);
        assertTrue(Thread.interrupted());

        final Callable<String> callable = (Callable<String> & Serializable)() -> "local";
        final Runnable runnable = (Runnable & Serializable)() -> { };
        final Future<String> neverCalled = pool.submit(callable);
        final Future<?> neverRun = pool.submit(runnable);
        final CompletableFuture<Integer> neverApplied = pool.applyAsync(x -> x, 1);
        final List<Runnable> never = pool.shutdownNow();
        assertEquals(2, never.size(), "the ExecutorService tasks that never started, not the function: " + never);
        assertSame(runnable, never.get(1));
        never.get(0).run(); // the callable as a runnable, run here
        assertTrue(pool.awaitTermination(TIMEOUT_S, TimeUnit.SECONDS));
        assertThrows(CancellationException.class, neverCalled::get);
        assertThrows(CancellationException.class, neverRun::get);
        assertThrows(CancellationException.class, () -> neverApplied.get(TIMEOUT_S, TimeUnit.SECONDS));
        assertThrows(CancellationException.class, waiting::next);
        assertEquals(List.of(), namespace.list());
    }

    /** A function whose deserialization fails: the worker cannot decode it (the pool only ever encodes it). */
    static final class UnreadableFunction implements TaskFunction<Integer, Integer>
    {
        private static final long serialVersionUID = 1L;

        @Override
        public Integer apply(final Integer arg)
        {
            return arg;
        }

        private void readObject(final ObjectInputStream in) throws IOException
        {
            throw new InvalidObjectException("refuses to be read");
        }
    }

    @Test
    void shouldRefuseInitializerTooLargeForTheTaskQueueLeavingNoRegion()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        final byte[] big = new byte[TOO_LARGE];
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ProcessPool.create(
            PoolOptions.defaults().withWorkers(1).withQueueCapacityBytes(4096).withNamespace(namespace)
                .withInitializer(() -> System.out.println(big.length))));
        assertTrue(ex.getMessage().startsWith("initializer too large for the task queue: pool=pool-"), ex.getMessage());
        assertTrue(ex.getMessage().endsWith(", max=512, fix=PoolOptions.withQueueCapacityBytes"), ex.getMessage());
        assertEquals(List.of(), namespace.list(), "the slots and the first channel removed again");
    }

    @Test
    void shouldRemoveWhatAChannelMadeWhenItsSecondQueueCannotBeMadeAndRefuseToOpenAnIncompleteOne()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        try (SharedLongArray slots = SharedLongArray.create(namespace, "slots", WorkerChannel.slotsLength(1)))
        {
            SharedLong.create(namespace, WorkerChannel.resultsName("taken")).close();
            final RegionExistsException exists = assertThrows(RegionExistsException.class,
                () -> WorkerChannel.create(namespace, "taken", SMALL_QUEUE_BYTES, slots, 0));
            assertTrue(exists.getMessage().contains(WorkerChannel.resultsName("taken")), exists.getMessage());
            assertEquals(List.of("slots", WorkerChannel.resultsName("taken")), namespace.list(),
                "the task queue made before is removed again");

            MessageQueue.create(namespace, WorkerChannel.tasksName("half"), QueueMode.ONE_TO_ONE, SMALL_QUEUE_BYTES).close();
            final RegionNotFoundException noResults = assertThrows(RegionNotFoundException.class,
                () -> WorkerChannel.open(namespace, "half", "slots", 0));
            assertTrue(noResults.getMessage().contains(WorkerChannel.resultsName("half")), noResults.getMessage());
            final RegionNotFoundException noTasks = assertThrows(RegionNotFoundException.class,
                () -> WorkerChannel.open(namespace, "none", "slots", 0));
            assertTrue(noTasks.getMessage().contains(WorkerChannel.tasksName("none")), noTasks.getMessage());
            assertThrows(RegionNotFoundException.class, () -> WorkerChannel.open(namespace, "half", "no-slots", 0));
            slots.unlink();
        }
    }

    private static Iterable<Integer> brokenAfter(final int good)
    {
        return () -> new Iterator<>()
        {
            private int next;

            @Override
            public boolean hasNext()
            {
                return true;
            }

            @Override
            public Integer next()
            {
                if (next == good)
                {
                    throw new IllegalStateException("source broke after " + good);
                }
                return next++;
            }
        };
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

    @Test
    void shouldRefuseOptionsOutOfRangeNamingThem()
    {
        final PoolOptions d = PoolOptions.defaults();
        assertEquals("workers below 1: workers=0",
            assertThrows(IllegalArgumentException.class, () -> d.withWorkers(0)).getMessage());
        assertEquals("max tasks per child negative: max_tasks_per_child=-1",
            assertThrows(IllegalArgumentException.class, () -> d.withMaxTasksPerChild(-1)).getMessage());
        assertEquals("allowlist pattern has a comma: pattern=a.B,c.D",
            assertThrows(IllegalArgumentException.class, () -> d.withAllow("a.B,c.D")).getMessage());
        assertEquals("queue capacity not a power of two >= 4096: capacity=2048",
            assertThrows(IllegalArgumentException.class, () -> d.withQueueCapacityBytes(2048)).getMessage());
        assertEquals("queue capacity not a power of two >= 4096: capacity=5000",
            assertThrows(IllegalArgumentException.class, () -> d.withQueueCapacityBytes(5000)).getMessage());
        assertEquals("prefetch below 1: prefetch=0",
            assertThrows(IllegalArgumentException.class, () -> d.withPrefetch(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.withCloseTimeout(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> d.withNamespace(null));
        assertThrows(NullPointerException.class, () -> d.withWorkerOutput(null));

        final PoolOptions o = d.withWorkers(3).withMaxTasksPerChild(2).withAllowClasses(BigInteger.class)
            .withJvmArgs("-Xmx64m").withQueueCapacityBytes(8192).withPrefetch(4).withCloseTimeout(Duration.ofSeconds(2));
        assertEquals(3, o.workers());
        assertEquals(2, o.maxTasksPerChild());
        assertTrue(o.allow().containsAll(PoolOptions.DEFAULT_ALLOW), o.allow().toString());
        assertEquals(BigInteger.class.getName(), o.allow().get(o.allow().size() - 1));
        assertEquals(List.of("-Xmx64m"), o.jvmArgs());
        assertEquals(8192, o.queueCapacityBytes());
        assertEquals(4, o.prefetch());
        assertEquals(Duration.ofSeconds(2), o.closeTimeout());
        assertNull(o.initializer());
        assertNull(o.namespace());
        assertEquals(ProcessBuilder.Redirect.INHERIT, o.workerOutput());
    }
}

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
package dev.mmipc.reliability;

import dev.mmipc.Namespace;
import dev.mmipc.exceptions.WorkerDiedException;
import dev.mmipc.pool.PoolOptions;
import dev.mmipc.pool.ProcessPool;
import dev.mmipc.queue.QueueDescriptor;
import dev.mmipc.queue.QueueInspector;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.reliability.PoolCrashTasks.ExitOnDecode;
import dev.mmipc.reliability.PoolCrashTasks.HalfWritten;
import dev.mmipc.reliability.PoolCrashTasks.HaltOnDecodeFunction;
import dev.mmipc.reliability.PoolCrashTasks.StallOnDecode;
import dev.mmipc.reliability.PoolCrashTasks.StallOnDecodeCallable;
import dev.mmipc.reliability.PoolCrashTasks.StallOnEncode;
import dev.mmipc.reliability.PoolCrashTasks.StallOnceFunction;
import dev.mmipc.test.PoolsClosed;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.ThreadDumps;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #7's crash matrix for {@link ProcessPool}: a worker is {@code kill -9}'d while it decodes a task (its
 * argument, or the task object itself), while it runs one, while it encodes the result, half way through a
 * large result, while it decodes a map's function, and at random moments of a stream of large results (some
 * inside the copy into the result ring). Each point is reached without hooks in the pool: the objects the
 * pool carries mark the point from their serialization callbacks ({@link PoolCrashTasks}) and stall there.
 * <p>
 * After every kill: the task the worker held, and only it, fails with {@link WorkerDiedException} (pid, exit
 * code -9); every other task, submitted before or after, completes with its exact result; results returned
 * before the kill stay as they were; a new worker (new pid) replaces the dead one and runs tasks, within the
 * bounds {@link ProcessPool}'s Javadoc states (printed as {@code pool crash: ...}). Every wait is bounded and
 * dumps the threads of this JVM and of the workers on timeout.
 */
class PoolCrashTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Kill to the held task's failure: ProcessPool says milliseconds. */
    private static final long DEATH_BOUND_MS = 5_000;
    /** Kill to every other task done, and to the first task done by the replacement: about one JVM start. */
    private static final long REPLACEMENT_BOUND_MS = 30_000;
    private static final int WORKERS = 2;
    private static final int LARGE_BYTES = 3 << 20;
    /** Queues of 32 MiB take messages up to 4 MiB: a 3 MiB result and its framing. */
    private static final int LARGE_QUEUE_BYTES = 32 << 20;
    private static final long SEED = Long.getLong("mmipc.poolcrash.seed", 0x5EED_C0DEL);
    private static final int ROUNDS = Integer.getInteger("mmipc.poolcrash.rounds", 20);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @RegisterExtension
    final PoolsClosed pools = new PoolsClosed();

    /**
     * Where the worker is when it is killed.
     */
    enum Point
    {
        DECODING_ARGUMENT
        {
            @Override
            Future<?> submit(final ProcessPool pool, final String marker)
            {
                return pool.applyAsync((StallOnDecode s) -> s.value, new StallOnDecode(marker, 7));
            }
        },
        DECODING_TASK
        {
            @Override
            Future<?> submit(final ProcessPool pool, final String marker)
            {
                return pool.submit(new StallOnDecodeCallable(marker));
            }
        },
        RUNNING
        {
            @Override
            Future<?> submit(final ProcessPool pool, final String marker)
            {
                return pool.applyAsync(PoolCrashTest::markAndStall, marker);
            }
        },
        ENCODING_RESULT
        {
            @Override
            Future<?> submit(final ProcessPool pool, final String marker)
            {
                return pool.applyAsync(m -> new StallOnEncode(m, 1), marker);
            }
        },
        LARGE_RESULT_HALF_WRITTEN
        {
            @Override
            Future<?> submit(final ProcessPool pool, final String marker)
            {
                return pool.applyAsync(m -> new HalfWritten(m, PoolCrashTasks.payload(1, LARGE_BYTES)), marker);
            }
        };

        abstract Future<?> submit(ProcessPool pool, String marker);
    }

    @ParameterizedTest
    @EnumSource(Point.class)
    void shouldFailOnlyTheTaskOfAWorkerKilledAtEachPointAndRunEveryOtherTask(final Point point) throws Exception
    {
        final ProcessPool pool = pool(PoolOptions.defaults().withWorkers(WORKERS)
            .withQueueCapacityBytes(point == Point.LARGE_RESULT_HALF_WRITTEN ? LARGE_QUEUE_BYTES : 1 << 20));
        final List<CompletableFuture<Integer>> before = triple(pool, 0, 10);
        final List<Integer> returned = new ArrayList<>();
        for (int i = 0; i < before.size(); i++)
        {
            returned.add(get("task before the kill", before.get(i)));
            assertEquals(3 * i, returned.get(i));
        }
        final String marker = marker(point.name());
        final Future<?> doomed = point.submit(pool, marker);
        final List<CompletableFuture<Integer>> after = triple(pool, 10, 30);

        final long pid = awaitMarker(marker);
        final List<Long> pidsBefore = pool.workerPids();
        final int worker = pidsBefore.indexOf(pid);
        assertTrue(worker >= 0, "a worker of the pool holds the task: pid=" + pid + ", workers=" + pidsBefore);
        final long killedAt = kill(pid);

        final WorkerDiedException died = died("the task of the killed worker", doomed);
        final long failedMs = msSince(killedAt);
        assertEquals(pid, died.pid());
        assertEquals(-9, died.exitCode());
        assertEquals("worker died: pool=" + pool.name() + ", worker=" + worker + ", pid=" + pid +
            ", exit_code=-9, task=10", died.getMessage(), "ten tasks before it: its id is 10");
        for (int i = 0; i < after.size(); i++)
        {
            assertEquals(3 * (10 + i), get("task after the kill", after.get(i)));
        }
        final long othersMs = msSince(killedAt);
        final long replacementMs = awaitReplacementServes(pool, pid, pidsBefore, killedAt);
        for (int i = 0; i < before.size(); i++)
        {
            assertEquals(returned.get(i), before.get(i).getNow(null), "a returned result stays as it was");
        }
        System.out.println("pool crash: point=" + point + ", kill_to_task_failed_ms=" + failedMs +
            ", kill_to_others_done_ms=" + othersMs + ", kill_to_replacement_served_ms=" + replacementMs);
        assertTrue(failedMs < DEATH_BOUND_MS, "held task failed within the bound: ms=" + failedMs);
        assertTrue(othersMs < REPLACEMENT_BOUND_MS, "other tasks done within the bound: ms=" + othersMs);
        assertTrue(replacementMs < REPLACEMENT_BOUND_MS, "replacement served within the bound: ms=" + replacementMs);
    }

    @Test
    void shouldFailTaskWhoseArgumentCallsSystemExitWhileDecodedAndGoOn() throws Exception
    {
        final ProcessPool pool = pool(PoolOptions.defaults().withWorkers(1));
        final long pid = pool.workerPids().get(0);
        final Future<Integer> exiting = pool.applyAsync((ExitOnDecode e) -> e.status, new ExitOnDecode(3));
        final List<CompletableFuture<Integer>> after = triple(pool, 0, 10);

        final WorkerDiedException died = died("the task whose argument exits", exiting);
        assertEquals(pid, died.pid());
        assertEquals(3, died.exitCode(), "the status given to System.exit");
        assertEquals("worker died: pool=" + pool.name() + ", worker=0, pid=" + pid + ", exit_code=3, task=0",
            died.getMessage());
        for (int i = 0; i < after.size(); i++)
        {
            assertEquals(3 * i, get("task after the exit, on the replacement", after.get(i)));
        }
        assertNotEquals(pid, pool.workerPids().get(0), "replaced");
    }

    @Test
    void shouldCompleteMapOnReplacementWhenAWorkerIsKilledWhileDecodingTheMapFunction() throws Exception
    {
        final ProcessPool pool = pool(PoolOptions.defaults().withWorkers(WORKERS));
        final List<Integer> items = IntStream.range(0, 40).boxed().collect(Collectors.toList());
        final String marker = marker("fn");
        final CompletableFuture<List<Integer>> squares = pool.mapAsync(new StallOnceFunction(marker), items, 2);
        final List<CompletableFuture<Integer>> others = triple(pool, 0, 10);

        final long pid = awaitMarker(marker);
        final List<Long> pidsBefore = pool.workerPids();
        assertTrue(pidsBefore.contains(pid), "a worker of the pool decodes the function");
        final long killedAt = kill(pid);

        assertEquals(items.stream().map(x -> x * x).collect(Collectors.toList()), get("the map", squares),
            "no item ran before the kill (the function was being decoded): the chunk runs elsewhere, once");
        final long mapMs = msSince(killedAt);
        for (int i = 0; i < others.size(); i++)
        {
            assertEquals(3 * i, get("other task", others.get(i)));
        }
        final long replacementMs = awaitReplacementServes(pool, pid, pidsBefore, killedAt);
        System.out.println("pool crash: point=DECODING_MAP_FUNCTION, kill_to_map_done_ms=" + mapMs +
            ", kill_to_replacement_served_ms=" + replacementMs);
        assertTrue(mapMs < REPLACEMENT_BOUND_MS, "map done within the bound: ms=" + mapMs);
        assertTrue(replacementMs < REPLACEMENT_BOUND_MS, "replacement served within the bound: ms=" + replacementMs);
    }

    @Test
    void shouldEndMapWithWorkerDiedWhenItsFunctionKillsEveryWorkerThatDecodesIt() throws Exception
    {
        final ProcessPool pool = pool(PoolOptions.defaults().withWorkers(WORKERS));
        final Path dir = Files.createDirectories(ns.scratch().resolve("poison"));
        final List<CompletableFuture<Integer>> before = triple(pool, 0, 10);
        for (int i = 0; i < before.size(); i++)
        {
            assertEquals(3 * i, get("task before the poison", before.get(i)));
        }
        final List<Integer> items = IntStream.range(0, 40).boxed().collect(Collectors.toList());
        final CompletableFuture<List<Integer>> poisoned =
            pool.mapAsync(new HaltOnDecodeFunction(dir.toString(), 7), items, 1);
        final List<CompletableFuture<Integer>> after = triple(pool, 10, 30);

        final ExecutionException ex = assertThrows(ExecutionException.class, () -> get("the poisoned map", poisoned));
        final WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, ex.getCause());
        assertEquals(7, died.exitCode());
        assertTrue(Pattern.matches("worker died decoding the function: pool=" + Pattern.quote(pool.name()) +
            ", worker=[0-9]+, pid=" + died.pid() + ", exit_code=7, task=[0-9]+, deaths=2", died.getMessage()),
            died.getMessage());
        for (int i = 0; i < after.size(); i++)
        {
            assertEquals(3 * (10 + i), get("task after the poison", after.get(i)));
        }
        // every worker that was sent the function before the map failed has taken it by now
        final Set<Long> served = new HashSet<>();
        await("both current workers serve", () ->
        {
            served.addAll(probe(pool));
            return served.containsAll(pool.workerPids()) && pool.workerPids().size() == WORKERS;
        });
        final List<String> deaths;
        try (Stream<Path> files = Files.list(dir))
        {
            deaths = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("fn-[0-9]+"))
                .collect(Collectors.toList());
        }
        System.out.println("pool crash: point=POISON_MAP_FUNCTION, workers_killed=" + deaths.size());
        assertTrue(deaths.contains("fn-" + died.pid()), deaths.toString());
        assertTrue(deaths.size() >= 2 && deaths.size() <= 2 + WORKERS,
            "two deaths fail the map, and at most one more per worker that held the function: " + deaths);
        assertEquals(List.of(1, 2, 3), pool.map(x -> x + 1, List.of(0, 1, 2)), "the pool goes on");
    }

    @Test
    void shouldReturnExactBytesOrWorkerDiedWhenWorkersAreKilledAtRandomWhileReturningLargeResults() throws Exception
    {
        final ProcessPool pool = pool(PoolOptions.defaults().withWorkers(WORKERS)
            .withQueueCapacityBytes(LARGE_QUEUE_BYTES));
        final Namespace namespace = Namespace.of(ns.directory());
        final SplittableRandom random = new SplittableRandom(SEED);
        int inCopy = 0;
        int watchedInCopy = 0;
        int returned = 0;
        int failed = 0;
        for (int round = 0; round < ROUNDS; round++)
        {
            final int index = random.nextInt(WORKERS);
            final String ringName = awaitSettled(pool, namespace, index);
            final long victim = pool.workerPids().get(index);
            final boolean watch = round % 2 == 1;
            final long[] seeds = new long[10];
            final List<CompletableFuture<byte[]>> results = new ArrayList<>();
            try (ResultRing ring = new ResultRing(namespace, ringName))
            {
                for (int i = 0; i < seeds.length; i++)
                {
                    seeds[i] = random.nextLong();
                    results.add(pool.applyAsync(PoolCrashTest::large, seeds[i]));
                }
                if (watch)
                {
                    // kill as soon as a large result is claimed in the victim's result ring and not committed
                    // (a spin: the copy of 3 MiB takes about a millisecond); a round whose tasks all end first
                    // kills an idle worker
                    final long deadline = System.nanoTime() + WAIT.toNanos();
                    while (!ring.largeClaimPending() && !results.stream().allMatch(CompletableFuture::isDone))
                    {
                        if (System.nanoTime() - deadline > 0)
                        {
                            throw withWorkerDumps(ThreadDumps.timedOut("a large result claimed in " + ringName, WAIT));
                        }
                        Thread.onSpinWait();
                    }
                }
                else
                {
                    Thread.sleep(random.nextInt(80)); // a random moment, not a synchronisation
                }
                kill(victim);
                await("death of " + victim + " handled", () -> !pool.workerPids().contains(victim));
                final boolean killedInCopy = ring.depthBytes() > 0; // every committed result has been read
                inCopy += killedInCopy ? 1 : 0;
                watchedInCopy += killedInCopy && watch ? 1 : 0;
                int diedInRound = 0;
                for (int i = 0; i < seeds.length; i++)
                {
                    try
                    {
                        final byte[] bytes = get("large result", results.get(i));
                        final byte[] expected = PoolCrashTasks.payload(seeds[i], LARGE_BYTES);
                        assertEquals(LARGE_BYTES, bytes.length, "seed=" + seeds[i]);
                        assertEquals(PoolCrashTasks.crc(expected), PoolCrashTasks.crc(bytes), "seed=" + seeds[i]);
                        returned++;
                    }
                    catch (final ExecutionException ex)
                    {
                        final WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, ex.getCause());
                        assertEquals(victim, died.pid());
                        assertEquals(-9, died.exitCode());
                        diedInRound++;
                    }
                }
                failed += diedInRound;
                assertTrue(diedInRound <= 1, "only the task the victim held fails: round=" + round);
                if (killedInCopy)
                {
                    assertEquals(1, diedInRound, "a result killed in its copy is never delivered: round=" + round);
                }
            }
        }
        System.out.println("pool crash: point=RANDOM_LARGE_RESULTS, seed=" + SEED + ", kills=" + ROUNDS +
            ", kills_inside_ring_copy=" + inCopy + " (watched " +
            watchedInCopy + " of " + ROUNDS / 2 + ")" + ", returned=" + returned + ", died=" + failed);
        assertTrue(inCopy >= 1, "some kill landed inside the copy into the result ring");
        assertEquals(List.of(0, 1, 4), pool.map(x -> x * x, List.of(0, 1, 2)), "the pool goes on");
    }

    // ---------------------------------------------------------------- task bodies (run in the workers)

    private static int markAndStall(final String marker)
    {
        PoolCrashTasks.mark(marker);
        PoolCrashTasks.stall();
        return -1;
    }

    private static byte[] large(final long seed)
    {
        return PoolCrashTasks.payload(seed, LARGE_BYTES);
    }

    private static long pidAfter(final int sleepMs) throws InterruptedException
    {
        Thread.sleep(sleepMs);
        return ProcessHandle.current().pid();
    }

    // ---------------------------------------------------------------- helpers

    private ProcessPool pool(final PoolOptions options)
    {
        final ProcessPool pool = ProcessPool.create(options
            .withNamespace(Namespace.of(ns.directory()))
            .withWorkerOutput(ProcessBuilder.Redirect.appendTo(workersLog().toFile())));
        return pools.track(pool);
    }

    private Path workersLog()
    {
        return ns.scratch().resolve("workers.log");
    }

    private static List<CompletableFuture<Integer>> triple(final ProcessPool pool, final int from, final int to)
    {
        final List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = from; i < to; i++)
        {
            futures.add(pool.applyAsync(x -> x * 3, i));
        }
        return futures;
    }

    private String marker(final String name)
    {
        return ns.scratch().resolve(name).toString();
    }

    private long awaitMarker(final String marker)
    {
        final Path path = Path.of(marker);
        await("marker " + path.getFileName(), () -> Files.exists(path));
        try
        {
            return Long.parseLong(Files.readString(path, StandardCharsets.US_ASCII));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static long kill(final long pid)
    {
        final long at = System.nanoTime();
        assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly(), "SIGKILL sent: pid=" + pid);
        return at;
    }

    private static long msSince(final long nanoTime)
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }

    private WorkerDiedException died(final String what, final Future<?> future) throws Exception
    {
        final ExecutionException ex = assertThrows(ExecutionException.class, () -> get(what, future));
        return assertInstanceOf(WorkerDiedException.class, ex.getCause());
    }

    /**
     * Wait until the dead worker's replacement is published and has completed a task; return the time from
     * the kill to that completion.
     */
    private long awaitReplacementServes(
        final ProcessPool pool, final long killed, final List<Long> pidsBefore, final long killedAt) throws Exception
    {
        await("replacement of " + killed, () -> pool.workerPids().size() == WORKERS && !pool.workerPids().contains(killed));
        final long replacement = pool.workerPids().stream().filter(p -> !pidsBefore.contains(p)).findFirst()
            .orElseThrow(() -> new AssertionError("no new pid: " + pool.workerPids() + ", before=" + pidsBefore));
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() - deadline < 0)
        {
            final List<CompletableFuture<long[]>> probes = new ArrayList<>();
            for (int i = 0; i < 2 * WORKERS; i++)
            {
                probes.add(pool.applyAsync(PoolCrashTest::pidAfter, 20)
                    .thenApply(pid -> new long[]{pid, System.nanoTime()}));
            }
            long first = Long.MAX_VALUE;
            for (final CompletableFuture<long[]> probe : probes)
            {
                final long[] done = get("probe", probe);
                if (done[0] == replacement)
                {
                    first = Math.min(first, done[1]);
                }
            }
            if (first != Long.MAX_VALUE)
            {
                return TimeUnit.NANOSECONDS.toMillis(first - killedAt);
            }
        }
        throw withWorkerDumps(ThreadDumps.timedOut("replacement " + replacement + " runs a task", WAIT));
    }

    private Set<Long> probe(final ProcessPool pool)
    {
        final List<CompletableFuture<Long>> probes = new ArrayList<>();
        for (int i = 0; i < 2 * WORKERS; i++)
        {
            probes.add(pool.applyAsync(PoolCrashTest::pidAfter, 5));
        }
        final Set<Long> pids = new HashSet<>();
        for (final CompletableFuture<Long> probe : probes)
        {
            try
            {
                pids.add(get("probe", probe));
            }
            catch (final ExecutionException ex)
            {
                throw new AssertionError("probe failed", ex);
            }
        }
        return pids;
    }

    /**
     * Wait until worker {@code index} is up and has exactly one result queue; return its name.
     */
    private String awaitSettled(final ProcessPool pool, final Namespace namespace, final int index)
    {
        final String prefix = pool.name() + "-w" + index + "-g";
        final List<String> names = new ArrayList<>();
        await("worker " + index + " settled", () ->
        {
            names.clear();
            names.addAll(namespace.list().stream().filter(n -> n.startsWith(prefix) && n.endsWith("-results"))
                .collect(Collectors.toList()));
            final List<Long> pids = pool.workerPids();
            return names.size() == 1 && pids.size() == WORKERS &&
                pids.stream().allMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
        });
        return names.get(0);
    }

    private <T> T get(final String what, final Future<T> future) throws ExecutionException
    {
        try
        {
            return ThreadDumps.get(what, WAIT, future);
        }
        catch (final AssertionError ex)
        {
            throw withWorkerDumps(ex);
        }
    }

    private void await(final String what, final BooleanSupplier condition)
    {
        try
        {
            ThreadDumps.await(what, WAIT, condition);
        }
        catch (final AssertionError ex)
        {
            throw withWorkerDumps(ex);
        }
    }

    /**
     * After a timeout: ask every live worker for a thread dump (SIGQUIT, printed to the workers' log) and add
     * the log to the failure.
     */
    private AssertionError withWorkerDumps(final AssertionError timeout)
    {
        for (final ProcessHandle child : ProcessHandle.current().children().collect(Collectors.toList()))
        {
            ThreadDumps.askForDump(child.pid(), "worker " + child.pid());
        }
        String log;
        try
        {
            Thread.sleep(1_000);
            log = Files.exists(workersLog()) ? Files.readString(workersLog()) : "<no worker output>";
        }
        catch (final IOException | InterruptedException ex)
        {
            log = "<no worker output: " + ex + ">";
        }
        return new AssertionError(timeout.getMessage() + "\n--- workers ---\n" + log, timeout);
    }

    /**
     * A second, read-only view of a worker's result queue: where its producer (the worker) and its consumer (the
     * pool) stand. Mapped before the kill, it stays readable after the pool has unlinked the queue.
     */
    private static final class ResultRing implements AutoCloseable
    {
        private final Region region;
        private final AtomicBuffer payload;
        private final int mask;
        private final int ringOffset;
        private final int headIndex;
        private final int tailIndex;

        ResultRing(final Namespace namespace, final String name)
        {
            region = Region.open(namespace.directory(), name, RegionKind.QUEUE);
            final Map<String, String> described = QueueInspector.describe(region);
            assertEquals("ONE_TO_ONE", described.get("mode"));
            final int capacity = Integer.parseInt(described.get("capacity_bytes"));
            payload = region.payload();
            mask = capacity - 1;
            ringOffset = QueueDescriptor.RING_OFFSET;
            headIndex = ringOffset + capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET;
            tailIndex = ringOffset + capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET;
            assertEquals(described.get("consumer_position"), Long.toString(payload.getLongVolatile(headIndex)),
                "the layout QueueInspector reads");
        }

        /**
         * @return true when the record at the head is a claim not yet committed (negative length) of at least
         * half a large result.
         */
        boolean largeClaimPending()
        {
            final long head = payload.getLongVolatile(headIndex);
            final long tail = payload.getLongVolatile(tailIndex);
            final int length = payload.getIntVolatile(ringOffset + ((int)head & mask));
            return tail - head >= LARGE_BYTES / 2 && length < 0;
        }

        long depthBytes()
        {
            return Long.parseLong(QueueInspector.describe(region).get("depth_bytes"));
        }

        @Override
        public void close()
        {
            region.close();
        }
    }
}

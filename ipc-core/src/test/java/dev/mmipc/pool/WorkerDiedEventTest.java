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
import dev.mmipc.events.RecordedEvents;
import dev.mmipc.events.Recoveries;
import dev.mmipc.exceptions.WorkerDiedException;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.test.TestNamespace;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A pool worker killed with {@code kill -9} while it runs a task: {@code dev.mmipc.WorkerDied} (pid, exit code, the
 * task that failed) and {@code dev.mmipc.WorkerReplaced} (the new pid), each with its WARNING line; a worker retired
 * after its task limit, or stopped by close, is no death and records nothing.
 */
class WorkerDiedEventTest
{
    private static final long TIMEOUT_S = 60;
    private static final List<String> EVENTS = List.of("dev.mmipc.WorkerDied", "dev.mmipc.WorkerReplaced");

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private PoolOptions options(final int workers)
    {
        return PoolOptions.defaults()
            .withWorkers(workers)
            .withNamespace(Namespace.of(ns.directory()))
            .withWorkerOutput(ProcessBuilder.Redirect.appendTo(ns.scratch().resolve("workers.log").toFile()));
    }

    @Test
    void shouldRecordAndLogAWorkerKilledWhileRunningATaskAndItsReplacement() throws Exception
    {
        final Namespace namespace = Namespace.of(ns.directory());
        try (RecordedEvents recorded = new RecordedEvents(ns.scratch(), EVENTS, List.of(Recoveries.PROCESS_LOGGER));
             SharedLong holder = SharedLong.create(namespace, "holder"))
        {
            final ProcessPool pool = ProcessPool.create(options(1));
            final long pid;
            final long newPid;
            try
            {
                final CompletableFuture<Integer> doomed = pool.applyAsync(x -> longTask(), 0);
                pid = awaitNonZero(holder);
                assertEquals(List.of(pid), pool.workerPids());
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                final ExecutionException ex = assertThrows(ExecutionException.class, () -> doomed.get(30, TimeUnit.SECONDS));
                assertInstanceOf(WorkerDiedException.class, ex.getCause());
                assertEquals(42, pool.apply(() -> 42), "the replacement serves");
                newPid = pool.workerPids().get(0);
                assertNotEquals(pid, newPid);
            }
            finally
            {
                pool.close();
            }

            final List<RecordedEvent> died = recorded.events("dev.mmipc.WorkerDied");
            assertEquals(1, died.size(), died::toString);
            assertEquals(pool.name(), died.get(0).getString("pool"));
            assertEquals(0, died.get(0).getInt("worker"));
            assertEquals(pid, died.get(0).getLong("pid"));
            assertEquals(-9, died.get(0).getInt("exitCode"));
            assertEquals(0, died.get(0).getLong("task"), "the first task has id 0");
            assertTrue(died.get(0).getString("action").startsWith("its task failed"), died.get(0).getString("action"));

            final List<RecordedEvent> replaced = recorded.events("dev.mmipc.WorkerReplaced");
            assertEquals(1, replaced.size(), replaced::toString);
            assertEquals(pid, replaced.get(0).getLong("deadPid"));
            assertEquals(newPid, replaced.get(0).getLong("newPid"));

            assertEquals(List.of(
                "pool worker died: pool=" + pool.name() + ", worker=0, pid=" + pid + ", exit_code=-9, task=0, " +
                    "action=its task failed (WorkerDiedException), the tasks it had not started sent again",
                "pool worker replaced: pool=" + pool.name() + ", worker=0, dead_pid=" + pid + ", new_pid=" + newPid),
                recorded.lines(Recoveries.PROCESS_LOGGER, Level.WARNING), "close stops the replacement: no death");
        }
    }

    @Test
    void shouldRecordNothingForAWorkerRetiredAfterItsTaskLimit() throws Exception
    {
        try (RecordedEvents recorded = new RecordedEvents(ns.scratch(), EVENTS, List.of(Recoveries.PROCESS_LOGGER)))
        {
            final ProcessPool pool = ProcessPool.create(options(1).withMaxTasksPerChild(1));
            try
            {
                final long first = pool.apply(() -> ProcessHandle.current().pid());
                final long second = pool.apply(() -> ProcessHandle.current().pid());
                assertNotEquals(first, second, "retired and replaced");
            }
            finally
            {
                pool.close();
            }
            assertEquals(List.of(), recorded.events("dev.mmipc.WorkerDied"));
            assertEquals(List.of(), recorded.events("dev.mmipc.WorkerReplaced"));
            assertEquals(List.of(), recorded.lines(Recoveries.PROCESS_LOGGER, Level.WARNING));
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

    private static long awaitNonZero(final SharedLong value) throws InterruptedException
    {
        await(() -> value.get() != 0);
        return value.get();
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
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

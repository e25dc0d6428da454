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
package dev.mmipc.tools;

import dev.mmipc.Namespace;
import dev.mmipc.codec.Codecs;
import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.liveness.PidNamespace;
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.queue.JoinableQueue;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueDescriptor;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.region.RegionKind;
import dev.mmipc.shared.SharedBytes;
import dev.mmipc.shared.SharedDouble;
import dev.mmipc.shared.SharedInt;
import dev.mmipc.sync.Barrier;
import dev.mmipc.sync.BoundedSemaphore;
import dev.mmipc.sync.Condition;
import dev.mmipc.sync.CountDownLatch;
import dev.mmipc.sync.Event;
import dev.mmipc.sync.Lock;
import dev.mmipc.sync.RLock;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.WriteWords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mmipc inspect} on real regions put into known states: the decoded keys and values of every kind.
 */
class InspectKindStateTest
{
    private static final long PID = ProcessHandle.current().pid();
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }

    private Map<String, String> inspect(final String name, final String kind)
    {
        final Cli.Result result = Cli.run(ns.path(), "inspect", name);
        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.err(), result::toString);
        return Inspected.state(result, kind);
    }

    private static Map<String, String> map(final String... keysAndValues)
    {
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void shouldShowAQueueWithThreeMessages()
    {
        try (MessageQueue q = MessageQueue.create(namespace(), "jobs", QueueMode.ONE_TO_ONE, 1024))
        {
            for (int i = 0; i < 3; i++)
            {
                assertTrue(q.offer(new byte[10]));
            }
            assertEquals(map(
                "mode", "ONE_TO_ONE",
                "capacity_bytes", "1024",
                "max_message_length", "128",
                "producer_position", "72",
                "consumer_position", "0",
                "depth_bytes", "72",
                "depth_messages", "3",
                "closed", "false",
                "producer_lease", "pid " + PID + " (alive)",
                "consumer_lease", "none",
                "consumer_pending_position", "0",
                "processes", "[" + PID + "]"), inspect("jobs", "QUEUE"));
        }
    }

    @Test
    void shouldShowAClosedManyToManyQueue()
    {
        try (MessageQueue q = MessageQueue.create(namespace(), "jobs", QueueMode.MANY_TO_MANY, 4096))
        {
            assertTrue(q.offer(new byte[10]));
            assertTrue(q.offer(new byte[10]));
            assertTrue(q.poll((buffer, offset, length) -> { }));
            q.markClosed();
            assertEquals(map(
                "mode", "MANY_TO_MANY",
                "capacity_bytes", "4096",
                "max_message_length", "496",
                "slot_length", "512",
                "slots", "8",
                "producer_position", "2",
                "consumer_position", "1",
                "depth_messages", "1",
                "closed", "true",
                "slots_writing", "0",
                "slots_reading", "0",
                "processes", "[" + PID + "]"), inspect("jobs", "QUEUE"));
        }
    }

    @Test
    void shouldShowTheCorruptionAConsumerRecorded() throws Exception
    {
        try (MessageQueue q = MessageQueue.create(namespace(), "jobs", QueueMode.ONE_TO_ONE, 1024))
        {
            assertTrue(q.offer(new byte[10]));
            // a record length no record can have, where the consumer reads next
            WriteWords.write(ns.path().resolve("jobs"),
                RegionDescriptor.HEADER_LENGTH + QueueDescriptor.RING_OFFSET, Integer.BYTES, Integer.MAX_VALUE);
            assertThrows(RegionFormatException.class, () -> q.poll((buffer, offset, length) -> { }));

            final Map<String, String> state = inspect("jobs", "QUEUE");
            assertEquals("corrupt", state.get("closed"), state::toString);
            assertEquals("code=1, position=0, value=" + Integer.MAX_VALUE, state.get("corruption"), state::toString);
            assertEquals("24", state.get("depth_bytes"), state::toString);
            assertEquals("0", state.get("depth_messages"), "the count stops at a record it cannot read: " + state);
        }
    }

    @Test
    void shouldShowAJoinableQueuesUnfinishedTasks() throws Exception
    {
        try (JoinableQueue<String> q = JoinableQueue.create(namespace(), "work", QueueMode.MANY_TO_MANY, 4096, Codecs.utf8()))
        {
            q.put("a");
            q.put("b");
            q.put("c");
            assertEquals("a", q.poll(1, TimeUnit.SECONDS));
            q.taskDone();
            assertEquals("b", q.poll(1, TimeUnit.SECONDS)); // taken, not yet done: still unfinished

            assertEquals(map("queue", "work", "layout_version", "1", "unfinished_tasks", "2"),
                inspect("work.tasks", "QUEUE_TASKS"));
            assertEquals("1", inspect("work", "QUEUE").get("depth_messages"));
        }
    }

    @Test
    void shouldShowALockHeldByAnotherProcessAndItsDeath() throws Exception
    {
        try (Lock lock = Lock.create(namespace(), "books"))
        {
            final ChildJvm holder = ns.startChild(HoldSync.class, "lock", "books");
            holder.awaitOutput("held", CHILD_TIMEOUT);
            final ProcessIdentity child = ProcessIdentity.of(holder.process().toHandle());
            final long pidNamespace = PidNamespace.current(); // the child runs in this PID namespace

            final Map<String, String> held = inspect("books", "SYNC");
            assertEquals(map(
                "type", "LOCK",
                "owner_pid", Long.toString(holder.pid()),
                "owner_start_ms", Long.toString(child.startTimeMs()),
                "owner_pid_namespace", pidNamespace == PidNamespace.UNKNOWN ? "unknown" : Long.toString(pidNamespace),
                "owner_alive", "yes",
                "owner_generation", "1",
                "recoveries", "0",
                "condition_waiters", "0",
                "condition_wait_seq", "0"), held);
            assertFalse(lock.tryLock(), "the child holds it");

            holder.kill9();
            assertEquals("no", inspect("books", "SYNC").get("owner_alive"));
        }
    }

    @Test
    void shouldShowAReentrantLocksHoldCount()
    {
        try (RLock lock = RLock.create(namespace(), "r"))
        {
            lock.lock();
            lock.lock();
            final Map<String, String> state = inspect("r", "SYNC");
            assertEquals("RLOCK", state.get("type"));
            assertEquals(Long.toString(PID), state.get("owner_pid"));
            assertEquals(Long.toString(ProcessIdentity.current().startTimeMs()), state.get("owner_start_ms"));
            assertEquals(Long.toString(Thread.currentThread().getId()), state.get("owner_thread"));
            assertEquals("2", state.get("hold_count"));
            lock.unlock();
            lock.unlock();
            final Map<String, String> free = inspect("r", "SYNC");
            assertEquals(map("owner_pid", "0", "owner_start_ms", "-", "owner_pid_namespace", "-", "owner_alive", "-",
                "hold_count", "0"), pick(free, "owner_pid", "owner_start_ms", "owner_pid_namespace", "owner_alive",
                "hold_count"));
        }
    }

    @Test
    void shouldShowABoundedSemaphoresPermitsAndBound() throws Exception
    {
        try (BoundedSemaphore sem = BoundedSemaphore.create(namespace(), "slots", 3))
        {
            assertTrue(sem.tryAcquire());
            assertTrue(sem.tryAcquire());
            assertEquals(map("type", "BOUNDED_SEMAPHORE", "permits", "1", "initial_permits", "3", "bound", "3"),
                inspect("slots", "SYNC"));
        }
    }

    @Test
    void shouldShowAnEventsFlag()
    {
        try (Event event = Event.create(namespace(), "ready"))
        {
            assertEquals(map("type", "EVENT", "set", "false", "sets", "0"), inspect("ready", "SYNC"));
            event.set();
            assertEquals(map("type", "EVENT", "set", "true", "sets", "1"), inspect("ready", "SYNC"));
            event.clear();
            assertEquals(map("type", "EVENT", "set", "false", "sets", "1"), inspect("ready", "SYNC"));
        }
    }

    @Test
    void shouldShowALatchsCount()
    {
        try (CountDownLatch latch = CountDownLatch.create(namespace(), "starts", 3))
        {
            latch.countDown();
            assertEquals(map("type", "COUNT_DOWN_LATCH", "count", "2", "initial_count", "3"), inspect("starts", "SYNC"));
        }
    }

    @Test
    void shouldShowABarriersPartiesWaitingGenerationAndBreak() throws Exception
    {
        try (Barrier barrier = Barrier.create(namespace(), "round", 2); Barrier other = Barrier.open(namespace(), "round"))
        {
            final Thread party = new Thread(() -> awaitQuietly(other));
            party.start();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (barrier.numberWaiting() == 0 && System.nanoTime() - deadlineNs < 0)
            {
                Thread.sleep(1);
            }
            assertEquals(map("type", "BARRIER", "parties", "2", "waiting", "1", "broken", "false", "generation", "0"),
                inspect("round", "SYNC"));

            barrier.await(10, TimeUnit.SECONDS); // the second party: both pass, the next generation starts
            party.join(10_000);
            assertFalse(party.isAlive());
            assertEquals(map("type", "BARRIER", "parties", "2", "waiting", "0", "broken", "false", "generation", "1"),
                inspect("round", "SYNC"));

            barrier.abort();
            assertEquals("true", inspect("round", "SYNC").get("broken"));
        }
    }

    @Test
    void shouldShowAConditionsWaiters() throws Exception
    {
        try (Condition cond = Condition.create(namespace(), "items"))
        {
            final Thread waiter = new Thread(() ->
            {
                cond.lock();
                try
                {
                    cond.await(10, TimeUnit.SECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                finally
                {
                    cond.unlock();
                }
            });
            waiter.start();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (cond.waiters() == 0 && System.nanoTime() - deadlineNs < 0)
            {
                Thread.sleep(1);
            }
            final Map<String, String> state = inspect("items", "SYNC");
            assertEquals("CONDITION", state.get("type"));
            assertEquals("1", state.get("condition_waiters"), state::toString);
            assertEquals("0", state.get("owner_pid"), "a waiter gives the lock up while it waits");
            cond.lock();
            cond.signalAll();
            cond.unlock();
            waiter.join(10_000);
            assertFalse(waiter.isAlive());
        }
    }

    @Test
    void shouldShowValuesAndBytes()
    {
        try (SharedInt i = SharedInt.create(namespace(), "i", -5);
            SharedDouble d = SharedDouble.create(namespace(), "d", 2.5);
            SharedBytes b = SharedBytes.create(namespace(), "b", 20))
        {
            assertEquals(-5, i.get());
            assertEquals(2.5, d.get());
            b.buffer().putByte(0, (byte)0xAB);
            b.buffer().putByte(1, (byte)0x01);
            assertEquals(map("value", "-5"), inspect("i", "INT"));
            assertEquals(map("value", "2.5"), inspect("d", "DOUBLE"));
            assertEquals(map("size_bytes", "20", "head_hex", "ab01" + "00".repeat(14)), inspect("b", "BYTES"));
        }
    }

    @Test
    void shouldReportAQueueWhoseParametersAreNoQueuesAsUnreadable()
    {
        Region.create(ns.directory(), "jobs", RegionKind.QUEUE, 64, Region.ZEROED).close();

        final Cli.Result result = Cli.run(ns.path(), "inspect", "jobs");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.out().contains("kind            QUEUE (code 9)\n"), result::toString);
        assertTrue(result.err().startsWith("region state unreadable: name=jobs, kind=QUEUE, error=queue "), result::toString);
        assertFalse(result.err().contains("\tat "), "a message, not a stack trace: " + result.err());
    }

    @Test
    void shouldReportATaskCountOfAnotherLayoutAsUnreadable()
    {
        Region.create(ns.directory(), "work.tasks", RegionKind.QUEUE_TASKS, 128, Region.ZEROED).close();

        final Cli.Result result = Cli.run(ns.path(), "inspect", "work.tasks");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("region state unreadable: name=work.tasks, kind=QUEUE_TASKS, error=joinable queue task count " +
            "invalid: name=work.tasks, layout_version=0, expected=1, payload_length=128, required=128\n", result.err());
    }

    private static Map<String, String> pick(final Map<String, String> map, final String... keys)
    {
        final Map<String, String> picked = new LinkedHashMap<>();
        for (final String key : keys)
        {
            picked.put(key, map.get(key));
        }
        return picked;
    }

    private static void awaitQuietly(final Barrier barrier)
    {
        try
        {
            barrier.await(10, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}

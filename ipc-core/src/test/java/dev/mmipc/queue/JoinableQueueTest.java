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
package dev.mmipc.queue;

import dev.mmipc.Namespace;
import dev.mmipc.codec.Codecs;
import dev.mmipc.exceptions.InvalidNameException;
import dev.mmipc.exceptions.JoinableQueueTaskDoneException;
import dev.mmipc.exceptions.MessageTooLongException;
import dev.mmipc.exceptions.QueueClosedException;
import dev.mmipc.exceptions.RegionExistsException;
import dev.mmipc.exceptions.RegionNotFoundException;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.Mappings;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.WorkInChildren;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class JoinableQueueTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }

    @Test
    void shouldMatchTheDiagram()
    {
        assertEquals(0, JoinableQueueDescriptor.LAYOUT_VERSION_PARAM_OFFSET);
        assertEquals(0, JoinableQueueDescriptor.UNFINISHED_OFFSET);
        assertEquals(128, JoinableQueueDescriptor.PAYLOAD_LENGTH);
        assertEquals(122, JoinableQueueDescriptor.MAX_QUEUE_NAME_LENGTH);
        assertEquals("jobs.tasks", JoinableQueueDescriptor.tasksRegionName("jobs"));
    }

    @Test
    void shouldCountTasksAndJoinInProcess() throws InterruptedException
    {
        try (JoinableQueue<String> q = JoinableQueue.create(namespace(), "jq", QueueMode.MANY_TO_MANY, 4096, Codecs.utf8()))
        {
            assertTrue(q.join(0, TimeUnit.SECONDS), "nothing put: joined at once");
            q.put("a");
            q.put("b");
            assertTrue(q.offer("c"));
            assertEquals(3, q.unfinishedTasks());
            assertFalse(q.join(20, TimeUnit.MILLISECONDS));

            assertEquals("a", q.take());
            assertEquals(3, q.unfinishedTasks(), "taking is not finishing");
            q.taskDone();
            assertEquals("b", q.poll());
            q.taskDone();
            assertFalse(q.join(0, TimeUnit.SECONDS));
            assertEquals("c", q.poll());
            q.taskDone();
            assertTrue(q.join(1, TimeUnit.SECONDS));
            q.join();

            final JoinableQueueTaskDoneException ex = assertThrows(JoinableQueueTaskDoneException.class, q::taskDone);
            assertEquals("task done called more times than tasks were put: name=jq, unfinished=0", ex.getMessage());
            assertEquals(0, q.unfinishedTasks(), "count unchanged by the refused call");
        }
    }

    @Test
    void shouldTakeBackTheCountWhenAnAddFails() throws InterruptedException
    {
        try (JoinableQueue<byte[]> q = JoinableQueue.create(namespace(), "jf", QueueMode.ONE_TO_ONE, 1024,
            QueueOptions.defaults().withMaxMessageLength(100), Codecs.bytes()))
        {
            assertThrows(MessageTooLongException.class, () -> q.offer(new byte[101]));
            assertThrows(MessageTooLongException.class, () -> q.put(new byte[101]));
            assertEquals(0, q.unfinishedTasks());
            int added = 0;
            while (q.offer(new byte[100]))
            {
                added++;
            }
            assertEquals(added, q.unfinishedTasks(), "a full offer counts nothing");
            assertFalse(q.offer(new byte[100], 10, TimeUnit.MILLISECONDS));
            assertEquals(added, q.unfinishedTasks(), "a timed-out offer counts nothing");
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> q.put(new byte[100]));
            assertEquals(added, q.unfinishedTasks(), "an interrupted put counts nothing");
            q.markClosed();
            assertThrows(QueueClosedException.class, () -> q.offer(new byte[1]));
            assertEquals(added, q.unfinishedTasks(), "an offer after end of stream counts nothing");
        }
    }

    @WorkInChildren
    @Test
    void shouldJoinOnlyAfterEveryWorkerProcessIsDone() throws InterruptedException
    {
        final int count = 300;
        try (JoinableQueue<Job> q = JoinableQueue.create(namespace(), "work", QueueMode.MANY_TO_MANY, 1 << 16, Job.codec());
            Region processed = Region.create(ns.directory(), "processed", RegionKind.BYTES, 128, Region.ZEROED))
        {
            final ChildJvm a = ns.startChild(SharedQueueChild.class, "work", "work", "processed", "false");
            final ChildJvm b = ns.startChild(SharedQueueChild.class, "work", "work", "processed", "false");
            for (int i = 0; i < count; i++)
            {
                assertTrue(q.offer(Job.of(0, i), 30, TimeUnit.SECONDS), "workers took nothing");
            }
            q.markClosed(); // workers stop at end of stream

            assertTrue(q.join(60, TimeUnit.SECONDS), "join timed out, unfinished=" + q.unfinishedTasks());
            assertEquals(count, processed.payload().getLongVolatile(0), "join returned before every job was processed");
            assertEquals(0, q.unfinishedTasks());
            a.awaitSuccess(CHILD_TIMEOUT);
            b.awaitSuccess(CHILD_TIMEOUT);
            assertEquals(count, worked(a) + worked(b));
        }
    }

    @WorkInChildren
    @Test
    void shouldTimeOutJoinWhenOneTaskIsNeverDone() throws InterruptedException
    {
        final int count = 50;
        try (JoinableQueue<Job> q = JoinableQueue.create(namespace(), "miss", QueueMode.MANY_TO_MANY, 1 << 16, Job.codec());
            Region processed = Region.create(ns.directory(), "processed", RegionKind.BYTES, 128, Region.ZEROED))
        {
            for (int i = 0; i < count; i++)
            {
                assertTrue(q.offer(Job.of(0, i)));
            }
            q.markClosed();
            final ChildJvm worker = ns.startChild(SharedQueueChild.class, "work", "miss", "processed", "true");
            worker.awaitSuccess(CHILD_TIMEOUT);
            assertEquals(count - 1, worked(worker));
            assertEquals(count, processed.payload().getLongVolatile(0));

            final long start = System.nanoTime();
            assertFalse(q.join(300, TimeUnit.MILLISECONDS), "one task was never marked done");
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
            assertEquals(1, q.unfinishedTasks());
            q.taskDone(); // the parent finishes the held task itself
            assertTrue(q.join(1, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldKeepCompanionRegionBesideTheQueue()
    {
        final Namespace namespace = namespace();
        try (JoinableQueue<String> q = JoinableQueue.create(namespace, "pair", QueueMode.MANY_TO_ONE, 4096, Codecs.utf8()))
        {
            assertTrue(namespace.exists("pair"));
            assertTrue(namespace.exists("pair.tasks"));
            assertEquals(RegionKind.QUEUE_TASKS, namespace.header("pair.tasks").kind());
            assertThrows(RegionExistsException.class,
                () -> JoinableQueue.create(namespace, "pair", QueueMode.MANY_TO_ONE, 4096, Codecs.utf8()));
            try (JoinableQueue<String> other = JoinableQueue.open(namespace, "pair", Codecs.utf8()))
            {
                other.add("x");
                assertEquals(1, q.unfinishedTasks(), "one count shared by both handles");
                assertEquals("x", q.poll());
                q.taskDone();
                assertEquals(0, other.unfinishedTasks());
            }
            assertTrue(q.unlink());
            assertFalse(q.unlink(), "the names are already gone");
            assertFalse(namespace.exists("pair"));
            assertFalse(namespace.exists("pair.tasks"));
            q.add("still mapped");
            assertEquals(1, q.unfinishedTasks());
        }
    }

    @Test
    void shouldNotLeaveCompanionWhenQueueNameIsTaken()
    {
        final Namespace namespace = namespace();
        try (SharedQueue<String> plain = SharedQueue.create(namespace, "taken", QueueMode.ONE_TO_ONE, 4096, Codecs.utf8()))
        {
            assertThrows(RegionExistsException.class,
                () -> JoinableQueue.create(namespace, "taken", QueueMode.ONE_TO_ONE, 4096, Codecs.utf8()));
            assertFalse(namespace.exists("taken.tasks"));
            assertEquals(0, Mappings.count(ns.directory().resolve("taken.tasks")), "the companion made for nothing is unmapped");
            final RegionNotFoundException ex = assertThrows(RegionNotFoundException.class,
                () -> JoinableQueue.open(namespace, "taken", Codecs.utf8()));
            assertTrue(ex.getMessage().startsWith("region not found: name=taken.tasks"), ex.getMessage());
            assertEquals("taken", plain.name());
        }
        assertThrows(RegionNotFoundException.class, () -> JoinableQueue.open(namespace, "taken", Codecs.utf8()));
        assertEquals(0, Mappings.count(ns.directory().resolve("taken")), "the queue opened for nothing is closed");
    }

    /**
     * A plain queue is not made joinable by openOrCreate, with its own parameters or others: no task count is
     * made, so the plain queue still opens as one, and its messages are not counted as tasks nobody will finish.
     */
    @Test
    void shouldRefuseToOpenOrCreateOverAPlainQueueAndMakeNothing()
    {
        final Namespace namespace = namespace();
        try (SharedQueue<String> plain = SharedQueue.create(namespace, "plain", QueueMode.ONE_TO_ONE, 4096, Codecs.utf8()))
        {
            plain.add("before");
            for (final int capacity : new int[] {4096, 8192})
            {
                final IllegalStateException ex = assertThrows(IllegalStateException.class,
                    () -> JoinableQueue.openOrCreate(namespace, "plain", QueueMode.ONE_TO_ONE, capacity, QueueOptions.defaults(),
                        Codecs.utf8()));
                assertEquals("queue is not joinable, open it with SharedQueue: name=plain, missing=plain.tasks", ex.getMessage());
                assertFalse(namespace.exists("plain.tasks"), "no task count is made for a plain queue");
            }
        }
        try (SharedQueue<String> again = SharedQueue.open(namespace, "plain", Codecs.utf8()))
        {
            assertEquals("before", again.poll());
        }
        assertEquals(0, Mappings.count(ns.directory().resolve("plain")), "the refused calls map nothing");
    }

    /**
     * Parameters no queue can have are refused before the task count is made: nothing is left that a later create
     * of the same name would trip over.
     */
    @Test
    void shouldRefuseInvalidParametersOfOpenOrCreateBeforeMakingAnything()
    {
        final Namespace namespace = namespace();
        assertThrows(IllegalArgumentException.class,
            () -> JoinableQueue.openOrCreate(namespace, "fresh", QueueMode.ONE_TO_ONE, 1000, QueueOptions.defaults(), Codecs.utf8()));
        final IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
            () -> JoinableQueue.openOrCreate(namespace, "fresh", QueueMode.ONE_TO_ONE, 4096,
                QueueOptions.defaults().withMaxMessageLength(4096), Codecs.utf8()));
        assertTrue(tooLong.getMessage().startsWith("queue max message length invalid: name=fresh"), tooLong.getMessage());
        assertEquals(List.of(), ns.directory().list(), "nothing made");
        try (JoinableQueue<String> q = JoinableQueue.create(namespace, "fresh", QueueMode.ONE_TO_ONE, 4096, Codecs.utf8()))
        {
            q.add("made");
            assertEquals(1, q.unfinishedTasks());
        }
        try (JoinableQueue<String> q = JoinableQueue.openOrCreate(namespace, "fresh", QueueMode.ONE_TO_ONE, 4096,
            QueueOptions.defaults(), Codecs.utf8()))
        {
            assertEquals("made", q.poll(), "an existing joinable queue opens");
        }
    }

    @Test
    void shouldCloseTheCompanionWhenOpenOrCreateFindsOtherParameters()
    {
        final Namespace namespace = namespace();
        try (JoinableQueue<String> q = JoinableQueue.create(namespace, "oc", QueueMode.MANY_TO_MANY, 4096, Codecs.utf8()))
        {
            q.add("kept");
        }
        final RegionParameterException ex = assertThrows(RegionParameterException.class,
            () -> JoinableQueue.openOrCreate(namespace, "oc", QueueMode.MANY_TO_MANY, 8192, QueueOptions.defaults(),
                Codecs.utf8()));
        assertTrue(ex.getMessage().startsWith("queue parameters mismatch: name=oc"), ex.getMessage());
        assertEquals(0, Mappings.count(ns.directory().resolve("oc.tasks")), "the companion opened for nothing is closed");
        assertEquals(0, Mappings.count(ns.directory().resolve("oc")));
        try (JoinableQueue<String> q = JoinableQueue.open(namespace, "oc", Codecs.utf8()))
        {
            assertEquals(1, q.unfinishedTasks());
            assertEquals("kept", q.poll());
        }
    }

    @Test
    void shouldRefuseATaskCountOfAnotherLayoutAndReleaseBothRegions()
    {
        final Namespace namespace = namespace();
        try (MessageQueue queue = MessageQueue.create(namespace, "bad", QueueMode.ONE_TO_ONE, 4096, QueueOptions.defaults());
            Region tasks = Region.create(ns.directory(), "bad.tasks", RegionKind.QUEUE_TASKS, JoinableQueueDescriptor.PAYLOAD_LENGTH,
                (params, payload) -> params.putLong(JoinableQueueDescriptor.LAYOUT_VERSION_PARAM_OFFSET, 99)))
        {
            assertEquals("bad.tasks", tasks.name());
            assertEquals("bad", queue.name());
        }
        final String invalid = "joinable queue task count invalid: name=bad.tasks, layout_version=99, expected=" +
            JoinableQueueDescriptor.LAYOUT_VERSION + ", payload_length=" + JoinableQueueDescriptor.PAYLOAD_LENGTH +
            ", required=" + JoinableQueueDescriptor.PAYLOAD_LENGTH;
        assertEquals(invalid, assertThrows(RegionParameterException.class,
            () -> JoinableQueue.open(namespace, "bad", Codecs.utf8())).getMessage());
        assertEquals(0, Mappings.count(ns.directory().resolve("bad.tasks")), "the refused task count is closed");
        assertEquals(0, Mappings.count(ns.directory().resolve("bad")), "the queue opened for nothing is closed");
        assertEquals(invalid, assertThrows(RegionParameterException.class,
            () -> JoinableQueue.openOrCreate(namespace, "bad", QueueMode.ONE_TO_ONE, 4096, QueueOptions.defaults(),
                Codecs.utf8())).getMessage());
        assertEquals(0, Mappings.count(ns.directory().resolve("bad.tasks")), "the refused task count is closed");
        assertEquals(0, Mappings.count(ns.directory().resolve("bad")));
    }

    @Test
    void shouldOpenOrCreateOnce()
    {
        final Namespace namespace = namespace();
        try (JoinableQueue<String> a = JoinableQueue.openOrCreate(namespace, "oc", QueueMode.MANY_TO_MANY, 4096,
            QueueOptions.defaults(), Codecs.utf8());
            JoinableQueue<String> b = JoinableQueue.openOrCreate(namespace, "oc", QueueMode.MANY_TO_MANY, 4096,
                QueueOptions.defaults(), Codecs.utf8()))
        {
            a.add("one");
            assertEquals(1, b.unfinishedTasks());
            assertEquals("one", b.poll());
            b.taskDone();
            assertEquals(0, a.unfinishedTasks());
        }
    }

    @Test
    void shouldRefuseNameTooLongForCompanion()
    {
        final String name = "n".repeat(123);
        final InvalidNameException ex = assertThrows(InvalidNameException.class,
            () -> JoinableQueue.create(namespace(), name, QueueMode.ONE_TO_ONE, 4096, Codecs.utf8()));
        assertEquals("joinable queue name too long: name=" + name + ", length=123, max=122", ex.getMessage());
        final String longest = "n".repeat(122);
        try (JoinableQueue<String> q = JoinableQueue.create(namespace(), longest, QueueMode.ONE_TO_ONE, 4096, Codecs.utf8()))
        {
            assertTrue(namespace().exists(longest + ".tasks"), "the longest name leaves room for the companion's");
            assertEquals(longest, q.name());
        }
    }

    @Test
    void shouldThrowIllegalStateAfterClose()
    {
        final JoinableQueue<String> q = JoinableQueue.create(namespace(), "c", QueueMode.ONE_TO_ONE, 4096, Codecs.utf8());
        assertFalse(q.isClosed());
        q.close();
        assertTrue(q.isClosed(), "the queue's handle is closed with the task count's");
        assertThrows(IllegalStateException.class, q::poll);
        assertEquals(0, Mappings.count(ns.directory().resolve("c")), "the queue is unmapped");
        assertEquals(0, Mappings.count(ns.directory().resolve("c.tasks")), "the task count is unmapped");
        assertThrows(IllegalStateException.class, q::taskDone);
        assertThrows(IllegalStateException.class, q::unfinishedTasks);
        assertThrows(IllegalStateException.class, () -> q.join(1, TimeUnit.MILLISECONDS));
        assertThrows(IllegalStateException.class, () -> q.offer("x"));
        q.close();
    }

    private static int worked(final ChildJvm child)
    {
        final String out = child.output();
        final int at = out.indexOf("worked ");
        assertTrue(at >= 0, out);
        final String rest = out.substring(at + "worked ".length()).trim();
        return Integer.parseInt(rest.split("\\s+")[0]);
    }
}

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
import dev.mmipc.codec.Codec;
import dev.mmipc.exceptions.InvalidNameException;
import dev.mmipc.exceptions.JoinableQueueTaskDoneException;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import org.agrona.concurrent.AtomicBuffer;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.queue.JoinableQueueDescriptor.*;

/**
 * A {@link SharedQueue} that counts unfinished tasks across processes, as Python's
 * {@code multiprocessing.JoinableQueue}: every element added counts one task, each consumer calls
 * {@link #taskDone()} when it has finished with an element it took, and {@link #join(long, TimeUnit)} waits
 * until every task put so far is done.
 * <pre>{@code
 * // producer
 * try (JoinableQueue<String> q = JoinableQueue.create(ns, "jobs", QueueMode.MANY_TO_MANY, 1 << 20, Codecs.utf8()))
 * {
 *     for (String job : jobs) q.put(job);
 *     if (!q.join(60, TimeUnit.SECONDS)) throw new IllegalStateException("workers did not finish");
 * }
 * // each worker process
 * try (JoinableQueue<String> q = JoinableQueue.open(ns, "jobs", Codecs.utf8()))
 * {
 *     String job;
 *     while ((job = q.poll(1, TimeUnit.SECONDS)) != null) { work(job); q.taskDone(); }
 * }
 * }</pre>
 * <b>Where the count lives.</b> In a companion region {@code <name>.tasks} (kind {@code QUEUE_TASKS}, layout in
 * {@link JoinableQueueDescriptor}) beside the queue region {@code <name>}, so the byte queue's layout is
 * untouched. {@code create} makes the companion first and the queue second, so a process that finds the queue
 * finds its count; {@link #unlink()} removes both. The queue name may be at most
 * {@link JoinableQueueDescriptor#MAX_QUEUE_NAME_LENGTH} characters, so that the companion's name is valid. Every
 * process must open a joinable queue as a {@code JoinableQueue}: {@link SharedQueue#open} refuses it, since an
 * element added without counting would make a later {@code taskDone()} fail.
 * <p>
 * <b>Counting.</b> Adding counts the task with an atomic add <em>before</em> the element is published, so a
 * consumer can never finish a task that is not yet counted; when the add fails (queue full, timeout,
 * interrupt, end of stream, an element too long) the count is taken back. {@link #taskDone()} takes one off
 * with a compare-and-set that refuses to go below zero ({@link JoinableQueueTaskDoneException}). {@code join}
 * reads the count with volatile loads through the queue's wait strategy, so whatever a consumer wrote before
 * its {@code taskDone()} is visible to the thread that returns from {@code join}.
 * <p>
 * <b>Crashes.</b> The count cannot know that a process died: a consumer killed after taking an element and
 * before {@code taskDone()}, or a producer killed between counting and publishing, leaves the count too high,
 * and {@code join} then returns false at its timeout (Python's would wait for ever). {@link #unfinishedTasks()}
 * shows the count for diagnosis.
 *
 * @param <E> the type of elements.
 */
public final class JoinableQueue<E> extends SharedQueue<E>
{
    private final Region tasks;
    private final AtomicBuffer counter;

    private JoinableQueue(final MessageQueue queue, final Codec<E> codec, final Region tasks)
    {
        super(queue, codec);
        this.tasks = tasks;
        this.counter = tasks.payload();
    }

    /**
     * Create a joinable queue with default options; fails if the name is taken.
     *
     * @param ns            namespace.
     * @param name          queue name, at most {@link JoinableQueueDescriptor#MAX_QUEUE_NAME_LENGTH} characters.
     * @param mode          producers and consumers allowed.
     * @param capacityBytes bytes of message storage, a power of two.
     * @param codec         turns elements into messages and back.
     * @param <E>           the type of elements.
     * @return the queue, with no unfinished task.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name (or the companion's) is taken.
     */
    public static <E> JoinableQueue<E> create(
        final Namespace ns, final String name, final QueueMode mode, final int capacityBytes, final Codec<E> codec)
    {
        return create(ns, name, mode, capacityBytes, QueueOptions.defaults(), codec);
    }

    /**
     * Create a joinable queue; fails if the name is taken.
     *
     * @param ns            namespace.
     * @param name          queue name, at most {@link JoinableQueueDescriptor#MAX_QUEUE_NAME_LENGTH} characters.
     * @param mode          producers and consumers allowed.
     * @param capacityBytes bytes of message storage, a power of two.
     * @param options       maximum message length, wait strategy (also used by {@code join}), liveness timeout.
     * @param codec         turns elements into messages and back.
     * @param <E>           the type of elements.
     * @return the queue, with no unfinished task.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name (or the companion's) is taken.
     */
    public static <E> JoinableQueue<E> create(
        final Namespace ns, final String name, final QueueMode mode, final int capacityBytes,
        final QueueOptions options, final Codec<E> codec)
    {
        Objects.requireNonNull(codec, "codec");
        final String tasksName = tasksName(name);
        final Region tasks = Region.create(
            ns.directory(), tasksName, RegionKind.QUEUE_TASKS, PAYLOAD_LENGTH, JoinableQueue::initialize);
        try
        {
            return new JoinableQueue<>(MessageQueue.create(ns, name, mode, capacityBytes, options), codec, tasks);
        }
        catch (final RuntimeException | Error ex)
        {
            tasks.unlink();
            tasks.close();
            throw ex;
        }
    }

    /**
     * Open an existing joinable queue with default options.
     *
     * @param ns    namespace.
     * @param name  queue name.
     * @param codec turns elements into messages and back; must be the codec the producers use.
     * @param <E>   the type of elements.
     * @return the queue.
     * @throws dev.mmipc.exceptions.RegionNotFoundException when there is no such queue, or it has no task count.
     */
    public static <E> JoinableQueue<E> open(final Namespace ns, final String name, final Codec<E> codec)
    {
        return open(ns, name, QueueOptions.defaults(), codec);
    }

    /**
     * Open an existing joinable queue.
     *
     * @param ns      namespace.
     * @param name    queue name.
     * @param options wait strategy (also used by {@code join}), liveness timeout.
     * @param codec   turns elements into messages and back; must be the codec the producers use.
     * @param <E>     the type of elements.
     * @return the queue.
     * @throws dev.mmipc.exceptions.RegionNotFoundException when there is no such queue, or it has no task count.
     * @throws RegionParameterException          when the task count's layout is not this version's.
     */
    public static <E> JoinableQueue<E> open(
        final Namespace ns, final String name, final QueueOptions options, final Codec<E> codec)
    {
        Objects.requireNonNull(codec, "codec");
        final String tasksName = tasksName(name);
        final MessageQueue queue = MessageQueue.open(ns, name, options);
        try
        {
            final Region tasks = checked(Region.open(ns.directory(), tasksName, RegionKind.QUEUE_TASKS));
            return new JoinableQueue<>(queue, codec, tasks);
        }
        catch (final RuntimeException | Error ex)
        {
            queue.close();
            throw ex;
        }
    }

    /**
     * Open the joinable queue if it exists, else create it; exactly one caller creates each region.
     *
     * @param ns            namespace.
     * @param name          queue name, at most {@link JoinableQueueDescriptor#MAX_QUEUE_NAME_LENGTH} characters.
     * @param mode          producers and consumers allowed; must match an existing queue.
     * @param capacityBytes bytes of message storage; must match an existing queue.
     * @param options       options; a non-zero maximum message length must match an existing queue.
     * @param codec         turns elements into messages and back.
     * @param <E>           the type of elements.
     * @return the queue.
     * @throws IllegalArgumentException when the capacity or maximum message length is invalid (nothing is made).
     * @throws IllegalStateException    when the name is a plain queue, one without a task count (nothing is made:
     *                                  open it with {@link SharedQueue}).
     */
    public static <E> JoinableQueue<E> openOrCreate(
        final Namespace ns, final String name, final QueueMode mode, final int capacityBytes,
        final QueueOptions options, final Codec<E> codec)
    {
        Objects.requireNonNull(codec, "codec");
        final String tasksName = tasksName(name);
        // both refusals come before the task count is made: a task count made for a queue that then fails to open
        // would stay, and make a plain queue look joinable to every later SharedQueue.open
        MessageQueue.checkCreation(name, mode, capacityBytes, options);
        if (!ns.exists(tasksName) && ns.exists(name))
        {
            throw new IllegalStateException(
                "queue is not joinable, open it with SharedQueue: name=" + name + ", missing=" + tasksName);
        }
        final Region tasks = checked(Region.openOrCreate(
            ns.directory(), tasksName, RegionKind.QUEUE_TASKS, PAYLOAD_LENGTH, JoinableQueue::initialize));
        try
        {
            return new JoinableQueue<>(MessageQueue.openOrCreate(ns, name, mode, capacityBytes, options), codec, tasks);
        }
        catch (final RuntimeException | Error ex)
        {
            tasks.close();
            throw ex;
        }
    }

    /**
     * Mark one task done: an element taken from this queue (by any process) has been dealt with.
     *
     * @throws JoinableQueueTaskDoneException when called more times than elements were put.
     * @throws IllegalStateException          when this handle is closed.
     */
    public void taskDone()
    {
        tasks.checkOpen();
        final AtomicBuffer counter = this.counter;
        while (true)
        {
            final long unfinished = counter.getLongVolatile(UNFINISHED_OFFSET);
            if (unfinished <= 0)
            {
                throw new JoinableQueueTaskDoneException(
                    "task done called more times than tasks were put: name=" + name() + ", unfinished=" + unfinished);
            }
            if (counter.compareAndSetLong(UNFINISHED_OFFSET, unfinished, unfinished - 1)) // volatile CAS: releases the work
            {
                return;
            }
        }
    }

    /**
     * Wait until every task put so far is done, for as long as it takes (interruptibly). Prefer
     * {@link #join(long, TimeUnit)}: a consumer that died holding a task leaves this waiting for ever.
     *
     * @throws InterruptedException when interrupted while waiting.
     */
    public void join() throws InterruptedException
    {
        while (!join(Long.MAX_VALUE, TimeUnit.NANOSECONDS))
        {
            Thread.onSpinWait(); // no deadline: a false return would be spurious, so wait again
        }
    }

    /**
     * Wait until every task put so far is done, for at most {@code timeout}, through the queue's wait strategy.
     *
     * @param timeout bound on the wait; zero or less checks once.
     * @param unit    unit of {@code timeout}.
     * @return true when no task is unfinished, false on timeout.
     * @throws InterruptedException  when interrupted while waiting.
     * @throws IllegalStateException when this handle is closed.
     */
    public boolean join(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return messageQueue().options().waitStrategy().awaitNanos(() -> unfinishedTasks() == 0, unit.toNanos(timeout));
    }

    /**
     * @return tasks put and not yet done, across all processes: a volatile read of the shared count.
     * @throws IllegalStateException when this handle is closed.
     */
    public long unfinishedTasks()
    {
        tasks.checkOpen();
        return counter.getLongVolatile(UNFINISHED_OFFSET);
    }

    /**
     * Remove the names of the queue and of its task count; processes that map them keep working.
     *
     * @return true if this call removed the queue's name.
     */
    @Override
    public boolean unlink()
    {
        final boolean removed = super.unlink();
        tasks.unlink();
        return removed;
    }

    /**
     * Release this handle: the queue's, then the task count's. Idempotent.
     */
    @Override
    public void close()
    {
        try
        {
            super.close();
        }
        finally
        {
            tasks.close();
        }
    }

    @Override
    void beforePublish()
    {
        tasks.checkOpen();
        counter.getAndAddLong(UNFINISHED_OFFSET, 1); // volatile add, before the element is visible to consumers
    }

    @Override
    void afterPublish(final boolean published)
    {
        if (!published)
        {
            counter.getAndAddLong(UNFINISHED_OFFSET, -1); // take back the count of an element never published
        }
    }

    private static String tasksName(final String name)
    {
        NamespaceDirectory.validateName(name); // null or malformed: InvalidNameException, as for every kind
        if (name.length() > MAX_QUEUE_NAME_LENGTH)
        {
            throw new InvalidNameException("joinable queue name too long: name=" + name + ", length=" + name.length() +
                ", max=" + MAX_QUEUE_NAME_LENGTH);
        }
        return tasksRegionName(name);
    }

    private static void initialize(final AtomicBuffer params, final AtomicBuffer payload)
    {
        params.putLong(LAYOUT_VERSION_PARAM_OFFSET, LAYOUT_VERSION);
        payload.putLong(UNFINISHED_OFFSET, 0);
    }

    private static Region checked(final Region tasks)
    {
        try
        {
            checkTasks(tasks);
            return tasks;
        }
        catch (final RuntimeException ex)
        {
            tasks.close();
            throw ex;
        }
    }

    /**
     * Check a task-count region's parameters without taking ownership of it (for inspectors).
     *
     * @param tasks an open region of kind QUEUE_TASKS.
     * @throws RegionParameterException when its layout version or payload length is not this layout's.
     */
    static void checkTasks(final Region tasks)
    {
        final long version = tasks.params().getLong(LAYOUT_VERSION_PARAM_OFFSET);
        final int length = tasks.payload().capacity();
        if (version != LAYOUT_VERSION || length < PAYLOAD_LENGTH)
        {
            throw new RegionParameterException("joinable queue task count invalid: name=" + tasks.name() +
                ", layout_version=" + version + ", expected=" + LAYOUT_VERSION + ", payload_length=" + length +
                ", required=" + PAYLOAD_LENGTH);
        }
    }
}

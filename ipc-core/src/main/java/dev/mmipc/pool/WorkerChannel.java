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
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.shared.SharedLongArray;

/**
 * What the pool and one worker JVM (one generation of one worker slot) share: two mmipc
 * {@link QueueMode#ONE_TO_ONE} {@link MessageQueue}s and the worker's task slot.
 * <pre>
 *   POOL-wI-gG-tasks     MessageQueue ONE_TO_ONE   producer: the pool's dispatcher, consumer: the worker
 *   POOL-wI-gG-results   MessageQueue ONE_TO_ONE   producer: the worker, consumer: the pool's dispatcher
 *   POOL-slots           SharedLongArray, one per pool, {@value #SLOT_STRIDE} longs (128 bytes) per worker
 *                        index: [I * SLOT_STRIDE] = id of the task worker I runs, or NO_TASK; with
 *                        DECODING_FUNCTION set while it decodes that task's map function (first use)
 * </pre>
 * The messages on both queues are drawn in {@link PoolMessageDescriptor}.
 * <p>
 * The worker stores the id of the task it starts into its slot with a release store before running it, and
 * {@link #NO_TASK} after it has committed the result; the pool reads the slot with an acquire load once the
 * worker has died, to tell the task the worker died in from the tasks it never took. A slot is reset to
 * {@link #NO_TASK} by the pool before the next generation of that worker index starts, which is only after
 * the previous generation's process has exited, so two processes never write one slot.
 * <p>
 * Each queue has exactly one producer process and one consumer process, and each worker generation gets
 * fresh queues: a consumer killed in the middle of a read can therefore never make its successor read a
 * message twice, and a worker killed between claim and commit blocks nobody (the pool stops reading that
 * worker's result queue once it is dead, and unlinks both queues).
 */
final class WorkerChannel implements AutoCloseable
{
    /** Slot value when the worker runs no task. */
    static final long NO_TASK = -1L;

    /**
     * Set in the slot beside the task id while the worker decodes the map function that task is the first to
     * use: no item of the task has run yet. Task ids count up from 0 and never reach this bit.
     */
    static final long DECODING_FUNCTION = 1L << 62;

    /** Longs per worker in the slots array: 128 bytes, so that no two workers' slots share a cache line. */
    static final int SLOT_STRIDE = 16;

    private final String name;
    private final MessageQueue tasks;
    private final MessageQueue results;
    private final SharedLongArray slots;
    private final int slotIndex;
    private final boolean ownsSlots;

    private WorkerChannel(
        final String name, final MessageQueue tasks, final MessageQueue results, final SharedLongArray slots,
        final int workerIndex, final boolean ownsSlots)
    {
        this.ownsSlots = ownsSlots;
        this.name = name;
        this.tasks = tasks;
        this.results = results;
        this.slots = slots;
        this.slotIndex = workerIndex * SLOT_STRIDE;
    }

    /**
     * @param workers worker count of the pool.
     * @return the length of the pool's slots array.
     */
    static int slotsLength(final int workers)
    {
        return workers * SLOT_STRIDE;
    }

    /**
     * Pool side: create both queues and reset the worker's slot.
     *
     * @param ns            namespace.
     * @param name          base name, {@code POOL-wI-gG}.
     * @param capacityBytes capacity of each queue.
     * @param slots         the pool's slots array; not closed by {@link #close()}.
     * @param workerIndex   the worker's index in the pool.
     * @return the channel.
     */
    static WorkerChannel create(
        final Namespace ns, final String name, final int capacityBytes, final SharedLongArray slots,
        final int workerIndex)
    {
        final MessageQueue tasks = MessageQueue.create(ns, tasksName(name), QueueMode.ONE_TO_ONE, capacityBytes);
        final MessageQueue results;
        try
        {
            results = MessageQueue.create(ns, resultsName(name), QueueMode.ONE_TO_ONE, capacityBytes);
        }
        catch (final RuntimeException ex)
        {
            tasks.close();
            tasks.unlink();
            throw ex;
        }
        final WorkerChannel channel = new WorkerChannel(name, tasks, results, slots, workerIndex, false);
        channel.currentTask(NO_TASK);
        return channel;
    }

    /**
     * Worker side: open both queues and the slots array.
     *
     * @param ns          namespace.
     * @param name        base name, {@code POOL-wI-gG}.
     * @param slotsName   name of the pool's slots array.
     * @param workerIndex the worker's index in the pool.
     * @return the channel; {@link #close()} also closes its slots handle.
     */
    static WorkerChannel open(final Namespace ns, final String name, final String slotsName, final int workerIndex)
    {
        final SharedLongArray slots = SharedLongArray.open(ns, slotsName);
        MessageQueue tasks = null;
        try
        {
            tasks = MessageQueue.open(ns, tasksName(name));
            final MessageQueue results = MessageQueue.open(ns, resultsName(name));
            return new WorkerChannel(name, tasks, results, slots, workerIndex, true);
        }
        catch (final RuntimeException ex)
        {
            if (tasks != null)
            {
                tasks.close();
            }
            slots.close();
            throw ex;
        }
    }

    static String tasksName(final String name)
    {
        return name + "-tasks";
    }

    static String resultsName(final String name)
    {
        return name + "-results";
    }

    MessageQueue tasks()
    {
        return tasks;
    }

    MessageQueue results()
    {
        return results;
    }

    void currentTask(final long taskId)
    {
        slots.setRelease(slotIndex, taskId); // release: the task's start is ordered after earlier results
    }

    long currentTask()
    {
        return slots.getAcquire(slotIndex); // acquire: pairs with the worker's release store
    }

    String name()
    {
        return name;
    }

    /**
     * Remove both queues' names.
     */
    void unlink()
    {
        tasks.unlink();
        results.unlink();
    }

    @Override
    public void close()
    {
        try
        {
            tasks.close();
        }
        finally
        {
            results.close();
            if (ownsSlots)
            {
                slots.close();
            }
        }
    }
}

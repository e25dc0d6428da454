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

import dev.mmipc.exceptions.RegionKindException;
import dev.mmipc.liveness.OwnerTable;
import dev.mmipc.liveness.OwnerWords;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a queue's state for tools such as {@code mmipc inspect}, without taking any role in it: no lease is
 * taken, nothing is written, and the process is not recorded in the queue's process table.
 */
public final class QueueInspector
{
    private QueueInspector()
    {
    }

    /**
     * Describe a queue region. Keys, in this order:
     * <ul>
     *   <li>{@code mode}, {@code capacity_bytes}, {@code max_message_length}; in MANY_TO_MANY also
     *   {@code slot_length} and {@code slots};</li>
     *   <li>{@code producer_position} and {@code consumer_position} (bytes in the ring-buffer modes, messages
     *   in MANY_TO_MANY), {@code depth_bytes} (ring-buffer modes) and {@code depth_messages};</li>
     *   <li>{@code closed}: {@code false}, {@code true} (end of stream), {@code corrupt} (then {@code corruption}
 *   follows: the code, position and value a handle recorded, see {@code QueueCorruption}), or
 *   {@code invalid(N)} for a value no queue writes;</li>
     *   <li>{@code producer_lease} (ONE_TO_ONE), {@code consumer_lease} and {@code consumer_pending_position}
     *   (ring-buffer modes), as {@code none} or {@code pid N (alive|dead)};</li>
     *   <li>MANY_TO_MANY: {@code slots_writing} and {@code slots_reading}, claims in progress, with their pids;</li>
     *   <li>{@code processes}: pids recorded in the process table.</li>
     * </ul>
     * Values are a snapshot: a live queue moves while it is read.
     *
     * @param region an open region of kind QUEUE.
     * @return the description, in a stable key order.
     * @throws RegionKindException                when the region is not a queue.
     * @throws dev.mmipc.exceptions.RegionParameterException when the queue header is invalid.
     */
    public static Map<String, String> describe(final Region region)
    {
        if (region.kind() != RegionKind.QUEUE)
        {
            throw new RegionKindException(
                "region kind mismatch: name=" + region.name() + ", expected=" + RegionKind.QUEUE + ", actual=" + region.kind());
        }
        final AtomicBuffer payload = region.payload();
        final QueueDescriptor.Params params = QueueDescriptor.readParams(region.name(), region.params(), payload.capacity());
        final QueueMode mode = params.mode();
        final int capacity = params.capacity();
        final AtomicBuffer control = new UnsafeBuffer(payload, 0, QueueDescriptor.CONTROL_LENGTH);
        final AtomicBuffer ring = new UnsafeBuffer(
            payload, QueueDescriptor.RING_OFFSET, QueueDescriptor.ringLength(mode, capacity));

        final Map<String, String> map = new LinkedHashMap<>();
        map.put("mode", mode.name());
        map.put("capacity_bytes", Integer.toString(capacity));
        map.put("max_message_length", Integer.toString(params.maxMessageLength()));
        if (mode == QueueMode.MANY_TO_MANY)
        {
            final int slots = capacity / params.slotLength();
            map.put("slot_length", Integer.toString(params.slotLength()));
            map.put("slots", Integer.toString(slots));
            final long head = ring.getLongVolatile(capacity + ManyToManyQueue.HEAD_POSITION_OFFSET);
            final long tail = ring.getLongVolatile(capacity + ManyToManyQueue.TAIL_POSITION_OFFSET);
            map.put("producer_position", Long.toString(tail));
            map.put("consumer_position", Long.toString(head));
            map.put("depth_messages", Long.toString(Math.max(0, Math.min(slots, tail - head))));
            putClosed(map, control);
            final List<Integer> writing = new ArrayList<>();
            final List<Integer> reading = new ArrayList<>();
            for (int i = 0; i < slots; i++)
            {
                final long word = ring.getLongVolatile(i * params.slotLength());
                final int state = ManyToManyQueue.stateOf(word);
                if (state == ManyToManyQueue.WRITING)
                {
                    writing.add(ManyToManyQueue.pidOf(word));
                }
                else if (state == ManyToManyQueue.READING)
                {
                    reading.add(ManyToManyQueue.pidOf(word));
                }
            }
            map.put("slots_writing", writing.size() + (writing.isEmpty() ? "" : " " + pids(writing)));
            map.put("slots_reading", reading.size() + (reading.isEmpty() ? "" : " " + pids(reading)));
        }
        else
        {
            final long head = ring.getLongVolatile(capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET);
            final long tail = ring.getLongVolatile(capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET);
            map.put("producer_position", Long.toString(tail));
            map.put("consumer_position", Long.toString(head));
            map.put("depth_bytes", Long.toString(Math.max(0, tail - head)));
            map.put("depth_messages", Integer.toString(LeasedRing.countRecords(ring, capacity, head, tail)));
            putClosed(map, control);
            if (mode == QueueMode.ONE_TO_ONE)
            {
                final long producer = control.getLongVolatile(QueueDescriptor.PRODUCER_LEASE_OFFSET);
                map.put("producer_lease", region.liveness().describeOwner(producer & ~RingQueue.REPAIR_BIT) +
                    ((producer & RingQueue.REPAIR_BIT) != 0 ? " repairing" : ""));
            }
            map.put("consumer_lease", region.liveness().describeOwner(
                control.getLongVolatile(QueueDescriptor.CONSUMER_LEASE_OFFSET)));
            map.put("consumer_pending_position",
                Long.toString(control.getLongVolatile(QueueDescriptor.CONSUMER_PENDING_OFFSET)));
        }
        final List<Integer> processes = new ArrayList<>();
        for (int i = 0; i < QueueDescriptor.PROCESS_TABLE_ENTRIES; i++)
        {
            final long entry = control.getLongVolatile(OwnerTable.entryOffset(QueueDescriptor.PROCESS_TABLE_OFFSET, i));
            if (entry != 0)
            {
                processes.add(OwnerWords.identityPid(entry));
            }
        }
        map.put("processes", pids(processes));
        return map;
    }

    /**
     * Describe the unfinished-task count of a joinable queue (the companion region {@code <queue>.tasks}, see
     * {@link JoinableQueueDescriptor}). Keys, in this order: {@code queue} (the queue region's name),
     * {@code layout_version}, {@code unfinished_tasks} (tasks put and not yet done, a volatile read).
     *
     * @param region an open region of kind QUEUE_TASKS.
     * @return the description, in a stable key order.
     * @throws RegionKindException                when the region is not a task count.
     * @throws dev.mmipc.exceptions.RegionParameterException when its layout is not this version's.
     */
    public static Map<String, String> describeTasks(final Region region)
    {
        if (region.kind() != RegionKind.QUEUE_TASKS)
        {
            throw new RegionKindException("region kind mismatch: name=" + region.name() + ", expected=" +
                RegionKind.QUEUE_TASKS + ", actual=" + region.kind());
        }
        JoinableQueue.checkTasks(region);
        final String name = region.name();
        final Map<String, String> map = new LinkedHashMap<>();
        map.put("queue", name.endsWith(JoinableQueueDescriptor.TASKS_SUFFIX) ?
            name.substring(0, name.length() - JoinableQueueDescriptor.TASKS_SUFFIX.length()) : "-");
        map.put("layout_version", Long.toString(region.params().getLong(JoinableQueueDescriptor.LAYOUT_VERSION_PARAM_OFFSET)));
        map.put("unfinished_tasks", Long.toString(
            region.payload().getLongVolatile(JoinableQueueDescriptor.UNFINISHED_OFFSET)));
        return map;
    }

    private static void putClosed(final Map<String, String> map, final AtomicBuffer control)
    {
        final int flag = control.getIntVolatile(QueueDescriptor.CLOSED_FLAG_OFFSET);
        map.put("closed", flag == QueueCorruption.OPEN ? "false" : flag == QueueCorruption.CLOSED ? "true" :
            flag == QueueCorruption.CORRUPT ? "corrupt" : "invalid(" + flag + ")");
        if (flag == QueueCorruption.CORRUPT)
        {
            map.put("corruption", "code=" + control.getInt(QueueDescriptor.CORRUPTION_CODE_OFFSET) + ", position=" +
                control.getLong(QueueDescriptor.CORRUPTION_POSITION_OFFSET) + ", value=" +
                control.getLong(QueueDescriptor.CORRUPTION_VALUE_OFFSET));
        }
    }

    private static String pids(final List<Integer> pids)
    {
        final StringBuilder builder = new StringBuilder("[");
        for (int i = 0; i < pids.size(); i++)
        {
            builder.append(i == 0 ? "" : ",").append(pids.get(i));
        }
        return builder.append(']').toString();
    }
}

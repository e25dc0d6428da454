package dev.mmipc.process;

import dev.mmipc.Namespace;
import dev.mmipc.shared.SharedBytes;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The shared memory between the pool and one worker JVM (one generation of one worker slot): a region of
 * kind {@code BYTES} named {@code POOL-wI-gG} holding a task queue (pool to worker), a result queue (worker
 * to pool), and the worker's task slot.
 * <pre>
 *   0                   8                   16                        128
 *   +-------------------+-------------------+------------ ... ---------+
 *   | current task id   | worker pid        | (padding)                |
 *   +-------------------+-------------------+------------ ... ---------+
 *   | task queue: Agrona one-to-one ring, capacity + trailer           |
 *   +------------------------------------------------------------------+
 *   | result queue: Agrona one-to-one ring, capacity + trailer         |
 *   +------------------------------------------------------------------+
 * </pre>
 * The worker stores the id of the task it starts into the slot with a release store before running it, and
 * {@link #NO_TASK} after it has committed the result; the pool reads it with an acquire load once the worker
 * has died, to tell the task the worker died in from the tasks it never took.
 * <p>
 * Each queue has exactly one producer process and one consumer process, and each worker generation gets a
 * fresh region: a consumer killed in the middle of a read can therefore never make its successor read a
 * message twice, and a killed producer can never block anyone else.
 */
final class WorkerChannel implements AutoCloseable
{
    /** Slot value when the worker runs no task. */
    static final long NO_TASK = -1L;

    static final int SLOT_OFFSET = 0;
    static final int PID_OFFSET = 8;
    static final int QUEUES_OFFSET = 128;

    private final SharedBytes bytes;
    private final AtomicBuffer control;
    private final RingBuffer tasks;
    private final RingBuffer results;

    private WorkerChannel(final SharedBytes bytes, final int capacityBytes)
    {
        this.bytes = bytes;
        final AtomicBuffer all = bytes.buffer();
        final int ringLength = capacityBytes + RingBufferDescriptor.TRAILER_LENGTH;
        this.control = new UnsafeBuffer(all, 0, QUEUES_OFFSET);
        this.tasks = new OneToOneRingBuffer(new UnsafeBuffer(all, QUEUES_OFFSET, ringLength));
        this.results = new OneToOneRingBuffer(new UnsafeBuffer(all, QUEUES_OFFSET + ringLength, ringLength));
    }

    static WorkerChannel create(final Namespace ns, final String name, final int capacityBytes)
    {
        RingBufferDescriptor.checkCapacity(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH, 0);
        final int ringLength = capacityBytes + RingBufferDescriptor.TRAILER_LENGTH;
        final SharedBytes bytes = SharedBytes.create(ns, name, QUEUES_OFFSET + 2 * ringLength);
        final WorkerChannel channel = new WorkerChannel(bytes, capacityBytes);
        channel.control.putLongRelease(SLOT_OFFSET, NO_TASK);
        return channel;
    }

    static WorkerChannel open(final Namespace ns, final String name)
    {
        final SharedBytes bytes = SharedBytes.open(ns, name);
        final int ringLength = (bytes.size() - QUEUES_OFFSET) / 2;
        return new WorkerChannel(bytes, ringLength - RingBufferDescriptor.TRAILER_LENGTH);
    }

    RingBuffer tasks()
    {
        checkOpen();
        return tasks;
    }

    RingBuffer results()
    {
        checkOpen();
        return results;
    }

    void currentTask(final long taskId)
    {
        checkOpen();
        control.putLongRelease(SLOT_OFFSET, taskId); // release: the task's start is ordered after earlier results
    }

    long currentTask()
    {
        checkOpen();
        return control.getLongAcquire(SLOT_OFFSET); // acquire: pairs with the worker's release store
    }

    void workerPid(final long pid)
    {
        checkOpen();
        control.putLongRelease(PID_OFFSET, pid);
    }

    private void checkOpen()
    {
        bytes.buffer(); // throws IllegalStateException once closed
    }

    String name()
    {
        return bytes.name();
    }

    boolean unlink()
    {
        return bytes.unlink();
    }

    @Override
    public void close()
    {
        bytes.close();
    }
}

package dev.mmipc.queue;

import dev.mmipc.liveness.Liveness;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a mode implements behind {@link MessageQueue}. Lengths are checked, and the handle's closed state
 * checked, before these are called.
 */
abstract class QueueEngine
{
    /** Returned by {@link #poll(MessageHandler, int)} at end of stream. */
    static final int END_OF_STREAM = -1;

    final String name;
    final Liveness liveness;
    final AtomicBuffer control;
    final long unblockTimeoutNs;
    final AtomicLong recoveries = new AtomicLong();

    QueueEngine(final String name, final Liveness liveness, final AtomicBuffer control, final long unblockTimeoutNs)
    {
        this.name = name;
        this.liveness = liveness;
        this.control = control;
        this.unblockTimeoutNs = unblockTimeoutNs;
    }

    /**
     * @param owner a lease holder's identity, not 0.
     * @return true if that process is alive, judged with the unblock timeout.
     */
    final boolean isAlive(final long owner)
    {
        return ProcessOwners.isAlive(liveness, owner, unblockTimeoutNs);
    }

    /**
     * @param pid a bare pid found in a record or a slot.
     * @return true if that process is alive, judged with the unblock timeout.
     */
    final boolean isPidAlive(final int pid)
    {
        return ProcessOwners.isPidAlive(control, liveness, pid, unblockTimeoutNs);
    }

    /**
     * @return the index of the claimed message in {@link #buffer()}, or {@link MessageQueue#INSUFFICIENT_CAPACITY}.
     * @throws QueueClosedException when marked closed; no claim is left behind.
     */
    abstract int tryClaim(int length);

    abstract void commit(int index);

    abstract void abort(int index);

    abstract AtomicBuffer buffer();

    /**
     * @return true if enqueued, false if full.
     * @throws QueueClosedException when marked closed; nothing is enqueued.
     */
    abstract boolean offer(DirectBuffer src, int offset, int length);

    /**
     * @return messages delivered, 0 when none is ready, {@link #END_OF_STREAM} when marked closed and empty.
     */
    abstract int poll(MessageHandler handler, int limit);

    abstract int size();

    abstract boolean isEmpty();

    abstract int remainingCapacity();

    /**
     * Give up leases held by this handle.
     */
    abstract void release();

    final boolean closedFlag()
    {
        return control.getIntVolatile(QueueDescriptor.CLOSED_FLAG_OFFSET) != 0; // volatile: ordered with claims, see the modes
    }

    final QueueClosedException closedException()
    {
        return new QueueClosedException("queue closed: name=" + name);
    }
}

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
package dev.mmipc.pipe;

import dev.mmipc.events.Recoveries;
import dev.mmipc.exceptions.BrokenPipeException;
import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.LockWord;
import dev.mmipc.region.Region;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import static dev.mmipc.pipe.PipeDescriptor.END_OWNER_CONFIRM_OFFSET;
import static dev.mmipc.pipe.PipeDescriptor.END_OWNER_START_OFFSET;
import static dev.mmipc.pipe.PipeDescriptor.END_OWNER_WORD_OFFSET;
import static dev.mmipc.pipe.PipeDescriptor.END_STATE_OFFSET;
import static dev.mmipc.pipe.PipeDescriptor.STATE_CLOSED;
import static dev.mmipc.pipe.PipeDescriptor.STATE_NEW;
import static dev.mmipc.pipe.PipeDescriptor.STATE_OPEN;
import static dev.mmipc.pipe.PipeDescriptor.endOffset;

/**
 * The two ends of a pipe as one {@link Connection} sees them: its own, which it attaches (owner word, state new or
 * open → open) and closes (state → closed), and its peer's, whose state and liveness it watches so that a receiver
 * ends in {@link java.io.EOFException} and a sender in {@link BrokenPipeException} once the peer is closed or dead.
 * <p>
 * The peer's process is asked about (through its {@link LockWord}: pid and start time, or its heartbeat in another
 * PID namespace) at most once per liveness timeout or heartbeat period, whichever is shorter
 * ({@link Liveness#recheckIntervalNs}); a death once seen is remembered. Not thread-safe: the connection calls it
 * under its send or receive lock.
 */
final class PipeEnds
{
    private final Region region;
    private final AtomicBuffer payload;
    private final PipeEnd end;
    private final int selfOffset;
    private final int peerOffset;
    private final LockWord peerOwner;
    private final OneToOneRingBuffer in;
    private final OneToOneRingBuffer out;
    private final PipeIntegrity integrity;
    private final WaitStrategy wait;
    private final long livenessTimeoutNs;
    private final long peerRecheckNs;
    private long peerCheckedNs;
    private boolean peerDeadSeen;

    /**
     * @param region            the pipe's region.
     * @param end               the connection's end.
     * @param in                the ring this end reads, or null on the send-only end.
     * @param out               the ring this end writes, or null on the receive-only end.
     * @param integrity         where corruption is recorded.
     * @param wait              how attaching waits on the owner word.
     * @param livenessTimeoutNs how long a silent owner is given in another PID namespace.
     */
    PipeEnds(
        final Region region, final PipeEnd end, final OneToOneRingBuffer in, final OneToOneRingBuffer out,
        final PipeIntegrity integrity, final WaitStrategy wait, final long livenessTimeoutNs)
    {
        this.region = region;
        this.payload = region.payload();
        this.end = end;
        this.selfOffset = endOffset(end);
        this.peerOffset = endOffset(end.peer());
        this.peerOwner = owner(region, payload, end.peer());
        this.in = in;
        this.out = out;
        this.integrity = integrity;
        this.wait = wait;
        this.livenessTimeoutNs = livenessTimeoutNs;
        this.peerRecheckNs = Liveness.recheckIntervalNs(livenessTimeoutNs);
    }

    /**
     * @param region  the pipe's region.
     * @param payload its payload.
     * @param end     one end.
     * @return the owner word of that end.
     */
    static LockWord owner(final Region region, final AtomicBuffer payload, final PipeEnd end)
    {
        final int base = endOffset(end);
        return new LockWord(region.name(), Recoveries.PIPE_END_LOCK + end, region.liveness(), payload,
            base + END_OWNER_WORD_OFFSET, base + END_OWNER_START_OFFSET, base + END_OWNER_CONFIRM_OFFSET);
    }

    /**
     * Attach this end: take its owner word (free, or held by a dead process) and mark it open.
     *
     * @throws BrokenPipeException   when this end is closed.
     * @throws RegionFormatException when its state is one no end has.
     * @throws IllegalStateException when a live process holds it, or the thread is interrupted meanwhile.
     */
    void attach()
    {
        final long state = payload.getLongVolatile(selfOffset + END_STATE_OFFSET);
        if (state == STATE_CLOSED)
        {
            throw new BrokenPipeException("pipe end closed: name=" + region.name() + ", end=" + end);
        }
        if (state != STATE_NEW && state != STATE_OPEN)
        {
            throw new RegionFormatException("pipe end state invalid: name=" + region.name() + ", end=" + end +
                ", state=" + state);
        }
        final LockWord self = owner(region, payload, end);
        final long held;
        try
        {
            held = self.acquire(wait, livenessTimeoutNs, 0); // free, or its owner dead: take it; else 0
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted attaching pipe end: name=" + region.name() + ", end=" + end, ex);
        }
        if (held == 0)
        {
            throw new IllegalStateException("pipe end in use: name=" + region.name() + ", end=" + end + ", pid=" +
                self.ownerPid());
        }
        if (!payload.compareAndSetLong(selfOffset + END_STATE_OFFSET, state, STATE_OPEN) &&
            payload.getLongVolatile(selfOffset + END_STATE_OFFSET) != STATE_OPEN)
        {
            throw new BrokenPipeException("pipe end closed: name=" + region.name() + ", end=" + end);
        }
    }

    /**
     * Mark this end closed, for good; call after every message sent and while the region is mapped.
     */
    void markClosed()
    {
        payload.putLongVolatile(selfOffset + END_STATE_OFFSET, STATE_CLOSED); // after every message sent
    }

    /**
     * @return true if the peer end is closed, or attached by a process now dead (checked at most once per
     * liveness timeout, or per heartbeat period if shorter).
     * @throws RegionFormatException when the peer's state is one no end has: unknown, or new although the peer has
     *                               written into or read from a ring.
     */
    boolean peerGone()
    {
        final long state = payload.getLongVolatile(peerOffset + END_STATE_OFFSET); // volatile: after its last message
        if (state == STATE_CLOSED)
        {
            return true;
        }
        if (state != STATE_OPEN)
        {
            if (state != STATE_NEW)
            {
                throw integrity.corrupt(
                    "pipe end state invalid: name=" + region.name() + ", end=" + end.peer() + ", state=" + state);
            }
            checkPeerNeverActed();
            return false; // never attached yet: waited for
        }
        if (peerDeadSeen)
        {
            return true;
        }
        final long nowNs = System.nanoTime();
        if (peerCheckedNs != 0 && nowNs - peerCheckedNs < peerRecheckNs)
        {
            return false;
        }
        peerCheckedNs = nowNs;
        final long word = peerOwner.current();
        peerDeadSeen = LockWord.pid(word) != 0 && !peerOwner.ownerAlive(word, livenessTimeoutNs);
        return peerDeadSeen;
    }

    /**
     * @return the words of {@link BrokenPipeException} and {@link java.io.EOFException} once {@link #peerGone()} has
     * said so: the pipe, the peer end, whether it closed or died, and its owner's pid.
     */
    String peerGoneMessage()
    {
        final long state = payload.getLongVolatile(peerOffset + END_STATE_OFFSET);
        return "pipe peer gone: name=" + region.name() + ", end=" + end.peer() + ", state=" +
            (state == STATE_CLOSED ? "closed" : "dead") + ", pid=" + peerOwner.ownerPid();
    }

    /**
     * An end becomes open before it sends or receives, and never new again: a peer still new after it has moved the
     * tail of the ring it writes, or the head of the ring it reads, is corrupt. The state is read again after the
     * position (both volatile): the peer stores "open" before it first writes or reads, so a peer that attached and
     * sent since the first read of its state is seen open then, not taken for corruption.
     */
    private void checkPeerNeverActed()
    {
        final int capacity = in != null ? in.capacity() : out.capacity();
        final long tail = in != null ? in.buffer().getLongVolatile(capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET) : 0;
        final long head = out != null ? out.buffer().getLongVolatile(capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET) : 0;
        if ((tail != 0 || head != 0) && payload.getLongVolatile(peerOffset + END_STATE_OFFSET) == STATE_NEW)
        {
            throw integrity.corrupt("pipe end state invalid: name=" + region.name() + ", end=" + end.peer() + ", state=" +
                STATE_NEW + (tail != 0 ? ", producer_position=" + tail : ", consumer_position=" + head));
        }
    }
}

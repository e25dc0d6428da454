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

import dev.mmipc.codec.Codec;
import dev.mmipc.exceptions.BrokenPipeException;
import dev.mmipc.exceptions.BufferTooShortException;
import dev.mmipc.exceptions.MessageTooLongException;
import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.LockWord;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionHandle;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.io.EOFException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.pipe.PipeDescriptor.ringLength;
import static dev.mmipc.pipe.PipeDescriptor.ringOffset;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;

/**
 * One attached end of a {@link Pipe}: Python's {@code multiprocessing.connection.Connection}.
 * <p>
 * {@link #send(Object)} and {@link #recv()} carry objects through the connection's {@link Codec};
 * {@link #sendBytes}, {@link #recvBytes(int)} and {@link #recvBytesInto(byte[], int)} carry raw bytes. Messages
 * arrive whole and in order. A message that does not fit the buffer given to receive it throws
 * {@link BufferTooShortException} and stays in the pipe. A message that fails to decode is consumed and its
 * {@link dev.mmipc.exceptions.CodecException} thrown.
 * <p>
 * <b>End of file.</b> When the other end is closed, {@code recv} returns what was sent before and then throws
 * {@link EOFException}. When the other end's process dies (even by {@code kill -9}), the same happens once its
 * death is noticed: a receiver with nothing to read asks {@link Liveness} about the peer (pid and start time;
 * its heartbeat when it is in another PID namespace) at most once per liveness timeout
 * ({@link SyncOptions#livenessTimeout}) or heartbeat period, whichever is shorter, so {@code recv} never hangs on a
 * dead peer. A peer that has never attached is waited for. Sending to a closed or dead peer throws
 * {@link BrokenPipeException}.
 * <p>
 * <b>Ends.</b> Attaching records this process in the end's owner word ({@link LockWord}); an end held by a
 * live process cannot be attached again, an end whose process died can, and a closed end never can.
 * <p>
 * <b>Corruption.</b> Every length read from a ring is bounded before use (at least a header, at most the bytes to
 * the end of the buffer, at most a header and the longest message unless it is padding; negative only while the
 * writer writes a record, or pads to the end of the buffer), the positions are checked whenever nothing is ready
 * or there is no room, and an end state is only ever new, open or closed (and never new once that end has sent or
 * received). Anything else is refused with {@link RegionFormatException} before anything is consumed, never waited
 * on; from then on every call of this connection throws the same error. {@link #poll} is true only when a committed
 * message, or the end of file, is there for {@code recv} to take at once. A negative length that a record being
 * written can have is waited on, like a writer that has not finished: such a record cannot be told from a stopped
 * writer's (a dead writer's ends in {@link EOFException} as above).
 * <p>
 * Send and receive each take a lock of their own, so one thread may send while another receives; each blocking
 * call has a timeout form and answers interrupts.
 *
 * @param <E> the type of objects sent with {@link #send(Object)}.
 */
public final class Connection<E> implements RegionHandle
{
    private static final int MSG_TYPE_ID = 1;

    // Inside: PipeEnds attaches, closes and watches the two ends (ownership, state, the peer's liveness), PipeReader
    // reads and bounds the records of the ring this end reads, PipeIntegrity keeps the first corruption found. This
    // class holds the public API, the send path and the locks.

    private final Region region;
    private final PipeEnd end;
    private final Codec<E> codec;
    private final SyncOptions options;
    private final WaitStrategy wait;
    private final OneToOneRingBuffer in;
    private final OneToOneRingBuffer out;
    private final PipeIntegrity integrity;
    private final PipeEnds ends;
    private final PipeReader<E> reader;
    private final Object sendLock = new Object();
    private final Object recvLock = new Object();
    private final ExpandableDirectByteBuffer scratch = new ExpandableDirectByteBuffer(256);
    private boolean closed;
    private int fullWrites;

    Connection(final Region region, final PipeEnd end, final Codec<E> codec, final SyncOptions options)
    {
        this.region = region;
        try
        {
            this.end = Objects.requireNonNull(end, "end");
            this.codec = Objects.requireNonNull(codec, "codec");
            this.options = Objects.requireNonNull(options, "options");
            final long livenessTimeoutNs = options.livenessTimeout().toNanos();
            this.wait = options.waitStrategy();
            final AtomicBuffer payload = region.payload();
            final boolean duplex = Pipe.isDuplex(region);
            final int capacity = Pipe.capacity(region);
            final boolean receives = duplex || end == PipeEnd.FIRST;
            final boolean sends = duplex || end == PipeEnd.SECOND;
            this.in = receives ? ring(payload, ringOffset(end, capacity), capacity) : null;
            this.out = sends ? ring(payload, ringOffset(end.peer(), capacity), capacity) : null;
            final int maxRecordLength = HEADER_LENGTH + (capacity >> 3); // Agrona's longest message, capacity / 8
            this.integrity = new PipeIntegrity(region, end);
            this.ends = new PipeEnds(region, end, in, out, integrity, wait, livenessTimeoutNs);
            this.reader = new PipeReader<>(in, codec, maxRecordLength, ends, integrity, end);
            ends.attach();
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    /**
     * Send an object, waiting as long as it takes for room.
     *
     * @param message the object; encoded by the codec.
     * @throws InterruptedException     when interrupted while waiting for room.
     * @throws BrokenPipeException      when the other end is closed or dead.
     * @throws MessageTooLongException  when the encoding is longer than an eighth of the capacity.
     * @throws IllegalStateException    on the receive-only end of a one-way pipe, or when closed.
     */
    public void send(final E message) throws InterruptedException
    {
        trySend(message, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    /**
     * Send an object, waiting at most {@code timeout} for room.
     *
     * @param message the object.
     * @param timeout bound on the wait.
     * @param unit    unit of {@code timeout}.
     * @return true if sent, false on timeout.
     * @throws InterruptedException when interrupted while waiting for room.
     */
    public boolean trySend(final E message, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        Objects.requireNonNull(message, "message");
        synchronized (sendLock)
        {
            checkCanSend();
            final int length = codec.encode(message, scratch, 0);
            return write(scratch, 0, length, unit.toNanos(timeout));
        }
    }

    /**
     * Send bytes as one message, waiting as long as it takes for room.
     *
     * @param buffer bytes.
     * @param offset first byte.
     * @param length how many.
     * @throws InterruptedException when interrupted while waiting.
     */
    public void sendBytes(final byte[] buffer, final int offset, final int length) throws InterruptedException
    {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        synchronized (sendLock)
        {
            checkCanSend();
            write(new UnsafeBuffer(buffer), offset, length, Long.MAX_VALUE);
        }
    }

    /**
     * @param buffer bytes sent whole as one message.
     * @throws InterruptedException when interrupted while waiting.
     */
    public void sendBytes(final byte[] buffer) throws InterruptedException
    {
        sendBytes(buffer, 0, buffer.length);
    }

    /**
     * Receive the next object, waiting as long as it takes.
     *
     * @return the decoded object.
     * @throws EOFException         when the other end is closed or dead and everything it sent has been received.
     * @throws InterruptedException when interrupted while waiting.
     */
    public E recv() throws EOFException, InterruptedException
    {
        synchronized (recvLock)
        {
            reader.mode = PipeReader.DECODE;
            receive(Long.MAX_VALUE);
            final E value = reader.decoded;
            reader.decoded = null;
            return value;
        }
    }

    /**
     * Receive the next message's bytes.
     *
     * @param maxLength the longest message accepted.
     * @return the bytes.
     * @throws BufferTooShortException when the message is longer than {@code maxLength}; it stays in the pipe.
     * @throws EOFException            when the other end is gone and everything it sent has been received.
     * @throws InterruptedException    when interrupted while waiting.
     */
    public byte[] recvBytes(final int maxLength) throws EOFException, InterruptedException
    {
        synchronized (recvLock)
        {
            reader.mode = PipeReader.BYTES;
            reader.limit = maxLength;
            receive(Long.MAX_VALUE);
            final byte[] bytes = reader.bytes;
            reader.bytes = null;
            return bytes;
        }
    }

    /**
     * Receive the next message's bytes into an array.
     *
     * @param buffer where to copy.
     * @param offset where the copy starts.
     * @return the message's length.
     * @throws BufferTooShortException when it does not fit from {@code offset}; it stays in the pipe.
     * @throws EOFException            when the other end is gone and everything it sent has been received.
     * @throws InterruptedException    when interrupted while waiting.
     */
    public int recvBytesInto(final byte[] buffer, final int offset) throws EOFException, InterruptedException
    {
        Objects.checkIndex(offset, buffer.length + 1);
        synchronized (recvLock)
        {
            reader.mode = PipeReader.INTO;
            reader.target = buffer;
            reader.targetOffset = offset;
            reader.limit = buffer.length - offset;
            try
            {
                receive(Long.MAX_VALUE);
                return reader.length;
            }
            finally
            {
                reader.target = null;
            }
        }
    }

    /**
     * Wait until a message can be received, or the other end is gone (so {@code recv} would not block).
     *
     * @param timeout bound on the wait; zero checks once.
     * @param unit    unit of {@code timeout}.
     * @return true if {@code recv} would return or throw {@link EOFException} at once, false on timeout.
     * @throws InterruptedException when interrupted while waiting.
     */
    public boolean poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        synchronized (recvLock)
        {
            checkCanReceive();
            return wait.awaitNanos(reader::receivable, unit.toNanos(timeout));
        }
    }

    /**
     * @return true if a message can be received or the other end is gone; never waits.
     */
    public boolean poll()
    {
        synchronized (recvLock)
        {
            checkCanReceive();
            return reader.receivable();
        }
    }

    /**
     * @return this connection's end.
     */
    public PipeEnd end()
    {
        return end;
    }

    /**
     * @return the pipe's name.
     */
    @Override
    public String name()
    {
        return region.name();
    }

    /**
     * @return the codec.
     */
    public Codec<E> codec()
    {
        return codec;
    }

    /**
     * @return the longest message, in bytes.
     */
    public int maxMessageLength()
    {
        return out != null ? out.maxMsgLength() : in.maxMsgLength();
    }

    /**
     * @return true once closed.
     */
    @Override
    public boolean isClosed()
    {
        return region.isClosed();
    }

    /**
     * Remove the pipe's name; both ends, this one included, keep working, and {@link Pipe#connect} of that name then
     * throws {@link dev.mmipc.exceptions.RegionNotFoundException}. Allowed after close.
     *
     * @return true if this call removed the name.
     */
    @Override
    public boolean unlink()
    {
        return region.unlink();
    }

    /**
     * Close this end: the other end receives what was sent, then {@link EOFException}. Idempotent.
     */
    @Override
    public void close()
    {
        synchronized (sendLock)
        {
            synchronized (recvLock)
            {
                if (closed)
                {
                    return;
                }
                closed = true;
                if (!region.isClosed())
                {
                    ends.markClosed(); // after every message sent
                }
                region.close();
            }
        }
    }

    @Override
    public String toString()
    {
        return "Connection{name=" + region.name() + ", end=" + end + ", closed=" + isClosed() + '}';
    }

    private boolean write(final MutableDirectBuffer src, final int offset, final int length, final long timeoutNs)
        throws InterruptedException
    {
        if (length > out.maxMsgLength())
        {
            throw new MessageTooLongException("pipe message too long: name=" + region.name() + ", length=" + length +
                ", max=" + out.maxMsgLength(), length, out.maxMsgLength());
        }
        checkPeerForSend();
        if (out.write(MSG_TYPE_ID, src, offset, length))
        {
            return true;
        }
        final boolean[] gone = new boolean[1];
        final boolean done = wait.awaitNanos(() ->
        {
            if (out.write(MSG_TYPE_ID, src, offset, length))
            {
                return true;
            }
            if ((fullWrites++ & PipeIntegrity.EMPTY_LOOK_MASK) == 0)
            {
                integrity.checkPositions(out, end.peer()); // a ring that stays full: the peer's head may be corrupt
            }
            gone[0] = ends.peerGone();
            return gone[0];
        }, timeoutNs);
        if (gone[0])
        {
            checkPeerForSend();
        }
        return done;
    }

    private void checkPeerForSend()
    {
        if (ends.peerGone())
        {
            throw new BrokenPipeException(ends.peerGoneMessage());
        }
    }

    private void receive(final long timeoutNs) throws EOFException, InterruptedException
    {
        checkCanReceive();
        reader.got = false;
        reader.eof = false;
        reader.tooShort = -1;
        reader.failure = null;
        if (!wait.awaitNanos(reader, timeoutNs))
        {
            throw new IllegalStateException("pipe receive timed out: name=" + region.name() + ", end=" + end);
        }
        if (reader.failure != null)
        {
            final RuntimeException failure = reader.failure;
            reader.failure = null;
            throw failure;
        }
        if (reader.tooShort >= 0)
        {
            throw new BufferTooShortException("pipe message longer than buffer: name=" + region.name() + ", end=" +
                end + ", length=" + reader.tooShort + ", room=" + reader.limit, reader.tooShort);
        }
        if (reader.eof)
        {
            throw new EOFException(ends.peerGoneMessage());
        }
    }

    private void checkCanSend()
    {
        region.checkOpen();
        integrity.checkIntact();
        if (out == null)
        {
            throw new IllegalStateException("pipe end cannot send: name=" + region.name() + ", end=" + end);
        }
    }

    private void checkCanReceive()
    {
        region.checkOpen();
        integrity.checkIntact();
        if (in == null)
        {
            throw new IllegalStateException("pipe end cannot receive: name=" + region.name() + ", end=" + end);
        }
    }

    static OneToOneRingBuffer ring(final AtomicBuffer payload, final int offset, final int capacity)
    {
        return new OneToOneRingBuffer(new UnsafeBuffer(payload, offset, ringLength(capacity)));
    }
}

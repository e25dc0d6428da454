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
import dev.mmipc.events.Recoveries;
import dev.mmipc.exceptions.BrokenPipeException;
import dev.mmipc.exceptions.BufferTooShortException;
import dev.mmipc.exceptions.MessageTooLongException;
import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.LockWord;
import dev.mmipc.queue.RingRecords;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionHandle;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.EOFException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.pipe.PipeDescriptor.*;
import static org.agrona.BitUtil.align;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.lengthOffset;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.typeOffset;
import static org.agrona.concurrent.ringbuffer.RingBuffer.PADDING_MSG_TYPE_ID;

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
    /** Empty reads (full writes) between two looks at a ring's positions, a power of two less one. */
    private static final int EMPTY_LOOK_MASK = 63;

    private final Region region;
    private final PipeEnd end;
    private final Codec<E> codec;
    private final SyncOptions options;
    private final WaitStrategy wait;
    private final AtomicBuffer payload;
    private final int selfOffset;
    private final int peerOffset;
    private final LockWord peerOwner;
    private final OneToOneRingBuffer in;
    private final OneToOneRingBuffer out;
    private final int maxRecordLength;
    private final Object sendLock = new Object();
    private final Object recvLock = new Object();
    private final ExpandableDirectByteBuffer scratch = new ExpandableDirectByteBuffer(256);
    private final Reader reader = new Reader();
    private final long livenessTimeoutNs;
    private final long peerRecheckNs;
    private long peerCheckedNs;
    private boolean peerDeadSeen;
    private boolean closed;
    private int emptyReads;
    private int fullWrites;
    private volatile String corruption;

    Connection(final Region region, final PipeEnd end, final Codec<E> codec, final SyncOptions options)
    {
        this.region = region;
        try
        {
            this.end = Objects.requireNonNull(end, "end");
            this.codec = Objects.requireNonNull(codec, "codec");
            this.options = Objects.requireNonNull(options, "options");
            this.livenessTimeoutNs = options.livenessTimeout().toNanos();
            this.peerRecheckNs = Liveness.recheckIntervalNs(livenessTimeoutNs);
            this.wait = options.waitStrategy();
            this.payload = region.payload();
            this.selfOffset = endOffset(end);
            this.peerOffset = endOffset(end.peer());
            this.peerOwner = owner(region, payload, end.peer());
            final boolean duplex = Pipe.isDuplex(region);
            final int capacity = Pipe.capacity(region);
            final boolean receives = duplex || end == PipeEnd.FIRST;
            final boolean sends = duplex || end == PipeEnd.SECOND;
            this.in = receives ? ring(payload, ringOffset(end, capacity), capacity) : null;
            this.out = sends ? ring(payload, ringOffset(end.peer(), capacity), capacity) : null;
            this.maxRecordLength = HEADER_LENGTH + (capacity >> 3); // Agrona's longest message, capacity / 8
            attach();
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
            reader.mode = Reader.DECODE;
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
            reader.mode = Reader.BYTES;
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
            reader.mode = Reader.INTO;
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
            return wait.awaitNanos(this::receivable, unit.toNanos(timeout));
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
            return receivable();
        }
    }

    /**
     * @return true if a committed message is at the head (looked at through the same checked read as {@code recv},
     * left in place), or the peer is gone: {@code recv} would not block.
     */
    private boolean receivable()
    {
        reader.mode = Reader.PEEK;
        reader.peeked = false;
        return readOne() || reader.peeked || emptyRead() || peerGone();
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
                    payload.putLongVolatile(selfOffset + END_STATE_OFFSET, STATE_CLOSED); // after every message sent
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

    private void attach()
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
            if ((fullWrites++ & EMPTY_LOOK_MASK) == 0)
            {
                checkPositions(out, end.peer()); // a ring that stays full: the peer's head may be corrupt
            }
            gone[0] = peerGone();
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
        if (peerGone())
        {
            final long state = payload.getLongVolatile(peerOffset + END_STATE_OFFSET);
            throw new BrokenPipeException("pipe peer gone: name=" + region.name() + ", end=" + end.peer() +
                ", state=" + (state == STATE_CLOSED ? "closed" : "dead") + ", pid=" + peerOwner.ownerPid());
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
            final long state = payload.getLongVolatile(peerOffset + END_STATE_OFFSET);
            throw new EOFException("pipe peer gone: name=" + region.name() + ", end=" + end.peer() + ", state=" +
                (state == STATE_CLOSED ? "closed" : "dead") + ", pid=" + peerOwner.ownerPid());
        }
    }

    /**
     * @return true if the peer end is closed, or attached by a process now dead (checked at most once per
     * liveness timeout, or per heartbeat period if shorter).
     * @throws RegionFormatException when the peer's state is one no end has: unknown, or new although the peer has
     *                               written into or read from a ring.
     */
    private boolean peerGone()
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
                throw corrupt("pipe end state invalid: name=" + region.name() + ", end=" + end.peer() + ", state=" + state);
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
            throw corrupt("pipe end state invalid: name=" + region.name() + ", end=" + end.peer() + ", state=" +
                STATE_NEW + (tail != 0 ? ", producer_position=" + tail : ", consumer_position=" + head));
        }
    }

    /**
     * Head and tail of a ring, read in that order by its reader (whose head only it moves) or by its writer (whose
     * tail only it moves): either way a pair no ring can have is corruption, not a race.
     */
    private void checkPositions(final OneToOneRingBuffer ring, final PipeEnd receiver)
    {
        final int capacity = ring.capacity();
        final AtomicBuffer buffer = ring.buffer();
        // volatile, head first: the tail then is at least the head read, and at most a capacity beyond it
        final long head = buffer.getLongVolatile(capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET);
        final long tail = buffer.getLongVolatile(capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET);
        if (!RingRecords.validPositions(head, tail, capacity))
        {
            throw corrupt("pipe positions invalid: name=" + region.name() + ", end=" + receiver + ", head=" + head +
                ", tail=" + tail + ", capacity=" + capacity);
        }
    }

    /**
     * Nothing was ready: look at the positions of the ring this end reads, on every {@value #EMPTY_LOOK_MASK} + 1st
     * empty read only (reading the tail pulls the writer's cache line over).
     *
     * @return false.
     */
    private boolean emptyRead()
    {
        if ((emptyReads++ & EMPTY_LOOK_MASK) == 0)
        {
            checkPositions(in, end);
        }
        return false;
    }

    /**
     * The first message at the head of the ring this end reads, as Agrona's {@code controlledRead(handler, 1)} reads
     * it (same record format and order of effects: the head is stored with release after the message was handed
     * over), with every length bounded before use: a record whose length is shorter than a header, runs past the
     * end of the buffer, or is longer than a header and the longest message without being padding, and a negative
     * length that no record being written has ({@link RingRecords#isClaimLength}), are refused before anything is
     * consumed. Agrona aligned and handed over such lengths: a length within 7 of {@code Integer.MAX_VALUE}
     * overflowed {@code align} and moved the head back by 2^31, a negative one was waited on for ever. Committed
     * lengths are stored with release, and the header at the head was pre-zeroed by the claim before it: a length
     * read here is never torn or stale. At most two records are read: a padding to the end, then one message.
     *
     * @return true if a message was handed to the reader and consumed.
     */
    private boolean readOne()
    {
        final AtomicBuffer buffer = in.buffer();
        final int capacity = in.capacity();
        final int headPositionIndex = capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET;
        final long head = buffer.getLong(headPositionIndex); // plain: only this end's holder writes it
        final int headIndex = (int)head & (capacity - 1);
        final int contiguousLength = capacity - headIndex;
        int bytesRead = 0;
        boolean consumed = false;
        try
        {
            while (bytesRead < contiguousLength)
            {
                final int recordIndex = headIndex + bytesRead;
                final int room = contiguousLength - bytesRead;
                final int recordLength = buffer.getIntVolatile(lengthOffset(recordIndex)); // acquire: pairs with commit
                if (recordLength <= 0)
                {
                    // not written yet, or being written (its tail is not read here: a claim may run to the end)
                    if (recordLength < 0 && !RingRecords.isClaimLength(recordLength, room, room, maxRecordLength))
                    {
                        throw corruptRecord(head + bytesRead, recordLength, capacity);
                    }
                    break;
                }
                if (recordLength < HEADER_LENGTH || recordLength > room) // before align, which could overflow
                {
                    throw corruptRecord(head + bytesRead, recordLength, capacity);
                }
                final int alignedLength = align(recordLength, ALIGNMENT);
                final int typeId = buffer.getInt(typeOffset(recordIndex));
                if (typeId == PADDING_MSG_TYPE_ID)
                {
                    bytesRead += alignedLength;
                    continue;
                }
                if (recordLength > maxRecordLength)
                {
                    throw corruptRecord(head + bytesRead, recordLength, capacity);
                }
                if (reader.onMessage(typeId, buffer, recordIndex + HEADER_LENGTH, recordLength - HEADER_LENGTH) !=
                    ControlledMessageHandler.Action.ABORT)
                {
                    bytesRead += alignedLength;
                    consumed = true;
                }
                break;
            }
        }
        finally
        {
            if (bytesRead > 0)
            {
                buffer.putLongRelease(headPositionIndex, head + bytesRead); // release: the reads above happen before
            }
        }
        return consumed;
    }

    private RegionFormatException corruptRecord(final long position, final int recordLength, final int capacity)
    {
        return corrupt("pipe record length invalid: name=" + region.name() + ", end=" + end + ", position=" + position +
            ", index=" + ((int)position & (capacity - 1)) + ", record_length=" + recordLength + ", capacity=" + capacity);
    }

    /**
     * @param message what was found.
     * @return the error to throw, now and from every later call of this connection.
     */
    private RegionFormatException corrupt(final String message)
    {
        if (corruption == null)
        {
            corruption = message;
        }
        return new RegionFormatException(corruption);
    }

    private void checkIntact()
    {
        final String message = corruption;
        if (message != null)
        {
            throw new RegionFormatException(message);
        }
    }

    private void checkCanSend()
    {
        region.checkOpen();
        checkIntact();
        if (out == null)
        {
            throw new IllegalStateException("pipe end cannot send: name=" + region.name() + ", end=" + end);
        }
    }

    private void checkCanReceive()
    {
        region.checkOpen();
        checkIntact();
        if (in == null)
        {
            throw new IllegalStateException("pipe end cannot receive: name=" + region.name() + ", end=" + end);
        }
    }

    static LockWord owner(final Region region, final AtomicBuffer payload, final PipeEnd end)
    {
        final int base = endOffset(end);
        return new LockWord(region.name(), Recoveries.PIPE_END_LOCK + end, region.liveness(), payload,
            base + END_OWNER_WORD_OFFSET, base + END_OWNER_START_OFFSET, base + END_OWNER_CONFIRM_OFFSET);
    }

    static OneToOneRingBuffer ring(final AtomicBuffer payload, final int offset, final int capacity)
    {
        return new OneToOneRingBuffer(new UnsafeBuffer(payload, offset, ringLength(capacity)));
    }

    /**
     * Reads one message in the mode set by the caller; as a wait condition, true once a message was taken (or
     * refused as too long), or the peer is gone with nothing left to read.
     */
    private final class Reader implements ControlledMessageHandler, java.util.function.BooleanSupplier
    {
        static final int DECODE = 0;
        static final int BYTES = 1;
        static final int INTO = 2;
        static final int PEEK = 3;

        int mode;
        int limit;
        byte[] target;
        int targetOffset;
        E decoded;
        byte[] bytes;
        int length;
        int tooShort;
        boolean got;
        boolean eof;
        boolean peeked;
        RuntimeException failure;

        @Override
        public boolean getAsBoolean()
        {
            if (readOne() || tooShort >= 0 || emptyRead())
            {
                return true;
            }
            if (peerGone())
            {
                // the peer's state was read (volatile) after its last message: read once more before saying EOF
                if (readOne() || tooShort >= 0)
                {
                    return true;
                }
                eof = true;
                return true;
            }
            return false;
        }

        /**
         * Called by {@link #readOne()} with a length it has bounded: at most the longest message.
         */
        @Override
        public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            if (mode == PEEK)
            {
                peeked = true;
                return Action.ABORT; // leave it for recv
            }
            try
            {
                switch (mode)
                {
                    case DECODE:
                        decoded = codec.decode(buffer, index, length);
                        break;

                    case BYTES:
                        if (length > limit)
                        {
                            tooShort = length;
                            return Action.ABORT; // leave the message in the ring
                        }
                        bytes = new byte[length];
                        buffer.getBytes(index, bytes);
                        break;

                    default:
                        if (length > limit)
                        {
                            tooShort = length;
                            return Action.ABORT;
                        }
                        buffer.getBytes(index, target, targetOffset, length);
                        break;
                }
            }
            catch (final RuntimeException ex)
            {
                failure = ex; // consume the malformed message, throw after the read completes
            }
            this.length = length;
            got = true;
            return Action.COMMIT;
        }
    }
}

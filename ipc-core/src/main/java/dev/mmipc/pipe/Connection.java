package dev.mmipc.pipe;

import dev.mmipc.BrokenPipeException;
import dev.mmipc.BufferTooShortException;
import dev.mmipc.RegionFormatException;
import dev.mmipc.codec.Codec;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.queue.MessageTooLongException;
import dev.mmipc.region.Region;
import dev.mmipc.sync.OwnerWord;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.io.EOFException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.pipe.PipeDescriptor.*;

/**
 * One attached end of a {@link Pipe}: Python's {@code multiprocessing.connection.Connection}.
 * <p>
 * {@link #send(Object)} and {@link #recv()} carry objects through the connection's {@link Codec};
 * {@link #sendBytes}, {@link #recvBytes(int)} and {@link #recvBytesInto(byte[], int)} carry raw bytes. Messages
 * arrive whole and in order. A message that does not fit the buffer given to receive it throws
 * {@link BufferTooShortException} and stays in the pipe. A message that fails to decode is consumed and its
 * {@link dev.mmipc.codec.CodecException} thrown.
 * <p>
 * <b>End of file.</b> When the other end is closed, {@code recv} returns what was sent before and then throws
 * {@link EOFException}. When the other end's process dies (even by {@code kill -9}), the same happens once its
 * death is noticed: a receiver with nothing to read asks {@link Liveness} about the peer (pid and start time;
 * its heartbeat when it is in another PID namespace) at most once per liveness timeout
 * ({@link SyncOptions#livenessTimeout}) or heartbeat period, whichever is shorter, so {@code recv} never hangs on a
 * dead peer. A peer that has never attached is waited for. Sending to a closed or dead peer throws
 * {@link BrokenPipeException}.
 * <p>
 * <b>Ends.</b> Attaching records this process in the end's owner word ({@link OwnerWord}); an end held by a
 * live process cannot be attached again, an end whose process died can, and a closed end never can.
 * <p>
 * Send and receive each take a lock of their own, so one thread may send while another receives; each blocking
 * call has a timeout form and answers interrupts.
 *
 * @param <E> the type of objects sent with {@link #send(Object)}.
 */
public final class Connection<E> implements AutoCloseable
{
    private static final int MSG_TYPE_ID = 1;

    private final Region region;
    private final PipeEnd end;
    private final Codec<E> codec;
    private final SyncOptions options;
    private final WaitStrategy wait;
    private final AtomicBuffer payload;
    private final int selfOffset;
    private final int peerOffset;
    private final OwnerWord peerOwner;
    private final OneToOneRingBuffer in;
    private final OneToOneRingBuffer out;
    private final Object sendLock = new Object();
    private final Object recvLock = new Object();
    private final ExpandableDirectByteBuffer scratch = new ExpandableDirectByteBuffer(256);
    private final Reader reader = new Reader();
    private final long peerRecheckNs;
    private long peerCheckedNs;
    private boolean peerDeadSeen;
    private boolean closed;

    Connection(final Region region, final PipeEnd end, final Codec<E> codec, final SyncOptions options)
    {
        this.region = region;
        try
        {
            this.end = Objects.requireNonNull(end, "end");
            this.codec = Objects.requireNonNull(codec, "codec");
            this.options = Objects.requireNonNull(options, "options");
            this.peerRecheckNs = Liveness.recheckIntervalNs(options.livenessTimeoutNs());
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
            return wait.awaitNanos(() -> in.size() > 0 || peerGone(), unit.toNanos(timeout));
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
            return in.size() > 0 || peerGone();
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
    public boolean isClosed()
    {
        return region.isClosed();
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
        final OwnerWord self = owner(region, payload, end);
        final long held;
        try
        {
            held = self.acquire(wait, options.livenessTimeoutNs(), 0); // free, or its owner dead: take it; else 0
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
            return false;
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
        peerDeadSeen = OwnerWord.pid(word) != 0 && !peerOwner.ownerAlive(word, options.livenessTimeoutNs());
        return peerDeadSeen;
    }

    private void checkCanSend()
    {
        region.checkOpen();
        if (out == null)
        {
            throw new IllegalStateException("pipe end cannot send: name=" + region.name() + ", end=" + end);
        }
    }

    private void checkCanReceive()
    {
        region.checkOpen();
        if (in == null)
        {
            throw new IllegalStateException("pipe end cannot receive: name=" + region.name() + ", end=" + end);
        }
    }

    static OwnerWord owner(final Region region, final AtomicBuffer payload, final PipeEnd end)
    {
        final int base = endOffset(end);
        return new OwnerWord(region.name(), region.liveness(), payload, base + END_OWNER_WORD_OFFSET,
            base + END_OWNER_START_OFFSET, base + END_OWNER_CONFIRM_OFFSET);
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
        RuntimeException failure;

        @Override
        public boolean getAsBoolean()
        {
            if (in.controlledRead(this, 1) > 0 || tooShort >= 0)
            {
                return true;
            }
            if (peerGone())
            {
                // the peer's state was read (volatile) after its last message: read once more before saying EOF
                if (in.controlledRead(this, 1) > 0 || tooShort >= 0)
                {
                    return true;
                }
                eof = true;
                return true;
            }
            return false;
        }

        @Override
        public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            try
            {
                if (length < 0 || length > in.maxMsgLength())
                {
                    // only a foreign write into the mapped file gives such a length: consume the record and refuse
                    // it (found by header fuzzing: NegativeArraySizeException from new byte[length])
                    throw new RegionFormatException("pipe record length invalid: name=" + region.name() + ", end=" +
                        end + ", length=" + length + ", max=" + in.maxMsgLength());
                }
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

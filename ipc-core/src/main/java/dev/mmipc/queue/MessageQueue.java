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
import dev.mmipc.exceptions.MessageTooLongException;
import dev.mmipc.exceptions.QueueClosedException;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionHandle;
import dev.mmipc.region.RegionKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A queue of byte messages between processes, in one region of kind {@code QUEUE}: the byte-level queue
 * every other mmipc queue is built on.
 * <p>
 * <b>Modes.</b> {@link QueueMode#ONE_TO_ONE} and {@link QueueMode#MANY_TO_ONE} are Agrona's ring buffers
 * over the mapped file; {@link QueueMode#MANY_TO_MANY} is mmipc's slot queue (see {@code ManyToManyQueue} for its design). The
 * mode is stored in the header, so {@link #open(Namespace, String)} gives the mode the queue was created with.
 * <p>
 * <b>Calls.</b> Full and empty are return values: {@link #offer} returns false when there is no room,
 * {@link #poll} returns false when there is no message. {@link #put} and {@link #take} wait through the
 * handle's {@link dev.mmipc.wait.WaitStrategy}, always with a timeout, and answer interrupts. Producers may
 * write in place with {@link #tryClaim}, {@link #buffer()}, {@link #commit} / {@link #abort}; consumers
 * read in place through a {@link MessageHandler}.
 * <p>
 * <b>End of stream.</b> {@link #markClosed()} marks the queue closed for every process: producers then get
 * {@link QueueClosedException} from every offer, consumers receive every message committed before the mark
 * and then get {@link QueueClosedException} from {@code poll}, {@code take} and {@code drain}: a clear end,
 * never a hang. {@link #close()} only releases this handle (unmaps), unless the handle was opened with
 * {@link QueueOptions#withEndOfStreamOnClose(boolean)}: with many producers, one producer's close cannot know
 * that the others are done, so ending the stream is an explicit call by whoever knows.
 * <p>
 * <b>Messages</b> longer than {@link #maxMessageLength()} are refused with {@link MessageTooLongException},
 * never truncated.
 * <p>
 * <b>Threads.</b> A handle may be shared by threads where the mode allows several producers or consumers.
 * In the single-producer and single-consumer roles only one thread may act at a time; across processes this
 * is enforced by a lease (a second live process gets {@link IllegalStateException}), within one process it
 * is the caller's duty. {@link #close()} must not race with other calls on the same handle.
 * <p>
 * <b>Crashes</b> are survived as {@link QueueDescriptor} explains: a producer killed between claim and
 * commit is skipped once its claim has blocked the queue for the liveness timeout and it is judged dead (by the
 * OS in this PID namespace, by its heartbeat in another, see {@link dev.mmipc.liveness.Liveness});
 * a consumer killed mid-read costs at most the message it held; a restarted consumer resumes where the queue
 * stands.
 * <p>
 * <b>Corruption.</b> Every length and position read from the queue's memory is bounded before it is used, so a
 * foreign write into the mapped file never makes a call loop, wait for ever or hand over a length outside the ring.
 * A value that no producer, consumer, crash or race can leave (a record length outside the ring or longer than a
 * message, a negative length no claim has, positions more than a capacity apart, a slot on an impossible lap) is
 * reported with {@link dev.mmipc.exceptions.RegionFormatException} by the call that finds it, before anything past it is consumed, and
 * the queue is marked corrupt in its file: from then on every call that looks at the queue, of every handle in every
 * process, throws a {@code RegionFormatException} with the same message (recreate the queue). A corrupt value that
 * looks like a live producer's unfinished claim is waited on as one; one that looks like a message is delivered.
 */
public final class MessageQueue implements RegionHandle
{
    /** Returned by {@link #tryClaim(int)} when there is no room: the same value as Agrona's. */
    public static final int INSUFFICIENT_CAPACITY = org.agrona.concurrent.ringbuffer.RingBuffer.INSUFFICIENT_CAPACITY;

    /** Smallest capacity in bytes. */
    public static final int MIN_CAPACITY = 64;

    /** Largest capacity in bytes. */
    public static final int MAX_CAPACITY = 1 << 30;

    private final Region region;
    private final String name;
    private final QueueMode mode;
    private final int capacity;
    private final int maxMessageLength;
    private final QueueOptions options;
    private final AtomicBuffer control;
    private final QueueEngine engine;

    private MessageQueue(final Region region, final QueueOptions options)
    {
        this.region = region;
        this.name = region.name();
        this.options = options;
        final AtomicBuffer payload = region.payload();
        final QueueDescriptor.Params params = QueueDescriptor.readParams(name, region.params(), payload.capacity());
        this.mode = params.mode();
        this.capacity = params.capacity();
        this.maxMessageLength = params.maxMessageLength();
        if (options.maxMessageLength() != 0 && options.maxMessageLength() != maxMessageLength)
        {
            throw new RegionParameterException(
                "queue parameters mismatch: name=" + name + ", key=max_message_length, expected=" +
                options.maxMessageLength() + ", actual=" + maxMessageLength);
        }
        this.control = new UnsafeBuffer(payload, 0, QueueDescriptor.CONTROL_LENGTH);
        final UnsafeBuffer ring = new UnsafeBuffer(
            payload, QueueDescriptor.RING_OFFSET, QueueDescriptor.ringLength(mode, capacity));
        final Liveness liveness = region.liveness();
        if (options.ringEngine() != null && options.ringEngine() != params.engine())
        {
            throw new RegionParameterException(
                "queue parameters mismatch: name=" + name + ", key=ring_engine, expected=" + options.ringEngine() +
                ", actual=" + params.engine());
        }
        if (mode == QueueMode.MANY_TO_MANY)
        {
            this.engine = new ManyToManyQueue(
                name, liveness, control, ring, capacity, params.slotLength(), options.livenessTimeoutNs());
        }
        else if (params.engine() == RingEngine.BATCHED)
        {
            this.engine = new BatchedRingQueue(
                name, region.path().toString(), liveness, control, ring, options.livenessTimeoutNs());
        }
        else
        {
            this.engine = new RingQueue(
                name, region.path().toString(), mode, liveness, control, ring, options.livenessTimeoutNs());
        }
        engine.owners.register(options.livenessTimeoutNs());
    }

    /**
     * Create a queue with default options; fails if the name is taken.
     *
     * @param ns            namespace.
     * @param name          queue name.
     * @param mode          producers and consumers allowed.
     * @param capacityBytes bytes of message storage, a power of two in [{@value #MIN_CAPACITY}, 2^30].
     * @return the queue.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     * @throws IllegalArgumentException        when the capacity or maximum message length is invalid.
     */
    public static MessageQueue create(
        final Namespace ns, final String name, final QueueMode mode, final int capacityBytes)
    {
        return create(ns, name, mode, capacityBytes, QueueOptions.defaults());
    }

    /**
     * Create a queue; fails if the name is taken.
     *
     * @param ns            namespace.
     * @param name          queue name.
     * @param mode          producers and consumers allowed.
     * @param capacityBytes bytes of message storage, a power of two in [{@value #MIN_CAPACITY}, 2^30].
     * @param options       maximum message length, wait strategy, liveness timeout.
     * @return the queue.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     * @throws IllegalArgumentException        when the capacity or maximum message length is invalid.
     */
    public static MessageQueue create(
        final Namespace ns, final String name, final QueueMode mode, final int capacityBytes,
        final QueueOptions options)
    {
        final Creation creation = creation(name, mode, capacityBytes, options);
        final Region region = Region.create(
            ns.directory(), name, RegionKind.QUEUE, creation.payloadLength, creation::initialize);
        return wrap(region, options);
    }

    /**
     * Open an existing queue with default options.
     *
     * @param ns   namespace.
     * @param name queue name.
     * @return the queue, in the mode it was created with.
     * @throws dev.mmipc.exceptions.RegionNotFoundException  when there is no such queue.
     * @throws dev.mmipc.exceptions.RegionKindException      when the region is not a queue.
     * @throws RegionParameterException           when the queue header is invalid.
     */
    public static MessageQueue open(final Namespace ns, final String name)
    {
        return open(ns, name, QueueOptions.defaults());
    }

    /**
     * Open an existing queue.
     *
     * @param ns      namespace.
     * @param name    queue name.
     * @param options wait strategy, liveness timeout; a non-zero maximum message length must equal the queue's.
     * @return the queue, in the mode it was created with.
     * @throws dev.mmipc.exceptions.RegionNotFoundException when there is no such queue.
     * @throws dev.mmipc.exceptions.RegionKindException     when the region is not a queue.
     * @throws RegionParameterException          when the queue header is invalid, or differs from the options.
     */
    public static MessageQueue open(final Namespace ns, final String name, final QueueOptions options)
    {
        Objects.requireNonNull(options, "options");
        return wrap(Region.open(ns.directory(), name, RegionKind.QUEUE), options);
    }

    /**
     * Open the queue if it exists, else create it; exactly one caller creates.
     *
     * @param ns            namespace.
     * @param name          queue name.
     * @param mode          producers and consumers allowed; must match an existing queue.
     * @param capacityBytes bytes of message storage; must match an existing queue.
     * @param options       options; a non-zero maximum message length must match an existing queue.
     * @return the queue.
     * @throws RegionParameterException when an existing queue differs in mode, capacity or maximum message length.
     */
    public static MessageQueue openOrCreate(
        final Namespace ns, final String name, final QueueMode mode, final int capacityBytes,
        final QueueOptions options)
    {
        final Creation creation = creation(name, mode, capacityBytes, options);
        final MessageQueue queue = wrap(
            Region.openOrCreate(ns.directory(), name, RegionKind.QUEUE, creation.payloadLength, creation::initialize),
            options);
        if (queue.mode != mode || queue.capacity != capacityBytes)
        {
            queue.region.close();
            throw new RegionParameterException(
                "queue parameters mismatch: name=" + name + ", expected_mode=" + mode + ", actual_mode=" + queue.mode +
                ", expected_capacity=" + capacityBytes + ", actual_capacity=" + queue.capacity);
        }
        return queue;
    }

    /**
     * @param mode          a mode.
     * @param capacityBytes a valid capacity.
     * @return the largest maximum message length a queue of this mode and capacity allows.
     */
    public static int maxMessageLimit(final QueueMode mode, final int capacityBytes)
    {
        QueueDescriptor.checkCapacity("-", capacityBytes);
        return QueueDescriptor.maxMessageLimit(mode, capacityBytes);
    }

    private static MessageQueue wrap(final Region region, final QueueOptions options)
    {
        try
        {
            return new MessageQueue(region, options);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    /**
     * Refuse parameters no queue can be created with, before any file is made.
     *
     * @throws IllegalArgumentException when the capacity or maximum message length is invalid.
     */
    static void checkCreation(final String name, final QueueMode mode, final int capacityBytes, final QueueOptions options)
    {
        creation(name, mode, capacityBytes, options);
    }

    private record Creation(
        QueueMode mode, int capacity, int maxMessageLength, int slotLength, long payloadLength, RingEngine engine)
    {
        void initialize(final AtomicBuffer params, final AtomicBuffer payload)
        {
            QueueDescriptor.writeParams(params, mode, capacity, maxMessageLength, slotLength, engine);
        }
    }

    private static Creation creation(
        final String name, final QueueMode mode, final int capacity, final QueueOptions options)
    {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(options, "options");
        QueueDescriptor.checkCapacity(name, capacity);
        final int limit = QueueDescriptor.maxMessageLimit(mode, capacity);
        final int maxMessageLength = options.maxMessageLength() == 0 ?
            QueueDescriptor.defaultMaxMessageLength(mode, capacity) : options.maxMessageLength();
        if (maxMessageLength > limit)
        {
            throw new IllegalArgumentException(
                "queue max message length invalid: name=" + name + ", max_message_length=" + maxMessageLength +
                ", limit=" + limit + ", mode=" + mode + ", capacity=" + capacity);
        }
        final int slotLength = mode == QueueMode.MANY_TO_MANY ? QueueDescriptor.slotLength(maxMessageLength) : 0;
        final RingEngine engine = options.ringEngine() == null ? RingEngine.AGRONA : options.ringEngine();
        if (engine != RingEngine.AGRONA && mode != QueueMode.ONE_TO_ONE)
        {
            throw new IllegalArgumentException(
                "queue ring engine invalid: name=" + name + ", ring_engine=" + engine + ", mode=" + mode +
                ", rule=only ONE_TO_ONE has a choice");
        }
        return new Creation(
            mode, capacity, maxMessageLength, slotLength, QueueDescriptor.payloadLength(mode, capacity), engine);
    }

    /**
     * Offer a message; never waits.
     *
     * @param src    holds the message.
     * @param offset where it starts.
     * @param length its bytes, at most {@link #maxMessageLength()}.
     * @return true if enqueued, false if there is no room.
     * @throws MessageTooLongException when {@code length > maxMessageLength()}.
     * @throws QueueClosedException    when the queue is marked closed.
     * @throws IllegalStateException   when this handle is closed, or another live process holds the single
     *                                 producer role of a {@link QueueMode#ONE_TO_ONE} queue.
     * @throws dev.mmipc.exceptions.RegionFormatException when the queue is corrupt (see the class documentation).
     */
    public boolean offer(final DirectBuffer src, final int offset, final int length)
    {
        region.checkOpen();
        checkLength(length);
        return engine.offer(src, offset, length);
    }

    /**
     * Offer a whole array; never waits.
     *
     * @param src the message.
     * @return true if enqueued, false if there is no room.
     * @see #offer(DirectBuffer, int, int)
     */
    public boolean offer(final byte[] src)
    {
        return offer(src, 0, src.length);
    }

    /**
     * Offer part of an array; never waits.
     *
     * @param src    holds the message.
     * @param offset where it starts.
     * @param length its bytes.
     * @return true if enqueued, false if there is no room.
     * @see #offer(DirectBuffer, int, int)
     */
    public boolean offer(final byte[] src, final int offset, final int length)
    {
        region.checkOpen();
        checkLength(length);
        Objects.checkFromIndexSize(offset, length, src.length);
        final int index = engine.tryClaim(length);
        if (index < 0)
        {
            return false;
        }
        engine.buffer().putBytes(index, src, offset, length);
        engine.commit(index);
        return true;
    }

    /**
     * Enqueue a message, waiting for room for at most {@code timeout}.
     *
     * @param src     holds the message.
     * @param offset  where it starts.
     * @param length  its bytes, at most {@link #maxMessageLength()}.
     * @param timeout bound on the wait.
     * @param unit    unit of {@code timeout}.
     * @throws TimeoutException        when there was no room within the timeout; nothing was enqueued.
     * @throws InterruptedException    when interrupted while waiting; nothing was enqueued.
     * @throws MessageTooLongException when {@code length > maxMessageLength()}.
     * @throws QueueClosedException    when the queue is, or becomes while waiting, marked closed.
     */
    public void put(
        final DirectBuffer src, final int offset, final int length, final long timeout, final TimeUnit unit)
        throws InterruptedException, TimeoutException
    {
        if (offer(src, offset, length))
        {
            return;
        }
        final long timeoutNs = unit.toNanos(timeout);
        if (!options.waitStrategy().awaitNanos(() -> offer(src, offset, length), timeoutNs))
        {
            throw fullTimeout(length, timeoutNs);
        }
    }

    /**
     * Enqueue a whole array, waiting for room for at most {@code timeout}.
     *
     * @param src     the message.
     * @param timeout bound on the wait.
     * @param unit    unit of {@code timeout}.
     * @throws TimeoutException     when there was no room within the timeout.
     * @throws InterruptedException when interrupted while waiting.
     * @see #put(DirectBuffer, int, int, long, TimeUnit)
     */
    public void put(final byte[] src, final long timeout, final TimeUnit unit)
        throws InterruptedException, TimeoutException
    {
        if (offer(src, 0, src.length))
        {
            return;
        }
        final long timeoutNs = unit.toNanos(timeout);
        if (!options.waitStrategy().awaitNanos(() -> offer(src, 0, src.length), timeoutNs))
        {
            throw fullTimeout(src.length, timeoutNs);
        }
    }

    /**
     * Claim room for a message of {@code length} bytes, to be written in place into {@link #buffer()} at the
     * returned index and then published with {@link #commit(int)} or dropped with {@link #abort(int)}. Never
     * waits. Until the commit, a claim holds up consumers behind it: keep the time between the two short.
     *
     * @param length bytes of the message.
     * @return index of the message in {@link #buffer()}, or {@link #INSUFFICIENT_CAPACITY} when there is no room.
     * @throws MessageTooLongException when {@code length > maxMessageLength()}.
     * @throws QueueClosedException    when the queue is marked closed.
     */
    public int tryClaim(final int length)
    {
        region.checkOpen();
        checkLength(length);
        return engine.tryClaim(length);
    }

    /**
     * @return the buffer that {@link #tryClaim(int)} indexes into; valid until {@link #close()}.
     */
    public AtomicBuffer buffer()
    {
        region.checkOpen();
        return engine.buffer();
    }

    /**
     * Publish a claimed message.
     *
     * @param index as returned by {@link #tryClaim(int)}.
     * @throws IllegalStateException when the claim was already committed or aborted.
     */
    public void commit(final int index)
    {
        region.checkOpen();
        engine.commit(index);
    }

    /**
     * Drop a claimed message: consumers skip it.
     *
     * @param index as returned by {@link #tryClaim(int)}.
     * @throws IllegalStateException when the claim was already committed or aborted.
     */
    public void abort(final int index)
    {
        region.checkOpen();
        engine.abort(index);
    }

    /**
     * Take one message if there is one; never waits.
     *
     * @param handler receives the message in place.
     * @return true if a message was delivered, false if the queue was empty.
     * @throws QueueClosedException  at end of stream: the queue is marked closed and empty.
     * @throws dev.mmipc.exceptions.RegionFormatException when the queue is corrupt (see the class documentation).
     * @throws IllegalStateException when this handle is closed, or another live process holds the single
     *                               consumer role.
     */
    public boolean poll(final MessageHandler handler)
    {
        region.checkOpen();
        final int count = engine.poll(handler, 1);
        if (count == QueueEngine.END_OF_STREAM)
        {
            throw endOfStream();
        }
        return count > 0;
    }

    /**
     * Take one message, waiting for one for at most {@code timeout}.
     *
     * @param handler receives the message in place.
     * @param timeout bound on the wait.
     * @param unit    unit of {@code timeout}.
     * @return true if a message was delivered, false on timeout.
     * @throws InterruptedException when interrupted while waiting.
     * @throws QueueClosedException at end of stream: the queue is marked closed and empty.
     */
    public boolean take(final MessageHandler handler, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        if (poll(handler))
        {
            return true;
        }
        return options.waitStrategy().awaitNanos(() -> poll(handler), unit.toNanos(timeout));
    }

    /**
     * Take up to {@code limit} messages that are ready; never waits.
     *
     * @param handler receives each message in place.
     * @param limit   most messages to take, at least 1.
     * @return messages delivered, 0 if the queue was empty.
     * @throws QueueClosedException at end of stream: the queue is marked closed and empty.
     */
    public int drain(final MessageHandler handler, final int limit)
    {
        region.checkOpen();
        if (limit < 1)
        {
            throw new IllegalArgumentException("drain limit below 1: name=" + name + ", limit=" + limit);
        }
        final int count = engine.poll(handler, limit);
        if (count == QueueEngine.END_OF_STREAM)
        {
            throw endOfStream();
        }
        return count;
    }

    /**
     * Mark the queue closed: end of stream, for every process, for good. Idempotent. A queue marked corrupt stays
     * so: this then throws its {@link dev.mmipc.exceptions.RegionFormatException}.
     * <p>
     * In {@link QueueMode#ONE_TO_ONE} call it from the producer, or once the producer has stopped: an offer
     * racing with a mark made by another process may succeed after consumers have seen the end. The other
     * modes have no such window.
     */
    public void markClosed()
    {
        region.checkOpen();
        engine.markClosed();
    }

    /**
     * @return true if the queue is marked closed (messages may remain to be taken), by {@link #markClosed()} in any
     * process; not whether this handle is closed ({@link #isClosed()}).
     * @throws dev.mmipc.exceptions.RegionFormatException when the queue is marked corrupt.
     * @throws IllegalStateException           when this handle is closed.
     */
    public boolean isMarkedClosed()
    {
        region.checkOpen();
        return engine.closedFlag();
    }

    /**
     * @return true if the queue is marked closed and empty: consumers get {@link QueueClosedException}.
     */
    public boolean isEndOfStream()
    {
        region.checkOpen();
        return engine.closedFlag() && engine.isEmpty();
    }

    /**
     * Messages in the queue. Exact when producers and consumers are quiet; a snapshot otherwise. In the
     * ring-buffer modes it counts records from the consumer's position, so it costs time proportional to
     * the depth (at most capacity / 8 steps); in {@link QueueMode#MANY_TO_MANY} it is constant time.
     * <p>
     * On a corrupt queue it throws: once the queue is marked corrupt, and when it reads positions no queue can have.
     * A record whose length it cannot read (being rewritten by a consumer under the count, or corrupt but not yet
     * reached by a consumer) ends the count: the consumer reports a corrupt one when it gets there.
     *
     * @return messages waiting (committed or claimed), never negative.
     * @throws dev.mmipc.exceptions.RegionFormatException when the queue is corrupt.
     */
    public int size()
    {
        region.checkOpen();
        return engine.size();
    }

    /**
     * @return true if no message is waiting; a snapshot under concurrency.
     */
    public boolean isEmpty()
    {
        region.checkOpen();
        return engine.isEmpty();
    }

    /**
     * @return bytes of message storage free now. In the ring-buffer modes a message of length n takes
     * {@code align(n + 8, 8)} bytes; in {@link QueueMode#MANY_TO_MANY} every message takes one slot.
     */
    public int remainingCapacity()
    {
        region.checkOpen();
        return engine.remainingCapacity();
    }

    /**
     * @return the largest message in bytes.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * @return bytes of message storage.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return the queue's mode, as stored in its header.
     */
    public QueueMode mode()
    {
        return mode;
    }

    /**
     * @return the queue's name.
     */
    @Override
    public String name()
    {
        return name;
    }

    /**
     * @return the region this queue lives in (for tools such as {@link QueueInspector}).
     */
    public Region region()
    {
        return region;
    }

    /**
     * How many times this handle recovered from a dead process, as a robust mutex reports {@code EOWNERDEAD}:
     * skipped a claim whose producer died before committing, freed a slot whose consumer died holding its
     * message ({@link QueueMode#MANY_TO_MANY}), or finished the batch of a consumer that died before moving the
     * head (ring-buffer modes).
     *
     * @return recoveries made through this handle.
     */
    public long recoveries()
    {
        return engine.recoveries.get();
    }

    /**
     * @return the options of this handle.
     */
    public QueueOptions options()
    {
        return options;
    }

    /**
     * @return true once this handle is closed ({@link #close()}); whether the queue is marked closed, for every
     * process, is {@link #isMarkedClosed()}.
     */
    @Override
    public boolean isClosed()
    {
        return region.isClosed();
    }

    /**
     * Remove the queue's name; processes that map it, this handle included, keep working. Allowed after close.
     *
     * @return true if this call removed the name.
     */
    @Override
    public boolean unlink()
    {
        return region.unlink();
    }

    /**
     * Release this handle and unmap. Later calls throw {@link IllegalStateException}. Marks the end of stream
     * first only if the handle was opened with {@link QueueOptions#withEndOfStreamOnClose(boolean)}. Idempotent.
     * <p>
     * Leases (the single producer and consumer roles) belong to the process: the last handle of this process
     * that used one gives it up here, so another process may take the role.
     */
    @Override
    public void close()
    {
        if (region.isClosed())
        {
            return;
        }
        try
        {
            if (options.endOfStreamOnClose())
            {
                markClosed();
            }
            engine.release();
        }
        finally
        {
            region.close();
        }
    }

    @Override
    public String toString()
    {
        return "MessageQueue{name=" + name + ", mode=" + mode + ", capacity=" + capacity +
            ", max_message_length=" + maxMessageLength + ", closed_handle=" + region.isClosed() + '}';
    }

    private void checkLength(final int length)
    {
        if (length > maxMessageLength)
        {
            throw new MessageTooLongException(
                "message too long: name=" + name + ", length=" + length + ", max=" + maxMessageLength,
                length, maxMessageLength);
        }
        if (length < 0)
        {
            throw new IllegalArgumentException("message length negative: name=" + name + ", length=" + length);
        }
    }

    private QueueClosedException endOfStream()
    {
        return new QueueClosedException("queue closed and drained: name=" + name);
    }

    private TimeoutException fullTimeout(final int length, final long timeoutNs)
    {
        return new TimeoutException(
            "queue full: name=" + name + ", length=" + length + ", remaining=" + engine.remainingCapacity() +
            ", timeout_ns=" + timeoutNs);
    }
}

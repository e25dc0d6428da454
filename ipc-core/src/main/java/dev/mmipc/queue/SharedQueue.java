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
import dev.mmipc.exceptions.CodecException;
import dev.mmipc.exceptions.MessageTooLongException;
import dev.mmipc.exceptions.QueueClosedException;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.RegionHandle;
import org.agrona.MutableDirectBuffer;

import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link BlockingQueue} of objects between processes: a {@link MessageQueue} of bytes plus a {@link Codec}
 * that turns each element into one message and back. What Python's {@code multiprocessing.Queue} is, without
 * a feeder thread, a pipe or pickle's trust in its input.
 * <pre>{@code
 * // producer process
 * try (SharedQueue<String> q = SharedQueue.create(ns, "jobs", QueueMode.MANY_TO_MANY, 1 << 20, Codecs.utf8()))
 * {
 *     q.put("hello");
 * }
 * // consumer process
 * try (SharedQueue<String> q = SharedQueue.open(ns, "jobs", Codecs.utf8()))
 * {
 *     String job = q.poll(5, TimeUnit.SECONDS);
 * }
 * }</pre>
 * <b>What holds across processes.</b> Each element travels as one message, so every method that adds or takes
 * elements keeps its {@code BlockingQueue} meaning for all processes at once: {@link #offer(Object)},
 * {@link #add}, {@link #put}, {@link #offer(Object, long, TimeUnit)}, {@link #poll()}, {@link #take()},
 * {@link #poll(long, TimeUnit)}, {@link #remove()}, {@link #drainTo(Collection)}, {@link #drainTo(Collection, int)},
 * {@link #addAll} (element by element, not atomically) and {@link #clear()} (takes and drops what is there).
 * {@link #size()}, {@link #isEmpty()} and {@link #remainingCapacity()} are snapshots, exact only while no
 * process is adding or taking, as they are for any concurrent queue.
 * <p>
 * <b>What does not, and throws {@link UnsupportedOperationException}.</b> Each of these needs to look at
 * elements without taking them, which no process can do safely while others take and overwrite them:
 * {@link #peek()} and {@link #element()} (the head may be taken by another consumer between a peek and a poll;
 * the byte queue has no peek), {@link #iterator()}, {@link #spliterator()}, {@link #stream()},
 * {@link #forEach}, {@link #contains}, {@link #containsAll}, {@link #toArray()}, {@link #toArray(Object[])},
 * {@link #remove(Object)}, {@link #removeAll}, {@link #retainAll} and {@link #removeIf}.
 * {@link #equals} and {@link #hashCode} are identity, as for every {@code BlockingQueue} of the JDK.
 * <p>
 * <b>Capacity.</b> The queue holds bytes, not a count of elements: {@link #remainingCapacity()} is the number
 * of elements of the largest size the queue accepts ({@link MessageQueue#maxMessageLength()}) that surely fit
 * now; smaller elements fit in greater number. An element whose encoding is longer than that maximum is
 * refused with {@link MessageTooLongException}, never truncated.
 * <p>
 * <b>Errors.</b> Null elements are refused with {@link NullPointerException}. A message that cannot be decoded
 * (malformed, or refused by a {@link dev.mmipc.codec.SerializableCodec}'s allowlist) throws the codec's
 * {@link CodecException} from {@code poll}/{@code take}; that message has been consumed and the next call
 * returns the next element. After {@link #markClosed()} (end of stream) producers get
 * {@link QueueClosedException} and consumers get it once the queue is empty: where Python's queue leaves a
 * consumer waiting for ever, this one ends. A queue whose memory was found corrupt throws
 * {@link dev.mmipc.exceptions.RegionFormatException} from every call, in every process (see {@link MessageQueue}).
 * <p>
 * <b>Encoding</b> happens in the caller's thread. When the codec knows an element's length in advance
 * ({@link Codec#encodedLength}), {@code offer} encodes straight into a slot claimed in the shared memory;
 * otherwise, and for the blocking calls, into a per-thread scratch buffer that is then copied in. Decoding
 * reads the message in place.
 * <p>
 * <b>Threads.</b> A handle may be used by several threads where the queue's mode allows several producers or
 * consumers (see {@link QueueMode}). {@link #close()} must not race with other calls on the same handle.
 *
 * @param <E> the type of elements.
 */
public sealed class SharedQueue<E> extends SharedQueueRefusals<E> implements BlockingQueue<E>, RegionHandle
    permits JoinableQueue
{
    private final MessageQueue queue;
    private final Codec<E> codec;
    private final String name;
    private final int maxMessageFootprint;
    private final ThreadLocal<ElementDecoder<E>> decoders;

    SharedQueue(final MessageQueue queue, final Codec<E> codec)
    {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.name = queue.name();
        this.maxMessageFootprint = ElementEncoder.maxMessageFootprint(queue);
        this.decoders = ThreadLocal.withInitial(() -> new ElementDecoder<>(codec));
    }

    /**
     * Create a queue with default options; fails if the name is taken.
     *
     * @param ns            namespace.
     * @param name          queue name.
     * @param mode          producers and consumers allowed.
     * @param capacityBytes bytes of message storage, a power of two.
     * @param codec         turns elements into messages and back.
     * @param <E>           the type of elements.
     * @return the queue.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     */
    public static <E> SharedQueue<E> create(
        final Namespace ns, final String name, final QueueMode mode, final int capacityBytes, final Codec<E> codec)
    {
        return create(ns, name, mode, capacityBytes, QueueOptions.defaults(), codec);
    }

    /**
     * Create a queue; fails if the name is taken.
     *
     * @param ns            namespace.
     * @param name          queue name.
     * @param mode          producers and consumers allowed.
     * @param capacityBytes bytes of message storage, a power of two.
     * @param options       maximum message length, wait strategy, liveness timeout.
     * @param codec         turns elements into messages and back.
     * @param <E>           the type of elements.
     * @return the queue.
     * @throws dev.mmipc.exceptions.RegionExistsException when the name is taken.
     */
    public static <E> SharedQueue<E> create(
        final Namespace ns, final String name, final QueueMode mode, final int capacityBytes,
        final QueueOptions options, final Codec<E> codec)
    {
        Objects.requireNonNull(codec, "codec");
        refuseJoinable(ns, name);
        return new SharedQueue<>(MessageQueue.create(ns, name, mode, capacityBytes, options), codec);
    }

    /**
     * Open an existing queue with default options.
     *
     * @param ns    namespace.
     * @param name  queue name.
     * @param codec turns elements into messages and back; must be the codec the producers use.
     * @param <E>   the type of elements.
     * @return the queue.
     * @throws dev.mmipc.exceptions.RegionNotFoundException when there is no such queue.
     * @throws IllegalStateException             when the queue is a {@link JoinableQueue}.
     */
    public static <E> SharedQueue<E> open(final Namespace ns, final String name, final Codec<E> codec)
    {
        return open(ns, name, QueueOptions.defaults(), codec);
    }

    /**
     * Open an existing queue.
     *
     * @param ns      namespace.
     * @param name    queue name.
     * @param options wait strategy, liveness timeout.
     * @param codec   turns elements into messages and back; must be the codec the producers use.
     * @param <E>     the type of elements.
     * @return the queue.
     * @throws dev.mmipc.exceptions.RegionNotFoundException when there is no such queue.
     * @throws IllegalStateException             when the queue is a {@link JoinableQueue}.
     */
    public static <E> SharedQueue<E> open(
        final Namespace ns, final String name, final QueueOptions options, final Codec<E> codec)
    {
        Objects.requireNonNull(codec, "codec");
        refuseJoinable(ns, name);
        return new SharedQueue<>(MessageQueue.open(ns, name, options), codec);
    }

    /**
     * Open the queue if it exists, else create it; exactly one caller creates.
     *
     * @param ns            namespace.
     * @param name          queue name.
     * @param mode          producers and consumers allowed; must match an existing queue.
     * @param capacityBytes bytes of message storage; must match an existing queue.
     * @param options       options; a non-zero maximum message length must match an existing queue.
     * @param codec         turns elements into messages and back.
     * @param <E>           the type of elements.
     * @return the queue.
     */
    public static <E> SharedQueue<E> openOrCreate(
        final Namespace ns, final String name, final QueueMode mode, final int capacityBytes,
        final QueueOptions options, final Codec<E> codec)
    {
        Objects.requireNonNull(codec, "codec");
        refuseJoinable(ns, name);
        return new SharedQueue<>(MessageQueue.openOrCreate(ns, name, mode, capacityBytes, options), codec);
    }

    /**
     * Carry objects over a byte queue already open; the shared queue takes ownership and closes it.
     *
     * @param queue the byte queue.
     * @param codec turns elements into messages and back.
     * @param <E>   the type of elements.
     * @return the queue.
     */
    public static <E> SharedQueue<E> over(final MessageQueue queue, final Codec<E> codec)
    {
        return new SharedQueue<>(queue, codec);
    }

    /**
     * @return the byte queue underneath, for byte-level access and tools.
     */
    public MessageQueue messageQueue()
    {
        return queue;
    }

    /**
     * @return the codec.
     */
    public Codec<E> codec()
    {
        return codec;
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
     * @return the queue's mode.
     */
    public QueueMode mode()
    {
        return queue.mode();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Producing
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Add an element if there is room now; never waits.
     *
     * @param e the element.
     * @return true if added, false if the queue is full.
     * @throws NullPointerException    when {@code e} is null.
     * @throws CodecException          when the element cannot be encoded.
     * @throws MessageTooLongException when its encoding is longer than {@link MessageQueue#maxMessageLength()}.
     * @throws QueueClosedException    when the queue is marked closed.
     */
    @Override
    public boolean offer(final E e)
    {
        Objects.requireNonNull(e, "element");
        final int knownLength = codec.encodedLength(e);
        if (knownLength >= 0 && knownLength <= queue.maxMessageLength())
        {
            beforePublish();
            boolean published = false;
            try
            {
                published = ElementEncoder.offerInPlace(queue, codec, name, e, knownLength);
            }
            finally
            {
                afterPublish(published);
            }
            return published;
        }
        final MutableDirectBuffer scratch = ElementEncoder.scratch();
        final int length = ElementEncoder.encode(codec, e, scratch);
        beforePublish();
        boolean published = false;
        try
        {
            published = queue.offer(scratch, 0, length);
        }
        finally
        {
            afterPublish(published);
            ElementEncoder.trimScratch(length);
        }
        return published;
    }

    /**
     * Add an element, throwing when there is no room now.
     *
     * @param e the element.
     * @return true.
     * @throws IllegalStateException when the queue is full.
     * @see #offer(Object)
     */
    @Override
    public boolean add(final E e)
    {
        if (!offer(e))
        {
            throw new IllegalStateException("queue full: name=" + name + ", remaining_bytes=" + queue.remainingCapacity());
        }
        return true;
    }

    /**
     * Add an element, waiting for room for as long as it takes (interruptibly).
     *
     * @param e the element.
     * @throws InterruptedException when interrupted while waiting; nothing was added.
     * @see #offer(Object)
     */
    @Override
    public void put(final E e) throws InterruptedException
    {
        if (!offer(e, Long.MAX_VALUE, TimeUnit.NANOSECONDS))
        {
            throw new IllegalStateException("put timed out for ever: name=" + name); // cannot happen: no deadline
        }
    }

    /**
     * Add an element, waiting for room for at most {@code timeout}.
     *
     * @param e       the element.
     * @param timeout bound on the wait.
     * @param unit    unit of {@code timeout}.
     * @return true if added, false on timeout (nothing was added).
     * @throws InterruptedException when interrupted while waiting; nothing was added.
     * @see #offer(Object)
     */
    @Override
    public boolean offer(final E e, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        Objects.requireNonNull(e, "element");
        Objects.requireNonNull(unit, "unit");
        final MutableDirectBuffer scratch = ElementEncoder.scratch();
        final int length = ElementEncoder.encode(codec, e, scratch);
        beforePublish();
        boolean published = false;
        try
        {
            queue.put(scratch, 0, length, timeout, unit);
            published = true;
        }
        catch (final TimeoutException ex)
        {
            return false;
        }
        finally
        {
            afterPublish(published);
            ElementEncoder.trimScratch(length);
        }
        return true;
    }

    /**
     * Add every element of a collection, one by one with {@link #add}: not atomic, and other processes may
     * interleave their elements.
     *
     * @param c the elements.
     * @return true if any was added.
     * @throws IllegalArgumentException when {@code c} is this queue.
     * @throws IllegalStateException    when the queue becomes full; the elements before were added.
     */
    @Override
    public boolean addAll(final Collection<? extends E> c)
    {
        if (c == this)
        {
            throw new IllegalArgumentException("queue cannot add itself: name=" + name);
        }
        boolean changed = false;
        for (final E e : c)
        {
            changed |= add(e);
        }
        return changed;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Consuming
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Take the head if there is one; never waits.
     *
     * @return the head, or null if the queue is empty.
     * @throws CodecException       when the head could not be decoded; it is consumed, the next call goes on.
     * @throws QueueClosedException at end of stream: the queue is marked closed and empty.
     */
    @Override
    public E poll()
    {
        final ElementDecoder<E> decoder = decoders.get();
        return queue.poll(decoder) ? decoder.result() : null;
    }

    /**
     * Take the head, waiting for one for as long as it takes (interruptibly).
     *
     * @return the head.
     * @throws InterruptedException when interrupted while waiting.
     * @throws CodecException       when the head could not be decoded; it is consumed, the next call goes on.
     * @throws QueueClosedException at end of stream: the queue is marked closed and empty.
     */
    @Override
    public E take() throws InterruptedException
    {
        final ElementDecoder<E> decoder = decoders.get();
        while (!queue.take(decoder, Long.MAX_VALUE, TimeUnit.NANOSECONDS))
        {
            Thread.onSpinWait(); // no deadline: a false return would be spurious, so wait again
        }
        return decoder.result();
    }

    /**
     * Take the head, waiting for one for at most {@code timeout}.
     *
     * @param timeout bound on the wait.
     * @param unit    unit of {@code timeout}.
     * @return the head, or null on timeout.
     * @throws InterruptedException when interrupted while waiting.
     * @throws CodecException       when the head could not be decoded; it is consumed, the next call goes on.
     * @throws QueueClosedException at end of stream: the queue is marked closed and empty.
     */
    @Override
    public E poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        final ElementDecoder<E> decoder = decoders.get();
        return queue.take(decoder, timeout, unit) ? decoder.result() : null;
    }

    /**
     * Take the head, throwing when the queue is empty.
     *
     * @return the head.
     * @throws java.util.NoSuchElementException when the queue is empty.
     * @see #poll()
     */
    @Override
    public E remove()
    {
        final E e = poll();
        if (e == null)
        {
            throw new java.util.NoSuchElementException("queue empty: name=" + name);
        }
        return e;
    }

    /**
     * Take every element there is now into {@code c}.
     *
     * @param c where to put them.
     * @return how many were added to {@code c}.
     * @see #drainTo(Collection, int)
     */
    @Override
    public int drainTo(final Collection<? super E> c)
    {
        return drainTo(c, Integer.MAX_VALUE);
    }

    /**
     * Take up to {@code maxElements} elements there are now into {@code c}; never waits.
     * <p>
     * A message that cannot be decoded is consumed and skipped, the elements after it still go to {@code c},
     * and then its {@link CodecException} is thrown (further ones attached as suppressed). When {@code c.add}
     * throws, the element it refused is lost (it has left the shared queue) and the drain stops there.
     *
     * @param c           where to put them.
     * @param maxElements most elements to take.
     * @return how many were added to {@code c}.
     * @throws IllegalArgumentException when {@code c} is this queue.
     * @throws CodecException           after the drain, when a message could not be decoded.
     * @throws QueueClosedException     at end of stream: the queue is marked closed and empty.
     */
    @Override
    public int drainTo(final Collection<? super E> c, final int maxElements)
    {
        Objects.requireNonNull(c, "c");
        if (c == this)
        {
            throw new IllegalArgumentException("queue cannot drain into itself: name=" + name);
        }
        if (maxElements <= 0)
        {
            return 0;
        }
        return ElementDrainer.drain(queue, codec, c, maxElements);
    }

    /**
     * Take and drop every element there is now, without decoding them. Returns quietly at end of stream.
     */
    @Override
    public void clear()
    {
        try
        {
            while (queue.drain((buffer, offset, length) -> {}, Integer.MAX_VALUE) > 0)
            {
                Thread.onSpinWait();
            }
        }
        catch (final QueueClosedException ex)
        {
            // end of stream: nothing left to clear
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // State
    // ---------------------------------------------------------------------------------------------------------

    /**
     * @return elements waiting; a snapshot under concurrency.
     */
    @Override
    public int size()
    {
        return queue.size();
    }

    /**
     * @return true if no element is waiting; a snapshot under concurrency.
     */
    @Override
    public boolean isEmpty()
    {
        return queue.isEmpty();
    }

    /**
     * The number of elements that surely fit now: free bytes divided by the room a message of
     * {@link MessageQueue#maxMessageLength()} takes. Smaller elements fit in greater number; a snapshot under
     * concurrency.
     *
     * @return elements of the largest size that fit now.
     */
    @Override
    public int remainingCapacity()
    {
        return queue.remainingCapacity() / maxMessageFootprint;
    }

    /**
     * Mark the queue closed: end of stream, for every process, for good. Producers then get
     * {@link QueueClosedException}; consumers take what is left, then get it.
     */
    public void markClosed()
    {
        queue.markClosed();
    }

    /**
     * @return true if the queue is marked closed (elements may remain to be taken), by {@link #markClosed()} in any
     * process; not whether this handle is closed ({@link #isClosed()}).
     * @throws IllegalStateException when this handle is closed.
     */
    public boolean isMarkedClosed()
    {
        return queue.isMarkedClosed();
    }

    /**
     * @return true if the queue is marked closed and empty.
     */
    public boolean isEndOfStream()
    {
        return queue.isEndOfStream();
    }

    /**
     * @return true once this handle is closed ({@link #close()}); whether the queue is marked closed, for every
     * process, is {@link #isMarkedClosed()}.
     */
    @Override
    public boolean isClosed()
    {
        return queue.isClosed();
    }

    /**
     * Remove the queue's name; processes that map it, this handle included, keep working. Allowed after close.
     *
     * @return true if this call removed the name.
     */
    @Override
    public boolean unlink()
    {
        return queue.unlink();
    }

    /**
     * Release this handle (see {@link MessageQueue#close()}). Idempotent.
     */
    @Override
    public void close()
    {
        queue.close();
    }

    @Override
    public String toString()
    {
        return getClass().getSimpleName() + "{name=" + name + ", codec=" + codec.name() + '}';
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Called before an element is published, so that a consumer can never see it before it is counted.
     */
    void beforePublish()
    {
    }

    /**
     * Called after an attempt to publish, with its outcome.
     *
     * @param published true if the element was published.
     */
    void afterPublish(final boolean published)
    {
    }

    private static void refuseJoinable(final Namespace ns, final String name)
    {
        NamespaceDirectory.validateName(name); // null or malformed: InvalidNameException, as for every kind
        if (name.length() <= JoinableQueueDescriptor.MAX_QUEUE_NAME_LENGTH &&
            ns.exists(JoinableQueueDescriptor.tasksRegionName(name)))
        {
            throw new IllegalStateException(
                "queue is joinable, open it with JoinableQueue: name=" + name + ", tasks=" +
                JoinableQueueDescriptor.tasksRegionName(name));
        }
    }
}

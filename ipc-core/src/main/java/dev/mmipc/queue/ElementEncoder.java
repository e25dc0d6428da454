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

import dev.mmipc.codec.Codec;
import dev.mmipc.exceptions.CodecException;
import org.agrona.BitUtil;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;

/**
 * The encode path of a {@link SharedQueue}: an element becomes one message, in the caller's thread, either straight
 * into a slot claimed in the shared memory (when the codec knows the length in advance) or into a per-thread scratch
 * buffer that the byte queue then copies in. Static, so the per-message path reads no more fields than it did
 * inside {@code SharedQueue}; the publish hooks ({@code beforePublish}/{@code afterPublish}) stay with the queue.
 */
final class ElementEncoder
{
    private static final int SCRATCH_INITIAL_BYTES = 256;
    private static final int SCRATCH_KEEP_BYTES = 1 << 20;
    private static final ThreadLocal<ExpandableArrayBuffer> SCRATCH =
        ThreadLocal.withInitial(() -> new ExpandableArrayBuffer(SCRATCH_INITIAL_BYTES));
    private static final ThreadLocal<UnsafeBuffer> CLAIM_VIEW = ThreadLocal.withInitial(UnsafeBuffer::new);

    private ElementEncoder()
    {
    }

    /**
     * @return this thread's scratch buffer; give it back with {@link #trimScratch(int)} after use.
     */
    static MutableDirectBuffer scratch()
    {
        return SCRATCH.get();
    }

    /**
     * Encode an element into a scratch buffer, from index 0.
     *
     * @param codec   the queue's codec.
     * @param e       the element.
     * @param scratch where to encode.
     * @param <E>     the type of elements.
     * @return the encoded length.
     * @throws CodecException when the codec returns a negative length.
     */
    static <E> int encode(final Codec<E> codec, final E e, final MutableDirectBuffer scratch)
    {
        final int length = codec.encode(e, scratch, 0);
        if (length < 0)
        {
            throw new CodecException("codec returned a negative length: codec=" + codec.name() + ", length=" + length);
        }
        return length;
    }

    /**
     * @param length the length just encoded into this thread's scratch buffer.
     */
    static void trimScratch(final int length)
    {
        if (length > SCRATCH_KEEP_BYTES)
        {
            SCRATCH.remove(); // do not keep a huge buffer per thread for ever
        }
    }

    /**
     * Claim {@code length} bytes, encode the element straight into them and commit; the claim is aborted when the
     * codec throws or writes another length than it announced.
     *
     * @param queue  the byte queue.
     * @param codec  the queue's codec.
     * @param name   the queue's name, for errors.
     * @param e      the element.
     * @param length its encoded length, as {@link Codec#encodedLength} announced; at most the longest message.
     * @param <E>    the type of elements.
     * @return true if published, false if there was no room.
     * @throws CodecException when the codec writes another length than {@code length}.
     */
    static <E> boolean offerInPlace(
        final MessageQueue queue, final Codec<E> codec, final String name, final E e, final int length)
    {
        final int index = queue.tryClaim(length);
        if (index == MessageQueue.INSUFFICIENT_CAPACITY)
        {
            return false;
        }
        final UnsafeBuffer view = CLAIM_VIEW.get();
        try
        {
            view.wrap(queue.buffer(), index, length); // the codec sees exactly the claimed bytes
            final int written = codec.encode(e, view, 0);
            if (written != length)
            {
                throw new CodecException("encoded length differs from encodedLength: codec=" + codec.name() +
                    ", queue=" + name + ", expected=" + length + ", actual=" + written);
            }
        }
        catch (final RuntimeException | Error ex)
        {
            queue.abort(index);
            throw ex;
        }
        finally
        {
            view.wrap(0, 0); // keep no pointer into the mapping
        }
        queue.commit(index);
        return true;
    }

    /**
     * @param queue a byte queue.
     * @return bytes of storage a message of the queue's maximum length takes.
     */
    static int maxMessageFootprint(final MessageQueue queue)
    {
        final int max = queue.maxMessageLength();
        if (queue.mode() == QueueMode.MANY_TO_MANY)
        {
            return QueueDescriptor.slotLength(max); // one slot per message
        }
        return BitUtil.align(max + RecordDescriptor.HEADER_LENGTH, RecordDescriptor.ALIGNMENT); // Agrona record
    }
}

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
import org.agrona.DirectBuffer;

import java.util.Collection;

/**
 * Decodes each message a {@link SharedQueue} drains into the target collection: a message that cannot be decoded is
 * skipped and its exception kept (later ones attached as suppressed) for after the drain.
 *
 * @param <E> the type of elements.
 */
final class ElementDrainer<E> implements MessageHandler
{
    private final Codec<E> codec;
    private final Collection<? super E> target;
    private int added;
    private RuntimeException error;

    private ElementDrainer(final Codec<E> codec, final Collection<? super E> target)
    {
        this.codec = codec;
        this.target = target;
    }

    /**
     * Take up to {@code maxElements} messages there are now, decode them into {@code target}, then throw the first
     * decoding error if there was one.
     *
     * @param queue       the byte queue.
     * @param codec       the queue's codec.
     * @param target      where to put the elements.
     * @param maxElements most elements to take, more than zero.
     * @param <E>         the type of elements.
     * @return how many were added to {@code target}.
     */
    static <E> int drain(
        final MessageQueue queue, final Codec<E> codec, final Collection<? super E> target, final int maxElements)
    {
        final ElementDrainer<E> drainer = new ElementDrainer<>(codec, target);
        int remaining = maxElements;
        while (remaining > 0)
        {
            final int taken = queue.drain(drainer, remaining);
            if (taken == 0)
            {
                break;
            }
            remaining -= taken;
        }
        if (drainer.error != null)
        {
            throw drainer.error;
        }
        return drainer.added;
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final E value;
        try
        {
            value = codec.decode(buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            if (error == null)
            {
                error = ex;
            }
            else
            {
                error.addSuppressed(ex);
            }
            return;
        }
        target.add(value); // may throw: the drain stops here
        added++;
    }
}

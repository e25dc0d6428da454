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

/**
 * Decodes the message of one {@link SharedQueue} poll/take in place and keeps the outcome for the caller: an
 * exception from the codec is held, not thrown through the byte queue, so the message is consumed whatever happens.
 * One per thread and queue handle; reused, so a poll allocates nothing of its own.
 *
 * @param <E> the type of elements.
 */
final class ElementDecoder<E> implements MessageHandler
{
    private final Codec<E> codec;
    private E value;
    private RuntimeException error;

    ElementDecoder(final Codec<E> codec)
    {
        this.codec = codec;
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            value = codec.decode(buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            error = ex;
        }
    }

    /**
     * @return the element decoded by the last message, which is then forgotten.
     * @throws RuntimeException the codec's exception, when the last message could not be decoded.
     */
    E result()
    {
        final E v = value;
        final RuntimeException ex = error;
        value = null;
        error = null;
        if (ex != null)
        {
            throw ex;
        }
        return v;
    }
}

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
package dev.mmipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteBuffer;

/**
 * {@link ByteBuffer}s: encoding writes the bytes between the buffer's position and limit and leaves its
 * position, limit and mark as they were (heap, direct and read-only buffers alike); decoding returns a new
 * heap buffer holding the message, position 0, limit and capacity its length.
 */
public final class ByteBufferCodec implements Codec<ByteBuffer>
{
    /** The shared instance. */
    public static final ByteBufferCodec INSTANCE = new ByteBufferCodec();

    private ByteBufferCodec()
    {
    }

    @Override
    public int encodedLength(final ByteBuffer value)
    {
        return value.remaining();
    }

    @Override
    public int encode(final ByteBuffer value, final MutableDirectBuffer buffer, final int offset)
    {
        final int length = value.remaining();
        Codecs.ensureRoom(name(), buffer, offset, length);
        buffer.putBytes(offset, value, value.position(), length); // absolute: the source position is unchanged
        return length;
    }

    @Override
    public ByteBuffer decode(final DirectBuffer buffer, final int offset, final int length)
    {
        Codecs.checkDecodeRange(name(), buffer, offset, length);
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes, 0, length);
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public String name()
    {
        return "bytebuffer";
    }

    @Override
    public String toString()
    {
        return "ByteBufferCodec";
    }
}

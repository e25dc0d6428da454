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

/**
 * Byte arrays as they are: the encoding is the array's bytes, the length is the message length. Decoding
 * allocates the returned array only.
 */
public final class BytesCodec implements Codec<byte[]>
{
    /** The shared instance. */
    public static final BytesCodec INSTANCE = new BytesCodec();

    private BytesCodec()
    {
    }

    @Override
    public int encodedLength(final byte[] value)
    {
        return value.length;
    }

    @Override
    public int encode(final byte[] value, final MutableDirectBuffer buffer, final int offset)
    {
        final int length = value.length;
        Codecs.ensureRoom(name(), buffer, offset, length);
        buffer.putBytes(offset, value, 0, length);
        return length;
    }

    @Override
    public byte[] decode(final DirectBuffer buffer, final int offset, final int length)
    {
        Codecs.checkDecodeRange(name(), buffer, offset, length);
        final byte[] value = new byte[length];
        buffer.getBytes(offset, value, 0, length);
        return value;
    }

    @Override
    public String name()
    {
        return "bytes";
    }

    @Override
    public String toString()
    {
        return "BytesCodec";
    }
}

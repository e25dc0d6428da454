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

import java.nio.ByteOrder;

/**
 * An {@link Integer} as 4 bytes, little-endian. Any other length is malformed.
 */
public final class IntegerCodec implements Codec<Integer>
{
    /** The shared instance. */
    public static final IntegerCodec INSTANCE = new IntegerCodec();

    /** Encoded length in bytes. */
    public static final int LENGTH = Integer.BYTES;

    private IntegerCodec()
    {
    }

    @Override
    public int encodedLength(final Integer value)
    {
        return LENGTH;
    }

    @Override
    public int encode(final Integer value, final MutableDirectBuffer buffer, final int offset)
    {
        final int v = value; // unboxes: NullPointerException for null, before touching the buffer
        Codecs.ensureRoom(name(), buffer, offset, LENGTH);
        buffer.putInt(offset, v, ByteOrder.LITTLE_ENDIAN);
        return LENGTH;
    }

    @Override
    public Integer decode(final DirectBuffer buffer, final int offset, final int length)
    {
        Codecs.checkFixedLength(name(), buffer, offset, length, LENGTH);
        return buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String name()
    {
        return "int";
    }

    @Override
    public String toString()
    {
        return "IntegerCodec";
    }
}

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
 * A {@link Long} as 8 bytes, little-endian. Any other length is malformed.
 */
public final class LongCodec implements Codec<Long>
{
    /** The shared instance. */
    public static final LongCodec INSTANCE = new LongCodec();

    /** Encoded length in bytes. */
    public static final int LENGTH = Long.BYTES;

    private LongCodec()
    {
    }

    @Override
    public int encodedLength(final Long value)
    {
        return LENGTH;
    }

    @Override
    public int encode(final Long value, final MutableDirectBuffer buffer, final int offset)
    {
        final long v = value; // unboxes: NullPointerException for null, before touching the buffer
        Codecs.ensureRoom(name(), buffer, offset, LENGTH);
        buffer.putLong(offset, v, ByteOrder.LITTLE_ENDIAN);
        return LENGTH;
    }

    @Override
    public Long decode(final DirectBuffer buffer, final int offset, final int length)
    {
        Codecs.checkFixedLength(name(), buffer, offset, length, LENGTH);
        return buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String name()
    {
        return "long";
    }

    @Override
    public String toString()
    {
        return "LongCodec";
    }
}

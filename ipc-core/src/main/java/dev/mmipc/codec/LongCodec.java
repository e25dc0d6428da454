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

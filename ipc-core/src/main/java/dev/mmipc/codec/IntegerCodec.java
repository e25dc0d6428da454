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

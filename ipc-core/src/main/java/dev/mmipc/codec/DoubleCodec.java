package dev.mmipc.codec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * A {@link Double} as its 8 raw IEEE 754 bytes ({@link Double#doubleToRawLongBits}), little-endian, so NaN
 * payloads and negative zero survive. Any other length is malformed.
 */
public final class DoubleCodec implements Codec<Double>
{
    /** The shared instance. */
    public static final DoubleCodec INSTANCE = new DoubleCodec();

    /** Encoded length in bytes. */
    public static final int LENGTH = Double.BYTES;

    private DoubleCodec()
    {
    }

    @Override
    public int encodedLength(final Double value)
    {
        return LENGTH;
    }

    @Override
    public int encode(final Double value, final MutableDirectBuffer buffer, final int offset)
    {
        final double v = value; // unboxes: NullPointerException for null, before touching the buffer
        Codecs.ensureRoom(name(), buffer, offset, LENGTH);
        buffer.putLong(offset, Double.doubleToRawLongBits(v), ByteOrder.LITTLE_ENDIAN);
        return LENGTH;
    }

    @Override
    public Double decode(final DirectBuffer buffer, final int offset, final int length)
    {
        Codecs.checkFixedLength(name(), buffer, offset, length, LENGTH);
        return Double.longBitsToDouble(buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN));
    }

    @Override
    public String name()
    {
        return "double";
    }

    @Override
    public String toString()
    {
        return "DoubleCodec";
    }
}

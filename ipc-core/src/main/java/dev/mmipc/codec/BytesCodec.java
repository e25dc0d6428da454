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

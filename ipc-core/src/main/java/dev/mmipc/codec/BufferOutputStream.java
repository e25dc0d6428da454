package dev.mmipc.codec;

import org.agrona.MutableDirectBuffer;

import java.io.OutputStream;

/**
 * An output stream writing into a {@link MutableDirectBuffer} from an offset, growing an expandable buffer
 * and refusing to write past the end of a fixed one. Not thread safe; for one encode.
 */
final class BufferOutputStream extends OutputStream
{
    private final String codec;
    private final MutableDirectBuffer buffer;
    private final int offset;
    private int position;

    BufferOutputStream(final String codec, final MutableDirectBuffer buffer, final int offset)
    {
        this.codec = codec;
        this.buffer = buffer;
        this.offset = offset;
        this.position = offset;
    }

    @Override
    public void write(final int b)
    {
        Codecs.ensureRoom(codec, buffer, position, 1);
        buffer.putByte(position, (byte)b);
        position++;
    }

    @Override
    public void write(final byte[] bytes, final int from, final int length)
    {
        Codecs.ensureRoom(codec, buffer, position, length);
        buffer.putBytes(position, bytes, from, length);
        position += length;
    }

    /**
     * @return bytes written so far.
     */
    int length()
    {
        return position - offset;
    }
}

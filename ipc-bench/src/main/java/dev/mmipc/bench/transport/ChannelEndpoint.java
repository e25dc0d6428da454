package dev.mmipc.bench.transport;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/**
 * Length-prefixed messages over a blocking {@link SocketChannel} (Unix domain or TCP): one gathering write per
 * message from a direct buffer, reads as large as the socket gives.
 */
final class ChannelEndpoint implements Endpoint
{
    private static final int HEADER = 4;

    private final SocketChannel channel;
    private final ByteBuffer outBuf;
    private final ByteBuffer inBuf;
    private final UnsafeBuffer inView;

    ChannelEndpoint(final SocketChannel channel, final int maxMessageLength)
    {
        this.channel = channel;
        outBuf = ByteBuffer.allocateDirect(HEADER + maxMessageLength).order(ByteOrder.LITTLE_ENDIAN);
        inBuf = ByteBuffer.allocateDirect(Math.max(2 * (HEADER + maxMessageLength), 1 << 16)).order(ByteOrder.LITTLE_ENDIAN);
        inView = new UnsafeBuffer(inBuf);
        inBuf.flip();
    }

    @Override
    public void send(final UnsafeBuffer src, final int length)
    {
        outBuf.clear();
        outBuf.putInt(length);
        outBuf.put(src.byteArray(), 0, length);
        outBuf.flip();
        try
        {
            while (outBuf.hasRemaining())
            {
                channel.write(outBuf);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("socket send failed", ex);
        }
    }

    @Override
    public int receive(final UnsafeBuffer dst)
    {
        fill(HEADER);
        final int start = inBuf.position();
        final int length = inView.getInt(start);
        fill(HEADER + length);
        final int at = inBuf.position();
        inView.getBytes(at + HEADER, dst, 0, length);
        inBuf.position(at + HEADER + length);
        return length;
    }

    private void fill(final int needed)
    {
        if (inBuf.remaining() >= needed)
        {
            return;
        }
        inBuf.compact();
        try
        {
            while (inBuf.position() < needed)
            {
                if (channel.read(inBuf) < 0)
                {
                    throw new EOFException("socket closed by the other side");
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("socket receive failed", ex);
        }
        inBuf.flip();
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
    }
}

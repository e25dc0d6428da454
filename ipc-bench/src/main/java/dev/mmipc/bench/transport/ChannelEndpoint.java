package dev.mmipc.bench.transport;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/**
 * Length-prefixed messages over a blocking {@link SocketChannel} (Unix domain or TCP), from direct buffers.
 * Unbatched: one {@code write} per message. Batched: messages gather in a buffer of at least
 * {@value StreamEndpoint#BATCH_BYTES} bytes, written when the next message would not fit or on {@link #flush()}.
 * Reads take as much as the socket gives; messages are handed to the sink in place.
 */
final class ChannelEndpoint implements Endpoint
{
    private static final int FRAME_HEADER = StreamEndpoint.FRAME_HEADER;

    private final SocketChannel channel;
    private final boolean batched;
    private final ByteBuffer outBuf;
    private final UnsafeBuffer outView;
    private final ByteBuffer inBuf;
    private final UnsafeBuffer inView;

    ChannelEndpoint(final SocketChannel channel, final int maxMessageLength, final boolean batched)
    {
        this.channel = channel;
        this.batched = batched;
        outBuf = ByteBuffer.allocateDirect(batched ? Math.max(StreamEndpoint.BATCH_BYTES, FRAME_HEADER + maxMessageLength) :
            FRAME_HEADER + maxMessageLength).order(ByteOrder.nativeOrder());
        outView = new UnsafeBuffer(outBuf);
        inBuf = ByteBuffer.allocateDirect(Math.max(2 * (FRAME_HEADER + maxMessageLength), StreamEndpoint.BATCH_BYTES))
            .order(ByteOrder.nativeOrder());
        inView = new UnsafeBuffer(inBuf);
        inBuf.flip();
    }

    /**
     * @return the bytes the OS buffers for this socket: {@code SO_SNDBUF + SO_RCVBUF} as it reports them.
     */
    int bufferedBytes()
    {
        try
        {
            return channel.getOption(StandardSocketOptions.SO_SNDBUF) + channel.getOption(StandardSocketOptions.SO_RCVBUF);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("socket buffer sizes not readable", ex);
        }
    }

    @Override
    public void send(final DirectBuffer src, final int offset, final int length)
    {
        if (outBuf.position() + FRAME_HEADER + length > outBuf.capacity())
        {
            flush();
        }
        final int at = outBuf.position();
        outView.putInt(at, length);
        src.getBytes(offset, outView, at + FRAME_HEADER, length);
        outBuf.position(at + FRAME_HEADER + length);
        if (!batched)
        {
            flush();
        }
    }

    @Override
    public void flush()
    {
        if (outBuf.position() == 0)
        {
            return;
        }
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
        outBuf.clear();
    }

    @Override
    public int poll(final MessageSink sink, final int limit)
    {
        int count = 0;
        while (count < limit)
        {
            final int start = inBuf.position();
            final int available = inBuf.remaining();
            if (available < FRAME_HEADER || available < FRAME_HEADER + inView.getInt(start))
            {
                if (count > 0)
                {
                    break;
                }
                read();
                continue;
            }
            final int length = inView.getInt(start);
            sink.onMessage(inView, start + FRAME_HEADER, length);
            inBuf.position(start + FRAME_HEADER + length);
            count++;
        }
        return count;
    }

    /** Move what is left to the front, then read once (blocking) as much as the socket gives. */
    private void read()
    {
        inBuf.compact();
        try
        {
            if (channel.read(inBuf) < 0)
            {
                throw new EOFException("socket closed by the other side");
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

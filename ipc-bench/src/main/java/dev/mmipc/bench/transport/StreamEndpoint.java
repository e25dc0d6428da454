package dev.mmipc.bench.transport;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Length-prefixed messages over a byte stream (an OS pipe): one {@code write} + {@code flush} per message,
 * reads as large as the stream gives, so a burst of small messages costs few system calls.
 */
final class StreamEndpoint implements Endpoint
{
    private static final int HEADER = 4;

    private final InputStream in;
    private final OutputStream out;
    private final byte[] frame;
    private final UnsafeBuffer frameBuffer;
    private final byte[] inBuf;
    private final UnsafeBuffer inBuffer;
    private int inStart;
    private int inEnd;

    StreamEndpoint(final InputStream in, final OutputStream out, final int maxMessageLength)
    {
        this.in = in;
        this.out = out;
        frame = new byte[HEADER + maxMessageLength];
        frameBuffer = new UnsafeBuffer(frame);
        inBuf = new byte[Math.max(2 * (HEADER + maxMessageLength), 1 << 16)];
        inBuffer = new UnsafeBuffer(inBuf);
    }

    @Override
    public void send(final UnsafeBuffer src, final int length)
    {
        frameBuffer.putInt(0, length);
        src.getBytes(0, frame, HEADER, length);
        try
        {
            out.write(frame, 0, HEADER + length);
            out.flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("stream send failed", ex);
        }
    }

    @Override
    public int receive(final UnsafeBuffer dst)
    {
        fill(HEADER);
        final int length = inBuffer.getInt(inStart);
        fill(HEADER + length);
        inBuffer.getBytes(inStart + HEADER, dst, 0, length);
        inStart += HEADER + length;
        return length;
    }

    private void fill(final int needed)
    {
        if (inEnd - inStart >= needed)
        {
            return;
        }
        if (inStart > 0)
        {
            System.arraycopy(inBuf, inStart, inBuf, 0, inEnd - inStart);
            inEnd -= inStart;
            inStart = 0;
        }
        try
        {
            while (inEnd < needed)
            {
                final int n = in.read(inBuf, inEnd, inBuf.length - inEnd);
                if (n < 0)
                {
                    throw new EOFException("stream closed by the other side");
                }
                inEnd += n;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("stream receive failed", ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            out.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
        try
        {
            in.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
    }
}

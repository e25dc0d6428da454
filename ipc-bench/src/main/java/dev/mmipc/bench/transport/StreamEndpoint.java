package dev.mmipc.bench.transport;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Length-prefixed messages over a byte stream (an OS pipe). Unbatched: one {@code write} per message. Batched:
 * messages gather in a buffer of at least {@value #BATCH_BYTES} bytes written in one {@code write} when the next
 * message would not fit, or on {@link #flush()}. Reads take as much as the stream gives (up to the buffer), so a
 * burst of small messages costs few system calls on the receiving side either way; messages are handed to the
 * sink in place.
 */
final class StreamEndpoint implements Endpoint
{
    /** Bytes before each message: its length. */
    static final int FRAME_HEADER = 4;
    /** Least size of a batch of writes. */
    static final int BATCH_BYTES = 1 << 16;

    private final InputStream in;
    private final OutputStream out;
    private final boolean batched;
    private final byte[] outBuf;
    private final UnsafeBuffer outBuffer;
    private final byte[] inBuf;
    private final UnsafeBuffer inBuffer;
    private int outEnd;
    private int inStart;
    private int inEnd;

    StreamEndpoint(final InputStream in, final OutputStream out, final int maxMessageLength, final boolean batched)
    {
        this.in = in;
        this.out = out;
        this.batched = batched;
        outBuf = new byte[batched ? Math.max(BATCH_BYTES, FRAME_HEADER + maxMessageLength) : FRAME_HEADER + maxMessageLength];
        outBuffer = new UnsafeBuffer(outBuf);
        inBuf = new byte[Math.max(2 * (FRAME_HEADER + maxMessageLength), BATCH_BYTES)];
        inBuffer = new UnsafeBuffer(inBuf);
    }

    @Override
    public void send(final DirectBuffer src, final int offset, final int length)
    {
        if (outEnd + FRAME_HEADER + length > outBuf.length)
        {
            flush();
        }
        outBuffer.putInt(outEnd, length);
        src.getBytes(offset, outBuf, outEnd + FRAME_HEADER, length);
        outEnd += FRAME_HEADER + length;
        if (!batched)
        {
            flush();
        }
    }

    @Override
    public void flush()
    {
        if (outEnd > 0)
        {
            try
            {
                out.write(outBuf, 0, outEnd);
                out.flush();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("stream send failed", ex);
            }
            outEnd = 0;
        }
    }

    @Override
    public int poll(final MessageSink sink, final int limit)
    {
        int count = 0;
        while (count < limit)
        {
            if (!whole())
            {
                if (count > 0)
                {
                    break;
                }
                read();
                continue;
            }
            final int length = inBuffer.getInt(inStart);
            sink.onMessage(inBuffer, inStart + FRAME_HEADER, length);
            inStart += FRAME_HEADER + length;
            count++;
        }
        return count;
    }

    private boolean whole()
    {
        return inEnd - inStart >= FRAME_HEADER && inEnd - inStart >= FRAME_HEADER + inBuffer.getInt(inStart);
    }

    /** Move what is left to the front, then read once (blocking) as much as the stream gives. */
    private void read()
    {
        if (inStart > 0)
        {
            System.arraycopy(inBuf, inStart, inBuf, 0, inEnd - inStart);
            inEnd -= inStart;
            inStart = 0;
        }
        try
        {
            final int n = in.read(inBuf, inEnd, inBuf.length - inEnd);
            if (n < 0)
            {
                throw new EOFException("stream closed by the other side");
            }
            inEnd += n;
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

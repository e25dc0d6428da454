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
package dev.mmipc.bench.transport;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/**
 * Length-prefixed messages over a byte stream: an OS pipe ({@link #overStreams}) or a blocking socket
 * ({@link #overSocket}, from direct buffers). Unbatched: one {@code write} per message. Batched: messages gather in
 * a buffer of at least {@value #BATCH_BYTES} bytes, written in one {@code write} when the next message would not
 * fit, or on {@link #flush()}. Reads take as much as the stream gives (up to the buffer), so a burst of small
 * messages costs few system calls on the receiving side either way; messages are handed to the sink in place.
 */
final class FramedEndpoint implements Endpoint
{
    /** Bytes before each message: its length. */
    static final int FRAME_HEADER = 4;
    /** Least size of a batch of writes, and of the receive buffer. */
    static final int BATCH_BYTES = 1 << 16;

    /** The byte stream under the frames. */
    private interface Io
    {
        /** Read once, blocking, into {@code [offset, offset + length)} of the in-buffer; -1 at end of stream. */
        int read(int offset, int length) throws IOException;

        /** Write {@code [0, length)} of the out-buffer, all of it. */
        void write(int length) throws IOException;

        void close() throws IOException;
    }

    private final Io io;
    private final boolean batched;
    private final UnsafeBuffer out;
    private final UnsafeBuffer in;
    private final ChannelIo socket;
    private int outEnd;
    private int inStart;
    private int inEnd;

    private FramedEndpoint(final Io io, final UnsafeBuffer out, final UnsafeBuffer in, final boolean batched)
    {
        this.io = io;
        this.out = out;
        this.in = in;
        this.batched = batched;
        this.socket = io instanceof ChannelIo c ? c : null;
    }

    private static int outLength(final int maxMessageLength, final boolean batched)
    {
        return batched ? Math.max(BATCH_BYTES, FRAME_HEADER + maxMessageLength) : FRAME_HEADER + maxMessageLength;
    }

    private static int inLength(final int maxMessageLength)
    {
        return Math.max(2 * (FRAME_HEADER + maxMessageLength), BATCH_BYTES);
    }

    /**
     * @param input            the stream read.
     * @param output           the stream written.
     * @param maxMessageLength the longest message.
     * @param batched          true to gather writes.
     * @return an endpoint over heap buffers.
     */
    static FramedEndpoint overStreams(
        final InputStream input, final OutputStream output, final int maxMessageLength, final boolean batched)
    {
        final byte[] outArray = new byte[outLength(maxMessageLength, batched)];
        final byte[] inArray = new byte[inLength(maxMessageLength)];
        final Io io = new Io()
        {
            @Override
            public int read(final int offset, final int length) throws IOException
            {
                return input.read(inArray, offset, length);
            }

            @Override
            public void write(final int length) throws IOException
            {
                output.write(outArray, 0, length);
                output.flush();
            }

            @Override
            public void close() throws IOException
            {
                try
                {
                    output.close();
                }
                finally
                {
                    input.close();
                }
            }
        };
        return new FramedEndpoint(io, new UnsafeBuffer(outArray), new UnsafeBuffer(inArray), batched);
    }

    /**
     * @param channel          a connected, blocking socket.
     * @param maxMessageLength the longest message.
     * @param batched          true to gather writes.
     * @return an endpoint over direct buffers (no copy into the JDK's own).
     */
    static FramedEndpoint overSocket(final SocketChannel channel, final int maxMessageLength, final boolean batched)
    {
        final ChannelIo io = new ChannelIo(channel, ByteBuffer.allocateDirect(outLength(maxMessageLength, batched)),
            ByteBuffer.allocateDirect(inLength(maxMessageLength)));
        return new FramedEndpoint(io, new UnsafeBuffer(io.out), new UnsafeBuffer(io.in), batched);
    }

    /** A socket under the frames. */
    private static final class ChannelIo implements Io
    {
        private final SocketChannel channel;
        private final ByteBuffer out;
        private final ByteBuffer in;

        ChannelIo(final SocketChannel channel, final ByteBuffer out, final ByteBuffer in)
        {
            this.channel = channel;
            this.out = out.order(ByteOrder.nativeOrder());
            this.in = in.order(ByteOrder.nativeOrder());
        }

        @Override
        public int read(final int offset, final int length) throws IOException
        {
            in.limit(offset + length).position(offset);
            return channel.read(in);
        }

        @Override
        public void write(final int length) throws IOException
        {
            out.limit(length).position(0);
            while (out.hasRemaining())
            {
                channel.write(out);
            }
        }

        @Override
        public void close() throws IOException
        {
            channel.close();
        }
    }

    /**
     * @return the bytes the OS buffers for a socket: {@code SO_SNDBUF + SO_RCVBUF} as it reports them.
     * @throws IllegalStateException when this endpoint is not over a socket.
     */
    int bufferedBytes()
    {
        if (null == socket)
        {
            throw new IllegalStateException("not a socket endpoint");
        }
        try
        {
            return socket.channel.getOption(StandardSocketOptions.SO_SNDBUF) + socket.channel.getOption(StandardSocketOptions.SO_RCVBUF);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("socket buffer sizes not readable", ex);
        }
    }

    @Override
    public void send(final DirectBuffer src, final int offset, final int length)
    {
        if (outEnd + FRAME_HEADER + length > out.capacity())
        {
            flush();
        }
        out.putInt(outEnd, length);
        src.getBytes(offset, out, outEnd + FRAME_HEADER, length);
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
                io.write(outEnd);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("send failed", ex);
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
            final int available = inEnd - inStart;
            if (available < FRAME_HEADER || available < FRAME_HEADER + in.getInt(inStart))
            {
                if (count > 0)
                {
                    break;
                }
                read();
                continue;
            }
            final int length = in.getInt(inStart);
            sink.onMessage(in, inStart + FRAME_HEADER, length);
            inStart += FRAME_HEADER + length;
            count++;
        }
        return count;
    }

    /** Move what is left to the front, then read once (blocking) as much as the stream gives. */
    private void read()
    {
        if (inStart > 0)
        {
            in.putBytes(0, in, inStart, inEnd - inStart);
            inEnd -= inStart;
            inStart = 0;
        }
        try
        {
            final int n = io.read(inEnd, in.capacity() - inEnd);
            if (n < 0)
            {
                throw new EOFException("stream closed by the other side");
            }
            inEnd += n;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("receive failed", ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            io.close();
        }
        catch (final IOException ignore)
        {
            // closing
        }
    }
}

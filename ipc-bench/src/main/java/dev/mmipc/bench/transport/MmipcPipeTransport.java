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

import dev.mmipc.Namespace;
import dev.mmipc.codec.Codecs;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * mmipc's duplex {@link Pipe}: the benchmark attaches {@link PipeEnd#FIRST}, the peer {@link PipeEnd#SECOND}, and
 * bytes go through {@link Connection#sendBytes} and {@link Connection#recvBytesInto} (the pipe's API copies each
 * message out) with the busy-spin wait strategy, as the queue and Agrona transports spin. Each direction holds
 * {@value #CAPACITY} bytes, as theirs do (a pipe's longest message is an eighth of that).
 */
public final class MmipcPipeTransport implements Transport
{
    /** Bytes of message storage in each direction, as for {@link AgronaRingTransport}. */
    public static final int CAPACITY = AgronaRingTransport.CAPACITY;

    private static final String NAME = "pipe";
    private static final SyncOptions OPTIONS = SyncOptions.defaults().withWaitStrategy(WaitStrategy.busySpin());

    @Override
    public String name()
    {
        return "mmipc-pipe";
    }

    @Override
    public int maxMessageLength()
    {
        return CAPACITY / 8;
    }

    @Override
    public long capacityMessages(final int length)
    {
        return AgronaRingTransport.ringCapacityMessages(CAPACITY, length);
    }

    @Override
    public String describe(final int length)
    {
        return "Pipe of " + (CAPACITY >> 20) + " MiB per direction, sendBytes/recvBytesInto (a copy out), busy spin";
    }

    @Override
    public String wraps()
    {
        return "agrona";
    }

    @Override
    public void create(final Path dir, final int maxMessageLength)
    {
        Pipe.create(Namespace.at(dir), NAME, true, CAPACITY).close();
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer)
    {
        return new PipeEndpoint(Pipe.connect(Namespace.at(dir), NAME, PipeEnd.FIRST, Codecs.bytes(), OPTIONS), maxMessageLength);
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
    {
        return new PipeEndpoint(Pipe.connect(Namespace.at(dir), NAME, PipeEnd.SECOND, Codecs.bytes(), OPTIONS), maxMessageLength);
    }

    private static final class PipeEndpoint implements Endpoint
    {
        private final Connection<byte[]> connection;
        private final byte[] in;
        private final UnsafeBuffer inBuffer;
        private final byte[] out;

        PipeEndpoint(final Connection<byte[]> connection, final int maxMessageLength)
        {
            this.connection = connection;
            in = new byte[maxMessageLength];
            inBuffer = new UnsafeBuffer(in);
            out = new byte[maxMessageLength];
        }

        @Override
        public void send(final DirectBuffer src, final int offset, final int length)
        {
            try
            {
                final byte[] array = src.byteArray();
                if (null != array)
                {
                    connection.sendBytes(array, src.wrapAdjustment() + offset, length); // waits; a dead peer: BrokenPipeException
                }
                else
                {
                    src.getBytes(offset, out, 0, length);
                    connection.sendBytes(out, 0, length);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("mmipc pipe send interrupted: end=" + connection.end(), ex);
            }
        }

        @Override
        public int poll(final MessageSink sink, final int limit)
        {
            int count = 0;
            try
            {
                while (count < limit && connection.poll())
                {
                    final int length = connection.recvBytesInto(in, 0);
                    sink.onMessage(inBuffer, 0, length);
                    count++;
                }
                return count;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("mmipc pipe receive interrupted: end=" + connection.end(), ex);
            }
            catch (final EOFException ex)
            {
                if (count > 0)
                {
                    return count; // what arrived before the end first; the end on the next poll
                }
                throw new IllegalStateException("transport peer gone: what=mmipc pipe receive, end=" + connection.end(), ex);
            }
        }

        @Override
        public void close()
        {
            connection.close();
        }
    }
}

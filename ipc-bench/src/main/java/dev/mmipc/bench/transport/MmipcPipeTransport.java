package dev.mmipc.bench.transport;

import dev.mmipc.Namespace;
import dev.mmipc.codec.Codecs;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * mmipc's duplex {@link Pipe}: the benchmark attaches {@link PipeEnd#FIRST}, the peer {@link PipeEnd#SECOND}, and
 * bytes go through {@link Connection#sendBytes} and {@link Connection#recvBytesInto} with the busy-spin wait
 * strategy, as the queue and Agrona transports spin. Each direction holds {@value #CAPACITY} bytes, as theirs do
 * (a pipe's longest message is an eighth of that).
 */
public final class MmipcPipeTransport implements Transport
{
    /** Bytes of message storage in each direction, as for {@link AgronaRingTransport}. */
    public static final int CAPACITY = AgronaRingTransport.CAPACITY;

    private static final String NAME = "pipe";
    private static final SyncOptions OPTIONS = SyncOptions.defaults().waitStrategy(WaitStrategy.busySpin());

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
    public void create(final Path dir, final int maxMessageLength)
    {
        Pipe.create(Namespace.at(dir), NAME, true, CAPACITY).close();
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer)
    {
        return new PipeEndpoint(Pipe.connect(Namespace.at(dir), NAME, PipeEnd.FIRST, Codecs.bytes(), OPTIONS));
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
    {
        return new PipeEndpoint(Pipe.connect(Namespace.at(dir), NAME, PipeEnd.SECOND, Codecs.bytes(), OPTIONS));
    }

    private static final class PipeEndpoint implements Endpoint
    {
        private final Connection<byte[]> connection;

        PipeEndpoint(final Connection<byte[]> connection)
        {
            this.connection = connection;
        }

        @Override
        public void send(final UnsafeBuffer src, final int length)
        {
            try
            {
                connection.sendBytes(src.byteArray(), 0, length); // waits for room; a dead peer: BrokenPipeException
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("mmipc pipe send interrupted: end=" + connection.end(), ex);
            }
        }

        @Override
        public int receive(final UnsafeBuffer dst)
        {
            try
            {
                if (!connection.poll(WAIT_TIMEOUT_NS, TimeUnit.NANOSECONDS))
                {
                    throw new IllegalStateException("transport wait timed out: what=mmipc pipe receive, end=" +
                        connection.end());
                }
                return connection.recvBytesInto(dst.byteArray(), 0);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("mmipc pipe receive interrupted: end=" + connection.end(), ex);
            }
            catch (final EOFException ex)
            {
                throw new IllegalStateException("transport peer gone: what=mmipc pipe receive, end=" +
                    connection.end(), ex);
            }
        }

        @Override
        public void close()
        {
            connection.close();
        }
    }
}

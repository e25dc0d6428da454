package dev.mmipc.bench.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A Unix domain stream socket ({@link SocketChannel} with {@link UnixDomainSocketAddress}), blocking, with a
 * 4-byte length before each message; {@code uds} writes each message with its own system call, {@code uds-batched}
 * gathers them into writes of 64 KiB ({@link ChannelEndpoint}). The benchmark listens on a socket file in the
 * trial directory.
 */
public final class UdsTransport implements Transport
{
    private final boolean batched;
    private ServerSocketChannel server;
    private ChannelEndpoint benchEnd;

    /**
     * @param batched true to gather writes.
     */
    public UdsTransport(final boolean batched)
    {
        this.batched = batched;
    }

    @Override
    public String name()
    {
        return batched ? "uds-batched" : "uds";
    }

    @Override
    public int maxMessageLength()
    {
        return 1 << 20;
    }

    @Override
    public long capacityMessages(final int length)
    {
        return Transports.socketCapacityMessages(benchEnd, length);
    }

    @Override
    public String describe(final int length)
    {
        return "Unix domain stream socket, blocking, 4-byte length prefix, " + Transports.writes(batched);
    }

    @Override
    public boolean batchesWrites()
    {
        return batched;
    }

    @Override
    public void create(final Path dir, final int maxMessageLength) throws Exception
    {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(dir.resolve("socket")));
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer) throws Exception
    {
        benchEnd = new ChannelEndpoint(server.accept(), maxMessageLength, batched);
        return benchEnd;
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
        throws Exception
    {
        final SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(dir.resolve("socket")));
        return new ChannelEndpoint(channel, maxMessageLength, batched);
    }

    @Override
    public void destroy(final Path dir)
    {
        Transports.closeQuietly(server);
    }
}

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
 * 4-byte length before each message. The benchmark listens on a socket file in the trial directory.
 */
public final class UdsTransport implements Transport
{
    private ServerSocketChannel server;

    @Override
    public String name()
    {
        return "uds";
    }

    @Override
    public int maxMessageLength()
    {
        return 1 << 20;
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
        final SocketChannel channel = server.accept();
        return new ChannelEndpoint(channel, maxMessageLength);
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
        throws Exception
    {
        final SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(dir.resolve("socket")));
        return new ChannelEndpoint(channel, maxMessageLength);
    }

    @Override
    public void destroy(final Path dir)
    {
        Transports.closeQuietly(server);
    }
}

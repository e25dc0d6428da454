package dev.mmipc.bench.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TCP over loopback (127.0.0.1 only) with {@code TCP_NODELAY}, blocking, with a 4-byte length before each
 * message; {@code tcp} writes each message with its own system call, {@code tcp-batched} gathers them into writes
 * of 64 KiB ({@link ChannelEndpoint}). The benchmark listens on an ephemeral port and writes it to a file in the
 * trial directory.
 */
public final class TcpTransport implements Transport
{
    private final boolean batched;
    private ServerSocketChannel server;
    private ChannelEndpoint benchEnd;

    /**
     * @param batched true to gather writes.
     */
    public TcpTransport(final boolean batched)
    {
        this.batched = batched;
    }

    @Override
    public String name()
    {
        return batched ? "tcp-batched" : "tcp";
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
        return "TCP over loopback, TCP_NODELAY, blocking, 4-byte length prefix, " + Transports.writes(batched);
    }

    @Override
    public boolean batchesWrites()
    {
        return batched;
    }

    @Override
    public void create(final Path dir, final int maxMessageLength) throws Exception
    {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        final int port = ((InetSocketAddress)server.getLocalAddress()).getPort();
        Files.writeString(dir.resolve("port"), Integer.toString(port), StandardCharsets.US_ASCII);
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer) throws Exception
    {
        final SocketChannel channel = server.accept();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        benchEnd = new ChannelEndpoint(channel, maxMessageLength, batched);
        return benchEnd;
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
        throws Exception
    {
        final int port = Integer.parseInt(Files.readString(dir.resolve("port"), StandardCharsets.US_ASCII).trim());
        final SocketChannel channel = SocketChannel.open();
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new ChannelEndpoint(channel, maxMessageLength, batched);
    }

    @Override
    public void destroy(final Path dir)
    {
        Transports.closeQuietly(server);
    }
}

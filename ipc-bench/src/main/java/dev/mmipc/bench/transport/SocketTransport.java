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

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stream socket between the two JVMs, blocking, with a 4-byte length before each message ({@link FramedEndpoint}):
 * a Unix domain socket on a file in the trial directory ({@code uds}), or TCP over loopback, 127.0.0.1 only, with
 * {@code TCP_NODELAY}, the benchmark listening on an ephemeral port written to a file in the trial directory
 * ({@code tcp}). Each writes one message per system call, or gathers them into writes of 64 KiB
 * ({@code uds-batched}, {@code tcp-batched}).
 */
public final class SocketTransport implements Transport
{
    private final boolean tcp;
    private final boolean batched;
    private ServerSocketChannel server;
    private FramedEndpoint benchEnd;

    /**
     * @param tcp     true for TCP over loopback, false for a Unix domain socket.
     * @param batched true to gather writes.
     */
    public SocketTransport(final boolean tcp, final boolean batched)
    {
        this.tcp = tcp;
        this.batched = batched;
    }

    @Override
    public String name()
    {
        return (tcp ? "tcp" : "uds") + (batched ? "-batched" : "");
    }

    @Override
    public int maxMessageLength()
    {
        return 1 << 20;
    }

    @Override
    public long capacityMessages(final int length)
    {
        if (null == benchEnd)
        {
            throw new IllegalStateException("socket capacity is known once connected: call benchEnd first");
        }
        return benchEnd.bufferedBytes() / (FramedEndpoint.FRAME_HEADER + length);
    }

    @Override
    public String describe(final int length)
    {
        return (tcp ? "TCP over loopback, TCP_NODELAY" : "Unix domain stream socket") + ", blocking, 4-byte length prefix, " +
            Transports.writes(batched) + "; capacity from SO_SNDBUF + SO_RCVBUF as the OS reports them";
    }

    @Override
    public boolean batchesWrites()
    {
        return batched;
    }

    @Override
    public void create(final Path dir, final int maxMessageLength) throws Exception
    {
        if (tcp)
        {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            final int port = ((InetSocketAddress)server.getLocalAddress()).getPort();
            Files.writeString(dir.resolve("port"), Integer.toString(port), StandardCharsets.US_ASCII);
        }
        else
        {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(dir.resolve("socket")));
        }
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer) throws Exception
    {
        final SocketChannel channel = server.accept();
        if (tcp)
        {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
        benchEnd = FramedEndpoint.overSocket(channel, maxMessageLength, batched);
        return benchEnd;
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
        throws Exception
    {
        final SocketChannel channel;
        final SocketAddress address;
        if (tcp)
        {
            channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            address = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                Integer.parseInt(Files.readString(dir.resolve("port"), StandardCharsets.US_ASCII).trim()));
        }
        else
        {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            address = UnixDomainSocketAddress.of(dir.resolve("socket"));
        }
        channel.connect(address);
        return FramedEndpoint.overSocket(channel, maxMessageLength, batched);
    }

    @Override
    public void destroy(final Path dir)
    {
        Transports.closeQuietly(server);
    }
}

package dev.mmipc.bench.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * OS pipes: the benchmark writes to the peer's standard input and reads its standard output, with a 4-byte
 * length before each message. The pipes carry any size; large messages take several system calls.
 */
public final class PipeTransport implements Transport
{
    @Override
    public String name()
    {
        return "pipe";
    }

    @Override
    public int maxMessageLength()
    {
        return 1 << 20;
    }

    @Override
    public void create(final Path dir, final int maxMessageLength)
    {
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer)
    {
        return new StreamEndpoint(peer.getInputStream(), peer.getOutputStream(), maxMessageLength);
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
    {
        return new StreamEndpoint(stdin, stdout, maxMessageLength);
    }
}

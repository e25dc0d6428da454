package dev.mmipc.bench.transport;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The peer JVM of every transport benchmark: receives messages and, by their first byte ({@link Protocol}),
 * drops them, echoes them, or stops. Arguments: {@code TRANSPORT DIR MAX_MESSAGE_LENGTH}.
 * Standard output belongs to the transport; diagnostics go to standard error.
 */
public final class TransportPeer
{
    private TransportPeer()
    {
    }

    /**
     * @param args {@code TRANSPORT DIR MAX_MESSAGE_LENGTH}.
     * @throws Exception when the transport fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        final Transport transport = Transports.create(args[0]);
        final Path dir = Path.of(args[1]);
        final int maxLength = Integer.parseInt(args[2]);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Math.max(maxLength, Protocol.MIN_LENGTH)]);
        try (Endpoint endpoint = transport.peerEnd(dir, maxLength, new FileInputStream(FileDescriptor.in), stdout))
        {
            while (true)
            {
                final int length = endpoint.receive(buffer);
                final byte kind = buffer.getByte(0);
                if (Protocol.ECHO == kind)
                {
                    endpoint.send(buffer, length);
                }
                else if (Protocol.STOP == kind)
                {
                    break;
                }
            }
        }
        System.exit(0);
    }
}

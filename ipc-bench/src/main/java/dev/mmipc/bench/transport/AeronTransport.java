package dev.mmipc.bench.transport;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Aeron IPC ({@code aeron:ipc}), one exclusive publication per direction, with a media driver embedded in the
 * benchmark JVM (shared threading mode, its directory inside the trial directory, deleted on shutdown).
 * Messages above the IPC MTU are fragmented and reassembled with a {@link FragmentAssembler}, as an Aeron
 * user would.
 */
public final class AeronTransport implements Transport
{
    private static final String CHANNEL = "aeron:ipc";
    private static final int TO_PEER_STREAM = 1001;
    private static final int TO_BENCH_STREAM = 1002;
    private static final int TERM_LENGTH = 16 << 20;

    private MediaDriver driver;

    @Override
    public String name()
    {
        return "aeron";
    }

    @Override
    public int maxMessageLength()
    {
        return TERM_LENGTH / 8;
    }

    @Override
    public void create(final Path dir, final int maxMessageLength)
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir(dir))
            .threadingMode(ThreadingMode.SHARED)
            .ipcTermBufferLength(TERM_LENGTH)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer)
    {
        return new AeronEndpoint(aeronDir(dir), TO_PEER_STREAM, TO_BENCH_STREAM, Side.bench(peer));
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
    {
        return new AeronEndpoint(aeronDir(dir), TO_BENCH_STREAM, TO_PEER_STREAM, Side.PEER);
    }

    @Override
    public void destroy(final Path dir)
    {
        if (null != driver)
        {
            driver.close();
        }
    }

    private static String aeronDir(final Path dir)
    {
        return dir.resolve("aeron").toString();
    }

    private static final class AeronEndpoint implements Endpoint, FragmentHandler
    {
        private final Aeron aeron;
        private final ExclusivePublication publication;
        private final Subscription subscription;
        private final FragmentAssembler assembler = new FragmentAssembler(this);
        private final Wait sendWait;
        private final Wait receiveWait;
        private UnsafeBuffer dst;
        private int received;

        AeronEndpoint(final String aeronDir, final int outStream, final int inStream, final Side side)
        {
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            publication = aeron.addExclusivePublication(CHANNEL, outStream);
            subscription = aeron.addSubscription(CHANNEL, inStream);
            sendWait = Wait.of("aeron send: side=" + side.label(), side);
            receiveWait = Wait.of("aeron receive: side=" + side.label(), side);
            final Wait connect = Wait.of("aeron connect: side=" + side.label(), side);
            while (!publication.isConnected() || !subscription.isConnected())
            {
                connect.idle();
            }
        }

        @Override
        public void send(final UnsafeBuffer src, final int length)
        {
            sendWait.reset();
            long result;
            while ((result = publication.offer(src, 0, length)) < 0)
            {
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                {
                    throw new IllegalStateException("aeron offer failed: result=" + result);
                }
                sendWait.idle();
            }
        }

        @Override
        public int receive(final UnsafeBuffer dst)
        {
            this.dst = dst;
            received = -1;
            receiveWait.reset();
            while (received < 0)
            {
                if (subscription.poll(assembler, 1) == 0)
                {
                    receiveWait.idle();
                }
            }
            return received;
        }

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            buffer.getBytes(offset, dst, 0, length);
            received = length;
        }

        @Override
        public void close()
        {
            aeron.close();
        }
    }
}

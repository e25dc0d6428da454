package dev.mmipc.bench.transport;

import org.agrona.IoUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * The yardstick: Agrona's bare {@link OneToOneRingBuffer} over a mapped file in each direction, busy spinning,
 * with none of mmipc's header, liveness or closing logic.
 */
public final class AgronaRingTransport implements Transport
{
    /** Bytes of message storage in each direction. */
    public static final int CAPACITY = 4 << 20;
    private static final int MSG_TYPE = 1;

    @Override
    public String name()
    {
        return "agrona";
    }

    @Override
    public int maxMessageLength()
    {
        return CAPACITY / 8;
    }

    @Override
    public void create(final Path dir, final int maxMessageLength) throws Exception
    {
        for (final String name : new String[]{ "to-peer", "to-bench" })
        {
            try (RandomAccessFile file = new RandomAccessFile(dir.resolve(name).toFile(), "rw"))
            {
                file.setLength(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH);
            }
        }
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer)
    {
        return new RingEndpoint(dir.resolve("to-peer"), dir.resolve("to-bench"), Side.bench(peer));
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
    {
        return new RingEndpoint(dir.resolve("to-bench"), dir.resolve("to-peer"), Side.PEER);
    }

    private static final class RingEndpoint implements Endpoint
    {
        private final MappedByteBuffer outMap;
        private final MappedByteBuffer inMap;
        private final RingBuffer out;
        private final RingBuffer in;
        private final Wait sendWait;
        private final Wait receiveWait;
        private final MessageHandler handler = this::onMessage;
        private UnsafeBuffer dst;
        private int received;

        RingEndpoint(final Path outFile, final Path inFile, final Side side)
        {
            outMap = IoUtil.mapExistingFile(outFile.toFile(), "agrona out");
            inMap = IoUtil.mapExistingFile(inFile.toFile(), "agrona in");
            out = new OneToOneRingBuffer(new UnsafeBuffer(outMap));
            in = new OneToOneRingBuffer(new UnsafeBuffer(inMap));
            sendWait = Wait.of("agrona send: side=" + side.label(), side);
            receiveWait = Wait.of("agrona receive: side=" + side.label(), side);
        }

        @Override
        public void send(final UnsafeBuffer src, final int length)
        {
            sendWait.reset();
            while (!out.write(MSG_TYPE, src, 0, length))
            {
                sendWait.idle();
            }
        }

        @Override
        public int receive(final UnsafeBuffer dst)
        {
            this.dst = dst;
            received = -1;
            receiveWait.reset();
            while (in.read(handler, 1) == 0)
            {
                receiveWait.idle();
            }
            return received;
        }

        private void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            buffer.getBytes(index, dst, 0, length);
            received = length;
        }

        @Override
        public void close()
        {
            IoUtil.unmap(outMap);
            IoUtil.unmap(inMap);
        }
    }
}

package dev.mmipc.bench.transport;

import dev.mmipc.Namespace;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.queue.QueueOptions;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * mmipc's {@link MessageQueue} in one {@link QueueMode}, one queue per direction in the trial directory (used as
 * the namespace), {@link MessageQueue#offer} and {@link MessageQueue#poll} busy spinning exactly as the Agrona
 * yardstick does, and the same 4 MiB capacity. The queue's maximum message length is the trial's size.
 */
public final class MmipcQueueTransport implements Transport
{
    /** Bytes of message storage in each direction, as for {@link AgronaRingTransport}. */
    public static final int CAPACITY = AgronaRingTransport.CAPACITY;

    private final QueueMode mode;

    /**
     * @param mode the queue mode measured.
     */
    public MmipcQueueTransport(final QueueMode mode)
    {
        this.mode = mode;
    }

    /**
     * @param mode a queue mode.
     * @return the transport name of that mode, e.g. {@code mmipc-one-to-one}.
     */
    public static String nameOf(final QueueMode mode)
    {
        return "mmipc-" + mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public String name()
    {
        return nameOf(mode);
    }

    @Override
    public int maxMessageLength()
    {
        return MessageQueue.maxMessageLimit(mode, CAPACITY);
    }

    @Override
    public void create(final Path dir, final int maxMessageLength)
    {
        final Namespace ns = Namespace.at(dir);
        final QueueOptions options = QueueOptions.defaults().withMaxMessageLength(maxMessageLength);
        MessageQueue.create(ns, "to-peer", mode, CAPACITY, options).close();
        MessageQueue.create(ns, "to-bench", mode, CAPACITY, options).close();
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer)
    {
        return new QueueEndpoint(Namespace.at(dir), "to-peer", "to-bench", Side.bench(peer));
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
    {
        return new QueueEndpoint(Namespace.at(dir), "to-bench", "to-peer", Side.PEER);
    }

    private static final class QueueEndpoint implements Endpoint, MessageHandler
    {
        private final MessageQueue out;
        private final MessageQueue in;
        private final Wait sendWait;
        private final Wait receiveWait;
        private UnsafeBuffer dst;
        private int received;

        QueueEndpoint(final Namespace ns, final String outName, final String inName, final Side side)
        {
            out = MessageQueue.open(ns, outName);
            in = MessageQueue.open(ns, inName);
            sendWait = Wait.of("mmipc send: side=" + side.label() + ", queue=" + outName, side);
            receiveWait = Wait.of("mmipc receive: side=" + side.label() + ", queue=" + inName, side);
        }

        @Override
        public void send(final UnsafeBuffer src, final int length)
        {
            sendWait.reset();
            while (!out.offer(src, 0, length))
            {
                sendWait.idle();
            }
        }

        @Override
        public int receive(final UnsafeBuffer dst)
        {
            this.dst = dst;
            receiveWait.reset();
            while (!in.poll(this))
            {
                receiveWait.idle();
            }
            return received;
        }

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            buffer.getBytes(offset, dst, 0, length);
            received = length;
        }

        @Override
        public void close()
        {
            out.close();
            in.close();
        }
    }
}

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

import dev.mmipc.Namespace;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueDescriptor;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.queue.QueueOptions;
import org.agrona.DirectBuffer;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * mmipc's {@link MessageQueue} in one {@link QueueMode}, one queue per direction in the trial directory (used as
 * the namespace), {@link MessageQueue#offer} and {@link MessageQueue#drain} busy spinning exactly as the Agrona
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
    public long capacityMessages(final int length)
    {
        return QueueMode.MANY_TO_MANY == mode ? CAPACITY / QueueDescriptor.slotLength(length) :
            AgronaRingTransport.ringCapacityMessages(CAPACITY, length);
    }

    @Override
    public String describe(final int length)
    {
        return "MessageQueue " + mode + " of " + (CAPACITY >> 20) + " MiB per direction" +
            (QueueMode.MANY_TO_MANY == mode ? " (slots of " + QueueDescriptor.slotLength(length) + " B)" : "") +
            ", max message length = size, offer/drain busy spin";
    }

    @Override
    public String wraps()
    {
        return QueueMode.ONE_TO_ONE == mode ? "agrona" : null;
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
        private MessageSink sink;

        QueueEndpoint(final Namespace ns, final String outName, final String inName, final Side side)
        {
            out = MessageQueue.open(ns, outName);
            in = MessageQueue.open(ns, inName);
            sendWait = Wait.of("mmipc send: side=" + side.label() + ", queue=" + outName, side);
        }

        @Override
        public void send(final DirectBuffer src, final int offset, final int length)
        {
            sendWait.reset();
            while (!out.offer(src, offset, length))
            {
                sendWait.idle();
            }
        }

        @Override
        public int poll(final MessageSink sink, final int limit)
        {
            this.sink = sink;
            return in.drain(this, limit);
        }

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            sink.onMessage(buffer, offset, length);
        }

        @Override
        public void close()
        {
            out.close();
            in.close();
        }
    }
}

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

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A transport that breaks one message on purpose, to prove that the benchmark's delivery checks catch it: the
 * peer's end of another transport, whose send of the message with sequence number {@code at} drops it, sends it
 * twice, holds it back until after the next one, or flips a bit of its payload. Everything else is the wrapped
 * transport's. Named {@code fault-KIND-AT:INNER}, e.g. {@code fault-drop-100:agrona} ({@link Transports#create}).
 * Never measured: the trial must fail.
 */
public final class FaultInjectingTransport implements Transport
{
    /** Name prefix of every fault-injecting transport. */
    public static final String PREFIX = "fault-";

    /** What happens to the chosen message. */
    public enum Fault
    {
        /** Not sent. */
        DROP,
        /** Sent twice in a row. */
        DUPLICATE,
        /** Held back and sent after the next message (needs a stream: a round trip has one message in flight). */
        REORDER,
        /** One payload bit flipped. */
        CORRUPT
    }

    private final Fault fault;
    private final long at;
    private final Transport inner;

    /**
     * @param fault what happens.
     * @param at    the sequence number of the message it happens to.
     * @param inner the transport that carries the messages.
     */
    public FaultInjectingTransport(final Fault fault, final long at, final Transport inner)
    {
        this.fault = fault;
        this.at = at;
        this.inner = inner;
    }

    /**
     * @param fault what happens.
     * @param at    the sequence number of the message it happens to.
     * @param inner the wrapped transport's name.
     * @return the name of that fault-injecting transport.
     */
    public static String nameOf(final Fault fault, final long at, final String inner)
    {
        return PREFIX + fault.name().toLowerCase(Locale.ROOT) + "-" + at + ":" + inner;
    }

    /**
     * @param name a name made by {@link #nameOf}.
     * @return the transport it names.
     * @throws IllegalArgumentException when the name is not of that form.
     */
    static FaultInjectingTransport parse(final String name)
    {
        final int colon = name.indexOf(':');
        final int dash = name.lastIndexOf('-', colon);
        if (!name.startsWith(PREFIX) || colon < 0 || dash < PREFIX.length())
        {
            throw new IllegalArgumentException("fault transport name invalid: name=" + name + ", form=fault-KIND-AT:INNER");
        }
        try
        {
            final Fault fault = Fault.valueOf(name.substring(PREFIX.length(), dash).toUpperCase(Locale.ROOT));
            final long at = Long.parseLong(name.substring(dash + 1, colon));
            return new FaultInjectingTransport(fault, at, Transports.create(name.substring(colon + 1)));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("fault transport name invalid: name=" + name + ", form=fault-KIND-AT:INNER, " +
                "kinds=" + List.of(Fault.values()), ex);
        }
    }

    @Override
    public String name()
    {
        return nameOf(fault, at, inner.name());
    }

    @Override
    public int maxMessageLength()
    {
        return inner.maxMessageLength();
    }

    @Override
    public long capacityMessages(final int length)
    {
        return inner.capacityMessages(length);
    }

    @Override
    public String describe(final int length)
    {
        return inner.describe(length) + "; the peer's message " + at + ": " + fault;
    }

    @Override
    public boolean batchesWrites()
    {
        return inner.batchesWrites();
    }

    @Override
    public void create(final Path dir, final int maxMessageLength) throws Exception
    {
        inner.create(dir, maxMessageLength);
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer) throws Exception
    {
        return inner.benchEnd(dir, maxMessageLength, peer);
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
        throws Exception
    {
        return new FaultyEndpoint(inner.peerEnd(dir, maxMessageLength, stdin, stdout), maxMessageLength);
    }

    @Override
    public void destroy(final Path dir)
    {
        inner.destroy(dir);
    }

    private final class FaultyEndpoint implements Endpoint
    {
        private final Endpoint endpoint;
        private final UnsafeBuffer held;
        private int heldLength = -1;

        FaultyEndpoint(final Endpoint endpoint, final int maxMessageLength)
        {
            this.endpoint = endpoint;
            held = new UnsafeBuffer(new byte[maxMessageLength]);
        }

        @Override
        public void send(final DirectBuffer src, final int offset, final int length)
        {
            final long sequence = src.getLong(offset + MessageDescriptor.SEQUENCE_OFFSET);
            final int kind = src.getInt(offset + MessageDescriptor.KIND_OFFSET);
            if (sequence != at || (kind != MessageDescriptor.DATA && kind != MessageDescriptor.ECHO))
            {
                endpoint.send(src, offset, length);
                if (heldLength >= 0)
                {
                    endpoint.send(held, 0, heldLength);
                    heldLength = -1;
                }
                return;
            }
            switch (fault)
            {
                case DROP ->
                {
                }
                case DUPLICATE ->
                {
                    endpoint.send(src, offset, length);
                    endpoint.send(src, offset, length);
                }
                case REORDER ->
                {
                    src.getBytes(offset, held, 0, length);
                    heldLength = length;
                }
                case CORRUPT ->
                {
                    src.getBytes(offset, held, 0, length);
                    held.putByte(length - 1, (byte)(held.getByte(length - 1) ^ 0x10));
                    endpoint.send(held, 0, length);
                }
            }
        }

        @Override
        public void flush()
        {
            endpoint.flush();
        }

        @Override
        public int poll(final MessageSink sink, final int limit)
        {
            return endpoint.poll(sink, limit);
        }

        @Override
        public void close()
        {
            endpoint.close();
        }
    }
}

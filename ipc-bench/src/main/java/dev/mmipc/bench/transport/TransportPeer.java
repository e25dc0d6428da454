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

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The peer JVM of every transport benchmark. Arguments: {@code TRANSPORT DIR LENGTH ROLE}.
 * <ul>
 *   <li>{@code echo}: sends every {@link MessageDescriptor#ECHO} message back unchanged, from where the transport
 *   delivered it; exits 0 on {@link MessageDescriptor#STOP}.</li>
 *   <li>{@code produce}: waits for {@link MessageDescriptor#START}, then streams {@link MessageDescriptor#DATA}
 *   messages with sequence numbers 1, 2, 3, ..., each payload derived from its sequence number
 *   ({@link Messages#fill}), as fast as the transport takes them, until it is killed or its parent dies.</li>
 * </ul>
 * Standard output belongs to the transport; diagnostics go to standard error.
 */
public final class TransportPeer
{
    /** The peer's role. */
    public enum Role
    {
        /** Round trip: send back every message. */
        ECHO,
        /** Streaming: produce messages without end. */
        PRODUCE;

        /**
         * @return the role's argument, {@code echo} or {@code produce}.
         */
        public String arg()
        {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private TransportPeer()
    {
    }

    /**
     * @param args {@code TRANSPORT DIR LENGTH ROLE}.
     * @throws Exception when the transport fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
        final Transport transport = Transports.create(args[0]);
        final Path dir = Path.of(args[1]);
        final int length = Integer.parseInt(args[2]);
        final Role role = Role.valueOf(args[3].toUpperCase(Locale.ROOT));
        try (Endpoint endpoint = transport.peerEnd(dir, length, new FileInputStream(FileDescriptor.in), stdout))
        {
            if (Role.ECHO == role)
            {
                echo(endpoint);
            }
            else
            {
                produce(endpoint, length);
            }
        }
        System.exit(0);
    }

    private static void echo(final Endpoint endpoint)
    {
        final Wait wait = Wait.of("peer echo: side=peer", Side.PEER);
        final boolean[] stop = new boolean[1];
        final MessageSink sink = (buffer, offset, length) ->
        {
            final int kind = buffer.getInt(offset + MessageDescriptor.KIND_OFFSET);
            if (MessageDescriptor.ECHO == kind)
            {
                endpoint.send(buffer, offset, length);
                endpoint.flush();
            }
            else if (MessageDescriptor.STOP == kind)
            {
                stop[0] = true;
            }
        };
        while (!stop[0])
        {
            if (endpoint.poll(sink, Endpoint.POLL_LIMIT) == 0)
            {
                wait.idle();
            }
            else
            {
                wait.reset();
            }
        }
    }

    private static void produce(final Endpoint endpoint, final int length)
    {
        awaitStart(endpoint);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[length]);
        long sequence = 0;
        while (true)
        {
            Messages.fill(message, length, MessageDescriptor.DATA, ++sequence);
            endpoint.send(message, 0, length);
        }
    }

    private static void awaitStart(final Endpoint endpoint)
    {
        final Wait wait = Wait.of("peer start: side=peer", Side.PEER);
        final int[] kind = new int[1];
        final MessageSink sink = (DirectBuffer buffer, int offset, int length) ->
            kind[0] = buffer.getInt(offset + MessageDescriptor.KIND_OFFSET);
        while (kind[0] != MessageDescriptor.START)
        {
            if (endpoint.poll(sink, 1) == 0)
            {
                wait.idle();
            }
        }
    }
}

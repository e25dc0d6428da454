/*
 * Copyright © 2026 the mmipc authors (${email})
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

import dev.mmipc.queue.QueueMode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every transport by name, in report order; the one place a new transport is registered. Names of the form
 * {@code fault-KIND-AT:INNER} make a {@link FaultInjectingTransport} (never listed in {@link #names()}).
 */
public final class Transports
{
    private static final Map<String, Supplier<Transport>> ALL = new LinkedHashMap<>();

    static
    {
        for (final QueueMode mode : QueueMode.values())
        {
            register(MmipcQueueTransport.nameOf(mode), () -> new MmipcQueueTransport(mode));
        }
        register("mmipc-pipe", MmipcPipeTransport::new);
        register("agrona", AgronaRingTransport::new);
        register("pipe", () -> new PipeTransport(false));
        register("pipe-batched", () -> new PipeTransport(true));
        register("uds", () -> new SocketTransport(false, false));
        register("uds-batched", () -> new SocketTransport(false, true));
        register("tcp", () -> new SocketTransport(true, false));
        register("tcp-batched", () -> new SocketTransport(true, true));
        register("chronicle", ChronicleTransport::new);
        register("aeron", AeronTransport::new);
    }

    private Transports()
    {
    }

    private static void register(final String name, final Supplier<Transport> factory)
    {
        ALL.put(name, factory);
    }

    /**
     * @return the names of every transport, in report order.
     */
    public static List<String> names()
    {
        return List.copyOf(ALL.keySet());
    }

    /**
     * @param name a transport name.
     * @return a new instance of it.
     * @throws IllegalArgumentException when there is no such transport.
     */
    public static Transport create(final String name)
    {
        if (name.startsWith(FaultInjectingTransport.PREFIX))
        {
            return FaultInjectingTransport.parse(name);
        }
        final Supplier<Transport> factory = ALL.get(name);
        if (null == factory)
        {
            throw new IllegalArgumentException("unknown transport: name=" + name + ", known=" + ALL.keySet());
        }
        return factory.get();
    }

    static String writes(final boolean batched)
    {
        return (batched ? "writes gathered into batches of 64 KiB" : "one write system call per message") +
            ", reads of up to 64 KiB";
    }

    static void closeQuietly(final AutoCloseable closeable)
    {
        if (null != closeable)
        {
            try
            {
                closeable.close();
            }
            catch (final Exception ignore)
            {
                // releasing
            }
        }
    }
}

package dev.mmipc.bench.transport;

import dev.mmipc.queue.QueueMode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every transport by name; the one place a new transport is registered.
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
        register("pipe", PipeTransport::new);
        register("uds", UdsTransport::new);
        register("tcp", TcpTransport::new);
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
        final Supplier<Transport> factory = ALL.get(name);
        if (null == factory)
        {
            throw new IllegalArgumentException("unknown transport: name=" + name + ", known=" + ALL.keySet());
        }
        return factory.get();
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

package dev.mmipc.bench.transport;

import dev.mmipc.bench.TransportBenchmark;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Fork;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Chronicle Queue, one queue per direction in the trial directory (tmpfs), raw bytes in each excerpt, the
 * tailer busy polling. Chronicle keeps every message (it is a journal), so a streaming trial fills tmpfs at
 * the rate it runs: the runner keeps Chronicle's trials short.
 */
public final class ChronicleTransport implements Transport
{
    /**
     * The JVM flags Chronicle's own build passes on Java 17+ (its parent pom's {@code jvm.requiredArgs}), and
     * analytics switched off: read from {@link TransportBenchmark}'s {@code @Fork}, where they must be literal,
     * as everything after the heap size, so the list is written once.
     */
    public static final List<String> FLAGS = forkFlagsAfterHeapSize();

    @Override
    public String name()
    {
        return "chronicle";
    }

    @Override
    public int maxMessageLength()
    {
        return 1 << 20;
    }

    @Override
    public List<String> jvmFlags()
    {
        return FLAGS;
    }

    @Override
    public void create(final Path dir, final int maxMessageLength)
    {
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer)
    {
        return new ChronicleEndpoint(dir.resolve("cq-to-peer"), dir.resolve("cq-to-bench"), maxMessageLength, Side.bench(peer));
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
    {
        return new ChronicleEndpoint(dir.resolve("cq-to-bench"), dir.resolve("cq-to-peer"), maxMessageLength, Side.PEER);
    }

    private static final class ChronicleEndpoint implements Endpoint
    {
        private final ChronicleQueue outQueue;
        private final ChronicleQueue inQueue;
        private final ExcerptAppender appender;
        private final ExcerptTailer tailer;
        private final Wait receiveWait;

        ChronicleEndpoint(final Path out, final Path in, final int maxMessageLength, final Side side)
        {
            outQueue = SingleChronicleQueueBuilder.binary(out).build();
            inQueue = SingleChronicleQueueBuilder.binary(in).build();
            appender = outQueue.createAppender();
            tailer = inQueue.createTailer();
            receiveWait = Wait.of("chronicle receive: side=" + side.label(), side);
        }

        @Override
        public void send(final UnsafeBuffer src, final int length)
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().write(src.byteArray(), 0, length);
            }
        }

        @Override
        public int receive(final UnsafeBuffer dst)
        {
            receiveWait.reset();
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (dc.isPresent())
                    {
                        final Bytes<?> bytes = dc.wire().bytes();
                        final int length = (int)bytes.readRemaining();
                        bytes.read(dst.byteArray(), 0, length);
                        return length;
                    }
                }
                receiveWait.idle();
            }
        }

        @Override
        public void close()
        {
            tailer.close();
            appender.close();
            outQueue.close();
            inQueue.close();
        }
    }

    private static List<String> forkFlagsAfterHeapSize()
    {
        final List<String> all = List.of(TransportBenchmark.class.getAnnotation(Fork.class).jvmArgsAppend());
        final int heap = all.indexOf(TransportBenchmark.FORK_HEAP);
        if (heap < 0)
        {
            throw new IllegalStateException("transport benchmark fork args lack the heap size: args=" + all);
        }
        return all.subList(heap + 1, all.size());
    }
}

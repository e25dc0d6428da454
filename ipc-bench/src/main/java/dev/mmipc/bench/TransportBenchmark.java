package dev.mmipc.bench;

import dev.mmipc.bench.transport.Endpoint;
import dev.mmipc.bench.transport.Protocol;
import dev.mmipc.bench.transport.Transport;
import dev.mmipc.bench.transport.TransportPeer;
import dev.mmipc.bench.transport.Transports;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Messages between two JVMs over each {@link Transport}: round trip ({@link #roundTrip()}, sampled, so JMH
 * reports p50/p90/p99/p99.9) and one-way streaming ({@link #stream()}, messages/s; MB/s is messages/s times
 * {@code size}). The peer JVM ({@link TransportPeer}) is started in trial setup and always stopped in teardown.
 * <p>
 * Every echo carries a sequence number that is checked on return, so a transport that lost, duplicated or
 * reordered a message fails its trial instead of reporting a round trip faster than the hardware allows.
 * <p>
 * Streaming sends {@value #BATCH} messages and waits for the peer to echo the last one, so the figure is what
 * the consumer took in, not what the producer managed to buffer; the one round trip per batch is part of it.
 * <p>
 * A size larger than the transport carries fails the trial in setup with a message saying so; the runner
 * ({@link BenchMain}) does not schedule such pairs and the report marks them.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", TransportBenchmark.FORK_HEAP,
    // Chronicle Queue's flags, everything after the heap size: ChronicleTransport.FLAGS reads them from here
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "-Dchronicle.analytics.disable=true",
    "-Dchronicle.announcer.disable=true",
    "-Dslf4j.internal.verbosity=ERROR" })
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TransportBenchmark
{
    /** Heap of the benchmark fork; Chronicle's flags follow it in {@code jvmArgsAppend}. */
    public static final String FORK_HEAP = "-Xmx512m";

    /** Messages per streaming invocation. */
    public static final int BATCH = 1000;

    /** The transport, by {@link Transports} name. */
    @Param({ "mmipc-one-to-one", "mmipc-many-to-one", "mmipc-many-to-many", "mmipc-pipe", "agrona", "pipe", "uds", "tcp", "chronicle", "aeron" })
    public String transport;

    /** Message length in bytes. */
    @Param({ "32", "256", "4096", "65536" })
    public int size;

    private Path dir;
    private Transport impl;
    private PeerProcess peer;
    private Endpoint endpoint;
    private UnsafeBuffer echo;
    private UnsafeBuffer data;
    private UnsafeBuffer in;
    private long sequence;

    /**
     * Make the transport's resources, start the peer, connect, and check one echo.
     *
     * @throws Exception when the transport cannot be set up.
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        impl = Transports.create(transport);
        if (size > impl.maxMessageLength() || size < Protocol.MIN_LENGTH)
        {
            throw new IllegalArgumentException("transport cannot carry size: transport=" + transport +
                ", size=" + size + ", max=" + impl.maxMessageLength());
        }
        dir = PeerProcess.tempNamespace();
        try
        {
            impl.create(dir, size);
            peer = PeerProcess.start(impl.jvmFlags(), "pipe".equals(transport), TransportPeer.class,
                transport, dir.toString(), Integer.toString(size));
            endpoint = impl.benchEnd(dir, size, peer.process());
            echo = message(Protocol.ECHO);
            data = message(Protocol.DATA);
            in = new UnsafeBuffer(new byte[size]);
            endpoint.send(echo, size);
            if (endpoint.receive(in) != size)
            {
                throw new IllegalStateException("echo length mismatch: transport=" + transport);
            }
        }
        catch (final Exception | Error ex)
        {
            tearDown();
            throw ex;
        }
    }

    private UnsafeBuffer message(final byte kind)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[size]);
        for (int i = 0; i < size; i++)
        {
            buffer.putByte(i, (byte)i);
        }
        buffer.putByte(0, kind);
        return buffer;
    }

    /**
     * Tell the peer to stop, close this end, stop (or kill) the peer, release and remove everything.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        if (null != endpoint)
        {
            try
            {
                final UnsafeBuffer stop = message(Protocol.STOP);
                endpoint.send(stop, size);
            }
            catch (final RuntimeException ignore)
            {
                // the peer is stopped below either way
            }
        }
        if (null != peer)
        {
            peer.stop(10_000);
        }
        if (null != endpoint)
        {
            endpoint.close();
        }
        if (null != impl)
        {
            impl.destroy(dir);
        }
        if (null != dir)
        {
            PeerProcess.deleteRecursively(dir);
        }
        endpoint = null;
        peer = null;
        impl = null;
        dir = null;
    }

    /**
     * @return the echoed length.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int roundTrip()
    {
        final long seq = ++sequence;
        echo.putLong(8, seq);
        endpoint.send(echo, size);
        final int length = endpoint.receive(in);
        if (in.getLong(8) != seq)
        {
            throw new IllegalStateException("echo out of order: transport=" + transport + ", expected=" + seq +
                ", got=" + in.getLong(8));
        }
        return length;
    }

    /**
     * @return the echoed length of the last message of the batch.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public int stream()
    {
        final Endpoint endpoint = this.endpoint;
        final UnsafeBuffer data = this.data;
        final int size = this.size;
        for (int i = 1; i < BATCH; i++)
        {
            endpoint.send(data, size);
        }
        final long seq = ++sequence;
        echo.putLong(8, seq);
        endpoint.send(echo, size);
        final int length = endpoint.receive(in);
        if (in.getLong(8) != seq)
        {
            throw new IllegalStateException("echo out of order: transport=" + transport + ", expected=" + seq +
                ", got=" + in.getLong(8));
        }
        return length;
    }
}

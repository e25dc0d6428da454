package dev.mmipc.bench.transport;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A way of moving messages between two JVMs. Adding a transport to the benchmarks is one class implementing
 * this interface plus one line in {@link Transports}.
 * <p>
 * Order of calls in a trial: the benchmark JVM calls {@link #create(Path, int)}, starts the peer JVM
 * ({@link TransportPeer}, which calls {@link #peerEnd}), then calls {@link #benchEnd}; at the end both ends
 * are closed, the peer is stopped, then {@link #destroy(Path)} runs and the directory is removed.
 */
public interface Transport
{
    /** How long any single wait for the other side may take before it is an error. */
    long WAIT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    /**
     * @return the short name used in parameters and reports, e.g. {@code uds}.
     */
    String name();

    /**
     * @return the longest message this transport carries as configured here.
     */
    int maxMessageLength();

    /**
     * @return JVM flags the peer (and the benchmark JVM) need beyond mmipc's own.
     */
    default List<String> jvmFlags()
    {
        return List.of();
    }

    /**
     * Make the shared resources (files, listening sockets) before the peer starts.
     *
     * @param dir              a private directory for this trial, on tmpfs where there is one.
     * @param maxMessageLength the longest message of the trial.
     * @throws Exception when they cannot be made.
     */
    void create(Path dir, int maxMessageLength) throws Exception;

    /**
     * @param dir              as given to {@link #create}.
     * @param maxMessageLength the longest message of the trial.
     * @param peer             the running peer JVM (its stdin/stdout belong to the transport).
     * @return the benchmark's end.
     * @throws Exception when the end cannot be made.
     */
    Endpoint benchEnd(Path dir, int maxMessageLength, Process peer) throws Exception;

    /**
     * @param dir              as given to {@link #create}.
     * @param maxMessageLength the longest message of the trial.
     * @param stdin            the peer's standard input.
     * @param stdout           the peer's standard output (nothing else may write to it).
     * @return the peer's end.
     * @throws Exception when the end cannot be made.
     */
    Endpoint peerEnd(Path dir, int maxMessageLength, InputStream stdin, OutputStream stdout) throws Exception;

    /**
     * Release what {@link #create} made, after both ends are closed; never throws.
     *
     * @param dir as given to {@link #create}.
     */
    default void destroy(final Path dir)
    {
    }
}

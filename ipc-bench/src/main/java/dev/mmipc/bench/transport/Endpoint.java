package dev.mmipc.bench.transport;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One side of a two-way message channel between the benchmark JVM and its peer JVM.
 * <p>
 * Both calls wait until done; every wait is bounded ({@link Transport#WAIT_TIMEOUT_NS}) so a benchmark
 * never hangs on a peer that died.
 */
public interface Endpoint extends AutoCloseable
{
    /**
     * Send one message, waiting for room.
     *
     * @param src    holds the message at offset 0 (a heap buffer: {@code src.byteArray()} is not null).
     * @param length its bytes.
     */
    void send(UnsafeBuffer src, int length);

    /**
     * Receive one message, waiting for it; its bytes are copied into {@code dst} from offset 0.
     *
     * @param dst a heap buffer large enough for any message of the trial.
     * @return the message length.
     */
    int receive(UnsafeBuffer dst);

    /**
     * Release this end; never throws.
     */
    @Override
    void close();
}

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

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A way of moving messages between two JVMs. Adding a transport to the benchmarks is one class implementing
 * this interface plus one line in {@link Transports}, which also holds what is known of it before an instance exists
 * (the JVM flags its processes need, whether it keeps a journal, how the report reads it).
 * <p>
 * Order of calls in a trial: the benchmark JVM calls {@link #create(Path, int)}, starts the peer JVM
 * ({@link TransportPeer}, which calls {@link #peerEnd}), then calls {@link #benchEnd}; at the end both ends
 * are closed, the peer is stopped, then {@link #destroy(Path)} runs and the directory is removed.
 */
public interface Transport
{
    /**
     * How long any single wait for the other side may take before it is an error: 30 s, or the system property
     * {@code mmipc.bench.waitTimeoutMs}.
     */
    long WAIT_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(Long.getLong("mmipc.bench.waitTimeoutMs", 30_000));

    /**
     * @return the short name used in parameters and reports, e.g. {@code uds}.
     */
    String name();

    /**
     * @return the longest message this transport carries as configured here.
     */
    int maxMessageLength();

    /**
     * Called after {@link #benchEnd}: some transports know their buffers only once connected.
     *
     * @param length a message length.
     * @return how many messages of that length one direction holds before a producer waits, or -1 when it
     *         never waits (a journal).
     */
    long capacityMessages(int length);

    /**
     * @param length a message length.
     * @return how this transport is set up for messages of that length, in one line for the report (buffer sizes,
     *         threads, wait strategy).
     */
    String describe(int length);

    /**
     * @return the name of the transport this one is built on, which it cannot beat without a bug in the
     *         measurement (mmipc's one-to-one queue wraps Agrona's ring), or null.
     */
    default String wraps()
    {
        return null;
    }

    /**
     * @return true when {@link Endpoint#send} gathers messages and writes them in batches: such a transport is
     *         measured streaming only, since with one message in flight a batch is one message.
     */
    default boolean batchesWrites()
    {
        return false;
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

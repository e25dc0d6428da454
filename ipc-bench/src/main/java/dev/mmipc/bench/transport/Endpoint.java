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

/**
 * One side of a two-way message channel between the benchmark JVM and its peer JVM.
 * <p>
 * {@link #send} waits for room (spinning, or blocked in the kernel for pipes and sockets); every spinning wait is
 * bounded ({@link Transport#WAIT_TIMEOUT_NS} and the other process's life), so a benchmark never hangs on a peer
 * that died. A transport that batches writes may hold messages until {@link #flush}. {@link #poll} hands up to
 * {@code limit} messages to a sink: the spinning transports return 0 at once when there is none; pipes and
 * sockets block in the kernel until at least one message is whole, and throw at end of stream.
 */
public interface Endpoint extends AutoCloseable
{
    /** Most messages one poll takes, in every trial, on both sides, and in the C ring. */
    int POLL_LIMIT = 64;

    /**
     * Send one message, waiting for room.
     *
     * @param src    holds the message.
     * @param offset where it starts.
     * @param length its bytes.
     */
    void send(DirectBuffer src, int offset, int length);

    /**
     * Push out messages a batching transport holds; a no-op where every send writes at once.
     */
    default void flush()
    {
    }

    /**
     * Hand the messages that are ready, up to {@code limit}, to {@code sink}, in order.
     *
     * @param sink  receives each message.
     * @param limit most messages to hand over, at least 1.
     * @return messages handed over.
     */
    int poll(MessageSink sink, int limit);

    /**
     * Release this end; never throws.
     */
    @Override
    void close();
}

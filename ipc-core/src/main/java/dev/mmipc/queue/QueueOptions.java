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
package dev.mmipc.queue;

import dev.mmipc.liveness.Timeouts;
import dev.mmipc.wait.WaitStrategy;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of one {@link MessageQueue} handle. Immutable: every {@code withXxx} returns a copy.
 * <p>
 * Only {@link #maxMessageLength()} is a parameter of the queue itself (stored in its header when it is
 * created, and checked against the header when a handle opens it with a non-zero value). The others belong
 * to the handle: two processes may wait differently on the same queue.
 */
public final class QueueOptions
{
    /**
     * Default liveness timeout: how long a consumer or producer waits behind a stalled claim before it checks the
     * owner ({@link Timeouts#DEFAULT_LIVENESS_TIMEOUT}).
     */
    public static final Duration DEFAULT_LIVENESS_TIMEOUT = Timeouts.DEFAULT_LIVENESS_TIMEOUT;

    private static final QueueOptions DEFAULTS =
        new QueueOptions(0, WaitStrategy.backoff(), DEFAULT_LIVENESS_TIMEOUT, false, null);

    private final int maxMessageLength;
    private final WaitStrategy waitStrategy;
    private final Duration livenessTimeout;
    private final long livenessTimeoutNs;
    private final boolean endOfStreamOnClose;
    private final RingEngine ringEngine;

    private QueueOptions(
        final int maxMessageLength, final WaitStrategy waitStrategy, final Duration livenessTimeout,
        final boolean endOfStreamOnClose, final RingEngine ringEngine)
    {
        this.ringEngine = ringEngine;
        this.maxMessageLength = maxMessageLength;
        this.waitStrategy = waitStrategy;
        this.livenessTimeout = livenessTimeout;
        this.livenessTimeoutNs = livenessTimeout.toNanos();
        this.endOfStreamOnClose = endOfStreamOnClose;
    }

    /**
     * @return the defaults: mode-default maximum message length, {@link WaitStrategy#backoff()}, a one second
     * liveness timeout, and {@code close()} that does not mark the end of stream.
     */
    public static QueueOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * @param maxMessageLength largest message in bytes; 0 means the mode's default. When creating, it must not
     *                         exceed {@link MessageQueue#maxMessageLimit(QueueMode, int)}; when opening, a non-zero
     *                         value must equal the queue's.
     * @return a copy with this maximum message length.
     */
    public QueueOptions withMaxMessageLength(final int maxMessageLength)
    {
        if (maxMessageLength < 0)
        {
            throw new IllegalArgumentException("max message length negative: max_message_length=" + maxMessageLength);
        }
        return new QueueOptions(maxMessageLength, waitStrategy, livenessTimeout, endOfStreamOnClose, ringEngine);
    }

    /**
     * @param waitStrategy how {@code put} and {@code take} wait.
     * @return a copy with this wait strategy.
     */
    public QueueOptions withWaitStrategy(final WaitStrategy waitStrategy)
    {
        return new QueueOptions(
            maxMessageLength, Objects.requireNonNull(waitStrategy, "waitStrategy"), livenessTimeout, endOfStreamOnClose,
            ringEngine);
    }

    /**
     * The liveness timeout ({@link Timeouts}): how long a handle stays blocked behind a claim that is not committed (a producer between
     * {@code tryClaim} and {@code commit}, or a consumer between taking a slot and releasing it) before it
     * asks whether the owner still lives (the OS for an owner in this PID namespace; for one in another, whether
     * its heartbeat is younger than this timeout, and never less than 5 heartbeat periods, see
     * {@link dev.mmipc.liveness.Liveness}); the same judgement decides whether a lease holder lives. A dead
     * owner's claim is then skipped; a live owner is never overridden. One narrow exception, in {@link
     * QueueMode#MANY_TO_ONE}: a claim whose owner has
     * not yet written its pid (a window of a few instructions after the claim's compare-and-set) has no owner
     * to ask, and is skipped as dead; a producer stopped in exactly that window for longer than this timeout (a
     * {@code SIGSTOP}, a multi-second safepoint pause) then writes into space the consumer has skipped, and the
     * queue's contents are no longer reliable. Keep this timeout well above the longest pause you expect.
     *
     * @param livenessTimeout from {@link Timeouts#MIN_LIVENESS_TIMEOUT} (1 ms) to {@link Timeouts#MAX_TIMEOUT}.
     * @return a copy with this liveness timeout.
     * @throws IllegalArgumentException when null or out of range.
     */
    public QueueOptions withLivenessTimeout(final Duration livenessTimeout)
    {
        return new QueueOptions(
            maxMessageLength, waitStrategy, Timeouts.checkLivenessTimeout(livenessTimeout), endOfStreamOnClose,
            ringEngine);
    }

    /**
     * @param endOfStreamOnClose if true, {@link MessageQueue#close()} on this handle first calls
     *                           {@link MessageQueue#markClosed()}: for the one producer that owns the stream.
     * @return a copy with this setting.
     */
    public QueueOptions withEndOfStreamOnClose(final boolean endOfStreamOnClose)
    {
        return new QueueOptions(maxMessageLength, waitStrategy, livenessTimeout, endOfStreamOnClose, ringEngine);
    }

    /**
     * @param ringEngine the protocol of a {@link QueueMode#ONE_TO_ONE} queue this handle creates; when it opens
     *                   one, the queue's must be this. Another mode refuses any but {@link RingEngine#AGRONA}.
     * @return a copy with this ring engine.
     */
    public QueueOptions withRingEngine(final RingEngine ringEngine)
    {
        return new QueueOptions(
            maxMessageLength, waitStrategy, livenessTimeout, endOfStreamOnClose, Objects.requireNonNull(ringEngine, "ringEngine"));
    }

    /**
     * @return the ring engine asked for, or null for the default when creating ({@link RingEngine#AGRONA}) and the
     * queue's own when opening.
     */
    public RingEngine ringEngine()
    {
        return ringEngine;
    }

    /**
     * @return largest message in bytes, or 0 for the mode's default.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * @return how {@code put} and {@code take} wait.
     */
    public WaitStrategy waitStrategy()
    {
        return waitStrategy;
    }

    /**
     * @return the liveness timeout.
     */
    public Duration livenessTimeout()
    {
        return livenessTimeout;
    }

    /**
     * @return the liveness timeout in nanoseconds, for the engines.
     */
    long livenessTimeoutNs()
    {
        return livenessTimeoutNs;
    }

    /**
     * @return true if {@code close()} marks the end of stream.
     */
    public boolean endOfStreamOnClose()
    {
        return endOfStreamOnClose;
    }

    @Override
    public String toString()
    {
        return "QueueOptions{max_message_length=" + maxMessageLength + ", wait=" + waitStrategy.name() +
            ", liveness_timeout=" + livenessTimeout + ", end_of_stream_on_close=" + endOfStreamOnClose +
            ", ring_engine=" + (ringEngine == null ? "default" : ringEngine.name()) + '}';
    }
}

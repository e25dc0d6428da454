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
package dev.mmipc.queue;

import dev.mmipc.wait.WaitStrategy;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Options of one {@link MessageQueue} handle. Immutable: every {@code withXxx} returns a copy.
 * <p>
 * Only {@link #maxMessageLength()} is a parameter of the queue itself (stored in its header when it is
 * created, and checked against the header when a handle opens it with a non-zero value). The others belong
 * to the handle: two processes may wait differently on the same queue.
 */
public final class QueueOptions
{
    /** Default unblock timeout: how long a consumer or producer waits behind a stalled claim before it checks the owner. */
    public static final long DEFAULT_UNBLOCK_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);

    private static final QueueOptions DEFAULTS = new QueueOptions(0, WaitStrategy.backoff(), DEFAULT_UNBLOCK_TIMEOUT_NS, false);

    private final int maxMessageLength;
    private final WaitStrategy waitStrategy;
    private final long unblockTimeoutNs;
    private final boolean endOfStreamOnClose;

    private QueueOptions(
        final int maxMessageLength, final WaitStrategy waitStrategy, final long unblockTimeoutNs,
        final boolean endOfStreamOnClose)
    {
        this.maxMessageLength = maxMessageLength;
        this.waitStrategy = waitStrategy;
        this.unblockTimeoutNs = unblockTimeoutNs;
        this.endOfStreamOnClose = endOfStreamOnClose;
    }

    /**
     * @return the defaults: mode-default maximum message length, {@link WaitStrategy#backoff()}, a one second
     * unblock timeout, and {@code close()} that does not mark the end of stream.
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
        return new QueueOptions(maxMessageLength, waitStrategy, unblockTimeoutNs, endOfStreamOnClose);
    }

    /**
     * @param waitStrategy how {@code put} and {@code take} wait.
     * @return a copy with this wait strategy.
     */
    public QueueOptions withWaitStrategy(final WaitStrategy waitStrategy)
    {
        return new QueueOptions(
            maxMessageLength, Objects.requireNonNull(waitStrategy, "waitStrategy"), unblockTimeoutNs, endOfStreamOnClose);
    }

    /**
     * How long a handle stays blocked behind a claim that is not committed (a producer between
     * {@code tryClaim} and {@code commit}, or a consumer between taking a slot and releasing it) before it
     * asks whether the owner still lives (the OS for an owner in this PID namespace; for one in another, whether
     * its heartbeat is younger than this timeout, and never less than 5 heartbeat periods, see
     * {@link dev.mmipc.liveness.Liveness}); the same judgement decides whether a lease holder lives. A dead
     * owner's claim is then skipped; a live owner is never overridden. One narrow exception, in {@link QueueMode#MANY_TO_ONE}: a claim whose owner has
     * not yet written its pid (a window of a few instructions after the claim's compare-and-set) has no owner
     * to ask, and is skipped as dead; a producer stopped in exactly that window for longer than this timeout (a
     * {@code SIGSTOP}, a multi-second safepoint pause) then writes into space the consumer has skipped, and the
     * queue's contents are no longer reliable. Keep this timeout well above the longest pause you expect.
     *
     * @param timeout bound, at least one millisecond.
     * @param unit    unit of {@code timeout}.
     * @return a copy with this unblock timeout.
     */
    public QueueOptions withUnblockTimeout(final long timeout, final TimeUnit unit)
    {
        final long ns = unit.toNanos(timeout);
        if (ns < TimeUnit.MILLISECONDS.toNanos(1))
        {
            throw new IllegalArgumentException("unblock timeout below 1 ms: unblock_timeout_ns=" + ns);
        }
        return new QueueOptions(maxMessageLength, waitStrategy, ns, endOfStreamOnClose);
    }

    /**
     * @param endOfStreamOnClose if true, {@link MessageQueue#close()} on this handle first calls
     *                           {@link MessageQueue#markClosed()}: for the one producer that owns the stream.
     * @return a copy with this setting.
     */
    public QueueOptions withEndOfStreamOnClose(final boolean endOfStreamOnClose)
    {
        return new QueueOptions(maxMessageLength, waitStrategy, unblockTimeoutNs, endOfStreamOnClose);
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
     * @return the unblock timeout in nanoseconds.
     */
    public long unblockTimeoutNs()
    {
        return unblockTimeoutNs;
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
            ", unblock_timeout_ns=" + unblockTimeoutNs + ", end_of_stream_on_close=" + endOfStreamOnClose + '}';
    }
}

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
package dev.mmipc.sync;

import dev.mmipc.liveness.Timeouts;
import dev.mmipc.wait.WaitStrategy;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-handle settings of a sync primitive or a pipe end: how long an owner may keep it before a waiter asks whether
 * the owner still lives (the liveness timeout, see {@link Timeouts} and {@link dev.mmipc.liveness.Liveness}), and how
 * blocking calls wait. Immutable: every {@code withX} returns a copy.
 * <pre>{@code
 * SyncOptions fast = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(100));
 * }</pre>
 */
public final class SyncOptions
{
    /** Default liveness timeout ({@link Timeouts#DEFAULT_LIVENESS_TIMEOUT}). */
    public static final Duration DEFAULT_LIVENESS_TIMEOUT = Timeouts.DEFAULT_LIVENESS_TIMEOUT;

    private static final SyncOptions DEFAULTS = new SyncOptions(DEFAULT_LIVENESS_TIMEOUT, WaitStrategy.backoff());

    private final Duration livenessTimeout;
    private final long livenessTimeoutNs;
    private final WaitStrategy waitStrategy;

    private SyncOptions(final Duration livenessTimeout, final WaitStrategy waitStrategy)
    {
        this.livenessTimeout = livenessTimeout;
        this.livenessTimeoutNs = livenessTimeout.toNanos();
        this.waitStrategy = waitStrategy;
    }

    /**
     * @return liveness timeout one second, {@link WaitStrategy#backoff()}.
     */
    public static SyncOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * @param livenessTimeout how long the same owner may keep a lock, or a pipe end may stay silent, before its
     *                        process's liveness is checked; a dead owner is recovered after about this long. For an
     *                        owner in another PID namespace it is also how old its heartbeat may be, and never less
     *                        than 5 heartbeat periods (0.5 s by default): such an owner is recovered that long after
     *                        its death, plus up to one heartbeat period. From {@link Timeouts#MIN_LIVENESS_TIMEOUT}
     *                        (1 ms) to {@link Timeouts#MAX_TIMEOUT}.
     * @return a copy with this liveness timeout.
     * @throws IllegalArgumentException when null or out of range.
     */
    public SyncOptions withLivenessTimeout(final Duration livenessTimeout)
    {
        return new SyncOptions(Timeouts.checkLivenessTimeout(livenessTimeout), waitStrategy);
    }

    /**
     * @param waitStrategy how blocking calls wait.
     * @return a copy with this wait strategy.
     */
    public SyncOptions withWaitStrategy(final WaitStrategy waitStrategy)
    {
        return new SyncOptions(livenessTimeout, Objects.requireNonNull(waitStrategy, "waitStrategy"));
    }

    /**
     * @return the liveness timeout.
     */
    public Duration livenessTimeout()
    {
        return livenessTimeout;
    }

    /**
     * @return the liveness timeout in nanoseconds, for the primitives.
     */
    long livenessTimeoutNs()
    {
        return livenessTimeoutNs;
    }

    /**
     * @return the wait strategy.
     */
    public WaitStrategy waitStrategy()
    {
        return waitStrategy;
    }

    @Override
    public String toString()
    {
        return "SyncOptions{liveness_timeout=" + livenessTimeout + ", wait=" + waitStrategy.name() + '}';
    }
}

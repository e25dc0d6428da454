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
package dev.mmipc.sync;

import dev.mmipc.wait.WaitStrategy;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Per-handle settings of a sync primitive: how long an owner may keep it before a waiter asks whether the owner
 * still lives (the liveness timeout; see {@link dev.mmipc.liveness.Liveness}), and how blocking calls wait.
 * Immutable.
 * <pre>{@code
 * SyncOptions fast = SyncOptions.defaults().livenessTimeout(100, TimeUnit.MILLISECONDS);
 * }</pre>
 */
public final class SyncOptions
{
    /** Default liveness timeout in milliseconds. */
    public static final long DEFAULT_LIVENESS_TIMEOUT_MS = 1_000;

    private static final SyncOptions DEFAULTS = new SyncOptions(
        TimeUnit.MILLISECONDS.toNanos(DEFAULT_LIVENESS_TIMEOUT_MS), WaitStrategy.backoff());

    private final long livenessTimeoutNs;
    private final WaitStrategy waitStrategy;

    private SyncOptions(final long livenessTimeoutNs, final WaitStrategy waitStrategy)
    {
        this.livenessTimeoutNs = livenessTimeoutNs;
        this.waitStrategy = waitStrategy;
    }

    /**
     * @return liveness timeout {@value #DEFAULT_LIVENESS_TIMEOUT_MS} ms, {@link WaitStrategy#backoff()}.
     */
    public static SyncOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * @param timeout how long the same owner may keep a lock, or a pipe end may stay silent, before its
     *                process's liveness is checked; a dead owner is recovered after about this long. For an owner
     *                in another PID namespace it is also how old its heartbeat may be, and never less than 5
     *                heartbeat periods (0.5 s by default): such an owner is recovered that long after its death,
     *                plus up to one heartbeat period.
     * @param unit    unit of {@code timeout}.
     * @return new options.
     * @throws IllegalArgumentException when not positive.
     */
    public SyncOptions livenessTimeout(final long timeout, final TimeUnit unit)
    {
        final long ns = unit.toNanos(timeout);
        if (ns <= 0)
        {
            throw new IllegalArgumentException("liveness timeout not positive: timeout_ns=" + ns);
        }
        return new SyncOptions(ns, waitStrategy);
    }

    /**
     * @param strategy how blocking calls wait.
     * @return new options.
     */
    public SyncOptions waitStrategy(final WaitStrategy strategy)
    {
        return new SyncOptions(livenessTimeoutNs, Objects.requireNonNull(strategy, "strategy"));
    }

    /**
     * @return the liveness timeout in nanoseconds.
     */
    public long livenessTimeoutNs()
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
        return "SyncOptions{liveness_timeout_ns=" + livenessTimeoutNs + ", wait=" + waitStrategy.name() + '}';
    }
}

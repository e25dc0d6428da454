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
package dev.mmipc.liveness;

import java.time.Duration;

/**
 * The one liveness timeout of mmipc, and the check every option of time goes through.
 * <p>
 * <b>Liveness timeout</b>: how long a waiter watches an unchanged owner or progress word ({@link StallWatch})
 * before it asks {@link Liveness} whether the owner lives. A dead owner is recovered about that long after it
 * stalled the waiter; for an owner in another PID namespace it is also how old its heartbeat may be (never less
 * than {@value Liveness#STALE_FLOOR_PERIODS} heartbeat periods). Queues, sync primitives, pipes and counters all
 * take it as {@code withLivenessTimeout(Duration)}, default {@link #DEFAULT_LIVENESS_TIMEOUT}, between
 * {@link #MIN_LIVENESS_TIMEOUT} and {@link #MAX_TIMEOUT}.
 * <p>
 * <b>Options convention</b>: option setters are {@code withX(...)} on immutable options, times are
 * {@link Duration}, getters {@code x()} return the Duration. A timeout that is null, out of range or, where zero is
 * not allowed, zero or negative is an {@link IllegalArgumentException} naming the option and the value, e.g.
 * {@code timeout out of range: option=livenessTimeout, value=PT0S, min=PT0.001S, max=PT24H}. Blocking calls keep the
 * {@code java.util.concurrent} convention {@code (long timeout, TimeUnit unit)}.
 */
public final class Timeouts
{
    /** Default liveness timeout: one second. */
    public static final Duration DEFAULT_LIVENESS_TIMEOUT = Duration.ofSeconds(1);
    /** Shortest liveness timeout accepted. */
    public static final Duration MIN_LIVENESS_TIMEOUT = Duration.ofMillis(1);
    /** Longest timeout any option accepts: one day. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    private static final Duration SHORTEST_POSITIVE = Duration.ofNanos(1);

    private Timeouts()
    {
    }

    /**
     * @param value a liveness timeout.
     * @return it, when in [{@link #MIN_LIVENESS_TIMEOUT}, {@link #MAX_TIMEOUT}].
     * @throws IllegalArgumentException when null or out of range, naming the option {@code livenessTimeout}.
     */
    public static Duration checkLivenessTimeout(final Duration value)
    {
        return check("livenessTimeout", value, MIN_LIVENESS_TIMEOUT, MAX_TIMEOUT);
    }

    /**
     * @param option the option's name, e.g. {@code lockTimeout}.
     * @param value  its value.
     * @return the value, when positive and at most {@link #MAX_TIMEOUT}.
     * @throws IllegalArgumentException when null, zero, negative or too long, naming the option and the value.
     */
    public static Duration checkPositive(final String option, final Duration value)
    {
        return check(option, value, SHORTEST_POSITIVE, MAX_TIMEOUT);
    }

    /**
     * @param option the option's name, e.g. {@code lockTimeout}.
     * @param value  its value.
     * @param min    smallest value accepted ({@link Duration#ZERO} where zero means "none").
     * @param max    largest value accepted.
     * @return the value, when in [min, max].
     * @throws IllegalArgumentException when null or out of range, naming the option and the value.
     */
    public static Duration check(final String option, final Duration value, final Duration min, final Duration max)
    {
        if (value == null)
        {
            throw new IllegalArgumentException("timeout missing: option=" + option + ", value=null");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0)
        {
            throw new IllegalArgumentException(
                "timeout out of range: option=" + option + ", value=" + value + ", min=" + min + ", max=" + max);
        }
        return value;
    }
}

package dev.mmipc.bench.report;

import java.util.Map;

/**
 * One measured figure set: what was measured, over which transport (or counter), at which message size.
 *
 * @param benchmark {@link #ROUND_TRIP}, {@link #STREAM} or {@link #COUNTER}.
 * @param subject   the transport name, {@code limit}, or the counter benchmark's name.
 * @param size      message bytes (0 for counters).
 * @param values    named values: {@code p50 p90 p99 p999} in ns for round trips, {@code msgsPerSec mbPerSec} for
 *                  streaming, {@code opsPerSec} for counters.
 */
public record Figure(String benchmark, String subject, int size, Map<String, Double> values)
{
    /** Round-trip latency. */
    public static final String ROUND_TRIP = "roundTrip";
    /** One-way streaming throughput. */
    public static final String STREAM = "stream";
    /** Contended counter increments. */
    public static final String COUNTER = "counter";
    /** Idle consumer: CPU share and wake-up latency. */
    public static final String IDLE = "idle";

    /**
     * @param name a value name.
     * @return the value, or NaN when absent.
     */
    public double get(final String name)
    {
        final Double v = values.get(name);
        return null == v ? Double.NaN : v;
    }
}

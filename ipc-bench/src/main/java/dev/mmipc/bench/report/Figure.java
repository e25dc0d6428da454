package dev.mmipc.bench.report;

import java.util.Map;

/**
 * One measured figure set: what was measured, over which transport (or counter), at which message size.
 *
 * @param benchmark {@link #ROUND_TRIP}, {@link #STREAM}, {@link #COUNTER}, {@link #IDLE}, {@link #LOCK} or
 *                  {@link #POOL}.
 * @param subject   the transport name, {@code limit}, the counter benchmark's name, the lock operation
 *                  ({@code acquireRelease/uncontended} …) or the pool's chunk size ({@code chunk=1}).
 * @param size      message bytes (0 for counters and locks, the chunk size for the pool).
 * @param values    named values: {@code p50 p90 p99 p999} in ns for round trips, {@code msgsPerSec mbPerSec} for
 *                  streaming, {@code opsPerSec} for counters, {@code opsPerSec nsPerOp} for locks,
 *                  {@code mmipcTasksPerSec} and (where Python ran) {@code pythonTasksPerSec} for the pool.
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
    /** Lock acquire/release and the locked increment, uncontended and contended by a second JVM. */
    public static final String LOCK = "lock";
    /** Process pool map throughput beside Python's {@code multiprocessing.Pool}. */
    public static final String POOL = "pool";

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

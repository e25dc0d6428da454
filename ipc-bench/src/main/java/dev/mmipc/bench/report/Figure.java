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
package dev.mmipc.bench.report;

import java.util.Map;

/**
 * What one trial (one JMH fork, one C ring run, one probe) measured.
 *
 * @param benchmark {@link #ROUND_TRIP}, {@link #STREAM}, {@link #COUNTER}, {@link #LOCK}, {@link #IDLE} or
 *                  {@link #POOL}.
 * @param subject   the transport name, {@value #C_RING}, the counter benchmark's name, the lock operation
 *                  ({@code acquireRelease/uncontended} ...) or the pool's chunk size ({@code chunk=1}).
 * @param size      message bytes (0 for counters and locks, the chunk size for the pool).
 * @param round     the interleaved round of the trial, from 0.
 * @param trial     the trial's number in the run, or -1 when unknown.
 * @param values    named values: {@code p50 p90 p99 p999} in ns for round trips, {@code msgsPerSec mbPerSec} for
 *                  streaming, {@code opsPerSec} for counters, {@code opsPerSec nsPerOp} for locks,
 *                  {@code mmipcTasksPerSec} and (where Python ran) {@code pythonTasksPerSec} for the pool.
 * @param context   where and how it ran; null for probes without one.
 */
public record Figure(String benchmark, String subject, int size, int round, int trial, Map<String, Double> values, Context context)
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
    /** The C ring's subject. */
    public static final String C_RING = "C ring";
    /** The C floor's subject (the cache-line round trip measured before each transport trial). */
    public static final String C_FLOOR = "C floor";

    /**
     * Where and how a trial ran.
     *
     * @param cpus             the CPUs asked for, {@code A,B} (benchmark side, peer side), or null when not pinned.
     * @param benchAffinity    the CPUs the measuring process was allowed, as read back.
     * @param peerAffinity     the CPUs the other process was allowed, as read back.
     * @param floorP50Ns       the C floor's p50 measured right before the trial on its CPUs, or null.
     * @param floorP99Ns       the C floor's p99, or null.
     * @param copyMBps         the copy bandwidth measured with it, or null.
     * @param floorAfterP50Ns  the C floor's p50 measured right after the trial (before the next one), or null.
     * @param copyAfterMBps    the copy bandwidth measured with it, or null.
     * @param capacityMessages messages one direction holds (-1: unbounded), or null.
     * @param setup            how the transport was set up, or null.
     * @param wraps            the transport it is built on, or null.
     */
    public record Context(
        String cpus, String benchAffinity, String peerAffinity, Double floorP50Ns, Double floorP99Ns, Double copyMBps,
        Double floorAfterP50Ns, Double copyAfterMBps, Long capacityMessages, String setup, String wraps)
    {
        /**
         * @return the lower of the floors measured right before and right after the trial: the placement may have
         *         changed during it (a VM moved a vCPU), and the trial may have run on the faster one.
         */
        public Double lowestFloorNs()
        {
            return null == floorAfterP50Ns || null == floorP50Ns ? floorP50Ns : Math.min(floorP50Ns, floorAfterP50Ns);
        }

        /**
         * @return the higher of the copy bandwidths measured right before and right after the trial (one measurement
         *         of 20 ms may lose its CPU for a while).
         */
        public Double highestCopyMBps()
        {
            return null == copyAfterMBps || null == copyMBps ? copyMBps : Math.max(copyMBps, copyAfterMBps);
        }
    }

    /**
     * @param name a value name.
     * @return the value, or NaN when absent.
     */
    public double get(final String name)
    {
        final Double v = values.get(name);
        return null == v ? Double.NaN : v;
    }

    /**
     * @return the value that ranks this figure: p50 for a round trip, messages/s for a stream, operations/s for a
     *         counter or lock.
     */
    public double key()
    {
        return get(keyName(benchmark));
    }

    /**
     * @param benchmark a benchmark.
     * @return the name of its ranking value.
     */
    public static String keyName(final String benchmark)
    {
        return switch (benchmark)
        {
            case ROUND_TRIP -> "p50";
            case STREAM -> "msgsPerSec";
            default -> "opsPerSec";
        };
    }

    /**
     * @param benchmark a benchmark.
     * @return true when a lower value is better (latency).
     */
    public static boolean lowerIsBetter(final String benchmark)
    {
        return ROUND_TRIP.equals(benchmark);
    }
}

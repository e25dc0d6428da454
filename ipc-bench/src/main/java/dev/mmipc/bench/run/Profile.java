package dev.mmipc.bench.run;

import java.util.List;
import java.util.Locale;

/**
 * How long and how often everything is measured: the quick profile (default) and {@code --full}.
 *
 * @param name                 {@code quick} or {@code full}.
 * @param sizes                message sizes measured by default.
 * @param rounds               interleaved rounds: forks per figure (each round runs every subject once).
 * @param warmupIterations     JMH warm-up iterations per fork.
 * @param warmupSeconds        length of each.
 * @param measureIterations    JMH measured iterations per fork.
 * @param measureSeconds       length of each.
 * @param floorSeconds         C floor measured before each JVM trial.
 * @param copySeconds          copy bandwidth measured with it.
 * @param poolItems            tasks mapped by the pool benchmark.
 * @param poolRounds           its rounds (best kept).
 * @param idleSeconds          the idle consumer's idle time.
 * @param wakeUps              its wake-ups.
 */
public record Profile(
    String name, List<Integer> sizes, int rounds, int warmupIterations, double warmupSeconds, int measureIterations,
    double measureSeconds, double floorSeconds, double copySeconds, int poolItems, int poolRounds, double idleSeconds,
    int wakeUps)
{
    /** About 9 minutes on 2 cores: 2 sizes, 3 rounds, 0.5 s + 2 x 0.5 s per fork. */
    public static final Profile QUICK = new Profile("quick", List.of(32, 4096), 3, 1, 0.5, 2, 0.5, 0.1, 0.02,
        50_000, 2, 3, 200);
    /** About 33 minutes on 2 cores: 4 sizes, 5 rounds, 0.6 s + 3 x 0.5 s per fork. */
    public static final Profile FULL = new Profile("full", List.of(32, 256, 4096, 65536), 5, 1, 0.6, 3, 0.5, 0.1,
        0.02, 200_000, 3, 10, 1000);

    /**
     * Seconds a JMH fork with its peer costs beyond its iterations (JVM starts, connection, teardown), measured on
     * the project's 2-core machine under load; Chronicle and Aeron take about twice this, the shared-memory
     * transports less.
     */
    public static final double FORK_OVERHEAD_SECONDS = 1.6;
    /** Seconds the C program costs beyond its measurements (process start, pinning, output). */
    public static final double C_OVERHEAD_SECONDS = 0.05;
    /** Seconds of {@code mvn -B -q -DskipTests package} on 2 cores. */
    public static final double BUILD_SECONDS = 45;

    /**
     * @return seconds of iterations in one JMH fork.
     */
    public double forkIterationSeconds()
    {
        return warmupIterations * warmupSeconds + measureIterations * measureSeconds;
    }

    /**
     * @return seconds one JMH fork takes, the C floor before it included.
     */
    public double jvmTrialSeconds()
    {
        return FORK_OVERHEAD_SECONDS + forkIterationSeconds() + C_OVERHEAD_SECONDS + floorSeconds + copySeconds;
    }

    /**
     * @return seconds one C ring trial takes: its warm-up and measurement as long as a fork's, and its floor.
     */
    public double cRingTrialSeconds()
    {
        return C_OVERHEAD_SECONDS + forkIterationSeconds() + floorSeconds + copySeconds;
    }

    /**
     * @param jvmTrials   transport forks.
     * @param cRingTrials C ring runs.
     * @param otherForks  counter and lock forks (no peer pinning, no floor).
     * @param pool        true when the pool benchmark runs.
     * @param idle        true when the idle consumer probe runs.
     * @return the estimated wall time of a run, build included, in seconds.
     */
    public double estimateSeconds(
        final int jvmTrials, final int cRingTrials, final int otherForks, final boolean pool, final boolean idle)
    {
        return BUILD_SECONDS + jvmTrials * jvmTrialSeconds() + cRingTrials * cRingTrialSeconds() +
            otherForks * (FORK_OVERHEAD_SECONDS + forkIterationSeconds()) +
            (pool ? poolRounds * (poolItems / 60_000.0 + 2) + 5 : 0) + (idle ? idleSeconds + wakeUps * 0.011 + 2 : 0);
    }

    /**
     * @param seconds a duration.
     * @return it as {@code M min S s}.
     */
    public static String minutes(final double seconds)
    {
        final long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
}

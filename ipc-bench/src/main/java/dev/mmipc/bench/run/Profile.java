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
package dev.mmipc.bench.run;

import dev.mmipc.bench.transport.Transports;

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
    /** About 10 minutes on 2 cores, build included: 2 sizes, 3 rounds, 0.3 s + 2 x 0.4 s per fork. */
    public static final Profile QUICK = new Profile("quick", List.of(32, 4096), 3, 1, 0.3, 2, 0.4, 0.05, 0.02,
        50_000, 2, 3, 200);
    /** About 34 minutes on 2 cores, build included: 4 sizes, 5 rounds, 0.4 s + 3 x 0.4 s per fork. */
    public static final Profile FULL = new Profile("full", List.of(32, 256, 4096, 65536), 5, 1, 0.4, 3, 0.4, 0.05,
        0.02, 200_000, 3, 10, 1000);

    /**
     * Seconds a JMH fork with its peer costs beyond its iterations (JVM starts, connection, teardown), measured on
     * the project's 2-core machine (at a load average of about 8 it was 2.2 s, so this is on the safe side of an
     * idle machine).
     */
    public static final double FORK_OVERHEAD_SECONDS = 1.8;
    /** Seconds the C program costs beyond its measurements (process start, pinning, output). */
    public static final double C_OVERHEAD_SECONDS = 0.15;
    /** Seconds of {@code mvn -B -q -DskipTests package} on 2 cores, dependencies already downloaded. */
    public static final double BUILD_SECONDS = 45;

    /**
     * @return seconds of iterations in one JMH fork; the C ring warms up and measures as long.
     */
    public double forkIterationSeconds()
    {
        return warmupIterations * warmupSeconds + measureIterations * measureSeconds;
    }

    /**
     * @param trial a trial.
     * @return its estimated wall time in seconds (a transport's own extra cost, Chronicle's journal files or Aeron's
     *         media driver, is in its {@link Transports} entry).
     */
    public double trialSeconds(final TrialSpec trial)
    {
        return switch (trial.kind())
        {
            case TRANSPORT -> FORK_OVERHEAD_SECONDS + forkIterationSeconds() + C_OVERHEAD_SECONDS + floorSeconds + copySeconds +
                Transports.entry(trial.subject()).extraForkSeconds();
            case C_RING -> C_OVERHEAD_SECONDS + forkIterationSeconds() + floorSeconds + copySeconds;
            case OTHER -> FORK_OVERHEAD_SECONDS + forkIterationSeconds();
        };
    }

    /**
     * @param plan  the trials.
     * @param pool  true when the pool benchmark runs.
     * @param idle  true when the idle consumer probe runs.
     * @param build true to count the build.
     * @return the estimated wall time of a run in seconds: each trial's, then the pool (mmipc and Python), the idle
     *         probe and the build.
     */
    public double estimateSeconds(final Plan plan, final boolean pool, final boolean idle, final boolean build)
    {
        double seconds = build ? BUILD_SECONDS : 0;
        for (final TrialSpec t : plan.trials())
        {
            seconds += trialSeconds(t);
        }
        return seconds + (pool ? poolRounds * (poolItems / 60_000.0 + 2) + 5 : 0) + (idle ? idleSeconds + wakeUps * 0.011 + 2 : 0);
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

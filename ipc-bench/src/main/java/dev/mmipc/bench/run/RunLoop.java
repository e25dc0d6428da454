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

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mmipc.bench.transport.AgronaRingTransport;
import dev.mmipc.bench.transport.Endpoint;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs a {@link Plan}'s trials in order and writes what each left: {@code jmh.json} (JMH's own results, each fork
 * labelled by its JVM argument {@code -Dmmipc.bench.trial=N}), {@code trials.json} (per trial: round, subject,
 * the C floor and copy bandwidth measured right before it on its CPUs, the fork's record of its transport setup,
 * capacity and placement, or the C ring's output, or why it failed), and {@code jmh-logs/trial-N.log}. Both JSON
 * files are rewritten after every trial, so an interrupted run leaves what it measured.
 */
public final class RunLoop
{
    /** JVM argument that labels a JMH fork with its trial number. */
    public static final String TRIAL_PROPERTY = "mmipc.bench.trial";
    /** JVM argument naming the directory where a transport fork writes {@code trial-N.json} at teardown. */
    public static final String RECORD_DIR_PROPERTY = "mmipc.bench.recordDir";

    private static final Pattern EXCEPTION_LINE = Pattern.compile("^[\\w.$]+(Exception|Error)(: .*)?$");

    private final Path out;
    private final Path work;
    private final Profile profile;
    private final String benchCpu;
    private final String peerCpu;
    private final CProgram c;
    private final Consumer<String> progress;
    private final List<RunResult> results = new ArrayList<>();
    private final List<Map<String, Object>> trials = new ArrayList<>();
    private final Path pinnedJava;
    private final List<String> jvmArgs;

    /**
     * @param out      the run directory: what a run leaves (and may be committed).
     * @param work     a scratch directory: the script that pins JMH's forks, the forks' records before they are
     *                 merged into {@code trials.json}.
     * @param profile  timings.
     * @param cpus     {@code A,B}: the benchmark JVM (and the C program's measuring side) on A, the peer on B; null
     *                 to pin nothing.
     * @param c        the C program, or null.
     * @param progress receives one line per trial.
     * @param jvmArgs  more JVM arguments for every fork (tests give their trial-directory prefix).
     */
    public RunLoop(
        final Path out, final Path work, final Profile profile, final String cpus, final CProgram c,
        final Consumer<String> progress, final List<String> jvmArgs)
    {
        this.work = work;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.out = out;
        this.profile = profile;
        this.benchCpu = null == cpus ? null : cpus.split(",")[0];
        this.peerCpu = null == cpus ? null : cpus.split(",")[1];
        this.c = c;
        this.progress = progress;
        this.pinnedJava = null == cpus ? null : Placement.pinnedJava(work, benchCpu);
    }

    /**
     * @param plan the trials.
     * @throws IOException when a result file cannot be written.
     */
    public void run(final Plan plan) throws IOException
    {
        Files.createDirectories(out.resolve("jmh-logs"));
        Files.createDirectories(work.resolve("records"));
        final int total = plan.trials().size();
        for (final TrialSpec spec : plan.trials())
        {
            final long t0 = System.nanoTime();
            final Map<String, Object> record = new LinkedHashMap<>();
            record.put("trial", spec.id());
            record.put("round", spec.round());
            record.put("benchmark", spec.benchmark());
            record.put("subject", spec.subject());
            record.put("size", spec.size());
            record.put("kind", spec.kind().name().toLowerCase(java.util.Locale.ROOT));
            record.put("cpus", null == benchCpu || TrialSpec.Kind.OTHER == spec.kind() ? null : benchCpu + "," + peerCpu);
            String outcome;
            try
            {
                outcome = switch (spec.kind())
                {
                    case TRANSPORT -> transport(spec, record);
                    case C_RING -> cRing(spec, record);
                    case OTHER -> other(spec, record);
                };
            }
            catch (final RuntimeException ex)
            {
                record.put("error", ex.getMessage());
                outcome = "failed: " + ex.getMessage();
            }
            record.put("seconds", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
            trials.add(record);
            write();
            progress.accept(String.format(java.util.Locale.ROOT, "trial %d/%d  %s %s  round %d  %s: %s", spec.id() + 1,
                total, spec.benchmark(), spec.size() > 0 ? spec.size() + " B" : "", spec.round() + 1, spec.subject(), outcome));
        }
    }

    private String transport(final TrialSpec spec, final Map<String, Object> record)
    {
        if (null != c && null != benchCpu)
        {
            try
            {
                record.put("floor", c.floor(benchCpu + "," + peerCpu, profile.floorSeconds(), profile.copySeconds()));
            }
            catch (final RuntimeException ex)
            {
                record.put("floorError", ex.getMessage());
            }
        }
        final ChainedOptionsBuilder options = options(spec);
        final List<String> args = new ArrayList<>(List.of("-D" + TRIAL_PROPERTY + "=" + spec.id(),
            "-D" + RECORD_DIR_PROPERTY + "=" + work.resolve("records").toAbsolutePath()));
        args.addAll(jvmArgs);
        if (null != pinnedJava)
        {
            options.jvm(pinnedJava.toString());
            args.add("-D" + Placement.BENCH_CPU_PROPERTY + "=" + benchCpu);
            args.add("-D" + Placement.PEER_CPU_PROPERTY + "=" + peerCpu);
        }
        options.jvmArgsPrepend(args.toArray(new String[0]));
        final String outcome = fork(spec, options, record);
        final Path fork = work.resolve("records").resolve("trial-" + spec.id() + ".json");
        try
        {
            if (Files.exists(fork))
            {
                record.put("fork", JsonParser.parseString(Files.readString(fork, StandardCharsets.UTF_8)));
                Files.delete(fork);
            }
        }
        catch (final IOException ex)
        {
            record.put("forkRecordError", ex.getMessage());
        }
        return outcome;
    }

    private String cRing(final TrialSpec spec, final Map<String, Object> record)
    {
        if (null == c || null == benchCpu)
        {
            record.put("error", "no C program or no pinning: the C ring was not run");
            return "skipped";
        }
        final JsonObject result = c.ring(benchCpu + "," + peerCpu, spec.benchmark(), spec.size(),
            AgronaRingTransport.CAPACITY, Endpoint.POLL_LIMIT, profile.warmupIterations() * profile.warmupSeconds(),
            profile.measureIterations() * profile.measureSeconds(), profile.floorSeconds(), profile.copySeconds());
        record.put("c", result);
        final JsonObject ring = result.getAsJsonObject("ring");
        return Plan.ROUND_TRIP.equals(spec.benchmark()) ? "p50 " + ring.get("p50").getAsLong() + " ns" :
            String.format(java.util.Locale.ROOT, "%.3g msgs/s", ring.get("msgsPerSec").getAsDouble());
    }

    private String other(final TrialSpec spec, final Map<String, Object> record)
    {
        final ChainedOptionsBuilder options = options(spec);
        final List<String> args = new ArrayList<>(List.of("-D" + TRIAL_PROPERTY + "=" + spec.id()));
        args.addAll(jvmArgs);
        options.jvmArgsPrepend(args.toArray(new String[0]));
        return fork(spec, options, record);
    }

    private ChainedOptionsBuilder options(final TrialSpec spec)
    {
        final ChainedOptionsBuilder options = new OptionsBuilder()
            .include("^" + Pattern.quote(spec.jmhClass() + "." + spec.benchmark()) + "$")
            .forks(1)
            .warmupIterations(profile.warmupIterations())
            .warmupTime(TimeValue.milliseconds(Math.round(profile.warmupSeconds() * 1000)))
            .measurementIterations(profile.measureIterations())
            .measurementTime(TimeValue.milliseconds(Math.round(profile.measureSeconds() * 1000)))
            .shouldFailOnError(false)
            .output(out.resolve("jmh-logs").resolve("trial-" + spec.id() + ".log").toString());
        spec.params().forEach(options::param);
        return options;
    }

    private String fork(final TrialSpec spec, final ChainedOptionsBuilder options, final Map<String, Object> record)
    {
        final Collection<RunResult> got;
        try
        {
            got = new Runner(options.build()).run();
        }
        catch (final RunnerException ex)
        {
            record.put("error", "jmh failed: " + ex.getMessage());
            return "failed";
        }
        if (got.isEmpty())
        {
            final String error = firstException(out.resolve("jmh-logs").resolve("trial-" + spec.id() + ".log"))
                .orElse("no result (see jmh-logs/trial-" + spec.id() + ".log)");
            record.put("error", error);
            return "FAILED: " + error;
        }
        results.addAll(got);
        final RunResult r = got.iterator().next();
        if (Plan.STREAM.equals(spec.benchmark()))
        {
            return String.format(java.util.Locale.ROOT, "%.3g msgs/s",
                r.getSecondaryResults().get("messages").getScore());
        }
        return String.format(java.util.Locale.ROOT, "%.4g %s", r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreUnit());
    }

    /**
     * @param log a JMH log.
     * @return the first line that names an exception, e.g. the delivery check that failed the trial.
     */
    static Optional<String> firstException(final Path log)
    {
        try
        {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(String::trim)
                .filter(l -> EXCEPTION_LINE.matcher(l).matches()).findFirst();
        }
        catch (final IOException ex)
        {
            return Optional.empty();
        }
    }

    private void write() throws IOException
    {
        final Map<String, Object> root = new LinkedHashMap<>();
        root.put("trials", trials);
        Json.write(out.resolve("trials.json"), root);
        try (PrintStream ps = new PrintStream(out.resolve("jmh.json").toFile(), StandardCharsets.UTF_8))
        {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
        }
    }

    /**
     * @return the trials run so far, as written into {@code trials.json}.
     */
    public List<Map<String, Object>> trials()
    {
        return trials;
    }
}

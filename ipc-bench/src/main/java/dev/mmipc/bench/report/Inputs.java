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

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mmipc.bench.run.Plan;
import dev.mmipc.bench.run.RunLoop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a run's raw files into {@link Figure}s: JMH's {@code jmh.json} (each fork labelled by its JVM argument
 * {@code -Dmmipc.bench.trial=N}), {@code trials.json} (round, C floor, placement and setup of each trial; the C
 * ring's results), {@code pool.json} and {@code idle.json}.
 */
public final class Inputs
{
    private static final String TRANSPORT_BENCHMARK = Plan.TRANSPORT_BENCHMARK + ".";
    private static final String COUNTER_BENCHMARK = Plan.COUNTER_BENCHMARK + ".";
    private static final String LOCK_BENCHMARK = Plan.LOCK_BENCHMARK + ".";
    private static final String TRIAL_ARG = "-D" + RunLoop.TRIAL_PROPERTY + "=";

    /** The counters' subject for the Python-style locked value incremented by two JVMs (LockBenchmark's). */
    public static final String LOCKED_CROSS_JVM = "lockedValueCrossJvm";

    private Inputs()
    {
    }

    /**
     * @param jmhJson    the text of a JMH JSON result file.
     * @param trialsJson the text of {@code trials.json}, or null: then each figure's round is its place among the
     *                   figures of its cell, and it has no context.
     * @return the figures of both; benchmarks this report does not know are skipped.
     */
    public static List<Figure> fromRun(final String jmhJson, final String trialsJson)
    {
        final Map<Integer, JsonObject> trials = new HashMap<>();
        final List<Figure> figures = new ArrayList<>();
        if (null != trialsJson)
        {
            for (final JsonElement e : JsonParser.parseString(trialsJson).getAsJsonObject().getAsJsonArray("trials"))
            {
                final JsonObject t = e.getAsJsonObject();
                trials.put(t.get("trial").getAsInt(), t);
            }
            for (final JsonObject t : trials.values())
            {
                if ("c_ring".equals(string(t, "kind")) && t.has("c") && t.get("c").isJsonObject())
                {
                    figures.add(cRing(t, trials.get(t.get("trial").getAsInt() + 1)));
                }
            }
        }
        if (null != jmhJson)
        {
            final Map<String, Integer> rounds = new HashMap<>();
            for (final JsonElement e : JsonParser.parseString(jmhJson).getAsJsonArray())
            {
                final JsonObject run = e.getAsJsonObject();
                final int trial = trialOf(run);
                final JsonObject t = trials.get(trial);
                for (final Figure f : fromJmhRun(run, trial))
                {
                    final String cell = f.benchmark() + "/" + f.subject() + "/" + f.size();
                    final int round = null != t ? t.get("round").getAsInt() : rounds.merge(cell, 1, Integer::sum) - 1;
                    figures.add(new Figure(f.benchmark(), f.subject(), f.size(), round, trial, f.values(),
                        null == t ? null : context(t, trials.get(trial + 1))));
                }
            }
        }
        figures.sort((a, b) -> Integer.compare(a.trial(), b.trial()));
        return figures;
    }

    private static int trialOf(final JsonObject run)
    {
        if (run.has("jvmArgs"))
        {
            for (final JsonElement a : run.getAsJsonArray("jvmArgs"))
            {
                if (a.getAsString().startsWith(TRIAL_ARG))
                {
                    return Integer.parseInt(a.getAsString().substring(TRIAL_ARG.length()));
                }
            }
        }
        return -1;
    }

    /**
     * @param run   one JMH result.
     * @param trial its trial number.
     * @return its figures (round 0, no context), or none when this report does not know the benchmark.
     */
    static List<Figure> fromJmhRun(final JsonObject run, final int trial)
    {
        final List<Figure> figures = new ArrayList<>();
        final String benchmark = run.get("benchmark").getAsString();
        final JsonObject params = run.has("params") ? run.getAsJsonObject("params") : new JsonObject();
        final JsonObject primary = run.getAsJsonObject("primaryMetric");
        final double score = primary.get("score").getAsDouble();
        final Map<String, Double> values = new LinkedHashMap<>();
        if (benchmark.startsWith(TRANSPORT_BENCHMARK))
        {
            final String method = benchmark.substring(TRANSPORT_BENCHMARK.length());
            final String transport = params.get("transport").getAsString();
            final int size = params.get("size").getAsInt();
            if (Figure.ROUND_TRIP.equals(method))
            {
                final JsonObject p = primary.getAsJsonObject("scorePercentiles");
                values.put("p50", p.get("50.0").getAsDouble());
                values.put("p90", p.get("90.0").getAsDouble());
                values.put("p99", p.get("99.0").getAsDouble());
                values.put("p999", p.get("99.9").getAsDouble());
                values.put("mean", score);
                figures.add(new Figure(Figure.ROUND_TRIP, transport, size, 0, trial, values, null));
            }
            else if (Figure.STREAM.equals(method))
            {
                final JsonObject secondary = run.has("secondaryMetrics") ? run.getAsJsonObject("secondaryMetrics") : null;
                if (null != secondary && secondary.has("messages"))
                {
                    final double messages = perSecond(secondary.getAsJsonObject("messages").get("score").getAsDouble(),
                        secondary.getAsJsonObject("messages").get("scoreUnit").getAsString());
                    values.put("msgsPerSec", messages);
                    values.put("mbPerSec", messages * size / 1e6);
                    figures.add(new Figure(Figure.STREAM, transport, size, 0, trial, values, null));
                }
            }
        }
        else if (benchmark.startsWith(COUNTER_BENCHMARK))
        {
            values.put("opsPerSec", perSecond(score, primary.get("scoreUnit").getAsString()));
            figures.add(new Figure(Figure.COUNTER, benchmark.substring(COUNTER_BENCHMARK.length()), 0, 0, trial, values, null));
        }
        else if (benchmark.startsWith(LOCK_BENCHMARK))
        {
            final String method = benchmark.substring(LOCK_BENCHMARK.length());
            final boolean contended = params.has("peer") && "jvm".equals(params.get("peer").getAsString());
            final double opsPerSec = perSecond(score, primary.get("scoreUnit").getAsString());
            values.put("opsPerSec", opsPerSec);
            values.put("nsPerOp", 1e9 / opsPerSec);
            figures.add(new Figure(Figure.LOCK, method + "/" + (contended ? "contended" : "uncontended"), 0, 0, trial, values, null));
            if (contended && "lockedIncrement".equals(method))
            {
                figures.add(new Figure(Figure.COUNTER, LOCKED_CROSS_JVM, 0, 0, trial, Map.of("opsPerSec", opsPerSec), null));
            }
        }
        return figures;
    }

    private static Figure cRing(final JsonObject t, final JsonObject next)
    {
        final JsonObject c = t.getAsJsonObject("c");
        final JsonObject ring = c.getAsJsonObject("ring");
        final Map<String, Double> values = new LinkedHashMap<>();
        final String benchmark = t.get("benchmark").getAsString();
        if (Figure.ROUND_TRIP.equals(benchmark))
        {
            for (final String key : new String[]{ "p50", "p90", "p99", "p999" })
            {
                values.put(key, ring.get(key).getAsDouble());
            }
        }
        else
        {
            values.put("msgsPerSec", ring.get("msgsPerSec").getAsDouble());
            values.put("mbPerSec", ring.get("mbPerSec").getAsDouble());
        }
        return new Figure(benchmark, Figure.C_RING, t.get("size").getAsInt(), t.get("round").getAsInt(),
            t.get("trial").getAsInt(), values, context(t, next));
    }

    /**
     * @param t    a trial of {@code trials.json}.
     * @param next the trial run right after it, or null: its C floor, measured right before it, is this one's
     *             floor after.
     * @return where and how it ran.
     */
    static Figure.Context context(final JsonObject t, final JsonObject next)
    {
        final JsonObject floorRun = floorRun(t);
        final JsonObject afterRun = null == next ? null : floorRun(next);
        String benchAffinity = null;
        String peerAffinity = null;
        Long capacity = null;
        String setup = null;
        String wraps = null;
        if (t.has("fork") && t.get("fork").isJsonObject())
        {
            final JsonObject fork = t.getAsJsonObject("fork");
            benchAffinity = string(fork, "benchAffinity");
            peerAffinity = string(fork, "peerAffinity");
            capacity = fork.has("capacityMessages") && !fork.get("capacityMessages").isJsonNull() ?
                fork.get("capacityMessages").getAsLong() : null;
            setup = string(fork, "setup");
            wraps = string(fork, "wraps");
        }
        else if (t.has("c") && t.get("c").isJsonObject())
        {
            final JsonObject c = t.getAsJsonObject("c");
            benchAffinity = string(c, "parentCpu");
            peerAffinity = string(c, "childCpu");
            final JsonObject ring = c.getAsJsonObject("ring");
            capacity = ring.get("capacityMessages").getAsLong();
            setup = "SPSC ring in C (bench/limit/cring.c): " + ring.get("capacityBytes").getAsLong() / (1 << 20) +
                " MiB, records of " + ring.get("recordBytes").getAsLong() + " B ready by their own header word, head cached " +
                "by the producer, no write-back, poll limit " + ring.get("pollLimit").getAsLong() + ", same messages and " +
                "checks, busy spin";
        }
        return new Figure.Context(string(t, "cpus"), benchAffinity, peerAffinity, floorValue(floorRun, "p50"),
            floorValue(floorRun, "p99"), copyValue(floorRun), floorValue(afterRun, "p50"), copyValue(afterRun), capacity, setup,
            wraps);
    }

    /** The C program's output measured for a trial: the floor before a transport fork, or the C ring's own. */
    private static JsonObject floorRun(final JsonObject t)
    {
        return t.has("floor") && t.get("floor").isJsonObject() ? t.getAsJsonObject("floor") :
            t.has("c") && t.get("c").isJsonObject() ? t.getAsJsonObject("c") : null;
    }

    private static Double floorValue(final JsonObject run, final String key)
    {
        return null == run || !run.has("floor") ? null : run.getAsJsonObject("floor").get(key).getAsDouble();
    }

    private static Double copyValue(final JsonObject run)
    {
        return null == run || !run.has("copyMBps") ? null : run.get("copyMBps").getAsDouble();
    }

    private static String string(final JsonObject o, final String key)
    {
        if (!o.has(key) || o.get(key).isJsonNull())
        {
            return null;
        }
        final JsonElement e = o.get(key);
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber())
        {
            final double d = e.getAsDouble();
            return d == Math.rint(d) ? Long.toString((long)d) : Double.toString(d);
        }
        return e.getAsString();
    }

    /**
     * @param trialsJson the text of {@code trials.json}.
     * @return the trials that failed, as {@code trial N (benchmark size subject, round R): error}.
     */
    public static List<String> failures(final String trialsJson)
    {
        final List<String> failures = new ArrayList<>();
        if (null == trialsJson)
        {
            return failures;
        }
        final JsonArray trials = JsonParser.parseString(trialsJson).getAsJsonObject().getAsJsonArray("trials");
        for (final JsonElement e : trials)
        {
            final JsonObject t = e.getAsJsonObject();
            if (t.has("error") && !t.get("error").isJsonNull())
            {
                failures.add("trial " + t.get("trial").getAsInt() + " (" + t.get("benchmark").getAsString() + " " +
                    Report.sizeLabel(t.get("size").getAsInt()) + " " + t.get("subject").getAsString() + ", round " +
                    (t.get("round").getAsInt() + 1) + "): " + t.get("error").getAsString());
            }
        }
        return failures;
    }

    /**
     * @param score a JMH throughput score.
     * @param unit  its unit, {@code ops/s}, {@code ops/ms}, {@code ops/us} or {@code ops/ns}.
     * @return the score in operations per second.
     */
    static double perSecond(final double score, final String unit)
    {
        return switch (unit)
        {
            case "ops/ns" -> score * 1e9;
            case "ops/us" -> score * 1e6;
            case "ops/ms" -> score * 1e3;
            case "ops/s" -> score;
            default -> throw new IllegalArgumentException("unknown throughput unit: unit=" + unit);
        };
    }

    /**
     * @param poolJson the pool benchmark's output ({@code pool.json}, {@link dev.mmipc.bench.PoolBenchmark#run}).
     * @return two figures, subjects {@code chunk=1} and {@code chunk=N} (size: the chunk size), each with
     *         {@code mmipcTasksPerSec} and, where Python ran, {@code pythonTasksPerSec}.
     */
    public static List<Figure> fromPool(final String poolJson)
    {
        final JsonObject root = JsonParser.parseString(poolJson).getAsJsonObject();
        final List<Figure> figures = new ArrayList<>();
        final int batch = root.get("batchChunkSize").getAsInt();
        figures.add(poolFigure(root, 1, "Chunk1"));
        figures.add(poolFigure(root, batch, "Batched"));
        return figures;
    }

    private static Figure poolFigure(final JsonObject root, final int chunk, final String key)
    {
        final Map<String, Double> values = new LinkedHashMap<>();
        values.put("items", root.get("items").getAsDouble());
        values.put("workers", root.get("workers").getAsDouble());
        values.put("mmipcTasksPerSec", root.get("mmipc" + key + "TasksPerSec").getAsDouble());
        if (root.has("python" + key + "TasksPerSec"))
        {
            values.put("pythonTasksPerSec", root.get("python" + key + "TasksPerSec").getAsDouble());
        }
        return new Figure(Figure.POOL, "chunk=" + chunk, chunk, 0, -1, values, null);
    }

    /**
     * @param idleJson the idle consumer probe's output ({@code idle.json}).
     * @return one figure, subject {@code idleConsumer}, with every numeric value of the probe.
     */
    public static Figure fromIdle(final String idleJson)
    {
        final Map<String, Double> values = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonElement> e : JsonParser.parseString(idleJson).getAsJsonObject().entrySet())
        {
            if (e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isNumber())
            {
                values.put(e.getKey(), e.getValue().getAsDouble());
            }
        }
        return new Figure(Figure.IDLE, "idleConsumer", 0, 0, -1, values, null);
    }

    /**
     * @param file a file that may be missing, or stored gzipped beside its name ({@code jmh.json.gz}: a full run's
     *             JMH results, with their sample histograms, are several MB).
     * @return its text, or null when it exists in neither form.
     * @throws IOException when it exists but cannot be read.
     */
    static String readIfExists(final Path file) throws IOException
    {
        if (Files.exists(file))
        {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        final Path gz = file.resolveSibling(file.getFileName() + ".gz");
        if (Files.exists(gz))
        {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz)))
            {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}

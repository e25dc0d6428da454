package dev.mmipc.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns JMH's JSON result file and the limit program's JSON into {@link Figure}s.
 */
public final class Inputs
{
    private static final String TRANSPORT_BENCHMARK = "dev.mmipc.bench.TransportBenchmark.";
    private static final String COUNTER_BENCHMARK = "dev.mmipc.bench.CounterBenchmark.";
    private static final String LOCK_BENCHMARK = "dev.mmipc.bench.LockBenchmark.";

    /** The counters' subject for the Python-style locked value incremented by two JVMs (LockBenchmark's). */
    public static final String LOCKED_CROSS_JVM = "lockedValueCrossJvm";

    private Inputs()
    {
    }

    /**
     * @param jmhJson the text of a JMH JSON result file.
     * @return its figures; benchmarks this report does not know are skipped.
     */
    public static List<Figure> fromJmh(final String jmhJson)
    {
        final List<Figure> figures = new ArrayList<>();
        final JsonArray runs = JsonParser.parseString(jmhJson).getAsJsonArray();
        for (final JsonElement e : runs)
        {
            final JsonObject run = e.getAsJsonObject();
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
                    figures.add(new Figure(Figure.ROUND_TRIP, transport, size, values));
                }
                else if (Figure.STREAM.equals(method))
                {
                    values.put("msgsPerSec", score);
                    values.put("mbPerSec", score * size / 1e6);
                    figures.add(new Figure(Figure.STREAM, transport, size, values));
                }
            }
            else if (benchmark.startsWith(COUNTER_BENCHMARK))
            {
                values.put("opsPerSec", score);
                figures.add(new Figure(Figure.COUNTER, benchmark.substring(COUNTER_BENCHMARK.length()), 0, values));
            }
            else if (benchmark.startsWith(LOCK_BENCHMARK))
            {
                final String method = benchmark.substring(LOCK_BENCHMARK.length());
                final boolean contended = params.has("peer") && "jvm".equals(params.get("peer").getAsString());
                final double opsPerSec = perSecond(score, primary.get("scoreUnit").getAsString());
                values.put("opsPerSec", opsPerSec);
                values.put("nsPerOp", 1e9 / opsPerSec);
                figures.add(new Figure(Figure.LOCK, method + "/" + (contended ? "contended" : "uncontended"), 0, values));
                if (contended && "lockedIncrement".equals(method))
                {
                    figures.add(new Figure(Figure.COUNTER, LOCKED_CROSS_JVM, 0, Map.of("opsPerSec", opsPerSec)));
                }
            }
        }
        return figures;
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
        return new Figure(Figure.POOL, "chunk=" + chunk, chunk, values);
    }

    /**
     * @param limitJson the limit program's output.
     * @return its figures under the subject {@code limit}, plus the cache line round trip as subject
     *         {@code limit-cacheline} at size 64.
     */
    public static List<Figure> fromLimit(final String limitJson)
    {
        final List<Figure> figures = new ArrayList<>();
        final JsonObject root = JsonParser.parseString(limitJson).getAsJsonObject();
        if (root.has("cacheLineRoundTripNs"))
        {
            figures.add(new Figure(Figure.ROUND_TRIP, "limit-cacheline", 64, percentiles(root.getAsJsonObject("cacheLineRoundTripNs"))));
        }
        if (root.has("sizes"))
        {
            for (final JsonElement e : root.getAsJsonArray("sizes"))
            {
                final JsonObject s = e.getAsJsonObject();
                final int size = s.get("size").getAsInt();
                figures.add(new Figure(Figure.ROUND_TRIP, "limit", size, percentiles(s.getAsJsonObject("roundTripNs"))));
                final Map<String, Double> t = new LinkedHashMap<>();
                t.put("msgsPerSec", s.get("msgsPerSec").getAsDouble());
                t.put("mbPerSec", s.get("mbPerSec").getAsDouble());
                figures.add(new Figure(Figure.STREAM, "limit", size, t));
            }
        }
        return figures;
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
        return new Figure(Figure.IDLE, "idleConsumer", 0, values);
    }

    private static Map<String, Double> percentiles(final JsonObject p)
    {
        final Map<String, Double> values = new LinkedHashMap<>();
        for (final String key : new String[]{ "p50", "p90", "p99", "p999" })
        {
            values.put(key, p.get(key).getAsDouble());
        }
        return values;
    }

    /**
     * @param file a file that may be missing.
     * @return its text, or null when it does not exist.
     * @throws IOException when it exists but cannot be read.
     */
    static String readIfExists(final Path file) throws IOException
    {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    }
}

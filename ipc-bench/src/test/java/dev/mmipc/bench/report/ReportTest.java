package dev.mmipc.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report generator over a small synthetic JMH JSON (two sizes, a few transports, counters, lock figures), a limit
 * JSON, an idle JSON and a pool JSON: figures parsed, ratios computed, tables and charts written.
 */
class ReportTest
{
    private static final String TB = "dev.mmipc.bench.TransportBenchmark.";

    private static String roundTrip(final String transport, final int size, final double p50)
    {
        return "{\"benchmark\":\"" + TB + "roundTrip\",\"mode\":\"sample\",\"params\":{\"transport\":\"" + transport +
            "\",\"size\":\"" + size + "\"},\"primaryMetric\":{\"score\":" + (p50 * 1.1) +
            ",\"scoreUnit\":\"ns/op\",\"scorePercentiles\":{\"0.0\":1.0,\"50.0\":" + p50 + ",\"90.0\":" + (p50 * 2) +
            ",\"95.0\":" + (p50 * 3) + ",\"99.0\":" + (p50 * 4) + ",\"99.9\":" + (p50 * 10) + ",\"100.0\":" + (p50 * 100) +
            "}},\"secondaryMetrics\":{}}";
    }

    private static String stream(final String transport, final int size, final double opsPerSec)
    {
        return "{\"benchmark\":\"" + TB + "stream\",\"mode\":\"thrpt\",\"params\":{\"transport\":\"" + transport +
            "\",\"size\":\"" + size + "\"},\"primaryMetric\":{\"score\":" + opsPerSec +
            ",\"scoreUnit\":\"ops/s\"},\"secondaryMetrics\":{}}";
    }

    private static String jmhJson()
    {
        return "[" + String.join(",", List.of(
            roundTrip("mmipc-one-to-one", 32, 600), roundTrip("agrona", 32, 500), roundTrip("uds", 32, 12000),
            roundTrip("pipe", 32, 15000), roundTrip("mmipc-one-to-one", 4096, 2000), roundTrip("agrona", 4096, 1600),
            stream("mmipc-one-to-one", 32, 8e6), stream("agrona", 32, 1e7), stream("uds", 32, 1e6),
            stream("mmipc-one-to-one", 4096, 1e6), stream("agrona", 4096, 1e6),
            "{\"benchmark\":\"dev.mmipc.bench.CounterBenchmark.sharedLongCrossJvm\",\"mode\":\"thrpt\"," +
                "\"primaryMetric\":{\"score\":4.0E7,\"scoreUnit\":\"ops/s\"},\"secondaryMetrics\":{}}",
            "{\"benchmark\":\"some.other.Benchmark.x\",\"mode\":\"thrpt\",\"primaryMetric\":{\"score\":1.0}}",
            lock("acquireRelease", "none", 50), lock("acquireRelease", "jvm", 10),
            lock("lockedIncrement", "none", 40), lock("lockedIncrement", "jvm", 1),
            roundTrip("mmipc-pipe", 32, 660))) + "]";
    }

    private static String lock(final String method, final String peer, final double opsPerUs)
    {
        return "{\"benchmark\":\"dev.mmipc.bench.LockBenchmark." + method + "\",\"mode\":\"thrpt\",\"params\":{\"peer\":\"" +
            peer + "\"},\"primaryMetric\":{\"score\":" + opsPerUs + ",\"scoreUnit\":\"ops/us\"},\"secondaryMetrics\":{}}";
    }

    private static final String LIMIT_JSON = "{\"seconds\": 0.5, \"cacheLineRoundTripNs\": {\"samples\": 10, \"p50\": 150, " +
        "\"p90\": 160, \"p99\": 170, \"p999\": 180}, \"sizes\": [" +
        "{\"size\": 32, \"roundTripNs\": {\"samples\": 10, \"p50\": 200, \"p90\": 210, \"p99\": 220, \"p999\": 230}, " +
        "\"msgsPerSec\": 20000000, \"mbPerSec\": 640.0}, " +
        "{\"size\": 4096, \"roundTripNs\": {\"samples\": 10, \"p50\": 1000, \"p90\": 1100, \"p99\": 1200, \"p999\": 1300}, " +
        "\"msgsPerSec\": 2000000, \"mbPerSec\": 8192.0}]}";

    private static final String POOL_JSON = "{\"items\": 100000, \"workers\": 2, \"rounds\": 3, \"batchChunkSize\": 12500, " +
        "\"mmipcChunk1TasksPerSec\": 1000000, \"mmipcBatchedTasksPerSec\": 10000000, \"pythonChunk1TasksPerSec\": 80000, " +
        "\"pythonBatchedTasksPerSec\": 12500000, \"pythonNote\": \"python3 3.11.7, multiprocessing.Pool(2).map, same items\"}";

    private static final String IDLE_JSON = "{\"waitStrategy\": \"backoff\", \"idleCpuShareThread\": 0.02, " +
        "\"idleCpuShareProcess\": 0.03, \"wakeUpP50Ns\": 50000, \"wakeUpP90Ns\": 60000, \"wakeUpP99Ns\": 70000, " +
        "\"wakeUpP999Ns\": 80000}";

    @Test
    void shouldParseJmhFiguresAndSkipUnknownBenchmarks()
    {
        final List<Figure> figures = Inputs.fromJmh(jmhJson());
        assertEquals(18, figures.size());
        final Figure rt = figures.get(0);
        assertEquals(Figure.ROUND_TRIP, rt.benchmark());
        assertEquals("mmipc-one-to-one", rt.subject());
        assertEquals(32, rt.size());
        assertEquals(600.0, rt.get("p50"));
        assertEquals(1200.0, rt.get("p90"));
        assertEquals(2400.0, rt.get("p99"));
        assertEquals(6000.0, rt.get("p999"));
        final Figure st = figures.get(9);
        assertEquals(Figure.STREAM, st.benchmark());
        assertEquals(1e6, st.get("msgsPerSec"));
        assertEquals(4096.0, st.get("mbPerSec"));
        assertEquals("sharedLongCrossJvm", figures.get(11).subject());
        final Figure contended = figures.get(13);
        assertEquals(Figure.LOCK, contended.benchmark());
        assertEquals("acquireRelease/contended", contended.subject());
        assertEquals(1e7, contended.get("opsPerSec"));
        assertEquals(100.0, contended.get("nsPerOp"));
        assertEquals("lockedIncrement/contended", figures.get(15).subject());
        assertEquals(Figure.COUNTER, figures.get(16).benchmark());
        assertEquals(Inputs.LOCKED_CROSS_JVM, figures.get(16).subject());
        assertEquals(1e6, figures.get(16).get("opsPerSec"));
    }

    @Test
    void shouldParsePoolFiguresWithAndWithoutPython()
    {
        final List<Figure> pool = Inputs.fromPool(POOL_JSON);
        assertEquals(2, pool.size());
        assertEquals("chunk=1", pool.get(0).subject());
        assertEquals(80000.0, pool.get(0).get("pythonTasksPerSec"));
        assertEquals("chunk=12500", pool.get(1).subject());
        assertEquals(1e7, pool.get(1).get("mmipcTasksPerSec"));
        final List<Figure> noPython = Inputs.fromPool("{\"items\": 10, \"workers\": 2, \"batchChunkSize\": 2, " +
            "\"mmipcChunk1TasksPerSec\": 5, \"mmipcBatchedTasksPerSec\": 6, \"pythonNote\": \"python3 not found\"}");
        assertTrue(Double.isNaN(noPython.get(0).get("pythonTasksPerSec")));
    }

    @Test
    void shouldComputeRatiosAgainstMmipcLimitAndAgrona() throws Exception
    {
        final Report report = report();
        assertEquals(3.0, report.ratio(Figure.ROUND_TRIP, Report.MMIPC, Report.LIMIT, 32));
        assertEquals(1.2, report.ratio(Figure.ROUND_TRIP, Report.MMIPC, "agrona", 32));
        assertEquals(20.0, report.ratio(Figure.ROUND_TRIP, "uds", Report.MMIPC, 32));
        assertEquals(25.0, report.ratio(Figure.ROUND_TRIP, "pipe", Report.MMIPC, 32));
        assertEquals(0.8, report.ratio(Figure.STREAM, Report.MMIPC, "agrona", 32));
        assertEquals(0.4, report.ratio(Figure.STREAM, Report.MMIPC, Report.LIMIT, 32));
        assertNull(report.ratio(Figure.ROUND_TRIP, "tcp", Report.MMIPC, 32), "no tcp figure: no ratio");
    }

    @Test
    void shouldWriteSummaryWithEveryRatioPerBenchmarkAndSize(@TempDir final Path dir) throws Exception
    {
        report().writeTo(dir);
        final JsonObject summary = JsonParser.parseString(
            Files.readString(dir.resolve("summary.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("2-core test box", summary.get("cpu").getAsString());
        final JsonArray benchmarks = summary.getAsJsonArray("benchmarks");
        assertEquals(4, benchmarks.size(), "round trip and stream, two sizes each");
        final JsonObject first = benchmarks.get(0).getAsJsonObject();
        assertEquals("roundTrip", first.get("benchmark").getAsString());
        assertEquals(32, first.get("size").getAsInt());
        final JsonObject ratios = first.getAsJsonObject("ratios");
        final String[] names = ratios.keySet().toArray(new String[0]);
        assertArrayEquals(new String[]{ "mmipc/limit", "mmipc/agrona", "mmipc-pipe/mmipc", "mmipc-pipe/agrona",
            "uds/mmipc", "pipe/mmipc", "tcp/mmipc", "chronicle/mmipc", "aeron/mmipc" }, names);
        assertEquals(1.1, ratios.get("mmipc-pipe/mmipc").getAsDouble());
        assertEquals(40.0, summary.getAsJsonObject("counterRatios").get("sharedLong/locked").getAsDouble());
        assertEquals(5e7, summary.getAsJsonObject("lock").getAsJsonObject("acquireRelease/uncontended")
            .get("opsPerSec").getAsDouble());
        assertEquals(12.5, summary.getAsJsonObject("pool").getAsJsonObject("chunk=1").get("mmipc/python").getAsDouble());
        assertEquals(3.0, ratios.get("mmipc/limit").getAsDouble());
        assertTrue(ratios.get("tcp/mmipc").isJsonNull());
        final JsonObject figures = first.getAsJsonObject("figures");
        assertEquals(200.0, figures.getAsJsonObject("limit").get("p50").getAsDouble());
        assertEquals(4e7, summary.getAsJsonObject("counters").getAsJsonObject("sharedLongCrossJvm")
            .get("opsPerSec").getAsDouble());
        assertEquals(0.02, summary.getAsJsonObject("idleConsumer").get("idleCpuShareThread").getAsDouble());
        final JsonElement notes = summary.get("notes");
        assertEquals("transport tcp was not run", notes.getAsJsonArray().get(0).getAsString());
    }

    @Test
    void shouldWriteMarkdownTablesAndCharts(@TempDir final Path dir) throws Exception
    {
        report().writeTo(dir);
        final String md = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(md.contains("| transport | 32 B | 4 KiB |"), md);
        assertTrue(md.contains("| mmipc-one-to-one | 0.60 / 2.40 | 2.00 / 8.00 |"), md);
        assertTrue(md.contains("| uds | 12.0 / 48.0 | n/a |"), md);
        assertTrue(md.contains("| limit | 20.0 (640) | 2.00 (8,192) |"), md);
        assertTrue(md.contains("| mmipc/agrona | 1.20 | 1.25 | 0.80 | 1.00 |"), md);
        assertTrue(md.contains("| sharedLongCrossJvm | 40.0 |"), md);
        assertTrue(md.contains("| lockedValueCrossJvm | 1.00 |"), md);
        assertTrue(md.contains("Ratio sharedLong/locked = 40.0"), md);
        assertTrue(md.contains("| cross-JVM SharedLong ≥ 20 × the locked value | 40.0 | yes |"), md);
        assertTrue(md.contains("| acquireRelease/contended | 10.0 | 100 |"), md);
        assertTrue(md.contains("| lockedIncrement/uncontended | 40.0 | 25.0 |"), md);
        assertTrue(md.contains("tasks/s (100,000 items, 2 workers)"), md);
        assertTrue(md.contains("| 1 | 1,000,000 | 80,000 | 12.5 |"), md);
        assertTrue(md.contains("| 12500 | 10,000,000 | 12,500,000 | 0.80 |"), md);
        assertTrue(md.contains("| mmipc-pipe/mmipc | 1.10 |"), md);
        assertTrue(md.contains("| 2.00 | 3.00 | 50.0 / 60.0 / 70.0 / 80.0 |"), md);
        assertTrue(md.contains("One cache line bounced between two processes (the C limit): p50 0.15 µs"), md);
        assertTrue(md.contains("- transport tcp was not run"), md);
        assertTrue(md.contains("| round trip p50 ≤ 1.2 × bare Agrona | 1.20 | yes |"), md);
        assertTrue(md.contains("| OS pipe round trip ≥ 20 × mmipc's | 25.0 | yes |"), md);
        assertTrue(md.contains("| idle consumer < 5 % of a core (thread) | 2.00 | yes |"), md);
        assertTrue(md.contains("- round trip p50 at 32 B: agrona 0.50 µs vs 0.60 µs (1.20×)"), md);
        assertTrue(md.contains("- streaming at 32 B: agrona 10.0 vs 8.00 M msgs/s (1.25×)"), md);
        for (final String png : new String[]{ "latency.png", "latency-p99.png", "throughput.png" })
        {
            final byte[] bytes = Files.readAllBytes(dir.resolve(png));
            assertTrue(bytes.length > 1000, png);
            assertEquals((byte)0x89, bytes[0], png);
            assertEquals('P', bytes[1], png);
        }
    }

    @Test
    void shouldRegenerateFromTheFilesOfARunDirectory(@TempDir final Path dir) throws Exception
    {
        Files.writeString(dir.resolve("jmh.json"), jmhJson());
        Files.writeString(dir.resolve("limit.json"), LIMIT_JSON);
        Files.writeString(dir.resolve("idle.json"), IDLE_JSON);
        Files.writeString(dir.resolve("pool.json"), POOL_JSON);
        Files.writeString(dir.resolve("run.json"), "{\"cpu\": \"2-core test box\", \"notes\": [\"a note\"]}");
        final Report report = ReportMain.generate(dir);
        assertEquals(3.0, report.ratio(Figure.ROUND_TRIP, Report.MMIPC, Report.LIMIT, 32));
        assertTrue(Files.readString(dir.resolve("report.md")).contains("- cpu: 2-core test box"));
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"a note\""));
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"pool: python3 3.11.7, "));
        assertTrue(Files.readString(dir.resolve("report.md")).contains("| 1 | 1,000,000 | 80,000 | 12.5 |"));
        assertTrue(Files.exists(dir.resolve("throughput.png")));
    }

    @Test
    void shouldNotClaimMmipcNeverLosesWhenMmipcWasNotMeasured(@TempDir final Path dir) throws Exception
    {
        final Report report = new Report(Inputs.fromLimit(LIMIT_JSON), java.util.Map.of(), List.of());
        report.writeTo(dir);
        final String md = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        assertFalse(md.contains("loses"), md);
        assertFalse(md.contains("## Targets"), md);
    }

    private static Report report()
    {
        final List<Figure> figures = new java.util.ArrayList<>(Inputs.fromLimit(LIMIT_JSON));
        figures.addAll(Inputs.fromJmh(jmhJson()));
        figures.add(Inputs.fromIdle(IDLE_JSON));
        figures.addAll(Inputs.fromPool(POOL_JSON));
        return new Report(figures, java.util.Map.of("cpu", "2-core test box"), List.of("transport tcp was not run"));
    }
}

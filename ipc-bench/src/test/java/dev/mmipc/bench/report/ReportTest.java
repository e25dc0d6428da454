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
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mmipc.bench.transport.Transports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report over a synthetic run of three interleaved rounds: JMH forks joined with their trials, figures as
 * medians over forks with min–max, ratios taken within rounds (not of the medians), tables, summary and charts.
 */
class ReportTest
{
    /**
     * mmipc's p50 per round 100, 200, 300 ns and Agrona's 100, 100, 600: the ratio of the medians would be 2, the
     * ratios within rounds are 1, 2, 0.5 (median 1).
     */
    private static SyntheticRun run()
    {
        final SyntheticRun run = new SyntheticRun().floor(50, 100_000);
        final double[] mmipc = { 100, 200, 300 };
        final double[] agrona = { 100, 100, 600 };
        for (int round = 0; round < 3; round++)
        {
            run.cRing(Figure.ROUND_TRIP, 32, round, 90)
                .roundTrip(Report.MMIPC, 32, round, mmipc[round])
                .roundTrip("agrona", 32, round, agrona[round])
                .roundTrip("uds", 32, round, 5000 + round)
                .roundTrip(Report.MMIPC_M2M, 32, round, 250);
        }
        for (int round = 0; round < 3; round++)
        {
            run.cRing(Figure.STREAM, 4096, round, 3e6)
                .stream(Report.MMIPC, 4096, round, 1e6 * (round + 1))
                .stream("agrona", 4096, round, 2e6)
                .stream("chronicle", 4096, round, 0.5e6);
        }
        for (int round = 0; round < 3; round++)
        {
            run.counter(Report.CROSS_JVM_SHARED_LONG, round, 4e7 + round * 1e6)
                .lock("lockedIncrement", "jvm", round, 1 + round)
                .lock("acquireRelease", "none", round, 50);
        }
        return run;
    }

    @Test
    void shouldJoinEachJmhForkWithItsTrial()
    {
        final List<Figure> figures = run().figures();
        final Figure first = figures.get(0);
        assertEquals(Figure.C_RING, first.subject());
        assertEquals(90.0, first.get("p50"));
        final Figure mmipc = figures.get(1);
        assertEquals(Report.MMIPC, mmipc.subject());
        assertEquals(1, mmipc.trial());
        assertEquals(0, mmipc.round());
        assertEquals(100.0, mmipc.get("p50"));
        assertEquals(400.0, mmipc.get("p99"));
        assertEquals("0,1", mmipc.context().cpus());
        assertEquals("0", mmipc.context().benchAffinity());
        assertEquals(50.0, mmipc.context().floorP50Ns());
        assertEquals("agrona", mmipc.context().wraps());
        assertEquals(1032L, mmipc.context().capacityMessages());
        final Figure stream = figures.stream().filter(f -> Figure.STREAM.equals(f.benchmark()) && f.subject().equals(Report.MMIPC))
            .findFirst().orElseThrow();
        assertEquals(1e6, stream.get("msgsPerSec"), "the auxiliary counter, not the primary score (polls)");
        assertEquals(4096.0, stream.get("mbPerSec"));
        assertTrue(figures.stream().anyMatch(f -> Figure.COUNTER.equals(f.benchmark()) &&
            Inputs.LOCKED_CROSS_JVM.equals(f.subject()) && f.round() == 2 && f.get("opsPerSec") == 3e6));
    }

    @Test
    void shouldDeriveTheRatioRowsFromTheTransportRegistry()
    {
        for (final String benchmark : List.of(Figure.ROUND_TRIP, Figure.STREAM))
        {
            final List<String> rows = Report.ratioRows(benchmark).stream().map(r -> r[0] + " / " + r[1]).toList();
            assertEquals(rows.size(), new java.util.HashSet<>(rows).size(), "no row twice: " + rows);
            for (final String name : Transports.names())
            {
                assertTrue(rows.stream().anyMatch(r -> r.startsWith(name + " / ") || r.endsWith(" / " + name)),
                    name + " has no ratio row in " + benchmark);
            }
            for (final String subject : Transports.withRole(Transports.Role.SUBJECT))
            {
                assertTrue(rows.contains(subject + " / " + Figure.C_RING), rows.toString());
                assertTrue(rows.contains(subject + " / " + Transports.AGRONA), rows.toString());
                for (final String other : Transports.withRole(Transports.Role.COMPARED))
                {
                    assertTrue(rows.contains(other + " / " + subject), rows.toString());
                }
            }
            assertTrue(rows.contains(Report.MMIPC_PIPE + " / " + Transports.AGRONA), "what the pipe is built on");
            assertEquals(Figure.ROUND_TRIP.equals(benchmark), rows.contains(Report.MMIPC + " / " + Figure.C_FLOOR));
        }
    }

    @Test
    void shouldTakeRatiosWithinRoundsAndFiguresAsMediansOverForks()
    {
        final Report report = run().report(List.of());
        final Spread ratio = report.ratio(Figure.ROUND_TRIP, 32, Report.MMIPC, "agrona");
        assertEquals(new Spread(1.0, 0.5, 2.0, 3), ratio, "1, 2 and 0.5 within the rounds");
        assertEquals(new Spread(200.0, 100.0, 300.0, 3), report.spread(Figure.ROUND_TRIP, Report.MMIPC, 32, "p50"));
        assertEquals(new Spread(2.0 / 3, 1.0 / 3, 1.0, 3), report.ratio(Figure.STREAM, 4096, Report.MMIPC, Figure.C_RING));
        assertNull(report.ratio(Figure.ROUND_TRIP, 32, "tcp", Report.MMIPC), "no tcp figure: no ratio");
        final Spread counters = report.ratio(Figure.COUNTER, 0, Report.CROSS_JVM_SHARED_LONG, Inputs.LOCKED_CROSS_JVM);
        assertEquals(3, counters.n());
        assertEquals(4e7 / 1e6, counters.max(), 1e-9);
    }

    @Test
    void shouldWriteTablesWithSpreadsRatiosCapacityAndSetups(@TempDir final Path dir) throws Exception
    {
        run().report(List.of("transport tcp was not run")).writeTo(dir);
        final String md = Files.readString(dir.resolve("report.md"), StandardCharsets.UTF_8);
        assertTrue(md.startsWith("# mmipc benchmark report\n\n- cpu: 2-core test box\n"), md);
        assertTrue(md.contains("| transport | 32 B |"), md);
        assertTrue(md.contains("| C floor | 0.050 [0.050–0.050] / 0.10 |"), md);
        assertTrue(md.contains("| C ring | 0.090 [0.090–0.090] / 0.27 |"), md);
        assertTrue(md.contains("| mmipc-one-to-one | 0.20 [0.10–0.30] / 0.80 |"), md);
        assertTrue(md.contains("| mmipc-one-to-one / agrona | 1.00 [0.50–2.00] |"), md);
        assertTrue(md.contains("| mmipc-one-to-one / C floor | 4.00 [2.00–6.00] |"), md);
        assertTrue(md.contains("| mmipc-one-to-one / C ring | 2.22 [1.11–3.33] |"), md);
        assertTrue(md.contains("| uds / mmipc-one-to-one | 25.0 [16.7–50.0] |"), md);
        assertTrue(md.contains("| uds / mmipc-many-to-many | 20.0 [20.0–20.0] |"), md);
        assertTrue(md.contains("| C ring | 3.00 [3.00–3.00] (12,288) |"), md);
        assertTrue(md.contains("| mmipc-one-to-one | 2.00 [1.00–3.00] (8,192) |"), md);
        assertTrue(md.contains("| chronicle / mmipc-one-to-one | 0.25 [0.17–0.50] |"), md);
        assertTrue(md.contains("| chronicle | unbounded |"), md);
        assertTrue(md.contains("| mmipc-one-to-one | 5,096 |"), md);
        assertTrue(md.contains("| C ring | 1,022 |"), md);
        assertTrue(md.contains("- **mmipc-one-to-one**: setup of mmipc-one-to-one (at 4 KiB)"), md);
        assertTrue(md.contains(
            "Copy bandwidth (memcpy of 4 MiB on the benchmark CPU, right before each fork): 100,000 [100,000–100,000] MB/s."), md);
        assertTrue(md.contains("| sharedLongCrossJvm | 41.0 [40.0–42.0] |"), md);
        assertTrue(md.contains("| acquireRelease/uncontended | 50.0 [50.0–50.0] | 20.0 |"), md);
        assertTrue(md.contains("Reference C floor p50: 50.0 ns (median of"), md);
        assertTrue(md.contains("- transport tcp was not run"), md);
        assertFalse(md.contains("- round trip 32 B: agrona"), "agrona beat mmipc in one round of three: no loss; " + md);
        assertTrue(md.contains("## Where mmipc-one-to-one loses in every round\n\nNowhere in this run (the C ring aside)."), md);
        for (final String png : new String[]{ "latency.png", "latency-p99.png", "throughput.png" })
        {
            final byte[] bytes = Files.readAllBytes(dir.resolve(png));
            assertTrue(bytes.length > 1000, png);
            assertEquals((byte)0x89, bytes[0], png);
        }
    }

    @Test
    void shouldWriteEveryCellRatioTargetAndWarningIntoTheSummary(@TempDir final Path dir) throws Exception
    {
        run().report(List.of("a note")).writeTo(dir);
        final JsonObject summary = JsonParser.parseString(Files.readString(dir.resolve("summary.json"))).getAsJsonObject();
        assertEquals("2-core test box", summary.get("cpu").getAsString());
        final JsonArray cells = summary.getAsJsonArray("cells");
        final JsonObject mmipc = cells.get(1).getAsJsonObject();
        assertEquals("roundTrip", mmipc.get("benchmark").getAsString());
        assertEquals(Report.MMIPC, mmipc.get("subject").getAsString());
        assertEquals(3, mmipc.get("forks").getAsInt());
        assertEquals(200.0, mmipc.getAsJsonObject("values").getAsJsonObject("p50").get("median").getAsDouble());
        assertEquals(100.0, mmipc.getAsJsonObject("values").getAsJsonObject("p50").get("min").getAsDouble());
        boolean found = false;
        for (final var e : summary.getAsJsonArray("ratios"))
        {
            final JsonObject r = e.getAsJsonObject();
            if ("mmipc-one-to-one/agrona".equals(r.get("ratio").getAsString()) && "roundTrip".equals(r.get("benchmark").getAsString()))
            {
                assertEquals(1.0, r.get("median").getAsDouble());
                assertEquals(0.5, r.get("min").getAsDouble());
                assertEquals(2.0, r.get("max").getAsDouble());
                found = true;
            }
        }
        assertTrue(found, "mmipc/agrona round trip ratio");
        assertTrue(summary.getAsJsonArray("targets").size() >= 5);
        assertEquals(0, summary.getAsJsonArray("warnings").size());
        assertEquals("a note", summary.getAsJsonArray("notes").get(0).getAsString());
        assertEquals(50.0, summary.getAsJsonObject("placement").get("referenceFloorNs").getAsDouble());
    }

    @Test
    void shouldFlagTrialsOnAnotherPlacementAndMarkTheirCells(@TempDir final Path dir) throws Exception
    {
        final SyntheticRun run = new SyntheticRun();
        for (int round = 0; round < 3; round++)
        {
            run.roundTrip("agrona", 32, round, 500).roundTrip(Report.MMIPC, 32, round, 500);
        }
        run.floor(400, 10_000).roundTrip("agrona", 32, 3, 900);
        run.floor(100, 10_000).benchAffinity("0-1").roundTrip(Report.MMIPC, 32, 3, 900);
        final Report report = run.report(List.of());
        final List<PlacementCheck.Flag> flagged = report.placement().flagged();
        assertEquals(3, flagged.size(), flagged.toString());
        assertEquals(5, flagged.get(0).trial());
        assertEquals("placement changed during the trial: C floor 100 ns before, 400 ns after", flagged.get(0).reason());
        assertEquals(6, flagged.get(1).trial());
        assertEquals("C floor 400 ns against the run's 100 ns, placement changed during the trial: C floor 400 ns before, " +
            "100 ns after", flagged.get(1).reason());
        assertEquals("ran on 0-1,1 instead of 0,1", flagged.get(2).reason());
        report.writeTo(dir);
        final String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| agrona | 0.50 [0.50–0.90] / 2.00 † |"), md);
        assertTrue(md.contains("- trial 6 (round trip 32 B, agrona, round 4): C floor 400 ns against the run's 100 ns"), md);
    }

    @Test
    void shouldListFailedTrialsAndRegenerateFromARunDirectory(@TempDir final Path dir) throws Exception
    {
        final SyntheticRun run = run().failed(Figure.STREAM, "aeron", 4096, 0,
            "dev.mmipc.bench.transport.DeliveryCheckException: delivery check failed: check=sequence, transport=aeron");
        run.writeTo(dir, "quick", true);
        Files.writeString(dir.resolve("idle.json"), "{\"idleCpuShareThread\": 0.02, \"idleCpuShareProcess\": 0.03, " +
            "\"wakeUpP50Ns\": 50000, \"wakeUpP90Ns\": 60000, \"wakeUpP99Ns\": 70000, \"wakeUpP999Ns\": 80000}");
        Files.writeString(dir.resolve("pool.json"), "{\"items\": 100000, \"workers\": 2, \"batchChunkSize\": 12500, " +
            "\"mmipcChunk1TasksPerSec\": 1000000, \"mmipcBatchedTasksPerSec\": 10000000, \"pythonChunk1TasksPerSec\": 80000, " +
            "\"pythonBatchedTasksPerSec\": 12500000, \"pythonNote\": \"python3 3.11.7\"}");
        final Report report = ReportMain.generate(dir);
        assertEquals(new Spread(1.0, 0.5, 2.0, 3), report.ratio(Figure.ROUND_TRIP, 32, Report.MMIPC, "agrona"));
        final String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("- trial 36 (stream 4 KiB aeron, round 1): dev.mmipc.bench.transport.DeliveryCheckException: " +
            "delivery check failed: check=sequence, transport=aeron"), md);
        assertTrue(md.contains("| 1 | 1,000,000 | 80,000 | 12.5 |"), md);
        assertTrue(md.contains("| 2.00 | 3.00 | 50.0 / 60.0 / 70.0 / 80.0 |"), md);
        assertTrue(md.contains("- pool: python3 3.11.7"), md);
        assertTrue(md.contains("| idle consumer < 5 % of a core (thread) | 2.00 | yes |"), md);
        assertTrue(Files.readString(dir.resolve("summary.json")).contains("\"failures\": [\n    \"trial 36 "));
    }

    @Test
    void shouldKeepNumbersAsNumbersInTheSummary(@TempDir final Path dir) throws Exception
    {
        run().writeTo(dir, "quick", false); // its run.json has the load average as text, as older runs wrote it
        Files.writeString(dir.resolve("run.json"), Files.readString(dir.resolve("run.json")).replace("\"notes\"",
            "\"sizes\": [32, 4096], \"loadAverageAtEnd\": 1.5, \"notes\""));
        ReportMain.generate(dir);
        final JsonObject summary = JsonParser.parseString(Files.readString(dir.resolve("summary.json"))).getAsJsonObject();
        for (final String key : List.of("cores", "rounds", "elapsedSeconds", "loadAverageAtStart", "loadAverageAtEnd"))
        {
            assertTrue(summary.get(key).isJsonPrimitive() && summary.get(key).getAsJsonPrimitive().isNumber(),
                key + " is a number: " + summary.get(key));
        }
        assertEquals(2, summary.get("cores").getAsInt());
        assertEquals("2", summary.get("cores").toString(), "an integer stays an integer");
        assertEquals(0.1, summary.get("loadAverageAtStart").getAsDouble(), "older runs' text \"0.10\" read as a number");
        assertTrue(summary.get("subset").getAsJsonPrimitive().isBoolean());
        assertTrue(summary.get("commitDirty").getAsJsonPrimitive().isBoolean());
        assertEquals("[32,4096]", summary.get("sizes").toString(), "a list stays a list of numbers");
        assertTrue(summary.get("cpu").getAsJsonPrimitive().isString());
        final JsonObject cell = summary.getAsJsonArray("cells").get(0).getAsJsonObject();
        assertTrue(cell.get("size").getAsJsonPrimitive().isNumber());
        assertTrue(cell.getAsJsonObject("values").getAsJsonObject("p50").get("median").getAsJsonPrimitive().isNumber());
        final String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("- cores: 2\n- os: Linux 6\n"), "the report shows values, not JSON: " + md);
        assertTrue(md.contains("- sizes: [32,4096]\n"), md);
    }

    @Test
    void shouldReadAJmhFileStoredGzipped(@TempDir final Path dir) throws Exception
    {
        run().writeTo(dir, "full", false);
        final Path jmh = dir.resolve("jmh.json");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("jmh.json.gz"))))
        {
            out.write(Files.readAllBytes(jmh));
        }
        Files.delete(jmh);
        assertEquals(new Spread(1.0, 0.5, 2.0, 3), ReportMain.load(dir).ratio(Figure.ROUND_TRIP, 32, Report.MMIPC, "agrona"));
    }

    @Test
    void shouldNotClaimMmipcNeverLosesWhenMmipcWasNotMeasured(@TempDir final Path dir) throws Exception
    {
        new SyntheticRun().cRing(Figure.STREAM, 32, 0, 1e7).report(List.of()).writeTo(dir);
        final String md = Files.readString(dir.resolve("report.md"));
        assertFalse(md.contains("loses"), md);
        assertFalse(md.contains("## Targets"), md);
    }
}

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

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each sanity gate fires on figures no hardware allows, and not on the same figures made plausible; a target that
 * reads a gated cell is undecided whatever its ratio says; targets are met or missed only by their whole spread.
 */
class GatesTest
{
    private static List<Gates.Warning> warnings(final SyntheticRun run)
    {
        return Gates.check(run.figures());
    }

    @Test
    void shouldWarnWhenAWrapperBeatsWhatItWrapsBeyondTheSpread()
    {
        final SyntheticRun beyond = new SyntheticRun();
        final double[] mmipc = { 12e6, 12.5e6, 13e6 };
        final double[] agrona = { 10e6, 10.5e6, 11e6 };
        for (int r = 0; r < 3; r++)
        {
            beyond.stream(Report.MMIPC, 256, r, mmipc[r]).stream("agrona", 256, r, agrona[r]);
        }
        final List<Gates.Warning> w = warnings(beyond);
        assertEquals(1, w.size(), w.toString());
        assertEquals(Gates.WRAPPER, w.get(0).gate());
        assertEquals(Report.MMIPC, w.get(0).subject());
        assertEquals("mmipc-one-to-one 12.5 [12.0–13.0] M msgs/s against agrona 10.5 [10.0–11.0] M msgs/s: every fork of " +
            "the wrapper beat every fork of what it wraps", w.get(0).detail());

        final SyntheticRun overlapping = new SyntheticRun();
        final double[] agrona2 = { 10e6, 12.2e6, 11e6 };
        for (int r = 0; r < 3; r++)
        {
            overlapping.stream(Report.MMIPC, 256, r, mmipc[r]).stream("agrona", 256, r, agrona2[r]);
        }
        assertEquals(List.of(), warnings(overlapping), "agrona's best fork beats mmipc's worst: within the spread");

        final SyntheticRun latency = new SyntheticRun().floor(50, 10_000);
        for (int r = 0; r < 3; r++)
        {
            latency.roundTrip(Report.MMIPC_PIPE, 32, r, 300 + r).roundTrip("agrona", 32, r, 400 + r);
        }
        final List<Gates.Warning> lw = warnings(latency);
        assertEquals(1, lw.size(), lw.toString());
        assertEquals(Report.MMIPC_PIPE, lw.get(0).subject());
        assertEquals(Figure.ROUND_TRIP, lw.get(0).benchmark());
    }

    @Test
    void shouldWarnWhenAJvmTransportBeatsTheCRing()
    {
        final SyntheticRun run = new SyntheticRun().floor(50, 100_000);
        for (int r = 0; r < 3; r++)
        {
            run.cRing(Figure.STREAM, 4096, r, 2e6).stream("uds-batched", 4096, r, 2.2e6).stream("agrona", 4096, r, 1.9e6);
            run.cRing(Figure.ROUND_TRIP, 4096, r, 1000).roundTrip("aeron", 4096, r, 900).roundTrip("agrona", 4096, r, 1100);
        }
        final List<Gates.Warning> w = warnings(run);
        assertEquals(2, w.size(), w.toString());
        assertEquals(Gates.C_RING, w.get(0).gate());
        assertEquals("aeron", w.get(0).subject());
        assertEquals("aeron p50 0.90 [0.90–0.90] µs against the C ring's p50 1.00 [1.00–1.00] µs", w.get(0).detail());
        assertEquals("uds-batched", w.get(1).subject());
        assertEquals(Figure.STREAM, w.get(1).benchmark());
    }

    @Test
    void shouldWarnWhenARoundTripIsMoreThanTheMarginBelowTheFloorsMeasuredBeforeAndAfterIt()
    {
        final SyntheticRun run = new SyntheticRun();
        run.floor(390, 10_000).roundTrip("uds", 256, 0, 220);
        run.floor(400, 10_000).roundTrip("pipe", 256, 0, 359);
        run.floor(400, 10_000).roundTrip("tcp", 256, 0, 361);
        run.floor(400, 10_000).roundTrip("aeron", 256, 0, 220);
        run.floor(130, 10_000).roundTrip("chronicle", 256, 0, 220);
        final List<Gates.Warning> w = warnings(run);
        assertEquals(2, w.size(), w.toString());
        assertEquals(Gates.FLOOR, w.get(0).gate());
        assertEquals("pipe", w.get(0).subject());
        assertEquals("trial 1: p50 359 ns, C floor 400 ns", w.get(0).detail(), "10.25 % below (tcp's 9.75 % is not)");
        assertEquals("uds", w.get(1).subject());
        assertEquals("trial 0: p50 220 ns, C floor 390 ns", w.get(1).detail());
    }

    @Test
    void shouldReadARoundTripAgainstTheFasterPlacementWhenItChangedDuringTheTrial()
    {
        final SyntheticRun run = new SyntheticRun();
        run.floor(400, 10_000).roundTrip(Report.MMIPC_M2M, 32, 0, 150);
        run.floor(130, 10_000).roundTrip("uds", 32, 0, 9_000);
        assertEquals(List.of(), warnings(run), "150 ns is not below the 130 ns floor measured right after it");
        final List<PlacementCheck.Flag> flags = PlacementCheck.of(run.figures()).flagged();
        assertTrue(flags.get(0).reason().endsWith("placement changed during the trial: C floor 400 ns before, 130 ns after"),
            flags.get(0).reason());
        assertEquals(0, flags.get(0).trial());
    }

    @Test
    void shouldWarnWhenAStreamMovesMoreThanTheCopyBandwidth()
    {
        final SyntheticRun run = new SyntheticRun();
        run.floor(100, 50_000).stream("uds-batched", 4096, 0, 13.2e6);
        run.floor(100, 52_000).stream("uds", 4096, 0, 1.6e6);
        final List<Gates.Warning> w = warnings(run);
        assertEquals(1, w.size(), w.toString());
        assertEquals(Gates.COPY, w.get(0).gate());
        assertEquals("trial 0: 54,067 MB/s, copy 52,000 MB/s", w.get(0).detail(), "the higher of before and after");
        final SyntheticRun interrupted = new SyntheticRun();
        interrupted.floor(100, 44).stream("uds-batched", 4096, 0, 13.2e6);
        interrupted.floor(100, 60_000).stream("uds", 4096, 0, 1.6e6);
        assertEquals(List.of(), warnings(interrupted), "a copy measurement that lost its CPU is not the bandwidth");
    }

    @Test
    void shouldLeaveTargetsUndecidedOnGatedCellsAndPrintTheWarningBlock(@TempDir final Path dir) throws Exception
    {
        final SyntheticRun run = new SyntheticRun();
        for (int r = 0; r < 3; r++)
        {
            run.floor(400, 10_000).roundTrip(Report.MMIPC, 32, r, 220).roundTrip("agrona", 32, r, 410 + r)
                .roundTrip("uds", 32, r, 10_000).roundTrip("pipe", 32, r, 2_000 + 1000 * r);
        }
        final Report report = run.report(List.of());
        final Targets.Target agrona = report.targets().get(0);
        assertEquals("round trip p50 ≤ 1.2 × bare Agrona (round trip 32 B)", agrona.what());
        assertTrue(agrona.measured().allAtMost(1.2), "the ratio alone would meet it");
        assertEquals(Targets.Status.UNDECIDED, agrona.status());
        assertEquals("gate: round trip below the C floor (mmipc-one-to-one)", agrona.reason());
        report.writeTo(dir);
        final String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("## Sanity warnings\n\n> **2 sanity warnings.**"), md);
        assertTrue(md.contains("> - **round trip 32 B, mmipc-one-to-one** (round trip below the C floor): trial 0: p50 220 ns, " +
            "C floor 400 ns; trial 4: p50 220 ns, C floor 400 ns; trial 8: p50 220 ns, C floor 400 ns"), md);
        assertTrue(md.contains("> - **round trip 32 B, mmipc-one-to-one** (wrapper beats what it wraps): "), md);
        assertTrue(md.contains("| round trip p50 ≤ 1.2 × bare Agrona (round trip 32 B) | 0.54 [0.53–0.54] | undecided " +
            "(gate: round trip below the C floor (mmipc-one-to-one)) |"), md);
        final JsonObject summary = JsonParser.parseString(Files.readString(dir.resolve("summary.json"))).getAsJsonObject();
        assertEquals(Gates.FLOOR, summary.getAsJsonArray("warnings").get(0).getAsJsonObject().get("gate").getAsString());
        assertEquals("undecided", summary.getAsJsonArray("targets").get(0).getAsJsonObject().get("status").getAsString());
    }

    @Test
    void shouldMeetATargetOnlyWhenTheWholeSpreadIsOnTheRightSide()
    {
        final SyntheticRun run = new SyntheticRun().floor(50, 10_000);
        final double[] pipe = { 19_000, 25_000, 30_000 };
        for (int r = 0; r < 3; r++)
        {
            run.roundTrip(Report.MMIPC, 32, r, 1000).roundTrip("agrona", 32, r, 500 + 100 * r)
                .roundTrip("uds", 32, r, 30_000).roundTrip("pipe", 32, r, pipe[r]);
        }
        final List<Targets.Target> targets = run.report(List.of()).targets();
        assertEquals(Targets.Status.MISSED, targets.get(0).status(), "mmipc/agrona 1.43–2.0, all above 1.2");
        assertEquals(Targets.Status.MET, targets.get(2).status(), "uds/mmipc 30 in every round");
        assertEquals(Targets.Status.UNDECIDED, targets.get(3).status(), "pipe/mmipc 19–30 straddles 20");
        assertEquals("the spread straddles 20.0", targets.get(3).reason());
        assertEquals(Targets.Status.UNDECIDED, targets.get(1).status(), "no C ring measured");
        assertEquals("not measured", targets.get(1).reason());
    }
}

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
package dev.mmipc.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mmipc.bench.report.ReportMain;
import dev.mmipc.bench.run.CProgram;
import dev.mmipc.bench.run.Plan;
import dev.mmipc.bench.run.Profile;
import dev.mmipc.bench.run.RunLoop;
import dev.mmipc.bench.transport.FaultInjectingTransport;
import dev.mmipc.bench.transport.Transport;
import dev.mmipc.bench.transport.TransportPeer;
import dev.mmipc.bench.transport.Transports;
import dev.mmipc.test.ThreadDumps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI smoke pass: every transport delivers checked messages both ways between two real JVMs; a short run of the
 * real harness (JMH forks pinned to CPUs 0 and 1, the C floor before each, the C ring in the round) leaves every
 * record the report needs; a fork whose transport corrupts a message is recorded as failed with the check that
 * caught it; every counter and lock benchmark runs once; the pool and the idle probe run small. No timing is
 * asserted. No peer and no trial directory may outlive a test ({@link NoLeftovers}).
 */
class BenchmarkSmokeTest
{
    private static final int LENGTH = 256;
    /** The shortest run: one measured iteration of 100 ms, no warm-up. */
    private static final Profile SMOKE = new Profile("smoke", List.of(LENGTH), 1, 0, 0.1, 1, 0.1, 0.02, 0.01, 2_000, 1, 0.2, 5);

    @RegisterExtension
    final NoLeftovers noLeftovers = new NoLeftovers();

    static List<String> transports()
    {
        return Transports.names();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldStreamCheckedMessagesOverEveryTransport(final String transport) throws Exception
    {
        try (TransportTrial trial = TransportTrial.start(transport, LENGTH, TransportPeer.Role.PRODUCE, null))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (trial.delivered() < 2_000)
            {
                trial.pollStream(TransportTrial.POLL_LIMIT);
                if (System.nanoTime() - deadline > 0)
                {
                    ThreadDumps.askForDump(trial.peerPid(), "the producer");
                    throw new AssertionError("stream stalled: transport=" + transport + ", delivered=" + trial.delivered());
                }
            }
            final Map<String, Object> record = trial.record();
            assertEquals(transport, record.get("transport"));
            assertNotNull(record.get("capacityMessages"), record.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void shouldMakeCheckedRoundTripsOverEveryTransportThatIsMeasuredSo(final String transport) throws Exception
    {
        final Transport t = Transports.create(transport);
        if (t.batchesWrites())
        {
            assertFalse(Plan.of(List.of(transport), List.of(LENGTH), 1, false, false).trials().stream()
                .anyMatch(s -> Plan.ROUND_TRIP.equals(s.benchmark())), "a batching transport is not timed in round trips");
            return;
        }
        try (TransportTrial trial = TransportTrial.start(transport, LENGTH, TransportPeer.Role.ECHO, null))
        {
            for (int i = 0; i < 200; i++)
            {
                trial.roundTrip();
            }
            assertEquals(201, trial.delivered(), "the setup's echo and 200 more, each checked");
        }
    }

    @ParameterizedTest
    @CsvSource({ "aeron, 65536", "chronicle, 65536", "mmipc-many-to-many, 65536", "tcp, 33" })
    void shouldStreamLargeAndOddSizes(final String transport, final int length) throws Exception
    {
        try (TransportTrial trial = TransportTrial.start(transport, length, TransportPeer.Role.PRODUCE, null))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (trial.delivered() < 200 && System.nanoTime() - deadline < 0)
            {
                trial.pollStream(TransportTrial.POLL_LIMIT);
            }
            assertTrue(trial.delivered() >= 200, "delivered=" + trial.delivered());
        }
    }

    @Test
    void shouldRunPinnedForksWithTheCFloorBeforeEachAndTheCRingInTheRound(@TempDir final Path out) throws Exception
    {
        final CProgram.Built c = CProgram.build(Path.of("..", "bench", "limit", "cring.c"), out.resolve("work"), "cc");
        assertNotNull(c.program(), c.note());
        final List<String> progress = new ArrayList<>();
        final RunLoop loop = new RunLoop(out, out.resolve("work"), SMOKE, "0,1", c.program(), progress::add,
            List.of(NoLeftovers.dirPrefixArg()));
        loop.run(Plan.of(List.of("agrona", "uds-batched"), List.of(LENGTH), 1, true, false));
        assertEquals(5, progress.size(), progress.toString());
        final JsonArray trials = JsonParser.parseString(Files.readString(out.resolve("trials.json"))).getAsJsonObject()
            .getAsJsonArray("trials");
        assertEquals(5, trials.size());
        for (final JsonElement e : trials)
        {
            final JsonObject t = e.getAsJsonObject();
            assertFalse(t.has("error") && !t.get("error").isJsonNull(), t.toString());
            assertEquals("0,1", t.get("cpus").getAsString());
            if ("transport".equals(t.get("kind").getAsString()))
            {
                final JsonObject fork = t.getAsJsonObject("fork");
                assertEquals("0", fork.get("benchAffinity").getAsString(), "the JMH fork ran pinned to CPU 0: " + fork);
                assertEquals("1", fork.get("peerAffinity").getAsString(), "its peer to CPU 1: " + fork);
                assertEquals("0", fork.get("requestedBenchCpu").getAsString());
                assertTrue(fork.get("delivered").getAsLong() > 0, fork.toString());
                assertTrue(fork.get("capacityMessages").getAsLong() > 0, fork.toString());
                final JsonObject floor = t.getAsJsonObject("floor");
                assertEquals(0, floor.get("parentCpu").getAsInt());
                assertEquals(1, floor.get("childCpu").getAsInt());
                assertTrue(floor.getAsJsonObject("floor").get("p50").getAsLong() > 0, floor.toString());
            }
            else
            {
                assertEquals("C ring", t.get("subject").getAsString());
                assertTrue(t.getAsJsonObject("c").getAsJsonObject("ring").get("delivered").getAsLong() > 0, t.toString());
            }
        }
        final JsonArray jmh = JsonParser.parseString(Files.readString(out.resolve("jmh.json"))).getAsJsonArray();
        assertEquals(3, jmh.size(), "agrona round trip, agrona and uds-batched streams");
        for (final JsonElement e : jmh)
        {
            final JsonObject r = e.getAsJsonObject();
            if (r.get("benchmark").getAsString().endsWith(".stream"))
            {
                assertTrue(r.getAsJsonObject("secondaryMetrics").getAsJsonObject("messages").get("score").getAsDouble() > 0, r.toString());
            }
            assertTrue(r.get("jvm").getAsString().endsWith("java-cpu0"), "forks start through the pinning script");
        }
        ReportMain.generate(out);
        final String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| C ring |"), md);
        assertFalse(md.contains("Failed trials"), md);
    }

    @Test
    void shouldRecordAForkWhoseTransportCorruptsAMessageAsFailedByItsCheck(@TempDir final Path out) throws Exception
    {
        final String faulty = FaultInjectingTransport.nameOf(FaultInjectingTransport.Fault.CORRUPT, 5, "agrona");
        final RunLoop loop = new RunLoop(out, out.resolve("work"), SMOKE, null, null, line -> { }, List.of(NoLeftovers.dirPrefixArg()));
        loop.run(Plan.of(List.of(faulty), List.of(LENGTH), 1, false, false));
        final JsonArray trials = JsonParser.parseString(Files.readString(out.resolve("trials.json"))).getAsJsonObject()
            .getAsJsonArray("trials");
        assertEquals(2, trials.size());
        for (final JsonElement e : trials)
        {
            final String error = e.getAsJsonObject().get("error").getAsString();
            assertTrue(error.startsWith("dev.mmipc.bench.transport.DeliveryCheckException: delivery check failed: " +
                "check=checksum, transport=" + faulty + ", sequence=5"), error);
        }
        assertEquals(0, JsonParser.parseString(Files.readString(out.resolve("jmh.json"))).getAsJsonArray().size(),
            "no figure from a trial that failed its checks");
        ReportMain.generate(out);
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Failed trials (no figure)\n\n- trial 0 (roundTrip 256 B " +
            faulty + ", round 1): dev.mmipc.bench.transport.DeliveryCheckException"));
    }

    @Test
    void shouldRunEveryCounterAndLockBenchmarkOnce(@TempDir final Path out) throws Exception
    {
        new RunLoop(out, out.resolve("work"), SMOKE, null, null, line -> { }, List.of(NoLeftovers.dirPrefixArg()))
            .run(Plan.of(List.of(), List.of(LENGTH), 1, false, true));
        final Set<String> ran = new HashSet<>();
        for (final JsonElement e : JsonParser.parseString(Files.readString(out.resolve("jmh.json"))).getAsJsonArray())
        {
            final JsonObject r = e.getAsJsonObject();
            final String benchmark = r.get("benchmark").getAsString();
            ran.add(benchmark.substring(benchmark.lastIndexOf('.') + 1) +
                (r.has("params") ? "/" + r.getAsJsonObject("params").get("peer").getAsString() : ""));
            assertTrue(r.getAsJsonObject("primaryMetric").get("score").getAsDouble() > 0, r.toString());
        }
        assertEquals(Set.of("atomicLong2Threads", "sharedLong2Threads", "sharedLongCrossJvm", "acquireRelease/none",
            "acquireRelease/jvm", "lockedIncrement/none", "lockedIncrement/jvm"), ran);
    }

    @Test
    void shouldRunThePoolBenchmarkOnceWithFewTasks() throws Exception
    {
        final Map<String, Object> pool = PoolBenchmark.run(2_000, 2, 1);
        assertTrue((Long)pool.get("mmipcChunk1TasksPerSec") > 0, pool.toString());
        assertTrue((Long)pool.get("mmipcBatchedTasksPerSec") > 0, pool.toString());
        assertEquals(pool.containsKey("pythonChunk1TasksPerSec"), pool.containsKey("pythonBatchedTasksPerSec"), pool.toString());
        assertNotNull(pool.get("pythonNote"), "a python version, or why there is no python figure");
    }

    @Test
    void shouldRunTheIdleConsumerProbeOnce() throws Exception
    {
        final Map<String, Object> idle = IdleConsumerProbe.run(0.2, 5, 2);
        assertTrue((Double)idle.get("idleCpuShareThread") >= 0, idle.toString());
        assertEquals(5, idle.get("wakeUps"));
    }
}

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

import com.google.gson.GsonBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's raw files written by hand for the report's tests: JMH results labelled with their trial, and
 * {@code trials.json} with rounds, C floors, copy bandwidth, placement and the C ring's results.
 */
final class SyntheticRun
{
    private static final String TB = "dev.mmipc.bench.TransportBenchmark.";

    private final List<String> jmh = new ArrayList<>();
    private final List<Map<String, Object>> trials = new ArrayList<>();
    private double floorNs = 100;
    private double copyMBps = 10_000;
    private String benchAffinity = "0";

    /** The C floor and copy bandwidth of the trials added next. */
    SyntheticRun floor(final double floorNs, final double copyMBps)
    {
        this.floorNs = floorNs;
        this.copyMBps = copyMBps;
        return this;
    }

    /** The CPUs the benchmark side of the trials added next ran on, as read back. */
    SyntheticRun benchAffinity(final String cpus)
    {
        this.benchAffinity = cpus;
        return this;
    }

    SyntheticRun roundTrip(final String transport, final int size, final int round, final double p50)
    {
        final int trial = trials.size();
        jmh.add("{\"benchmark\":\"" + TB + "roundTrip\",\"mode\":\"sample\",\"jvmArgs\":[\"-Dmmipc.bench.trial=" + trial +
            "\"],\"params\":{\"transport\":\"" + transport + "\",\"size\":\"" + size + "\"},\"primaryMetric\":{\"score\":" +
            (p50 * 1.1) + ",\"scoreUnit\":\"ns/op\",\"scorePercentiles\":{\"0.0\":1.0,\"50.0\":" + p50 + ",\"90.0\":" + (p50 * 2) +
            ",\"95.0\":" + (p50 * 3) + ",\"99.0\":" + (p50 * 4) + ",\"99.9\":" + (p50 * 10) + ",\"100.0\":" + (p50 * 100) +
            "}},\"secondaryMetrics\":{}}");
        trials.add(transportTrial(trial, round, Figure.ROUND_TRIP, transport, size));
        return this;
    }

    SyntheticRun stream(final String transport, final int size, final int round, final double msgsPerSec)
    {
        final int trial = trials.size();
        jmh.add("{\"benchmark\":\"" + TB + "stream\",\"mode\":\"thrpt\",\"jvmArgs\":[\"-Dx=y\",\"-Dmmipc.bench.trial=" + trial +
            "\"],\"params\":{\"transport\":\"" + transport + "\",\"size\":\"" + size + "\"},\"primaryMetric\":{\"score\":" +
            (msgsPerSec / 30) + ",\"scoreUnit\":\"ops/s\"},\"secondaryMetrics\":{\"messages\":{\"score\":" + msgsPerSec +
            ",\"scoreUnit\":\"ops/s\"}}}");
        trials.add(transportTrial(trial, round, Figure.STREAM, transport, size));
        return this;
    }

    SyntheticRun cRing(final String benchmark, final int size, final int round, final double value)
    {
        final Map<String, Object> t = header(trials.size(), round, benchmark, Figure.C_RING, size, "c_ring");
        final Map<String, Object> ring = new LinkedHashMap<>();
        ring.put("benchmark", benchmark);
        ring.put("size", size);
        ring.put("capacityBytes", 4 << 20);
        ring.put("recordBytes", (size + 15) & ~7);
        ring.put("capacityMessages", (4 << 20) / ((size + 15) & ~7));
        ring.put("pollLimit", 64);
        if (Figure.ROUND_TRIP.equals(benchmark))
        {
            ring.put("p50", value);
            ring.put("p90", value * 2);
            ring.put("p99", value * 3);
            ring.put("p999", value * 4);
        }
        else
        {
            ring.put("msgsPerSec", value);
            ring.put("mbPerSec", value * size / 1e6);
        }
        final Map<String, Object> c = new LinkedHashMap<>();
        c.put("cpus", "0,1");
        c.put("parentCpu", 0);
        c.put("childCpu", 1);
        c.put("floor", Map.of("p50", floorNs, "p99", floorNs * 2));
        c.put("copyMBps", copyMBps);
        c.put("ring", ring);
        t.put("c", c);
        trials.add(t);
        return this;
    }

    SyntheticRun counter(final String name, final int round, final double opsPerSec)
    {
        final int trial = trials.size();
        jmh.add("{\"benchmark\":\"dev.mmipc.bench.CounterBenchmark." + name + "\",\"mode\":\"thrpt\",\"jvmArgs\":[\"" +
            "-Dmmipc.bench.trial=" + trial + "\"],\"primaryMetric\":{\"score\":" + opsPerSec + ",\"scoreUnit\":\"ops/s\"}," +
            "\"secondaryMetrics\":{}}");
        trials.add(header(trial, round, name, name, 0, "other"));
        return this;
    }

    SyntheticRun lock(final String method, final String peer, final int round, final double opsPerUs)
    {
        final int trial = trials.size();
        jmh.add("{\"benchmark\":\"dev.mmipc.bench.LockBenchmark." + method + "\",\"mode\":\"thrpt\",\"jvmArgs\":[\"" +
            "-Dmmipc.bench.trial=" + trial + "\"],\"params\":{\"peer\":\"" + peer + "\"},\"primaryMetric\":{\"score\":" +
            opsPerUs + ",\"scoreUnit\":\"ops/us\"},\"secondaryMetrics\":{}}");
        trials.add(header(trial, round, method, method + "/" + ("jvm".equals(peer) ? "contended" : "uncontended"), 0, "other"));
        return this;
    }

    SyntheticRun failed(final String benchmark, final String transport, final int size, final int round, final String error)
    {
        final Map<String, Object> t = transportTrial(trials.size(), round, benchmark, transport, size);
        t.put("error", error);
        trials.add(t);
        return this;
    }

    private Map<String, Object> transportTrial(final int trial, final int round, final String benchmark, final String transport,
        final int size)
    {
        final Map<String, Object> t = header(trial, round, benchmark, transport, size, "transport");
        t.put("floor", Map.of("cpus", "0,1", "floor", Map.of("p50", floorNs, "p99", floorNs * 2), "copyMBps", copyMBps));
        final Map<String, Object> fork = new LinkedHashMap<>();
        fork.put("transport", transport);
        fork.put("setup", "setup of " + transport);
        fork.put("capacityMessages", "chronicle".equals(transport) ? -1 : 1000 + size);
        if (transport.equals(Report.MMIPC) || transport.equals(Report.MMIPC_PIPE))
        {
            fork.put("wraps", "agrona");
        }
        fork.put("benchAffinity", benchAffinity);
        fork.put("peerAffinity", "1");
        t.put("fork", fork);
        return t;
    }

    private static Map<String, Object> header(
        final int trial, final int round, final String benchmark, final String subject, final int size, final String kind)
    {
        final Map<String, Object> t = new LinkedHashMap<>();
        t.put("trial", trial);
        t.put("round", round);
        t.put("benchmark", benchmark);
        t.put("subject", subject);
        t.put("size", size);
        t.put("kind", kind);
        t.put("cpus", "other".equals(kind) ? null : "0,1");
        return t;
    }

    String jmhJson()
    {
        return "[" + String.join(",", jmh) + "]";
    }

    String trialsJson()
    {
        return new GsonBuilder().serializeNulls().create().toJson(Map.of("trials", trials));
    }

    List<Figure> figures()
    {
        return Inputs.fromRun(jmhJson(), trialsJson());
    }

    Report report(final List<String> notes)
    {
        final Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("cpu", "2-core test box");
        return new Report(figures(), meta, notes, Inputs.failures(trialsJson()));
    }

    /** Write the run's raw files, with a {@code run.json}, into a directory. */
    Path writeTo(final Path dir, final String profile, final boolean subset) throws IOException
    {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("jmh.json"), jmhJson(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("trials.json"), trialsJson(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("run.json"), String.format(Locale.ROOT, "{\"date\": \"2026-12-07T12:00:00Z\", " +
            "\"command\": \"bin/bench\", \"profile\": \"%s\", \"commit\": \"0123456789abcdef\", \"commitDirty\": false, " +
            "\"cpu\": \"2-core test box\", \"cores\": 2, \"os\": \"Linux 6\", \"jdk\": \"OpenJDK 17\", " +
            "\"loadAverageAtStart\": \"0.10\", \"rounds\": 3, \"subset\": %s, \"timings\": \"short\", \"elapsedSeconds\": 540, " +
            "\"notes\": [\"a note\"]}", profile, subset), StandardCharsets.UTF_8);
        return dir;
    }
}

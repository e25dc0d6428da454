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

import dev.mmipc.bench.run.Json;
import dev.mmipc.bench.run.Placement;
import dev.mmipc.bench.run.RunLoop;
import dev.mmipc.bench.transport.Transport;
import dev.mmipc.bench.transport.TransportPeer;
import dev.mmipc.bench.transport.Transports;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Messages between two JVMs over each {@link Transport}, every one checked ({@link TransportTrial}):
 * <ul>
 *   <li>{@link #roundTrip()}: sampled, so JMH reports p50/p90/p99/p99.9; each echo's length, kind, sequence number
 *   and checksum are checked on return.</li>
 *   <li>{@link #stream}: the peer produces without pause for the whole trial, each payload derived from its
 *   sequence number; each call takes up to {@value TransportTrial#POLL_LIMIT} messages, checks their continuity
 *   and the checksum of every byte, and counts them in the auxiliary counter {@code messages}: JMH reports it
 *   as messages/s, the figure the report uses (the primary score counts polls and means nothing). Before each
 *   iteration the backlog that piled up during JMH's pause is taken, uncounted, so an iteration measures the
 *   sustained rate, not a full buffer drained at once.</li>
 * </ul>
 * The peer JVM ({@link TransportPeer}) is started in trial setup, pinned to the CPU named by the system property
 * {@value Placement#PEER_CPU_PROPERTY} when it is set, and always stopped in teardown. With the system properties
 * {@value RunLoop#TRIAL_PROPERTY} (the run's number for this fork) and {@value RunLoop#RECORD_DIR_PROPERTY} set,
 * teardown writes {@code trial-N.json} there:
 * the transport's setup and capacity in messages, where both processes ran, the messages checked.
 * <p>
 * A message that fails its check fails the trial: no figure is reported for it (JMH then skips teardown; a shutdown
 * hook stops the peer and removes the trial's directory when the fork exits). Agrona's bounds checks are off
 * in the fork and its peer, as in Aeron's own benchmarks; the tests run the same code with them on.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {
    "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx512m", "-Dagrona.disable.bounds.checks=true",
    Transports.CHRONICLE_EXPORT_REF, Transports.CHRONICLE_EXPORT_UTIL, Transports.CHRONICLE_EXPORT_NIO,
    Transports.CHRONICLE_EXPORT_JAVAC_FILE, Transports.CHRONICLE_EXPORT_MISC, Transports.CHRONICLE_OPEN_IO,
    Transports.CHRONICLE_OPEN_LANG, Transports.CHRONICLE_OPEN_REFLECT, Transports.CHRONICLE_OPEN_UTIL,
    Transports.CHRONICLE_OPEN_JAVAC, Transports.CHRONICLE_NO_ANALYTICS, Transports.CHRONICLE_NO_ANNOUNCER,
    Transports.CHRONICLE_QUIET_SLF4J })
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class TransportBenchmark
{
    /**
     * The transport, by {@link Transports} name: every registered one, in registry order (annotations take constants
     * only; {@code TransportsTest} fails when this list and the registry differ, and when {@code @Fork} lacks a flag
     * a registered transport needs).
     */
    @Param({ "mmipc-one-to-one", "mmipc-many-to-one", "mmipc-many-to-many", "mmipc-pipe", "agrona", "pipe",
        "pipe-batched", "uds", "uds-batched", "tcp", "tcp-batched", "chronicle", "aeron" })
    public String transport;

    /** Message length in bytes. */
    @Param({ "32", "256", "4096", "65536" })
    public int size;

    private TransportTrial run;
    private String benchmark;
    private Thread onExit;

    /** Messages delivered and checked, reported by JMH per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Delivered
    {
        /** Messages delivered and checked in this iteration. */
        public long messages;

        /** Each iteration counts from zero. */
        @Setup(Level.Iteration)
        public void reset()
        {
            messages = 0;
        }
    }

    /**
     * Start the peer in the role the benchmark needs and connect.
     *
     * @param params JMH's parameters: which benchmark runs.
     * @throws Exception when the transport cannot be set up.
     */
    @Setup(Level.Trial)
    public void setUp(final BenchmarkParams params) throws Exception
    {
        benchmark = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        final TransportPeer.Role role = "stream".equals(benchmark) ? TransportPeer.Role.PRODUCE : TransportPeer.Role.ECHO;
        run = TransportTrial.start(transport, size, role, System.getProperty(Placement.PEER_CPU_PROPERTY));
        final TransportTrial started = run;
        onExit = new Thread(started::close, "trial-close-on-exit"); // JMH skips teardown after a failed iteration
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * Before each streaming iteration, take what piled up in the buffer while JMH paused between iterations, so that
     * a measured iteration does not start by draining a full buffer ({@link TransportTrial#catchUp()}).
     */
    @Setup(Level.Iteration)
    public void catchUp()
    {
        if ("stream".equals(benchmark))
        {
            run.catchUp();
        }
    }

    /**
     * Stop the peer, release everything, write the trial's record.
     *
     * @throws IOException when the record cannot be written.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        if (null == run)
        {
            return;
        }
        Runtime.getRuntime().removeShutdownHook(onExit);
        run.close();
        final String recordDir = System.getProperty(RunLoop.RECORD_DIR_PROPERTY);
        final int trial = Integer.getInteger(RunLoop.TRIAL_PROPERTY, -1);
        if (trial >= 0 && null != recordDir)
        {
            final Map<String, Object> record = run.record();
            record.put("trial", trial);
            record.put("benchmark", benchmark);
            record.put("requestedBenchCpu", System.getProperty(Placement.BENCH_CPU_PROPERTY));
            record.put("requestedPeerCpu", System.getProperty(Placement.PEER_CPU_PROPERTY));
            Json.write(Path.of(recordDir, "trial-" + trial + ".json"), record);
        }
        run = null;
    }

    /**
     * @return the sequence number of the round trip.
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long roundTrip()
    {
        return run.roundTrip();
    }

    /**
     * @param delivered counts the messages checked.
     * @return messages taken by this poll.
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int stream(final Delivered delivered)
    {
        final int n = run.pollStream(TransportTrial.POLL_LIMIT);
        delivered.messages += n;
        return n;
    }
}

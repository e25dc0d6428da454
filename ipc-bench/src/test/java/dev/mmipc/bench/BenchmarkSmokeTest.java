package dev.mmipc.bench;

import dev.mmipc.bench.transport.Transports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smoke pass: every benchmark runs one short iteration in a real fork (one message size), so none rots; the
 * pool benchmark maps a few thousand tasks. JMH's lock file is ignored so that a benchmark run elsewhere on the
 * machine cannot fail CI.
 * No timing is asserted; each test checks that every benchmark produced a result and that no peer process
 * and no {@code /dev/shm/mmipc-bench-*} directory was left behind (this run's trials use their own prefix,
 * {@code mmipc-bench-smoke-PID-}, so other processes' benchmarks running at the same time do not count).
 */
class BenchmarkSmokeTest
{
    /** This run's own trial-directory prefix, so that other processes' benchmark dirs are not counted. */
    private static final String PREFIX = PeerProcess.DEFAULT_DIR_PREFIX + "smoke-" + ProcessHandle.current().pid() + "-";

    private static final List<String> PEER_MAINS = List.of(
        "dev.mmipc.bench.TransportPeer", "dev.mmipc.bench.transport.TransportPeer", "dev.mmipc.bench.CounterPeer",
        "dev.mmipc.bench.IdleConsumerPeer", "dev.mmipc.bench.LockBenchmark", "dev.mmipc.process.");

    /** A JMH run elsewhere on the machine holds JMH's lock file; CI must not fail because of it. */
    @BeforeAll
    static void ignoreJmhLock()
    {
        System.setProperty("jmh.ignoreLock", "true");
    }

    /** Every peer's arguments name its trial directory, so this run's peers are those naming {@link #PREFIX}. */
    @AfterEach
    void shouldLeaveNothingBehind() throws IOException
    {
        try (Stream<Path> left = Files.list(Path.of("/dev/shm")))
        {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList(),
                "benchmark namespaces must be removed");
        }
        final long ownPid = ProcessHandle.current().pid();
        final List<String> peers = ProcessHandle.allProcesses()
            .filter(p -> p.pid() != ownPid)
            .map(p -> p.info().commandLine().orElse(""))
            .filter(cmd -> PEER_MAINS.stream().anyMatch(cmd::contains) && cmd.contains(PREFIX))
            .toList();
        assertEquals(List.of(), peers, "no peer JVM may survive its benchmark");
    }

    @Test
    void shouldRunEveryCounterBenchmarkOnce()
    {
        final Collection<RunResult> results = run(new OptionsBuilder().include(CounterBenchmark.class.getName() + "\\."));
        assertEquals(3, results.size(), "one result per benchmark");
    }

    @Test
    void shouldRunEveryLockBenchmarkUncontendedAndContendedOnce()
    {
        final Collection<RunResult> results = run(new OptionsBuilder().include(LockBenchmark.class.getName() + "\\."));
        final Set<String> ran = new HashSet<>();
        for (final RunResult result : results)
        {
            ran.add(result.getParams().getBenchmark() + "/" + result.getParams().getParam("peer"));
        }
        assertEquals(Set.of(
            LockBenchmark.class.getName() + ".acquireRelease/none", LockBenchmark.class.getName() + ".acquireRelease/jvm",
            LockBenchmark.class.getName() + ".lockedIncrement/none", LockBenchmark.class.getName() + ".lockedIncrement/jvm"),
            ran);
    }

    @Test
    void shouldRunThePoolBenchmarkOnceWithFewTasks() throws Exception
    {
        System.setProperty(PeerProcess.DIR_PREFIX_PROPERTY, PREFIX);
        final Map<String, Object> pool;
        try
        {
            pool = PoolBenchmark.run(2_000, 2, 1);
        }
        finally
        {
            System.clearProperty(PeerProcess.DIR_PREFIX_PROPERTY);
        }
        assertTrue((Long)pool.get("mmipcChunk1TasksPerSec") > 0, pool.toString());
        assertTrue((Long)pool.get("mmipcBatchedTasksPerSec") > 0, pool.toString());
        assertEquals(pool.containsKey("pythonChunk1TasksPerSec"), pool.containsKey("pythonBatchedTasksPerSec"), pool.toString());
        assertNotNull(pool.get("pythonNote"), "a python version, or why there is no python figure");
    }

    @Test
    void shouldRunBothTransportBenchmarksOverEveryTransportOnce()
    {
        final String[] names = Transports.names().toArray(new String[0]);
        assertTrue(Transports.names().contains("mmipc-pipe"), "the mmipc pipe is measured");
        final Collection<RunResult> results = run(new OptionsBuilder()
            .include(TransportBenchmark.class.getName() + "\\.")
            .param("transport", names)
            .param("size", "256"));

        final Set<String> ran = new HashSet<>();
        for (final RunResult result : results)
        {
            ran.add(result.getParams().getBenchmark() + "/" + result.getParams().getParam("transport"));
        }
        for (final String name : names)
        {
            assertTrue(ran.contains(TransportBenchmark.class.getName() + ".roundTrip/" + name), "roundTrip " + name);
            assertTrue(ran.contains(TransportBenchmark.class.getName() + ".stream/" + name), "stream " + name);
        }
        assertEquals(2 * names.length, results.size());
    }

    @Test
    void shouldRunTheIdleConsumerProbeOnce() throws Exception
    {
        System.setProperty(PeerProcess.DIR_PREFIX_PROPERTY, PREFIX);
        final Map<String, Object> idle = IdleConsumerProbe.run(0.2, 5, 2);
        System.clearProperty(PeerProcess.DIR_PREFIX_PROPERTY);
        assertTrue((Double)idle.get("idleCpuShareThread") >= 0, idle.toString());
        assertEquals(5, idle.get("wakeUps"));
    }

    private static Collection<RunResult> run(final org.openjdk.jmh.runner.options.ChainedOptionsBuilder options)
    {
        try
        {
            final Collection<RunResult> results = new Runner(options
                .jvmArgsPrepend("-D" + PeerProcess.DIR_PREFIX_PROPERTY + "=" + PREFIX)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(200))
                .forks(1)
                .shouldFailOnError(true)
                .build()).run();
            for (final RunResult result : results)
            {
                assertTrue(result.getPrimaryResult().getScore() > 0, result.getParams().getBenchmark());
            }
            return results;
        }
        catch (final org.openjdk.jmh.runner.RunnerException ex)
        {
            throw new AssertionError("benchmark failed", ex);
        }
    }
}

package dev.mmipc.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Smoke pass: every benchmark runs one short iteration in a real fork, so none rots. No timing is asserted.
 */
class BenchmarkSmokeTest
{
    @Test
    void shouldRunEveryCounterBenchmarkOnceAndLeaveNothingBehind() throws Exception
    {
        final Collection<RunResult> results = new Runner(new OptionsBuilder()
            .include(CounterBenchmark.class.getName())
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(200))
            .forks(1)
            .shouldFailOnError(true)
            .build()).run();

        assertEquals(3, results.size(), "one result per benchmark");
        for (final RunResult result : results)
        {
            assertTrue(result.getPrimaryResult().getScore() > 0, result.getParams().getBenchmark());
        }
        try (Stream<Path> left = Files.list(Path.of("/dev/shm")))
        {
            assertEquals(0, left.filter(p -> p.getFileName().toString().startsWith("mmipc-bench-")).count(),
                "benchmark namespaces must be removed");
        }
    }
}

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

import dev.mmipc.Namespace;
import dev.mmipc.pool.PoolOptions;
import dev.mmipc.pool.ProcessPool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Trivial-task throughput of {@link ProcessPool#map}: tasks per second with chunk size 1 and with Python's
 * default batching (items / (4 × workers)), next to Python's {@code multiprocessing.Pool.map} with the same
 * workers, items and chunk sizes, run as a {@code python3} subprocess in the same run. Where {@code python3}
 * is missing, its rows say so.
 * <p>
 * A plain main rather than JMH: each measurement is one {@code map} call over many items on a warmed pool
 * (best of {@value #ROUNDS} rounds after warm-up), which is also how the Python side is measured.
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp ipc-bench/target/benchmarks.jar \
 *     dev.mmipc.bench.PoolBenchmark [items=100000] [workers=2]
 * </pre>
 */
public final class PoolBenchmark
{
    static final int ROUNDS = 5;

    private static final String PYTHON = String.join("\n",
        "import multiprocessing as mp, sys, time",
        "def f(x):",
        "    return x",
        "if __name__ == '__main__':",
        "    n, w, rounds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])",
        "    batch = max(1, -(-n // (4 * w)))",
        "    with mp.Pool(w) as p:",
        "        p.map(f, range(min(n, 20000)), chunksize=1)",
        "        for label, cs in (('chunk=1', 1), ('chunk=' + str(batch), batch)):",
        "            best = 0.0",
        "            for _ in range(rounds):",
        "                t = time.perf_counter(); r = p.map(f, range(n), chunksize=cs); dt = time.perf_counter() - t",
        "                assert len(r) == n",
        "                best = max(best, n / dt)",
        "            print(label, int(best))",
        "");

    private PoolBenchmark()
    {
    }

    /**
     * @param args items (default 100000), workers (default 2).
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        final int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        final Map<String, Object> r = run(items, workers, ROUNDS);
        System.out.printf("pool map of %d trivial tasks, %d workers, best of %d (tasks/s)%n", items, workers, ROUNDS);
        System.out.printf("%-14s %14s %14s %8s%n", "chunk size", "mmipc", "python3", "ratio");
        row("1", (Long)r.get("mmipcChunk1TasksPerSec"), r.get("pythonChunk1TasksPerSec"));
        row(r.get("batchChunkSize").toString(), (Long)r.get("mmipcBatchedTasksPerSec"), r.get("pythonBatchedTasksPerSec"));
        System.out.println("note: " + r.get("pythonNote"));
    }

    /**
     * Measure mmipc's pool, then Python's where {@code python3} runs.
     *
     * @param items   tasks per {@code map} call.
     * @param workers worker processes of each pool.
     * @param rounds  measured {@code map} calls of each chunk size; the best is kept.
     * @return {@code items workers rounds batchChunkSize mmipcChunk1TasksPerSec mmipcBatchedTasksPerSec}, then
     *         {@code pythonChunk1TasksPerSec pythonBatchedTasksPerSec} when Python ran, and always {@code pythonNote}
     *         (Python's version, or why there is no Python figure).
     * @throws Exception when the mmipc pool fails.
     */
    public static Map<String, Object> run(final int items, final int workers, final int rounds) throws Exception
    {
        final int batch = Math.max(1, (items + 4 * workers - 1) / (4 * workers));
        final List<Integer> input = new ArrayList<>(items);
        for (int i = 0; i < items; i++)
        {
            input.add(i);
        }

        final Path dir = PeerProcess.tempNamespace();
        final long[] mmipc = new long[2];
        try (ProcessPool pool = ProcessPool.create(PoolOptions.defaults().withWorkers(workers)
            .withPrefetch(Integer.getInteger("prefetch", PoolOptions.DEFAULT_PREFETCH))
            .withNamespace(Namespace.at(dir.resolve("ns")))))
        {
            for (int warm = 0; warm < 3; warm++)
            {
                pool.map(x -> x, input.subList(0, Math.min(items, 20_000)), 1);
                pool.map(x -> x, input, batch);
            }
            mmipc[0] = best(pool, input, 1, rounds);
            mmipc[1] = best(pool, input, batch, rounds);
        }
        finally
        {
            PeerProcess.deleteRecursively(dir);
        }

        final String[] python = python(items, workers, rounds);
        final Map<String, Object> result = new LinkedHashMap<>();
        result.put("items", items);
        result.put("workers", workers);
        result.put("rounds", rounds);
        result.put("batchChunkSize", batch);
        result.put("mmipcChunk1TasksPerSec", mmipc[0]);
        result.put("mmipcBatchedTasksPerSec", mmipc[1]);
        putNumber(result, "pythonChunk1TasksPerSec", python[0]);
        putNumber(result, "pythonBatchedTasksPerSec", python[1]);
        result.put("pythonNote", python[2]);
        return result;
    }

    private static void putNumber(final Map<String, Object> result, final String key, final String value)
    {
        try
        {
            result.put(key, Long.parseLong(value));
        }
        catch (final NumberFormatException ignore)
        {
            // python missing or failed: no figure, the note says why
        }
    }

    private static void row(final String chunk, final long mmipc, final Object python)
    {
        final String ratio = python instanceof Long p ? String.format("%.1fx", mmipc / (double)p) : "-";
        System.out.printf("%-14s %14d %14s %8s%n", chunk, mmipc, null == python ? "n/a" : python, ratio);
    }

    private static long best(final ProcessPool pool, final List<Integer> input, final int chunk, final int rounds)
    {
        long best = 0;
        for (int round = 0; round < rounds; round++)
        {
            final long start = System.nanoTime();
            final List<Integer> out = pool.map(x -> x, input, chunk);
            final long ns = System.nanoTime() - start;
            if (out.size() != input.size() || !out.get(out.size() - 1).equals(input.get(input.size() - 1)))
            {
                throw new IllegalStateException("wrong map result: size=" + out.size());
            }
            best = Math.max(best, input.size() * 1_000_000_000L / Math.max(1, ns));
        }
        return best;
    }

    private static String[] python(final int items, final int workers, final int rounds)
    {
        final String[] result = {"n/a", "n/a", null};
        try
        {
            final Process process = new ProcessBuilder(
                "python3", "-c", PYTHON, Integer.toString(items), Integer.toString(workers), Integer.toString(rounds))
                .redirectErrorStream(true).start();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0)
            {
                process.destroyForcibly();
                result[2] = "python3 failed: " + out.trim();
                return result;
            }
            final String[] lines = out.trim().split("\n");
            result[0] = lines[0].split(" ")[1];
            result[1] = lines[1].split(" ")[1];
            result[2] = "python3 " + pythonVersion() + ", multiprocessing.Pool(" + workers + ").map, same items";
        }
        catch (final IOException ex)
        {
            result[2] = "python3 not found on PATH: python columns skipped (" + ex.getMessage() + ")";
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            result[2] = "interrupted";
        }
        return result;
    }

    private static String pythonVersion()
    {
        try
        {
            final Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return out.replace("Python ", "");
        }
        catch (final IOException | InterruptedException ex)
        {
            return "?";
        }
    }
}

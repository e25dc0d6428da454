package dev.mmipc.bench;

import com.google.gson.GsonBuilder;
import dev.mmipc.bench.report.ReportMain;
import dev.mmipc.bench.transport.Protocol;
import dev.mmipc.bench.transport.Transport;
import dev.mmipc.bench.transport.Transports;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole benchmark run behind {@code bin/bench}: the C limit program, every transport at every size it
 * carries, the counters (with the Python-style locked value), the lock, the process pool beside Python's, the
 * idle consumer, then the report. Progress goes to standard output; JMH's own output to
 * {@code OUT/jmh-logs/}.
 * <p>
 * Arguments: {@code [--full] [--out DIR] [--limit-source FILE] [--transports a,b] [--sizes 32,256]}.
 * The quick profile (default) runs each trial for 1 s of warm-up and 2 × 1 s of measurement; {@code --full}
 * for 3 × 2 s and 5 × 2 s.
 */
public final class BenchMain
{
    private static final String USAGE = String.join(System.lineSeparator(),
        "usage: bin/bench [--full] [--out DIR] [--transports a,b] [--sizes 32,256] [--limit-source FILE]",
        "  quick profile by default (1 s warm-up, 2 x 1 s measured per trial); --full: 3 x 2 s warm-up, 5 x 2 s measured",
        "  transports: " + String.join(",", Transports.names()),
        "  writes DIR (default bench-results): jmh.json, limit.json, idle.json, pool.json, summary.json, report.md, *.png, jmh-logs/");

    /** Message sizes measured by default. */
    public static final List<Integer> SIZES = List.of(32, 256, 4096, 65536);

    private final boolean full;
    private final Path out;
    private final Path limitSource;
    private final List<String> transports;
    private final List<Integer> sizes;
    private final List<String> notes = new ArrayList<>();
    private final List<RunResult> results = new ArrayList<>();
    private final long startNs = System.nanoTime();

    private BenchMain(final boolean full, final Path out, final Path limitSource, final List<String> transports, final List<Integer> sizes)
    {
        this.full = full;
        this.out = out;
        this.limitSource = limitSource;
        this.transports = transports;
        this.sizes = sizes;
    }

    /**
     * @param args see the class documentation.
     * @throws Exception when the run cannot be done.
     */
    public static void main(final String[] args) throws Exception
    {
        boolean full = false;
        Path out = Path.of("bench-results");
        Path limitSource = Path.of("bench", "limit", "limit.c");
        List<String> transports = Transports.names();
        List<Integer> sizes = SIZES;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--full" -> full = true;
                case "--quick" -> full = false;
                case "--out" -> out = Path.of(args[++i]);
                case "--limit-source" -> limitSource = Path.of(args[++i]);
                case "--transports" -> transports = Arrays.asList(args[++i].split(","));
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--help", "-h" ->
                {
                    System.out.println(USAGE);
                    return;
                }
                default ->
                {
                    System.err.println("unknown argument: arg=" + args[i]);
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        new BenchMain(full, out, limitSource, transports, sizes).run();
    }

    private void run() throws Exception
    {
        Files.createDirectories(out.resolve("jmh-logs"));
        final Map<String, Object> meta = machine();
        if (Runtime.getRuntime().availableProcessors() <= 2)
        {
            notes.add("this machine has " + Runtime.getRuntime().availableProcessors() + " cores: a busy-spinning pair " +
                "(benchmark + peer) takes both, so anything else running (load average at start: " +
                meta.get("loadAverageAtStart") + ") shows up as millisecond p99s and lower throughput. On a VM, " +
                "whether the two vCPUs are SMT siblings also changes round trips about 4x (a cache line round trip " +
                "of ~80 ns against ~400 ns); the limit is the best of 3 runs, the JVM figures are not: compare " +
                "within one run, and use --full on an idle machine for numbers to quote");
        }
        progress("mmipc benchmarks, %s profile, results in %s", full ? "full" : "quick", out.toAbsolutePath());
        progress("machine: %s", meta.get("cpu") + ", " + meta.get("cores") + " cores, " + meta.get("jvm"));
        runLimit();
        int step = 0;
        final int steps = transports.size() + 4;
        for (final String name : transports)
        {
            step++;
            final Transport transport = Transports.create(name);
            final List<Integer> carried = new ArrayList<>();
            for (final int size : sizes)
            {
                if (size <= transport.maxMessageLength() && size >= Protocol.MIN_LENGTH)
                {
                    carried.add(size);
                }
                else
                {
                    notes.add("transport " + name + " cannot carry " + size + " B messages (max " +
                        transport.maxMessageLength() + " B): not measured");
                }
            }
            if (carried.isEmpty())
            {
                continue;
            }
            final boolean journal = "chronicle".equals(name);
            progress("[%d/%d] %s: round trip and streaming, sizes %s", step, steps, name, carried);
            runJmh(name, options(journal)
                .include(TransportBenchmark.class.getName() + "\\.")
                .param("transport", name)
                .param("size", carried.stream().map(String::valueOf).toArray(String[]::new)),
                2 * carried.size());
        }
        progress("[%d/%d] counters: AtomicLong, SharedLong in one JVM and across two", steps - 3, steps);
        runJmh("counters", options(false).include(CounterBenchmark.class.getName() + "\\."), 3);
        progress("[%d/%d] lock: acquire/release and the Python-style locked increment, alone and against a second JVM",
            steps - 2, steps);
        runJmh("lock", options(false).include(LockBenchmark.class.getName() + "\\."), 4);
        runPool(steps);
        runIdle(steps);
        if (full)
        {
            notes.add("Chronicle Queue keeps every message (a journal on tmpfs): its trials use the quick timings " +
                "so that streaming does not fill /dev/shm");
        }
        writeJmhJson();
        meta.put("notes", notes);
        meta.put("elapsedSeconds", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs));
        meta.put("loadAverageAtEnd", String.format(java.util.Locale.ROOT, "%.2f",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        Files.writeString(out.resolve("run.json"),
            new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(meta) + "\n", StandardCharsets.UTF_8);
        ReportMain.generate(out);
        progress("done: %s (summary.json, report.md, latency.png, latency-p99.png, throughput.png, jmh.json, limit.json, idle.json, pool.json)", out);
        System.out.println();
        System.out.print(Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8));
    }

    private ChainedOptionsBuilder options(final boolean journal)
    {
        final boolean longRun = full && !journal;
        return new OptionsBuilder()
            .forks(1)
            .warmupIterations(longRun ? 3 : 1)
            .warmupTime(TimeValue.seconds(longRun ? 2 : 1))
            .measurementIterations(longRun ? 5 : 2)
            .measurementTime(TimeValue.seconds(longRun ? 2 : 1))
            .shouldFailOnError(false);
    }

    private void runJmh(final String label, final ChainedOptionsBuilder options, final int expected) throws Exception
    {
        final long t0 = System.nanoTime();
        final Path log = out.resolve("jmh-logs").resolve(label + ".log");
        final Collection<RunResult> got = new Runner(options.output(log.toString()).build()).run();
        results.addAll(got);
        if (got.size() < expected)
        {
            notes.add(label + ": " + (expected - got.size()) + " of " + expected +
                " benchmarks produced no result (see jmh-logs/" + label + ".log)");
        }
        progress("      %d results in %d s", got.size(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0));
    }

    private void runIdle(final int steps)
    {
        final double idleSeconds = full ? 10 : 3;
        final int wakeUps = full ? 1000 : 200;
        progress("[%d/%d] idle consumer (default wait strategy): %.0f s idle, %d wake-ups after 10 ms pauses",
            steps, steps, idleSeconds, wakeUps);
        try
        {
            final Map<String, Object> idle = IdleConsumerProbe.run(idleSeconds, wakeUps, 10);
            Files.writeString(out.resolve("idle.json"),
                new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(idle) + "\n",
                StandardCharsets.UTF_8);
            progress("      done");
        }
        catch (final Exception ex)
        {
            notes.add("idle consumer probe failed: " + ex);
            progress("      failed: %s", ex);
        }
    }

    private void runPool(final int steps)
    {
        final int items = full ? 200_000 : 100_000;
        final int rounds = full ? PoolBenchmark.ROUNDS : 3;
        progress("[%d/%d] pool: ProcessPool.map of %d trivial tasks, 2 workers, then python3 multiprocessing.Pool.map",
            steps - 1, steps, items);
        try
        {
            final Map<String, Object> pool = PoolBenchmark.run(items, 2, rounds);
            Files.writeString(out.resolve("pool.json"),
                new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(pool) + "\n",
                StandardCharsets.UTF_8);
            progress("      done");
        }
        catch (final Exception ex)
        {
            notes.add("pool benchmark failed: " + ex);
            progress("      failed: %s", ex);
        }
    }

    private void runLimit() throws IOException, InterruptedException
    {
        Files.deleteIfExists(out.resolve("idle.json"));
        Files.deleteIfExists(out.resolve("pool.json"));
        progress("limit: cc -O2 %s, then each figure the best of 3 runs", limitSource);
        final String note = runLimit(limitSource, out, "cc", full ? 1 : 0.3, 3, sizes);
        if (null != note)
        {
            notes.add(note);
            progress("limit: skipped (%s)", note);
        }
        else
        {
            progress("limit: done");
        }
    }

    /**
     * Build the C limit program with the system C compiler and run it, writing {@code OUT/limit.json}.
     *
     * @param source   {@code bench/limit/limit.c}.
     * @param out      the output directory; the binary is built there too.
     * @param compiler the compiler's name, looked up on {@code PATH} ({@code cc}).
     * @param seconds  length of one measurement.
     * @param repeats  runs of each measurement; the best is kept.
     * @param sizes    message sizes.
     * @return null when {@code limit.json} was written, else the note that says why there is no limit row.
     * @throws IOException          when a file cannot be written.
     * @throws InterruptedException when interrupted.
     */
    public static String runLimit(
        final Path source, final Path out, final String compiler, final double seconds, final int repeats,
        final List<Integer> sizes) throws IOException, InterruptedException
    {
        final Path limitJson = out.resolve("limit.json");
        Files.deleteIfExists(limitJson);
        if (!Files.isRegularFile(source))
        {
            return "the C limit program was not found at " + source + ": no limit row";
        }
        final String cc = findOnPath(compiler);
        if (null == cc)
        {
            return "no C compiler (" + compiler + ") on this machine: the limit row is missing, and so is every " +
                "ratio to it. Install one (e.g. `apt-get install gcc`) and run again";
        }
        final Path binary = out.resolve("limit");
        final Process compile = new ProcessBuilder(cc, "-O2", "-std=gnu11", "-o", binary.toString(), source.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!compile.waitFor(120, TimeUnit.SECONDS) || compile.exitValue() != 0)
        {
            compile.destroyForcibly();
            return "the C limit program did not compile with " + cc + ": no limit row";
        }
        final List<String> command = new ArrayList<>(List.of(binary.toString(), String.valueOf(seconds), String.valueOf(repeats)));
        sizes.forEach(s -> command.add(String.valueOf(s)));
        final Process limit = new ProcessBuilder(command)
            .redirectOutput(limitJson.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!limit.waitFor(300, TimeUnit.SECONDS) || limit.exitValue() != 0)
        {
            limit.destroyForcibly();
            limit.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(limitJson);
            return "the C limit program failed: no limit row";
        }
        return null;
    }

    private void writeJmhJson() throws IOException
    {
        try (PrintStream ps = new PrintStream(out.resolve("jmh.json").toFile(), StandardCharsets.UTF_8))
        {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, ps).writeOut(results);
        }
    }

    private static Map<String, Object> machine()
    {
        final Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("date", Instant.now().toString());
        String cpu = System.getProperty("os.arch");
        try
        {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst().orElse(cpu);
        }
        catch (final IOException ignore)
        {
            // not Linux: the architecture says enough
        }
        meta.put("cpu", cpu);
        meta.put("cores", Runtime.getRuntime().availableProcessors());
        meta.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        meta.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        meta.put("loadAverageAtStart", String.format(java.util.Locale.ROOT, "%.2f",
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        return meta;
    }

    private static String findOnPath(final String program)
    {
        final String path = System.getenv("PATH");
        if (null == path)
        {
            return null;
        }
        return Arrays.stream(path.split(File.pathSeparator)).map(p -> Path.of(p, program))
            .filter(Files::isExecutable).map(Path::toString).findFirst().orElse(null);
    }

    private void progress(final String format, final Object... args)
    {
        final long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs);
        System.out.printf("[%3d:%02d] %s%n", s / 60, s % 60, String.format(format, args));
        System.out.flush();
    }
}

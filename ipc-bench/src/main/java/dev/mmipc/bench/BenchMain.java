/*
 * Copyright © 2026 the mmipc authors (${email})
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

import dev.mmipc.bench.report.ReadmeSection;
import dev.mmipc.bench.report.ReportMain;
import dev.mmipc.bench.run.CProgram;
import dev.mmipc.bench.run.Json;
import dev.mmipc.bench.run.Placement;
import dev.mmipc.bench.run.Plan;
import dev.mmipc.bench.run.Profile;
import dev.mmipc.bench.run.RunLoop;
import dev.mmipc.bench.run.RunMetadata;
import dev.mmipc.bench.run.TrialSpec;
import dev.mmipc.bench.transport.MessageDescriptor;
import dev.mmipc.bench.transport.Transports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole benchmark run behind {@code bin/bench}: the C program built, every transport and the C ring in
 * interleaved rounds at every size (the C floor measured right before each transport's fork, on the same pinned
 * CPUs), the counters and the lock interleaved the same way, the process pool beside Python's, the idle consumer,
 * then the report. Progress goes to standard output; JMH's own output to {@code OUT/jmh-logs/}.
 * <p>
 * Also {@code --report DIR} (the report again from a run's raw files) and {@code --readme DIR} (README.md's
 * benchmark section from a committed run). See {@link #usage()}.
 */
public final class BenchMain
{
    private static final Set<String> SKIPPABLE = Set.of("cring", "counters", "pool", "idle");
    /** The longest message a run measures: what every transport carries (Agrona's ring: an eighth of 4 MiB). */
    static final int MAX_SIZE = 512 * 1024;

    private final Profile profile;
    private final Path out;
    private final Path cSource;
    private final List<String> transports;
    private final List<Integer> sizes;
    private final int rounds;
    private final Set<String> skip;
    private final String cpus;
    private final List<String> args;
    private final List<String> notes = new ArrayList<>();
    private final long startNs = System.nanoTime();

    private BenchMain(
        final Profile profile, final Path out, final Path cSource, final List<String> transports, final List<Integer> sizes,
        final int rounds, final Set<String> skip, final String cpus, final List<String> args)
    {
        this.profile = profile;
        this.out = out;
        this.cSource = cSource;
        this.transports = transports;
        this.sizes = sizes;
        this.rounds = rounds;
        this.skip = skip;
        this.cpus = cpus;
        this.args = args;
    }

    /**
     * @return the help text, with each profile's plan and estimated time.
     */
    static String usage()
    {
        return String.join(System.lineSeparator(),
            "usage: bin/bench [--full] [--out DIR] [--transports a,b] [--sizes 32,256] [--rounds N] [--cpus A,B]",
            "                 [--skip cring,counters,pool,idle] [--c-source FILE]",
            "       bin/bench --report DIR    the report again from DIR's raw files (jmh.json, trials.json, run.json ...)",
            "       bin/bench --readme DIR    README.md's benchmark section from DIR (a committed run under bench/results/)",
            "",
            "  quick profile (default): " + describe(Profile.QUICK),
            "  --full:                  " + describe(Profile.FULL),
            "  --rounds N    interleaved rounds, i.e. forks per figure (quick 3, full 5)",
            "  --cpus A,B    the benchmark JVM and the C program's measuring side on CPU A, the peer on B (default 0,1;",
            "                none: no pinning). Each JVM trial is preceded by the C floor on the same CPUs.",
            "  transports:   " + String.join(",", Transports.names()),
            "  writes DIR (default bench-results): jmh.json, trials.json, run.json, pool.json, idle.json (raw);",
            "  summary.json, report.md, *.png (generated); jmh-logs/. A run to commit: --out bench/results/DATE-PROFILE,",
            "  then bin/bench --readme bench/results/DATE-PROFILE.");
    }

    private static String describe(final Profile p)
    {
        final Plan plan = Plan.of(Transports.names(), p.sizes(), p.rounds(), true, true);
        final double seconds = p.estimateSeconds(plan, true, true, true);
        return String.format(Locale.ROOT, "sizes %s, %d rounds, each fork %d x %.1f s warm-up + %d x %.1f s measured: " +
            "%d transport forks + %d C ring runs + %d counter/lock forks, about %s on 2 cores (build included)",
            p.sizes(), p.rounds(), p.warmupIterations(), p.warmupSeconds(), p.measureIterations(), p.measureSeconds(),
            plan.count(TrialSpec.Kind.TRANSPORT), plan.count(TrialSpec.Kind.C_RING), plan.count(TrialSpec.Kind.OTHER),
            Profile.minutes(seconds));
    }

    /**
     * @param args see {@link #usage()}.
     * @throws Exception when the run cannot be done.
     */
    public static void main(final String[] args) throws Exception
    {
        final Options options;
        try
        {
            options = Options.parse(args);
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println(ex.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (options.help())
        {
            System.out.println(usage());
        }
        else if (null != options.report())
        {
            ReportMain.generate(Path.of(options.report()));
            System.out.println("report written: " + Path.of(options.report()).resolve("report.md"));
        }
        else if (null != options.readme())
        {
            ReadmeSection.rewrite(Path.of("README.md"), Path.of(options.readme()));
            System.out.println("README.md: benchmark section generated from " + options.readme());
        }
        else
        {
            new BenchMain(options.profile(), options.out(), options.cSource(), options.transports(), options.sizes(),
                options.rounds(), options.skip(), options.cpus(), Arrays.asList(args)).run();
        }
    }

    /**
     * The command line, checked.
     *
     * @param profile    timings and default sizes and rounds.
     * @param out        the output directory.
     * @param cSource    the C program's source.
     * @param transports transports measured.
     * @param sizes      message sizes.
     * @param rounds     interleaved rounds.
     * @param skip       parts left out.
     * @param cpus       {@code A,B}, or null for no pinning.
     * @param report     {@code --report DIR}, or null.
     * @param readme     {@code --readme DIR}, or null.
     * @param help       {@code --help}.
     */
    record Options(
        Profile profile, Path out, Path cSource, List<String> transports, List<Integer> sizes, int rounds, Set<String> skip,
        String cpus, String report, String readme, boolean help)
    {
        /**
         * @param args the command line.
         * @return its options.
         * @throws IllegalArgumentException naming the first argument that is wrong.
         */
        static Options parse(final String[] args)
        {
            Profile profile = Profile.QUICK;
            Path out = Path.of("bench-results");
            Path cSource = Path.of("bench", "limit", "cring.c");
            List<String> transports = Transports.names();
            List<Integer> sizes = null;
            Integer rounds = null;
            Set<String> skip = Set.of();
            String cpus = "0,1";
            String report = null;
            String readme = null;
            boolean help = false;
            for (int i = 0; i < args.length; i++)
            {
                final String arg = args[i];
                switch (arg)
                {
                    case "--full" -> profile = Profile.FULL;
                    case "--quick" -> profile = Profile.QUICK;
                    case "--out" -> out = Path.of(value(args, ++i, arg));
                    case "--c-source" -> cSource = Path.of(value(args, ++i, arg));
                    case "--transports" -> transports = List.of(value(args, ++i, arg).split(","));
                    case "--sizes" -> sizes = sizes(value(args, ++i, arg));
                    case "--rounds" -> rounds = number(arg, value(args, ++i, arg));
                    case "--cpus" -> cpus = value(args, ++i, arg);
                    case "--skip" -> skip = Set.of(value(args, ++i, arg).split(","));
                    case "--report" -> report = value(args, ++i, arg);
                    case "--readme" -> readme = value(args, ++i, arg);
                    case "--help", "-h" -> help = true;
                    default -> throw new IllegalArgumentException("unknown argument: arg=" + arg);
                }
            }
            for (final String s : skip)
            {
                if (!SKIPPABLE.contains(s))
                {
                    throw new IllegalArgumentException("unknown --skip value: value=" + s + ", known=" + new TreeSet<>(SKIPPABLE));
                }
            }
            for (final String t : transports)
            {
                if (!Transports.names().contains(t))
                {
                    throw new IllegalArgumentException("unknown transport: name=" + t + ", known=" + Transports.names());
                }
            }
            if ("none".equals(cpus))
            {
                cpus = null;
            }
            else if (!cpus.matches("\\d{1,4},\\d{1,4}") || cpus.split(",")[0].equals(cpus.split(",")[1]))
            {
                throw new IllegalArgumentException("cpus invalid: cpus=" + cpus + ", expected=two different CPUs A,B or none");
            }
            if (null != rounds && (rounds < 1 || rounds > 100))
            {
                throw new IllegalArgumentException("rounds out of range: rounds=" + rounds + ", min=1, max=100");
            }
            return new Options(profile, out, cSource, List.copyOf(transports), null == sizes ? profile.sizes() : sizes,
                null == rounds ? profile.rounds() : rounds, Set.copyOf(skip), cpus, report, readme, help);
        }

        private static List<Integer> sizes(final String list)
        {
            final List<Integer> sizes = new ArrayList<>();
            for (final String s : list.split(","))
            {
                final int size = number("--sizes", s);
                if (size < MessageDescriptor.MIN_LENGTH || size > MAX_SIZE)
                {
                    throw new IllegalArgumentException("size out of range: size=" + s + ", min=" + MessageDescriptor.MIN_LENGTH +
                        ", max=" + MAX_SIZE);
                }
                sizes.add(size);
            }
            return List.copyOf(sizes);
        }

        private static int number(final String option, final String value)
        {
            try
            {
                return Integer.parseInt(value);
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("not a number: option=" + option + ", value=" + value);
            }
        }

        private static String value(final String[] args, final int i, final String option)
        {
            if (i >= args.length)
            {
                throw new IllegalArgumentException("option needs a value: option=" + option);
            }
            return args[i];
        }
    }

    private void run() throws Exception
    {
        final Map<String, Object> meta = RunMetadata.collect(args, profile); // before clean(): an earlier run in --out may be committed
        clean();
        progress("mmipc benchmarks, %s profile, results in %s", profile.name(), out.toAbsolutePath());
        progress("machine: %s, %s cores, %s; commit %s", meta.get("cpu"), meta.get("cores"), meta.get("jdk"), meta.get("commit"));
        final String pinned = pinning();
        final Path work = Files.createTempDirectory("mmipc-bench-work-");
        try
        {
            measure(meta, pinned, work);
        }
        finally
        {
            PeerProcess.deleteRecursively(work);
        }
        ReportMain.generate(out);
        progress("done: %s (report.md, summary.json, *.png from jmh.json, trials.json, run.json, pool.json, idle.json)", out);
        System.out.println();
        System.out.print(Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8));
    }

    /** Build the C program, run the plan, the pool and the idle probe, and write {@code run.json}. */
    private void measure(final Map<String, Object> meta, final String pinned, final Path work) throws Exception
    {
        CProgram c = null;
        if (!transports.isEmpty())
        {
            final CProgram.Built built = CProgram.build(cSource, work, "cc");
            c = built.program();
            if (null != built.note())
            {
                notes.add(built.note());
            }
        }
        final boolean cRing = null != c && null != pinned && !skip.contains("cring");
        final Plan plan = Plan.of(transports, sizes, rounds, cRing, !skip.contains("counters"));
        notes.addAll(plan.notes());
        if (rounds < 3)
        {
            notes.add("only " + rounds + " round(s): fewer forks per figure than the quick profile's 3; spreads mean little");
        }
        final double estimate = profile.estimateSeconds(plan, !skip.contains("pool"), !skip.contains("idle"), false);
        progress("plan: %d trials (%d transport forks, %d C ring runs, %d counter/lock forks) in %d rounds; about %s",
            plan.trials().size(), plan.count(TrialSpec.Kind.TRANSPORT), plan.count(TrialSpec.Kind.C_RING),
            plan.count(TrialSpec.Kind.OTHER), rounds, Profile.minutes(estimate));
        meta.put("pinnedCpus", pinned);
        meta.put("pinning", describePinning(pinned));
        meta.put("rounds", rounds);
        meta.put("subset", !transports.equals(Transports.names()) || !sizes.equals(profile.sizes()) || !skip.isEmpty() ||
            rounds != profile.rounds());
        meta.put("sizes", sizes);
        meta.put("transports", transports);
        meta.put("timings", String.format(Locale.ROOT, "each fork %d x %.1f s warm-up, %d x %.1f s measured; C floor %.2f s " +
            "and copy %.2f s before each transport fork; C ring %.1f s warm-up, %.1f s measured", profile.warmupIterations(),
            profile.warmupSeconds(), profile.measureIterations(), profile.measureSeconds(), profile.floorSeconds(),
            profile.copySeconds(), profile.warmupIterations() * profile.warmupSeconds(),
            profile.measureIterations() * profile.measureSeconds()));
        meta.put("estimatedSeconds", Math.round(estimate));
        new RunLoop(out, work, profile, pinned, c, line -> progress("%s", line), List.of()).run(plan);
        if (!skip.contains("pool"))
        {
            runPool();
        }
        if (!skip.contains("idle"))
        {
            runIdle();
        }
        meta.put("elapsedSeconds", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs));
        meta.put("loadAverageAtEnd", RunMetadata.loadAverage());
        meta.put("notes", notes);
        Json.write(out.resolve("run.json"), meta);
    }

    /** Remove what an earlier run left in the output directory, so no file of it is read as this run's. */
    private void clean() throws IOException
    {
        Files.createDirectories(out);
        for (final String name : List.of("jmh.json", "trials.json", "run.json", "pool.json", "idle.json", "summary.json",
            "report.md", "latency.png", "latency-p99.png", "throughput.png"))
        {
            Files.deleteIfExists(out.resolve(name));
        }
        for (final String dir : List.of("jmh-logs"))
        {
            if (Files.isDirectory(out.resolve(dir)))
            {
                PeerProcess.deleteRecursively(out.resolve(dir));
            }
        }
    }

    /** @return the CPUs to pin to, or null (with a note) when pinning is off or impossible. */
    private String pinning()
    {
        if (null == cpus)
        {
            notes.add("pinning off (--cpus none): the OS placed every process, and no C floor or C ring was measured");
            return null;
        }
        if (null == Placement.taskset())
        {
            notes.add("no taskset on this machine: nothing pinned, no C floor or C ring (install util-linux)");
            return null;
        }
        final String allowed = Placement.currentAffinity();
        for (final String cpu : cpus.split(","))
        {
            if (!allows(allowed, Integer.parseInt(cpu)))
            {
                notes.add("CPU " + cpu + " is not available to this process (allowed: " + allowed + "): nothing pinned");
                return null;
            }
        }
        return cpus;
    }

    private static boolean allows(final String list, final int cpu)
    {
        if (Placement.UNKNOWN.equals(list))
        {
            return false;
        }
        return Stream.of(list.split(",")).anyMatch(r ->
        {
            final String[] ends = r.split("-");
            return Integer.parseInt(ends[0]) <= cpu && cpu <= Integer.parseInt(ends[ends.length - 1]);
        });
    }

    private static String describePinning(final String pinned)
    {
        if (null == pinned)
        {
            return "none";
        }
        return "benchmark JVM on CPU " + pinned.split(",")[0] + ", peer on CPU " + pinned.split(",")[1] + ", from their " +
            "first instruction (taskset -c: JMH's fork through a wrapper script given to JMH as its JVM, the peer through " +
            "a prefix; the C program by sched_setaffinity, its measuring side on the benchmark's CPU), read back from " +
            "/proc into trials.json; not pinned: counter and lock benchmarks, pool, idle consumer";
    }

    private void runIdle()
    {
        progress("idle consumer (default wait strategy): %.0f s idle, %d wake-ups after 10 ms pauses",
            profile.idleSeconds(), profile.wakeUps());
        try
        {
            final Map<String, Object> idle = IdleConsumerProbe.run(profile.idleSeconds(), profile.wakeUps(), 10);
            Json.write(out.resolve("idle.json"), idle);
            progress("      done");
        }
        catch (final Exception ex)
        {
            notes.add("idle consumer probe failed: " + ex);
            progress("      failed: %s", ex);
        }
    }

    private void runPool()
    {
        progress("pool: ProcessPool.map of %d trivial tasks, 2 workers, then python3 multiprocessing.Pool.map (best of %d)",
            profile.poolItems(), profile.poolRounds());
        try
        {
            final Map<String, Object> pool = PoolBenchmark.run(profile.poolItems(), 2, profile.poolRounds());
            Json.write(out.resolve("pool.json"), pool);
            progress("      done");
        }
        catch (final Exception ex)
        {
            notes.add("pool benchmark failed: " + ex);
            progress("      failed: %s", ex);
        }
    }

    private void progress(final String format, final Object... values)
    {
        final long s = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs);
        System.out.printf("[%3d:%02d] %s%n", s / 60, s % 60, String.format(format, values));
        System.out.flush();
    }
}

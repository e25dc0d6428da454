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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
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
 * benchmark section and the run's {@code tables.md} from a committed run). The command line is picocli's
 * ({@link Cli}); every argument is checked before any work ({@link Options#parse}): a bad one ends the program with
 * a one-line message naming it and exit code {@value #EXIT_USAGE}. {@code bin/bench --help} prints
 * {@code bench/usage.txt}, which a test keeps identical to {@link #usage()}, so help needs no build.
 */
public final class BenchMain
{
    /** Exit code of a bad command line (picocli's and the shell's usage code). */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;
    /** The usage text's width: fixed, so the committed text does not depend on the terminal. */
    static final int USAGE_WIDTH = 100;

    private static final List<String> SKIPPABLE = List.of("cring", "counters", "pool", "idle");
    /** The longest message a run measures: what every transport carries (Agrona's ring: an eighth of 4 MiB). */
    static final int MAX_SIZE = 512 * 1024;
    /** Most interleaved rounds. */
    static final int MAX_ROUNDS = 100;

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

    private BenchMain(final Options options, final List<String> args)
    {
        this.profile = options.profile();
        this.out = options.out();
        this.cSource = options.cSource();
        this.transports = options.transports();
        this.sizes = options.sizes();
        this.rounds = options.rounds();
        this.skip = options.skip();
        this.cpus = options.cpus();
        this.args = args;
    }

    /**
     * {@code bin/bench}'s command line as picocli reads it; {@link Options#parse} checks what picocli cannot.
     */
    @Command(name = "bin/bench", sortOptions = false, usageHelpAutoWidth = false, usageHelpWidth = USAGE_WIDTH,
        description = {
            "Builds mmipc (when its sources changed) and runs its benchmarks: every transport and the C ring in",
            "interleaved rounds at each size, pinned, each message checked; counters, lock, pool, idle consumer;",
            "then the report. Or --report / --readme: the report again from a run's files, measuring nothing.",
            "" })
    static final class Cli
    {
        @Option(names = "--full", description = "the full profile: numbers to quote (default: the quick profile)")
        boolean full;

        @Option(names = "--quick", description = "the quick profile (the default)")
        boolean quick;

        @Option(names = "--out", paramLabel = "DIR", description = "the run's directory (default: ${DEFAULT-VALUE})")
        Path out = Path.of("bench-results");

        @Option(names = "--transports", split = ",", paramLabel = "NAME", description = "transports measured (default: all)")
        List<String> transports;

        @Option(names = "--sizes", split = ",", paramLabel = "BYTES",
            description = "message sizes, " + MessageDescriptor.MIN_LENGTH + " to " + MAX_SIZE + " (default: the profile's)")
        List<Integer> sizes;

        @Option(names = "--rounds", paramLabel = "N",
            description = "interleaved rounds, i.e. forks per figure, 1 to " + MAX_ROUNDS + " (quick 3, full 5)")
        Integer rounds;

        @Option(names = "--cpus", paramLabel = "A,B|none", description = "the benchmark JVM and the C program's " +
            "measuring side on CPU A, the peer on B (default: ${DEFAULT-VALUE}); none: no pinning, no C floor, no C ring")
        String cpus = "0,1";

        @Option(names = "--skip", split = ",", paramLabel = "PART", description = "parts left out: cring, counters, pool, idle")
        List<String> skip;

        @Option(names = "--c-source", paramLabel = "FILE", description = "the C program (default: ${DEFAULT-VALUE})")
        Path cSource = Path.of("bench", "limit", "cring.c");

        @Option(names = "--report", paramLabel = "DIR",
            description = "report.md, summary.json and the charts again from DIR's raw files; measures nothing")
        Path report;

        @Option(names = "--readme", paramLabel = "DIR",
            description = "README.md's benchmark section and DIR/tables.md from a committed run; measures nothing")
        Path readme;

        @Option(names = { "-h", "--help" }, usageHelp = true, description = "this help (bin/bench prints it without a build)")
        boolean help;
    }

    /**
     * @return a fresh command line with the usage text's footer: each profile's plan and estimated time.
     */
    static CommandLine commandLine()
    {
        final CommandLine cl = new CommandLine(new Cli());
        cl.getCommandSpec().usageMessage().footer(
            "",
            "Quick profile (default): " + describe(Profile.QUICK),
            "Full profile (--full): " + describe(Profile.FULL),
            "Each JVM trial is preceded by the C floor on the same CPUs.",
            "Transports: " + String.join(", ", Transports.names()) + ".",
            "Writes DIR (default bench-results): the raw jmh.json, trials.json, run.json, pool.json, idle.json and " +
                "jmh-logs/; the generated report.md, summary.json and *.png. A run to commit: --full --out " +
                "bench/results/DATE-full, then bin/bench --readme bench/results/DATE-full.",
            "Exit code " + EXIT_USAGE + ": a bad argument, named in a one-line message; nothing was built or run.");
        return cl;
    }

    /**
     * @return the help text, with each profile's plan and estimated time: what {@code bench/usage.txt} holds.
     */
    static String usage()
    {
        return commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    private static String describe(final Profile p)
    {
        final Plan plan = Plan.of(Transports.names(), p.sizes(), p.rounds(), true, true);
        final double seconds = p.estimateSeconds(plan, true, true, true);
        return String.format(Locale.ROOT, "sizes %s, %d rounds, each fork %d x %.1f s warm-up + %d x %.1f s measured: " +
            "%d transport forks + %d C ring runs + %d counter/lock forks, about %s on 2 cores (build included).",
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
        final int code = execute(args, stdout(), stderr(), options -> perform(options, args));
        if (code != 0)
        {
            System.exit(code);
        }
    }

    /**
     * {@code bin/bench}'s check before it builds: the arguments checked by the last build, nothing done. A jar from
     * before this class existed answers "class not found" (exit 1), never runs a benchmark.
     */
    public static final class CheckOnly
    {
        private CheckOnly()
        {
        }

        /**
         * @param args {@code bin/bench}'s arguments.
         * @throws Exception never: nothing is done.
         */
        public static void main(final String[] args) throws Exception
        {
            System.exit(execute(args, stdout(), stderr(), options -> { }));
        }
    }

    private static PrintWriter stdout()
    {
        return new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    }

    private static PrintWriter stderr()
    {
        return new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    }

    /** What the program does with a checked command line. */
    @FunctionalInterface
    interface Action
    {
        /**
         * @param options the checked command line (not {@code --help}).
         * @throws Exception when it fails.
         */
        void run(Options options) throws Exception;
    }

    /**
     * Check the command line, then print the help or run the action: nothing of the action happens on a bad argument.
     *
     * @param args   the command line.
     * @param out    where the help goes.
     * @param err    where a bad argument is reported, in one line, with a pointer to {@code --help}.
     * @param action what to do with good arguments.
     * @return 0, or {@value #EXIT_USAGE} for a bad argument.
     * @throws Exception when the action fails.
     */
    static int execute(final String[] args, final PrintWriter out, final PrintWriter err, final Action action) throws Exception
    {
        final Options options;
        try
        {
            options = Options.parse(args);
        }
        catch (final CommandLine.ParameterException ex)
        {
            err.println("bin/bench: " + ex.getMessage());
            err.println("bin/bench --help lists every option.");
            err.flush();
            return EXIT_USAGE;
        }
        if (options.help())
        {
            out.print(usage());
            out.flush();
            return 0;
        }
        action.run(options);
        return 0;
    }

    private static void perform(final Options options, final String[] args) throws Exception
    {
        if (null != options.report())
        {
            ReportMain.generate(options.report());
            System.out.println("report written: " + options.report().resolve("report.md"));
        }
        else if (null != options.readme())
        {
            ReadmeSection.rewrite(Path.of("README.md"), options.readme());
            System.out.println("README.md: benchmark section generated from " + options.readme() + ", full tables in " +
                options.readme().resolve(ReadmeSection.TABLES));
        }
        else
        {
            new BenchMain(options, Arrays.asList(args)).run();
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
        String cpus, Path report, Path readme, boolean help)
    {
        /**
         * @param args the command line.
         * @return its options, every value checked.
         * @throws CommandLine.ParameterException naming the first argument that is wrong: an unknown option, a
         *         missing value, a value that is not a number, out of range, or not one of the known names.
         */
        static Options parse(final String[] args)
        {
            final CommandLine cl = commandLine();
            final CommandLine.ParseResult parsed = cl.parseArgs(args);
            final Cli cli = cl.getCommand();
            if (parsed.isUsageHelpRequested())
            {
                return new Options(Profile.QUICK, cli.out, cli.cSource, Transports.names(), Profile.QUICK.sizes(),
                    Profile.QUICK.rounds(), Set.of(), null, null, null, true);
            }
            if (cli.full && cli.quick)
            {
                throw bad(cl, "choose one profile: --full or --quick");
            }
            if (null != cli.report && null != cli.readme)
            {
                throw bad(cl, "choose one of --report and --readme");
            }
            for (final Path dir : Arrays.asList(cli.report, cli.readme))
            {
                if (null != dir && !Files.isRegularFile(dir.resolve("run.json")))
                {
                    throw bad(cl, "not a run directory (no run.json): dir=" + dir);
                }
            }
            final Profile profile = cli.full ? Profile.FULL : Profile.QUICK;
            final List<String> transports = null == cli.transports ? Transports.names() : cli.transports;
            for (final String t : transports)
            {
                if (!Transports.names().contains(t))
                {
                    throw bad(cl, "unknown transport: name=" + t + ", known=" + Transports.names());
                }
            }
            unique(cl, "transport", transports);
            final List<String> skip = null == cli.skip ? List.of() : cli.skip;
            for (final String s : skip)
            {
                if (!SKIPPABLE.contains(s))
                {
                    throw bad(cl, "unknown --skip value: value=" + s + ", known=" + new TreeSet<>(SKIPPABLE));
                }
            }
            final List<Integer> sizes = null == cli.sizes ? profile.sizes() : cli.sizes;
            for (final int size : sizes)
            {
                if (size < MessageDescriptor.MIN_LENGTH || size > MAX_SIZE)
                {
                    throw bad(cl, "size out of range: size=" + size + ", min=" + MessageDescriptor.MIN_LENGTH + ", max=" + MAX_SIZE);
                }
            }
            unique(cl, "size", sizes);
            if (null != cli.rounds && (cli.rounds < 1 || cli.rounds > MAX_ROUNDS))
            {
                throw bad(cl, "rounds out of range: rounds=" + cli.rounds + ", min=1, max=" + MAX_ROUNDS);
            }
            String cpus = cli.cpus;
            if ("none".equals(cpus))
            {
                cpus = null;
            }
            else if (!cpus.matches("\\d{1,4},\\d{1,4}") || cpus.split(",")[0].equals(cpus.split(",")[1]))
            {
                throw bad(cl, "cpus invalid: cpus=" + cpus + ", expected=two different CPUs A,B or none");
            }
            return new Options(profile, cli.out, cli.cSource, List.copyOf(transports), List.copyOf(sizes),
                null == cli.rounds ? profile.rounds() : cli.rounds, Set.copyOf(skip), cpus, cli.report, cli.readme, false);
        }

        private static <T> void unique(final CommandLine cl, final String what, final List<T> values)
        {
            final Set<T> seen = new HashSet<>();
            for (final T v : values)
            {
                if (!seen.add(v))
                {
                    throw bad(cl, what + " given twice: " + what + "=" + v);
                }
            }
        }

        private static CommandLine.ParameterException bad(final CommandLine cl, final String message)
        {
            return new CommandLine.ParameterException(cl, message);
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

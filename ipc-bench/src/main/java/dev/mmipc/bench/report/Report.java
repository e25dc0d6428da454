package dev.mmipc.bench.report;

import com.google.gson.GsonBuilder;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The report of one run: {@code summary.json} (every figure and the ratios to mmipc, the limit and Agrona; the
 * counters with {@value #SHARED_LONG_PER_LOCKED}; lock figures; pool tasks/s beside Python's),
 * {@code report.md} (the tables) and PNG charts of latency and throughput by message size.
 * <p>
 * A ratio {@code A/B} is A's figure divided by B's: for round trips the p50 latency (above 1: A is slower),
 * for streaming the messages per second (below 1: A is slower). {@code mmipc} in a ratio is the
 * {@value #MMIPC} transport.
 */
public final class Report
{
    /** The transport that stands for mmipc in the ratios. */
    public static final String MMIPC = "mmipc-one-to-one";
    /** mmipc's {@code Pipe}, read against the queue and against bare Agrona (it is built on Agrona's ring). */
    public static final String MMIPC_PIPE = "mmipc-pipe";
    /** The subject name of the C limit program's figures. */
    public static final String LIMIT = "limit";

    /** The counter benchmark of one thread per JVM, two JVMs, on one {@code SharedLong}. */
    public static final String CROSS_JVM_SHARED_LONG = "sharedLongCrossJvm";
    /** Name of the counter ratio: cross-JVM SharedLong increments over the cross-JVM locked value's. */
    public static final String SHARED_LONG_PER_LOCKED = "sharedLong/locked";

    /** Ratio name, numerator subject, denominator subject. */
    static final String[][] RATIOS = {
        { "mmipc/limit", MMIPC, LIMIT },
        { "mmipc/agrona", MMIPC, "agrona" },
        { "mmipc-pipe/mmipc", MMIPC_PIPE, MMIPC },
        { "mmipc-pipe/agrona", MMIPC_PIPE, "agrona" },
        { "uds/mmipc", "uds", MMIPC },
        { "pipe/mmipc", "pipe", MMIPC },
        { "tcp/mmipc", "tcp", MMIPC },
        { "chronicle/mmipc", "chronicle", MMIPC },
        { "aeron/mmipc", "aeron", MMIPC },
    };

    private final List<Figure> figures;
    private final Map<String, Object> meta;
    private final List<String> notes;

    /**
     * @param figures every figure of the run.
     * @param meta    machine and profile, written as they are into {@code summary.json}.
     * @param notes   sentences for the reader: missing transports, unsupported sizes, a missing {@code cc}.
     */
    public Report(final List<Figure> figures, final Map<String, Object> meta, final List<String> notes)
    {
        this.figures = List.copyOf(figures);
        this.meta = new LinkedHashMap<>(meta);
        this.notes = List.copyOf(notes);
    }

    /**
     * Write {@code summary.json}, {@code report.md}, {@code latency.png} and {@code throughput.png} into a directory.
     *
     * @param dir the output directory.
     * @throws IOException when a file cannot be written.
     */
    public void writeTo(final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), summaryJson(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.md"), markdown(), StandardCharsets.UTF_8);
        writeCharts(dir);
    }

    /**
     * @return the summary as JSON: meta, notes, one entry per benchmark and size with figures and ratios, counters.
     */
    public String summaryJson()
    {
        final Map<String, Object> root = new LinkedHashMap<>(meta);
        root.put("notes", notes);
        root.put("ratioDefinition", "A/B = A's figure / B's figure; roundTrip: p50 ns (above 1: A slower); " +
            "stream: msgs/s (below 1: A slower); mmipc = " + MMIPC);
        final List<Object> entries = new ArrayList<>();
        for (final String benchmark : new String[]{ Figure.ROUND_TRIP, Figure.STREAM })
        {
            for (final int size : sizes(benchmark))
            {
                final Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("benchmark", benchmark);
                entry.put("size", size);
                entry.put("unit", Figure.ROUND_TRIP.equals(benchmark) ? "ns" : "msgs/s, MB/s");
                final Map<String, Object> byTransport = new LinkedHashMap<>();
                for (final String subject : subjects(benchmark))
                {
                    final Figure f = find(benchmark, subject, size);
                    if (null != f)
                    {
                        byTransport.put(subject, f.values());
                    }
                }
                entry.put("figures", byTransport);
                final Map<String, Double> ratios = new LinkedHashMap<>();
                for (final String[] r : RATIOS)
                {
                    ratios.put(r[0], ratio(benchmark, r[1], r[2], size));
                }
                entry.put("ratios", ratios);
                entries.add(entry);
            }
        }
        root.put("benchmarks", entries);
        final Map<String, Object> counters = new LinkedHashMap<>();
        for (final Figure f : figures)
        {
            if (Figure.COUNTER.equals(f.benchmark()))
            {
                counters.put(f.subject(), f.values());
            }
            else if (Figure.IDLE.equals(f.benchmark()))
            {
                root.put("idleConsumer", f.values());
            }
        }
        root.put("counters", counters);
        final Map<String, Double> counterRatios = new LinkedHashMap<>();
        counterRatios.put(SHARED_LONG_PER_LOCKED, counterRatio(CROSS_JVM_SHARED_LONG, Inputs.LOCKED_CROSS_JVM));
        root.put("counterRatios", counterRatios);
        final Map<String, Object> locks = new LinkedHashMap<>();
        final Map<String, Object> pool = new LinkedHashMap<>();
        for (final Figure f : figures)
        {
            if (Figure.LOCK.equals(f.benchmark()))
            {
                locks.put(f.subject(), f.values());
            }
            else if (Figure.POOL.equals(f.benchmark()))
            {
                final Map<String, Object> values = new LinkedHashMap<>(f.values());
                values.put("mmipc/python", poolRatio(f));
                pool.put(f.subject(), values);
            }
        }
        root.put("lock", locks);
        root.put("pool", pool);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().serializeSpecialFloatingPointValues().create()
            .toJson(root) + "\n";
    }

    /**
     * @param numerator   a counter subject.
     * @param denominator a counter subject.
     * @return the ratio of their increments/s, or null when either is missing.
     */
    public Double counterRatio(final String numerator, final String denominator)
    {
        final Figure a = find(Figure.COUNTER, numerator, 0);
        final Figure b = find(Figure.COUNTER, denominator, 0);
        if (null == a || null == b)
        {
            return null;
        }
        return rounded(a.get("opsPerSec") / b.get("opsPerSec"));
    }

    private static Double poolRatio(final Figure f)
    {
        return rounded(f.get("mmipcTasksPerSec") / f.get("pythonTasksPerSec"));
    }

    private static Double rounded(final double r)
    {
        return Double.isFinite(r) ? Math.round(r * 1000.0) / 1000.0 : null;
    }

    /**
     * @param benchmark {@link Figure#ROUND_TRIP} or {@link Figure#STREAM}.
     * @param numerator subject.
     * @param denominator subject.
     * @param size message size.
     * @return the ratio of p50 (round trip) or msgs/s (stream), or null when either side is missing.
     */
    public Double ratio(final String benchmark, final String numerator, final String denominator, final int size)
    {
        final Figure a = find(benchmark, numerator, size);
        final Figure b = find(benchmark, denominator, size);
        if (null == a || null == b)
        {
            return null;
        }
        final String key = Figure.ROUND_TRIP.equals(benchmark) ? "p50" : "msgsPerSec";
        final double r = a.get(key) / b.get(key);
        return Double.isFinite(r) ? Math.round(r * 1000.0) / 1000.0 : null;
    }

    /**
     * @return the report as markdown tables.
     */
    public String markdown()
    {
        final StringBuilder md = new StringBuilder();
        md.append("# mmipc benchmark report\n\n");
        for (final Map.Entry<String, Object> e : meta.entrySet())
        {
            md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        md.append('\n');
        md.append("## Round trip (ping-pong between two processes), p50 / p99 in µs\n\n");
        table(md, Figure.ROUND_TRIP, f -> us(f.get("p50")) + " / " + us(f.get("p99")));
        md.append("\n## One-way streaming, million messages/s (MB/s)\n\n");
        table(md, Figure.STREAM, f -> fmt(f.get("msgsPerSec") / 1e6) + " (" + fmt(f.get("mbPerSec")) + ")");
        md.append("\n## Ratios (round trip: p50 A/B, above 1 = A slower; streaming: msgs/s A/B, below 1 = A slower)\n\n");
        final Set<Integer> sizes = new TreeSet<>(sizes(Figure.ROUND_TRIP));
        sizes.addAll(sizes(Figure.STREAM));
        md.append("| ratio |");
        for (final int size : sizes)
        {
            md.append(" rt ").append(sizeLabel(size)).append(" |");
        }
        for (final int size : sizes)
        {
            md.append(" stream ").append(sizeLabel(size)).append(" |");
        }
        md.append('\n').append("|---|").append("---:|".repeat(2 * sizes.size())).append('\n');
        for (final String[] r : RATIOS)
        {
            md.append("| ").append(r[0]).append(" |");
            for (final String benchmark : new String[]{ Figure.ROUND_TRIP, Figure.STREAM })
            {
                for (final int size : sizes)
                {
                    final Double v = ratio(benchmark, r[1], r[2], size);
                    md.append(' ').append(null == v ? "–" : fmt(v)).append(" |");
                }
            }
            md.append('\n');
        }
        final List<Figure> counters = figures.stream().filter(f -> Figure.COUNTER.equals(f.benchmark())).toList();
        if (!counters.isEmpty())
        {
            md.append("\n## Contended counters, million increments/s (benchmark JVM's threads)\n\n")
                .append("| benchmark | Mops/s |\n|---|---:|\n");
            for (final Figure f : counters)
            {
                md.append("| ").append(f.subject()).append(" | ").append(fmt(f.get("opsPerSec") / 1e6)).append(" |\n");
            }
            final Double r = counterRatio(CROSS_JVM_SHARED_LONG, Inputs.LOCKED_CROSS_JVM);
            md.append("\n").append(CROSS_JVM_SHARED_LONG).append(": one thread in each of two JVMs on one SharedLong; ")
                .append(Inputs.LOCKED_CROSS_JVM).append(": the same, Python-style (a plain value under mmipc's Lock). ")
                .append("Ratio ").append(SHARED_LONG_PER_LOCKED).append(" = ").append(null == r ? "n/a" : fmt(r))
                .append(" (the benchmark JVM's rate in both).\n");
        }
        final List<Figure> locks = figures.stream().filter(f -> Figure.LOCK.equals(f.benchmark())).toList();
        if (!locks.isEmpty())
        {
            md.append("\n## Lock (mmipc's Lock; contended: a second JVM does the same on the same lock)\n\n")
                .append("| operation | million ops/s | ns/op |\n|---|---:|---:|\n");
            for (final Figure f : locks)
            {
                md.append("| ").append(f.subject()).append(" | ").append(fmt(f.get("opsPerSec") / 1e6)).append(" | ")
                    .append(fmt(f.get("nsPerOp"))).append(" |\n");
            }
        }
        final List<Figure> pool = figures.stream().filter(f -> Figure.POOL.equals(f.benchmark())).toList();
        if (!pool.isEmpty())
        {
            md.append("\n## Process pool map of trivial tasks, tasks/s (").append(fmt(pool.get(0).get("items")))
                .append(" items, ").append((int)pool.get(0).get("workers")).append(" workers)\n\n")
                .append("| chunk size | mmipc ProcessPool | python3 multiprocessing.Pool | mmipc/python |\n|---|---:|---:|---:|\n");
            for (final Figure f : pool)
            {
                final Double r = poolRatio(f);
                md.append("| ").append(f.size()).append(" | ").append(fmt(f.get("mmipcTasksPerSec"))).append(" | ")
                    .append(fmt(f.get("pythonTasksPerSec"))).append(" | ").append(null == r ? "n/a" : fmt(r)).append(" |\n");
            }
        }
        for (final Figure f : figures)
        {
            if (Figure.IDLE.equals(f.benchmark()))
            {
                md.append("\n## Idle consumer, default wait strategy\n\n")
                    .append("| consumer thread CPU (% of a core) | consumer JVM CPU (% of a core) | wake-up p50 / p90 / p99 / p99.9 (µs) |\n")
                    .append("|---:|---:|---:|\n| ")
                    .append(fmt(100 * f.get("idleCpuShareThread"))).append(" | ")
                    .append(fmt(100 * f.get("idleCpuShareProcess"))).append(" | ")
                    .append(us(f.get("wakeUpP50Ns"))).append(" / ").append(us(f.get("wakeUpP90Ns"))).append(" / ")
                    .append(us(f.get("wakeUpP99Ns"))).append(" / ").append(us(f.get("wakeUpP999Ns"))).append(" |\n");
            }
        }
        targets(md);
        losses(md);
        if (!notes.isEmpty())
        {
            md.append("\n## Notes\n\n");
            for (final String note : notes)
            {
                md.append("- ").append(note).append('\n');
            }
        }
        return md.toString();
    }

    /**
     * The targets of the benchmark issue, read at the smallest size measured (the targets name 64 B; the
     * nearest measured size is used and named).
     */
    private void targets(final StringBuilder md)
    {
        final List<Integer> sizes = sizes(Figure.ROUND_TRIP);
        if (sizes.isEmpty() || null == find(Figure.ROUND_TRIP, MMIPC, sizes.get(0)))
        {
            return;
        }
        final int size = sizes.get(0);
        md.append("\n## Targets (at ").append(sizeLabel(size)).append(", the size nearest the targets' 64 B)\n\n")
            .append("| target | measured | met |\n|---|---:|:---:|\n");
        target(md, "round trip p50 ≤ 1.2 × bare Agrona", ratio(Figure.ROUND_TRIP, MMIPC, "agrona", size), 1.2, true);
        target(md, "round trip p50 ≤ 3 × the C limit", ratio(Figure.ROUND_TRIP, MMIPC, LIMIT, size), 3, true);
        target(md, "Unix socket round trip ≥ 20 × mmipc's", ratio(Figure.ROUND_TRIP, "uds", MMIPC, size), 20, false);
        target(md, "OS pipe round trip ≥ 20 × mmipc's", ratio(Figure.ROUND_TRIP, "pipe", MMIPC, size), 20, false);
        target(md, "streaming ≥ 0.8 × bare Agrona", ratio(Figure.STREAM, MMIPC, "agrona", size), 0.8, false);
        target(md, "cross-JVM SharedLong ≥ 20 × the locked value", counterRatio(CROSS_JVM_SHARED_LONG,
            Inputs.LOCKED_CROSS_JVM), 20, false);
        for (final Figure f : figures)
        {
            if (Figure.IDLE.equals(f.benchmark()))
            {
                target(md, "idle consumer < 5 % of a core (thread)", 100 * f.get("idleCpuShareThread"), 5, true);
            }
        }
    }

    private static void target(
        final StringBuilder md, final String what, final Double value, final double bound, final boolean atMost)
    {
        final boolean known = null != value && !value.isNaN();
        final boolean met = known && (atMost ? value <= bound : value >= bound);
        md.append("| ").append(what).append(" | ").append(known ? fmt(value) : "n/a").append(" | ")
            .append(known ? (met ? "yes" : "**no**") : "–").append(" |\n");
    }

    /**
     * Every size at which another transport (not the limit) beat mmipc's one-to-one queue.
     */
    private void losses(final StringBuilder md)
    {
        if (figures.stream().noneMatch(f -> f.subject().equals(MMIPC)))
        {
            return;
        }
        final List<String> lines = new ArrayList<>();
        for (final String benchmark : new String[]{ Figure.ROUND_TRIP, Figure.STREAM })
        {
            final boolean rt = Figure.ROUND_TRIP.equals(benchmark);
            for (final int size : sizes(benchmark))
            {
                final Figure mine = find(benchmark, MMIPC, size);
                if (null == mine)
                {
                    continue;
                }
                for (final String subject : subjects(benchmark))
                {
                    final Figure other = find(benchmark, subject, size);
                    if (subject.startsWith(LIMIT) || subject.equals(MMIPC) || null == other)
                    {
                        continue;
                    }
                    final double a = rt ? mine.get("p50") : mine.get("msgsPerSec");
                    final double b = rt ? other.get("p50") : other.get("msgsPerSec");
                    if (rt ? b < a : b > a)
                    {
                        lines.add((rt ? "round trip p50" : "streaming") + " at " + sizeLabel(size) + ": " + subject +
                            " " + (rt ? us(b) + " µs vs " + us(a) + " µs" :
                            fmt(b / 1e6) + " vs " + fmt(a / 1e6) + " M msgs/s") + " (" + fmt(rt ? a / b : b / a) + "×)");
                    }
                }
            }
        }
        md.append("\n## Where ").append(MMIPC).append(" loses\n\n");
        if (lines.isEmpty())
        {
            md.append("Nowhere in this run (the limit aside).\n");
        }
        for (final String line : lines)
        {
            md.append("- ").append(line).append('\n');
        }
    }

    private void table(final StringBuilder md, final String benchmark, final java.util.function.Function<Figure, String> cell)
    {
        final List<Integer> sizes = sizes(benchmark);
        md.append("| transport |");
        for (final int size : sizes)
        {
            md.append(' ').append(sizeLabel(size)).append(" |");
        }
        md.append('\n').append("|---|").append("---:|".repeat(sizes.size())).append('\n');
        for (final String subject : subjects(benchmark))
        {
            if (subject.equals("limit-cacheline"))
            {
                continue;
            }
            md.append("| ").append(subject).append(" |");
            for (final int size : sizes)
            {
                final Figure f = find(benchmark, subject, size);
                md.append(' ').append(null == f ? "n/a" : cell.apply(f)).append(" |");
            }
            md.append('\n');
        }
        final Figure line = find(benchmark, "limit-cacheline", 64);
        if (null != line)
        {
            md.append("\nOne cache line bounced between two processes (the C limit): p50 ")
                .append(us(line.get("p50"))).append(" µs, p99 ").append(us(line.get("p99"))).append(" µs.\n");
        }
    }

    private void writeCharts(final Path dir) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        chart(dir.resolve("latency"), Figure.ROUND_TRIP, "Round trip p50 by message size", "round trip p50 (µs)", "p50", 1e-3);
        chart(dir.resolve("latency-p99"), Figure.ROUND_TRIP, "Round trip p99 by message size", "round trip p99 (µs)", "p99", 1e-3);
        chart(dir.resolve("throughput"), Figure.STREAM, "One-way streaming throughput by message size", "MB/s", "mbPerSec", 1);
    }

    private void chart(
        final Path file, final String benchmark, final String title, final String yTitle, final String key, final double scale)
        throws IOException
    {
        final XYChart chart = new XYChartBuilder().width(1000).height(600).title(title)
            .xAxisTitle("message size (bytes)").yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        int series = 0;
        for (final String subject : subjects(benchmark))
        {
            final List<Double> xs = new ArrayList<>();
            final List<Double> ys = new ArrayList<>();
            for (final int size : sizes(benchmark))
            {
                final Figure f = find(benchmark, subject, size);
                if (null != f && f.get(key) > 0 && !subject.equals("limit-cacheline"))
                {
                    xs.add((double)size);
                    ys.add(f.get(key) * scale);
                }
            }
            if (!xs.isEmpty())
            {
                chart.addSeries(subject, xs, ys).setMarker(SeriesMarkers.CIRCLE);
                series++;
            }
        }
        if (series > 0)
        {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /**
     * @param benchmark a benchmark.
     * @param subject   a subject.
     * @param size      a size.
     * @return the figure, or null.
     */
    public Figure find(final String benchmark, final String subject, final int size)
    {
        for (final Figure f : figures)
        {
            if (f.benchmark().equals(benchmark) && f.subject().equals(subject) && f.size() == size)
            {
                return f;
            }
        }
        return null;
    }

    private List<Integer> sizes(final String benchmark)
    {
        final Set<Integer> sizes = new TreeSet<>();
        for (final Figure f : figures)
        {
            if (f.benchmark().equals(benchmark) && !f.subject().equals("limit-cacheline"))
            {
                sizes.add(f.size());
            }
        }
        return new ArrayList<>(sizes);
    }

    private List<String> subjects(final String benchmark)
    {
        final Set<String> subjects = new LinkedHashSet<>();
        for (final Figure f : figures)
        {
            if (f.benchmark().equals(benchmark) && f.subject().startsWith(LIMIT))
            {
                subjects.add(f.subject());
            }
        }
        for (final Figure f : figures)
        {
            if (f.benchmark().equals(benchmark) && f.subject().startsWith("mmipc"))
            {
                subjects.add(f.subject());
            }
        }
        for (final Figure f : figures)
        {
            if (f.benchmark().equals(benchmark))
            {
                subjects.add(f.subject());
            }
        }
        return new ArrayList<>(subjects);
    }

    static String sizeLabel(final int size)
    {
        return size >= 1024 ? (size / 1024) + " KiB" : size + " B";
    }

    static String us(final double ns)
    {
        return fmt(ns / 1000.0);
    }

    static String fmt(final double v)
    {
        if (Double.isNaN(v))
        {
            return "n/a";
        }
        final double a = Math.abs(v);
        if (a >= 100)
        {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10)
        {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.1)
        {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}

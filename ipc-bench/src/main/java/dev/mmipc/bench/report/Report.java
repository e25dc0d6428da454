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
import dev.mmipc.bench.transport.Transports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The report of one run, from its figures alone (so it can be regenerated from the raw files at any time):
 * {@code summary.json} (every cell's spread over forks, every ratio's spread over interleaved rounds, the sanity
 * gates' warnings, the targets, the placement check, counters, lock, pool, idle consumer), {@code report.md} (the
 * same as tables) and PNG charts of latency and throughput by message size.
 * <p>
 * A figure is the median over forks with its min–max. A ratio {@code A/B} is taken within each interleaved round
 * (A's figure over B's in the same round) and reported as the median over rounds with its min–max: for round
 * trips of p50 latency (above 1: A is slower), for streaming of messages per second (below 1: A is slower).
 * {@code mmipc} in a ratio is the {@value #MMIPC} transport; {@value #MMIPC_M2M} (the analogue of Python's
 * {@code multiprocessing.Queue}) stands beside it.
 */
public final class Report
{
    /** The transport that stands for mmipc in the ratios: the first {@link Transports.Role#SUBJECT} registered. */
    public static final String MMIPC = Transports.MMIPC_ONE_TO_ONE;
    /** mmipc's many-to-many queue, the {@code multiprocessing.Queue} analogue, beside it in the ratios. */
    public static final String MMIPC_M2M = Transports.MMIPC_MANY_TO_MANY;
    /** mmipc's {@code Pipe}, read against the queue and against bare Agrona (it is built on Agrona's ring). */
    public static final String MMIPC_PIPE = Transports.MMIPC_PIPE;
    /** The counter benchmark of one thread per JVM, two JVMs, on one {@code SharedLong}. */
    public static final String CROSS_JVM_SHARED_LONG = "sharedLongCrossJvm";
    /** Name of the counter ratio: cross-JVM SharedLong increments over the cross-JVM locked value's. */
    public static final String SHARED_LONG_PER_LOCKED = "sharedLong/locked";

    private final List<Figure> figures;
    private final Cells cells;

    private final Map<String, Object> meta;
    private final List<String> notes;
    private final List<String> failures;
    private final List<Gates.Warning> warnings;
    private final List<Targets.Target> targets;
    private final PlacementCheck placement;

    /**
     * @param figures  every figure of the run.
     * @param meta     the run's description ({@code run.json} without its notes), written as it is.
     * @param notes    sentences for the reader: missing transports, unsupported sizes, a missing {@code cc}.
     * @param failures trials that failed, with why.
     */
    public Report(final List<Figure> figures, final Map<String, Object> meta, final List<String> notes, final List<String> failures)
    {
        this.figures = List.copyOf(figures);
        this.cells = new Cells(figures);
        this.meta = new LinkedHashMap<>(meta);
        this.notes = List.copyOf(notes);
        this.failures = List.copyOf(failures);
        this.warnings = Gates.check(figures);
        this.targets = Targets.evaluate(figures, warnings, MMIPC);
        this.placement = PlacementCheck.of(figures);
    }

    /**
     * @return the run's figures by cell (the charts read them).
     */
    Cells cells()
    {
        return cells;
    }

    /**
     * @return the trials that failed, with why.
     */
    List<String> failures()
    {
        return failures;
    }

    /**
     * @return the sanity gates' warnings.
     */
    public List<Gates.Warning> warnings()
    {
        return warnings;
    }

    /**
     * @return the targets.
     */
    public List<Targets.Target> targets()
    {
        return targets;
    }

    /**
     * @return the placement check.
     */
    public PlacementCheck placement()
    {
        return placement;
    }

    /**
     * @param benchmark {@link Figure#ROUND_TRIP} or {@link Figure#STREAM} (or {@link Figure#COUNTER}).
     * @param size      message size (0 for counters).
     * @param numerator subject.
     * @param denominator subject.
     * @return the ratio's spread over interleaved rounds, or null when they never ran in the same round.
     */
    public Spread ratio(final String benchmark, final int size, final String numerator, final String denominator)
    {
        return cells.ratio(benchmark, size, numerator, denominator);
    }

    /**
     * @param benchmark a benchmark.
     * @param subject   a subject.
     * @param size      a size.
     * @param key       a value name.
     * @return that value's spread over the cell's forks, or null.
     */
    public Spread spread(final String benchmark, final String subject, final int size, final String key)
    {
        return cells.spread(benchmark, subject, size, key);
    }

    /**
     * Write {@code summary.json}, {@code report.md} and the charts into a directory.
     *
     * @param dir the output directory.
     * @throws IOException when a file cannot be written.
     */
    public void writeTo(final Path dir) throws IOException
    {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), summaryJson(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.md"), "# mmipc benchmark report\n\n" + markdown(2, true), StandardCharsets.UTF_8);
        Charts.write(cells, dir);
    }

    /**
     * @return the summary as JSON.
     */
    public String summaryJson()
    {
        final Map<String, Object> root = new LinkedHashMap<>(meta);
        root.put("notes", notes);
        root.put("failures", failures);
        root.put("definitions", "a figure: median over forks with min and max; a ratio A/B: taken within each " +
            "interleaved round, median over rounds with min and max; roundTrip ratios of p50 ns (above 1: A slower), " +
            "stream ratios of msgs/s (below 1: A slower); mmipc = " + MMIPC);
        final List<Object> warningList = new ArrayList<>();
        for (final Gates.Warning w : warnings)
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("gate", w.gate());
            m.put("benchmark", w.benchmark());
            m.put("size", w.size());
            m.put("subject", w.subject());
            m.put("detail", w.detail());
            warningList.add(m);
        }
        root.put("warnings", warningList);
        final List<Object> targetList = new ArrayList<>();
        for (final Targets.Target t : targets)
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", t.what());
            m.put("measured", spreadMap(t.measured()));
            m.put("status", t.status().name().toLowerCase(Locale.ROOT));
            m.put("reason", t.reason());
            targetList.add(m);
        }
        root.put("targets", targetList);
        final Map<String, Object> place = new LinkedHashMap<>();
        place.put("referenceFloorNs", placement.referenceFloorNs());
        place.put("floors", placement.floors());
        final List<Object> flagged = new ArrayList<>();
        for (final PlacementCheck.Flag f : placement.flagged())
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("trial", f.trial());
            m.put("cell", f.figure().benchmark() + " " + f.figure().size() + " " + f.figure().subject());
            m.put("reason", f.reason());
            flagged.add(m);
        }
        place.put("flagged", flagged);
        root.put("placement", place);
        final List<Object> cellList = new ArrayList<>();
        final List<Object> ratioList = new ArrayList<>();
        for (final String benchmark : List.of(Figure.ROUND_TRIP, Figure.STREAM))
        {
            for (final int size : cells.sizes(benchmark))
            {
                for (final String subject : cells.subjects(benchmark))
                {
                    final List<Figure> cell = cells.of(benchmark, subject, size);
                    if (cell.isEmpty())
                    {
                        continue;
                    }
                    final Map<String, Object> m = new LinkedHashMap<>();
                    m.put("benchmark", benchmark);
                    m.put("size", size);
                    m.put("subject", subject);
                    m.put("forks", cell.size());
                    final Map<String, Object> values = new LinkedHashMap<>();
                    for (final String key : cell.get(0).values().keySet())
                    {
                        values.put(key, spreadMap(cells.spread(benchmark, subject, size, key)));
                    }
                    m.put("values", values);
                    m.put("capacityMessages", capacity(cell));
                    m.put("trials", cell.stream().map(Figure::trial).toList());
                    cellList.add(m);
                }
                for (final String[] r : ratioRows(benchmark))
                {
                    final Spread s = ratioOf(benchmark, size, r);
                    if (null != s)
                    {
                        final Map<String, Object> m = new LinkedHashMap<>();
                        m.put("benchmark", benchmark);
                        m.put("size", size);
                        m.put("ratio", r[0] + "/" + r[1]);
                        m.putAll(spreadMap(s));
                        ratioList.add(m);
                    }
                }
            }
        }
        root.put("cells", cellList);
        root.put("ratios", ratioList);
        root.put("copyMBps", spreadMap(copyBandwidth()));
        final Map<String, Object> counters = new LinkedHashMap<>();
        for (final String subject : cells.subjects(Figure.COUNTER))
        {
            counters.put(subject, spreadMap(cells.spread(Figure.COUNTER, subject, 0, "opsPerSec")));
        }
        root.put("counters", counters);
        final Map<String, Object> counterRatios = new LinkedHashMap<>();
        counterRatios.put(SHARED_LONG_PER_LOCKED, spreadMap(cells.ratio(Figure.COUNTER, 0, CROSS_JVM_SHARED_LONG,
            Inputs.LOCKED_CROSS_JVM)));
        root.put("counterRatios", counterRatios);
        final Map<String, Object> locks = new LinkedHashMap<>();
        for (final String subject : cells.subjects(Figure.LOCK))
        {
            locks.put(subject, spreadMap(cells.spread(Figure.LOCK, subject, 0, "opsPerSec")));
        }
        root.put("lock", locks);
        final Map<String, Object> pool = new LinkedHashMap<>();
        for (final Figure f : figures)
        {
            if (Figure.POOL.equals(f.benchmark()))
            {
                final Map<String, Object> values = new LinkedHashMap<>(f.values());
                values.put("mmipc/python", rounded(f.get("mmipcTasksPerSec") / f.get("pythonTasksPerSec")));
                pool.put(f.subject(), values);
            }
            else if (Figure.IDLE.equals(f.benchmark()))
            {
                root.put("idleConsumer", f.values());
            }
        }
        root.put("pool", pool);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls()
            .serializeSpecialFloatingPointValues().create().toJson(root) + "\n";
    }

    private static Map<String, Object> spreadMap(final Spread s)
    {
        if (null == s)
        {
            return null;
        }
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", rounded(s.median()));
        m.put("min", rounded(s.min()));
        m.put("max", rounded(s.max()));
        m.put("n", s.n());
        return m;
    }

    private static Double rounded(final double v)
    {
        if (!Double.isFinite(v))
        {
            return null;
        }
        if (v == 0)
        {
            return 0.0;
        }
        final double scale = Math.pow(10, 4 - Math.ceil(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }

    private static Long capacity(final List<Figure> cell)
    {
        for (final Figure f : cell)
        {
            if (null != f.context() && null != f.context().capacityMessages())
            {
                return f.context().capacityMessages();
            }
        }
        return null;
    }

    /**
     * The rows of a ratio table, numerator and denominator, all derived from the {@link Transports} registry: each
     * subject (mmipc's queues) over the C ring; mmipc's over the C floor (round trips); each subject over each
     * baseline (Agrona's ring); each compared transport over what its entry names, then over each subject.
     *
     * @param benchmark {@link Figure#ROUND_TRIP} or {@link Figure#STREAM}.
     * @return the rows, in table order.
     */
    static List<String[]> ratioRows(final String benchmark)
    {
        final List<String> subjects = Transports.withRole(Transports.Role.SUBJECT);
        final List<String[]> rows = new ArrayList<>();
        for (final String m : subjects)
        {
            rows.add(new String[]{ m, Figure.C_RING });
        }
        if (Figure.ROUND_TRIP.equals(benchmark))
        {
            rows.add(new String[]{ MMIPC, Figure.C_FLOOR });
        }
        for (final String baseline : Transports.withRole(Transports.Role.BASELINE))
        {
            for (final String m : subjects)
            {
                rows.add(new String[]{ m, baseline });
            }
        }
        for (final Transports.Entry e : Transports.entries())
        {
            for (final String other : e.against())
            {
                rows.add(new String[]{ e.name(), other });
            }
        }
        for (final String other : Transports.withRole(Transports.Role.COMPARED))
        {
            for (final String m : subjects)
            {
                rows.add(new String[]{ other, m });
            }
        }
        return rows;
    }

    Spread ratioOf(final String benchmark, final int size, final String[] row)
    {
        return Figure.C_FLOOR.equals(row[1]) ? cells.overFloor(row[0], size) : cells.ratio(benchmark, size, row[0], row[1]);
    }

    private Spread copyBandwidth()
    {
        final List<Double> values = new ArrayList<>();
        for (final Figure f : figures)
        {
            if (null != f.context() && null != f.context().copyMBps())
            {
                values.add(f.context().copyMBps());
            }
        }
        return Spread.of(values);
    }

    /**
     * @param level    the heading level of the sections (2 for {@code report.md}, 4 inside the README).
     * @param withMeta true to start with the run's description, one line per entry.
     * @return the report as markdown, without a title.
     */
    public String markdown(final int level, final boolean withMeta)
    {
        final String h = "#".repeat(level) + " ";
        final StringBuilder md = new StringBuilder();
        if (withMeta)
        {
            for (final Map.Entry<String, Object> e : meta.entrySet())
            {
                md.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            }
            md.append('\n');
        }
        warnings(md, h);
        md.append(h).append("Round trip between two processes, µs: p50 median [min–max] over forks / p99 median\n\n");
        table(md, Figure.ROUND_TRIP, true, size ->
        {
            final Spread p50 = cells.floor(Figure.ROUND_TRIP, size, "p50");
            final Spread p99 = cells.floor(Figure.ROUND_TRIP, size, "p99");
            return null == p50 ? null : spread(p50, 1e-3) + " / " + fmt(p99.median() / 1e3);
        }, (subject, size) ->
        {
            final Spread p50 = cells.spread(Figure.ROUND_TRIP, subject, size, "p50");
            final Spread p99 = cells.spread(Figure.ROUND_TRIP, subject, size, "p99");
            return null == p50 ? null : spread(p50, 1e-3) + " / " + fmt(p99.median() / 1e3);
        });
        md.append("\nC floor: one cache line bounced between the two pinned CPUs, measured right before each transport " +
            "fork (median over those forks).\n\n");
        md.append(h).append("One-way streaming, million messages/s: median [min–max] over forks (MB/s, median)\n\n");
        table(md, Figure.STREAM, false, size -> null, (subject, size) ->
        {
            final Spread msgs = cells.spread(Figure.STREAM, subject, size, "msgsPerSec");
            final Spread mb = cells.spread(Figure.STREAM, subject, size, "mbPerSec");
            return null == msgs ? null : spread(msgs, 1e-6) + " (" + fmt(mb.median()) + ")";
        });
        final Spread copy = copyBandwidth();
        if (null != copy)
        {
            md.append("\nCopy bandwidth (memcpy of 4 MiB on the benchmark CPU, right before each fork): ")
                .append(spread(copy, 1)).append(" MB/s.\n");
        }
        for (final String benchmark : List.of(Figure.ROUND_TRIP, Figure.STREAM))
        {
            ratios(md, h, benchmark);
        }
        targets(md, h);
        capacities(md, h);
        setups(md, h);
        placement(md, h);
        others(md, h);
        losses(md, h);
        if (!failures.isEmpty())
        {
            md.append('\n').append(h).append("Failed trials (no figure)\n\n");
            failures.forEach(f -> md.append("- ").append(f).append('\n'));
        }
        if (!notes.isEmpty())
        {
            md.append('\n').append(h).append("Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    void warnings(final StringBuilder md, final String h)
    {
        if (warnings.isEmpty())
        {
            md.append("Sanity gates: none fired (no wrapper beyond what it wraps, no JVM transport beyond the C ring, " +
                "no round trip more than " + Gates.FLOOR_MARGIN_PERCENT + " % below its C floor, no stream above the copy " +
                "bandwidth).\n\n");
            return;
        }
        md.append(h).append("Sanity warnings\n\n")
            .append("> **").append(warnings.size()).append(warnings.size() == 1 ? " sanity warning." : " sanity warnings.")
            .append("** A figure that beats its physical reference is a bug in the measurement until explained; no ")
            .append("target that reads a cell named here is met.\n>\n");
        for (final Gates.Warning w : warnings)
        {
            md.append("> - **").append(Gates.where(w.benchmark(), w.size())).append(", ").append(w.subject()).append("** (")
                .append(w.gate()).append("): ").append(w.detail()).append('\n');
        }
        md.append('\n');
    }

    private interface CellFormat
    {
        String format(String subject, int size);
    }

    private void table(
        final StringBuilder md, final String benchmark, final boolean floorRow, final Function<Integer, String> floor,
        final CellFormat cell)
    {
        final List<Integer> sizes = cells.sizes(benchmark);
        md.append("| transport |");
        sizes.forEach(s -> md.append(' ').append(sizeLabel(s)).append(" |"));
        md.append('\n').append("|---|").append("---:|".repeat(sizes.size())).append('\n');
        if (floorRow && sizes.stream().anyMatch(s -> null != floor.apply(s)))
        {
            md.append("| ").append(Figure.C_FLOOR).append(" |");
            sizes.forEach(s -> md.append(' ').append(orNa(floor.apply(s))).append(" |"));
            md.append('\n');
        }
        for (final String subject : cells.subjects(benchmark))
        {
            md.append("| ").append(subject).append(" |");
            for (final int size : sizes)
            {
                md.append(' ').append(orNa(cell.format(subject, size))).append(flagMark(benchmark, subject, size)).append(" |");
            }
            md.append('\n');
        }
    }

    private String flagMark(final String benchmark, final String subject, final int size)
    {
        return cells.of(benchmark, subject, size).stream().anyMatch(f -> placement.isFlagged(f.trial())) ? " †" : "";
    }

    private void ratios(final StringBuilder md, final String h, final String benchmark)
    {
        final boolean rt = Figure.ROUND_TRIP.equals(benchmark);
        final List<Integer> sizes = cells.sizes(benchmark);
        final List<String> rows = new ArrayList<>();
        for (final String[] r : ratioRows(benchmark))
        {
            final StringBuilder row = new StringBuilder("| " + r[0] + " / " + r[1] + " |");
            boolean any = false;
            for (final int size : sizes)
            {
                final Spread s = ratioOf(benchmark, size, r);
                any |= null != s;
                row.append(' ').append(null == s ? "–" : spread(s, 1)).append(" |");
            }
            if (any)
            {
                rows.add(row.toString());
            }
        }
        if (rows.isEmpty())
        {
            return;
        }
        md.append('\n').append(h).append(rt ? "Ratios of round trip p50 (A / B, above 1: A slower)" :
            "Ratios of streaming messages/s (A / B, below 1: A slower)")
            .append(", within each interleaved round: median [min–max]\n\n| A / B |");
        sizes.forEach(s -> md.append(' ').append(sizeLabel(s)).append(" |"));
        md.append('\n').append("|---|").append("---:|".repeat(sizes.size())).append('\n');
        rows.forEach(r -> md.append(r).append('\n'));
        if (rt)
        {
            md.append("\n/ C floor: each fork's p50 over the C floor measured right before it.\n");
        }
    }

    private void targets(final StringBuilder md, final String h)
    {
        if (targets.isEmpty())
        {
            return;
        }
        md.append('\n').append(h).append("Targets (a ratio's whole spread must be on the right side)\n\n")
            .append("| target | measured: median [min–max] | met |\n|---|---:|:---:|\n");
        for (final Targets.Target t : targets)
        {
            md.append("| ").append(t.what()).append(" | ").append(null == t.measured() ? "n/a" : spread(t.measured(), 1))
                .append(" | ").append(switch (t.status())
                {
                    case MET -> "yes";
                    case MISSED -> "**no**";
                    case UNDECIDED -> "undecided (" + t.reason() + ")";
                }).append(" |\n");
        }
    }

    private void capacities(final StringBuilder md, final String h)
    {
        final List<Integer> sizes = cells.sizes(Figure.STREAM);
        final List<String> subjects = cells.subjects(Figure.STREAM);
        if (sizes.isEmpty())
        {
            return;
        }
        md.append('\n').append(h).append("Buffer capacity, messages one direction holds before the producer waits\n\n| transport |");
        sizes.forEach(s -> md.append(' ').append(sizeLabel(s)).append(" |"));
        md.append('\n').append("|---|").append("---:|".repeat(sizes.size())).append('\n');
        for (final String subject : subjects)
        {
            md.append("| ").append(subject).append(" |");
            for (final int size : sizes)
            {
                final Long c = capacity(cells.of(Figure.STREAM, subject, size));
                md.append(' ').append(null == c ? "n/a" : c < 0 ? "unbounded" : String.format(Locale.ROOT, "%,d", c)).append(" |");
            }
            md.append('\n');
        }
    }

    private void setups(final StringBuilder md, final String h)
    {
        final Map<String, String> setups = new LinkedHashMap<>();
        for (final String benchmark : List.of(Figure.ROUND_TRIP, Figure.STREAM))
        {
            for (final String subject : cells.subjects(benchmark))
            {
                for (final int size : cells.sizes(benchmark))
                {
                    for (final Figure f : cells.of(benchmark, subject, size))
                    {
                        if (null != f.context() && null != f.context().setup())
                        {
                            setups.put(subject, f.context().setup() + " (at " + sizeLabel(size) + ")");
                        }
                    }
                }
            }
        }
        if (setups.isEmpty())
        {
            return;
        }
        md.append('\n').append(h).append("How each transport was set up\n\n");
        setups.forEach((k, v) -> md.append("- **").append(k).append("**: ").append(v).append('\n'));
    }

    private void placement(final StringBuilder md, final String h)
    {
        md.append('\n').append(h).append("Placement\n\n");
        final Object pinning = meta.get("pinning");
        if (null != pinning)
        {
            md.append("Pinning: ").append(pinning).append("\n\n");
        }
        if (null == placement.referenceFloorNs())
        {
            md.append("No C floor was measured: placement not checked.\n");
            return;
        }
        md.append("Reference C floor p50: ").append(fmt(placement.referenceFloorNs())).append(" ns (median of ")
            .append(placement.floors()).append(" floors). A trial is flagged (†) when it ran on other CPUs than asked or ")
            .append("its floor is more than ").append(fmt(PlacementCheck.FLOOR_FACTOR)).append("× away from the reference: ");
        if (placement.flagged().isEmpty())
        {
            md.append("none.\n");
            return;
        }
        md.append(placement.flagged().size()).append(" of ").append(figures.stream().filter(f -> null != f.context() &&
            null != f.context().cpus()).count()).append(".\n\n");
        for (final PlacementCheck.Flag f : placement.flagged())
        {
            md.append("- trial ").append(f.trial()).append(" (").append(Gates.where(f.figure().benchmark(), f.figure().size()))
                .append(", ").append(f.figure().subject()).append(", round ").append(f.figure().round() + 1).append("): ")
                .append(f.reason()).append('\n');
        }
    }

    private void others(final StringBuilder md, final String h)
    {
        final List<String> counters = cells.subjects(Figure.COUNTER);
        if (!counters.isEmpty())
        {
            md.append('\n').append(h).append("Contended counters, million increments/s of the benchmark JVM's thread: ")
                .append("median [min–max]\n\n")
                .append("| benchmark | Mops/s |\n|---|---:|\n");
            counters.forEach(c -> md.append("| ").append(c).append(" | ")
                .append(spread(cells.spread(Figure.COUNTER, c, 0, "opsPerSec"), 1e-6)).append(" |\n"));
            final Spread r = cells.ratio(Figure.COUNTER, 0, CROSS_JVM_SHARED_LONG, Inputs.LOCKED_CROSS_JVM);
            md.append('\n').append(CROSS_JVM_SHARED_LONG).append(": one thread in each of two JVMs on one SharedLong; ")
                .append(Inputs.LOCKED_CROSS_JVM).append(": the same, Python-style (a plain value under mmipc's Lock). Ratio ")
                .append(SHARED_LONG_PER_LOCKED).append(" within rounds: ").append(null == r ? "n/a" : spread(r, 1)).append(".\n");
        }
        final List<String> locks = cells.subjects(Figure.LOCK);
        if (!locks.isEmpty())
        {
            md.append('\n').append(h).append("Lock (mmipc's Lock; contended: a second JVM does the same on the same lock)\n\n")
                .append("| operation | million ops/s | ns/op |\n|---|---:|---:|\n");
            locks.forEach(l -> md.append("| ").append(l).append(" | ")
                .append(spread(cells.spread(Figure.LOCK, l, 0, "opsPerSec"), 1e-6)).append(" | ")
                .append(fmt(cells.spread(Figure.LOCK, l, 0, "nsPerOp").median())).append(" |\n"));
        }
        final List<Figure> pool = figures.stream().filter(f -> Figure.POOL.equals(f.benchmark())).toList();
        if (!pool.isEmpty())
        {
            md.append('\n').append(h).append("Process pool map of trivial tasks, tasks/s (").append(fmt(pool.get(0).get("items")))
                .append(" items, ").append((int)pool.get(0).get("workers")).append(" workers, one measurement each)\n\n")
                .append("| chunk size | mmipc ProcessPool | python3 multiprocessing.Pool | mmipc/python |\n|---|---:|---:|---:|\n");
            for (final Figure f : pool)
            {
                md.append("| ").append(f.size()).append(" | ").append(fmt(f.get("mmipcTasksPerSec"))).append(" | ")
                    .append(fmt(f.get("pythonTasksPerSec"))).append(" | ")
                    .append(fmt(f.get("mmipcTasksPerSec") / f.get("pythonTasksPerSec"))).append(" |\n");
            }
        }
        for (final Figure f : figures)
        {
            if (Figure.IDLE.equals(f.benchmark()))
            {
                md.append('\n').append(h).append("Idle consumer, default wait strategy (one measurement)\n\n")
                    .append("| consumer thread CPU (% of a core) | consumer JVM CPU (% of a core) | ")
                    .append("wake-up p50 / p90 / p99 / p99.9 (µs) |\n")
                    .append("|---:|---:|---:|\n| ")
                    .append(fmt(100 * f.get("idleCpuShareThread"))).append(" | ")
                    .append(fmt(100 * f.get("idleCpuShareProcess"))).append(" | ")
                    .append(fmt(f.get("wakeUpP50Ns") / 1e3)).append(" / ").append(fmt(f.get("wakeUpP90Ns") / 1e3)).append(" / ")
                    .append(fmt(f.get("wakeUpP99Ns") / 1e3)).append(" / ").append(fmt(f.get("wakeUpP999Ns") / 1e3)).append(" |\n");
            }
        }
    }

    /**
     * Where another transport (not the C ring) beat mmipc's one-to-one queue in every interleaved round.
     */
    private void losses(final StringBuilder md, final String h)
    {
        if (figures.stream().noneMatch(f -> f.subject().equals(MMIPC)))
        {
            return;
        }
        final List<String> lines = new ArrayList<>();
        for (final String benchmark : List.of(Figure.ROUND_TRIP, Figure.STREAM))
        {
            final boolean rt = Figure.ROUND_TRIP.equals(benchmark);
            for (final int size : cells.sizes(benchmark))
            {
                for (final String subject : cells.subjects(benchmark))
                {
                    final Spread r = cells.ratio(benchmark, size, subject, MMIPC);
                    if (subject.equals(MMIPC) || Figure.C_RING.equals(subject) || null == r)
                    {
                        continue;
                    }
                    if (rt ? r.max() < 1 : r.min() > 1)
                    {
                        lines.add(Gates.where(benchmark, size) + ": " + subject + " (" + subject + " / " + MMIPC + " = " +
                            spread(r, 1) + ")");
                    }
                }
            }
        }
        md.append('\n').append(h).append("Where ").append(MMIPC).append(" loses in every round\n\n");
        if (lines.isEmpty())
        {
            md.append("Nowhere in this run (the C ring aside).\n");
        }
        lines.forEach(l -> md.append("- ").append(l).append('\n'));
    }

    private static String orNa(final String s)
    {
        return null == s ? "n/a" : s;
    }

    /**
     * @param s     a spread.
     * @param scale a factor for display (1e-3: ns to µs).
     * @return {@code median [min–max]}, or the median alone for one value, or {@code n/a}.
     */
    static String spread(final Spread s, final double scale)
    {
        if (null == s)
        {
            return "n/a";
        }
        return s.n() == 1 ? fmt(s.median() * scale) :
            fmt(s.median() * scale) + " [" + fmt(s.min() * scale) + "–" + fmt(s.max() * scale) + "]";
    }

    static String sizeLabel(final int size)
    {
        return size >= 1024 && size % 1024 == 0 ? (size / 1024) + " KiB" : size + " B";
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
        if (a >= 0.01)
        {
            return String.format(Locale.ROOT, "%.3f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}

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

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mmipc.bench.transport.Transports;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * README.md's benchmark section and the full tables of a committed run ({@code bench/results/NAME/}), both generated
 * from the run's raw files. The README keeps a short section between two markers: the run in one paragraph, the
 * headline ratios of mmipc's queue (against the C floor and C ring, Agrona's ring, pipes, sockets, the other
 * libraries), the sanity warnings, the targets in one line, and links to {@value #TABLES} (every table of the report)
 * and the charts in the run directory. The begin marker names the run, so a test regenerates both from the same
 * files and compares. {@code bin/bench --readme bench/results/NAME} rewrites both.
 */
public final class ReadmeSection
{
    /** The begin marker, followed by {@code run=PATH -->}. */
    public static final String BEGIN = "<!-- bench:begin run=";
    /** The end marker. */
    public static final String END = "<!-- bench:end -->";
    /** The full tables' file in the run directory. */
    public static final String TABLES = "tables.md";

    private ReadmeSection()
    {
    }

    /**
     * @param root    the repository root.
     * @param runPath the run directory, relative to the root, with {@code /} separators.
     * @return the whole README section, markers included.
     * @throws Exception when the run's files cannot be read.
     */
    public static String render(final Path root, final String runPath) throws Exception
    {
        final Path dir = root.resolve(runPath);
        final Report report = ReportMain.load(dir);
        final StringBuilder md = new StringBuilder();
        md.append(BEGIN).append(runPath).append(" -->\n");
        md.append("### Latest committed run: `").append(runPath).append("`\n\n");
        md.append(describe(dir, runPath)).append("\n\n");
        headline(md, report);
        report.warnings(md, "#### ");
        targets(md, report);
        if (!report.failures().isEmpty())
        {
            md.append("**").append(report.failures().size()).append(" trial(s) failed** (no figure): see the full tables.\n\n");
        }
        md.append("Full tables — every figure with its spread over forks, every ratio, targets, buffer capacities, set-ups, ")
            .append("placement, counters, lock, pool, idle consumer: [`").append(runPath).append('/').append(TABLES)
            .append("`](").append(runPath).append('/').append(TABLES).append(")");
        final List<String> charts = new ArrayList<>();
        for (final Charts.Spec spec : Charts.SPECS)
        {
            if (Files.exists(dir.resolve(spec.file() + ".png")))
            {
                charts.add("[" + spec.file() + "](" + runPath + "/" + spec.file() + ".png)");
            }
        }
        md.append(charts.isEmpty() ? "" : "; charts: " + String.join(", ", charts));
        md.append(". Generated from the run's files by `bin/bench --readme ").append(runPath)
            .append("`; a test fails when this section, the tables file and those files disagree.\n");
        md.append(END).append('\n');
        return md.toString();
    }

    /**
     * @param root    the repository root.
     * @param runPath the run directory, relative to the root, with {@code /} separators.
     * @return the run's {@value #TABLES}: its description and every table of the report.
     * @throws Exception when the run's files cannot be read.
     */
    public static String tables(final Path root, final String runPath) throws Exception
    {
        final Path dir = root.resolve(runPath);
        return "# Benchmark tables: `" + runPath + "`\n\n" + describe(dir, runPath) + " Generated from the run's files by " +
            "`bin/bench --readme " + runPath + "`.\n\n" + ReportMain.load(dir).markdown(2, false);
    }

    /**
     * The headline: mmipc's queue over each reference, at the smallest and largest size of each benchmark.
     */
    private static void headline(final StringBuilder md, final Report report)
    {
        final Cells cells = report.cells();
        final List<String> references = new ArrayList<>(List.of(Figure.C_FLOOR, Figure.C_RING));
        for (final Transports.Entry e : Transports.entries())
        {
            if (e.role() != Transports.Role.SUBJECT && !e.name().startsWith("mmipc"))
            {
                references.add(e.name());
            }
        }
        final List<String[]> columns = new ArrayList<>();
        for (final String benchmark : List.of(Figure.ROUND_TRIP, Figure.STREAM))
        {
            final List<Integer> sizes = cells.sizes(benchmark);
            if (!sizes.isEmpty())
            {
                columns.add(new String[]{ benchmark, Integer.toString(sizes.get(0)) });
                if (sizes.size() > 1)
                {
                    columns.add(new String[]{ benchmark, Integer.toString(sizes.get(sizes.size() - 1)) });
                }
            }
        }
        if (columns.isEmpty() || cells.subjects(Figure.ROUND_TRIP).stream().noneMatch(Report.MMIPC::equals) &&
            cells.subjects(Figure.STREAM).stream().noneMatch(Report.MMIPC::equals))
        {
            return;
        }
        md.append("**Headline**: `").append(Report.MMIPC).append("` (mmipc's queue) against each reference, ratios taken ")
            .append("within each interleaved round, median [min–max] over rounds. Round trip: mmipc's p50 over theirs ")
            .append("(below 1: mmipc is faster); streaming: mmipc's messages/s over theirs (above 1: mmipc is faster).\n\n")
            .append("| mmipc against |");
        for (final String[] c : columns)
        {
            md.append(' ').append(Figure.ROUND_TRIP.equals(c[0]) ? "round trip" : "streaming").append(", ")
                .append(Report.sizeLabel(Integer.parseInt(c[1]))).append(" |");
        }
        md.append('\n').append("|---|").append("---:|".repeat(columns.size())).append('\n');
        for (final String reference : references)
        {
            final StringBuilder row = new StringBuilder("| ").append(reference).append(" |");
            boolean any = false;
            for (final String[] c : columns)
            {
                final Spread s = Figure.C_FLOOR.equals(reference) && !Figure.ROUND_TRIP.equals(c[0]) ? null :
                    report.ratioOf(c[0], Integer.parseInt(c[1]), new String[]{ Report.MMIPC, reference });
                any |= null != s;
                row.append(' ').append(null == s ? "–" : Report.spread(s, 1)).append(" |");
            }
            if (any)
            {
                md.append(row).append('\n');
            }
        }
        md.append('\n');
    }

    private static void targets(final StringBuilder md, final Report report)
    {
        if (report.targets().isEmpty())
        {
            return;
        }
        final long met = report.targets().stream().filter(t -> t.status() == Targets.Status.MET).count();
        final long missed = report.targets().stream().filter(t -> t.status() == Targets.Status.MISSED).count();
        md.append("Targets: ").append(met).append(" met, ").append(missed).append(" missed, ")
            .append(report.targets().size() - met - missed).append(" undecided of ").append(report.targets().size());
        final List<String> missedNames = report.targets().stream().filter(t -> t.status() == Targets.Status.MISSED)
            .map(Targets.Target::what).toList();
        if (!missedNames.isEmpty())
        {
            md.append(" (missed: ").append(String.join("; ", missedNames)).append(')');
        }
        md.append(".\n\n");
    }

    /**
     * @return the run in one paragraph: profile, command, commit, machine, rounds, timings, duration, load.
     */
    private static String describe(final Path dir, final String runPath) throws Exception
    {
        final String run = Inputs.readIfExists(dir.resolve("run.json"));
        if (null == run)
        {
            throw new IllegalStateException("run has no run.json: dir=" + dir);
        }
        final JsonObject meta = JsonParser.parseString(run).getAsJsonObject();
        final boolean full = "full".equals(text(meta, "profile")) && !meta.has("subset") ||
            "full".equals(text(meta, "profile")) && !meta.get("subset").getAsBoolean();
        final StringBuilder md = new StringBuilder();
        if (!full)
        {
            md.append("**").append(text(meta, "profile")).append(" profile")
                .append(meta.has("subset") && meta.get("subset").getAsBoolean() ? ", subset" : "")
                .append(", not for quoting.** ");
        }
        md.append('`').append(text(meta, "command")).append("` on commit `").append(shortCommit(text(meta, "commit")))
            .append('`').append("true".equals(text(meta, "commitDirty")) ? " (with uncommitted changes)" : "")
            .append(", ").append(text(meta, "date")).append(": ").append(text(meta, "cpu")).append(", ")
            .append(text(meta, "cores")).append(" cores, ").append(text(meta, "os")).append(", ").append(text(meta, "jdk"))
            .append("; ").append(text(meta, "rounds")).append(" interleaved rounds, ").append(text(meta, "timings"))
            .append("; ").append(Math.round(Double.parseDouble(text(meta, "elapsedSeconds")) / 60.0)).append(" min, load average ")
            .append(text(meta, "loadAverageAtStart")).append(" at the start.");
        return md.toString();
    }

    /**
     * Replace README.md's section with one generated from a run, and write the run's {@value #TABLES}.
     *
     * @param readme the README.
     * @param run    the run directory (relative to the README's directory, or absolute inside it).
     * @throws Exception when a file cannot be read or written, or the README has no markers.
     */
    public static void rewrite(final Path readme, final Path run) throws Exception
    {
        final Path root = readme.toAbsolutePath().getParent();
        final String runPath = root.relativize(run.toAbsolutePath().normalize()).toString().replace('\\', '/');
        final String text = Files.readString(readme, StandardCharsets.UTF_8);
        final int begin = text.indexOf(BEGIN);
        final int end = text.indexOf(END);
        if (begin < 0 || end < begin)
        {
            throw new IllegalStateException("readme has no benchmark markers: file=" + readme + ", begin=" + BEGIN + ", end=" + END);
        }
        final String updated = text.substring(0, begin) + render(root, runPath) + text.substring(end + END.length() + 1);
        Files.writeString(root.resolve(runPath).resolve(TABLES), tables(root, runPath), StandardCharsets.UTF_8);
        Files.writeString(readme, updated, StandardCharsets.UTF_8);
    }

    /**
     * @param readmeText README.md's text.
     * @return the section as it stands, markers included.
     */
    public static String section(final String readmeText)
    {
        final int begin = readmeText.indexOf(BEGIN);
        final int end = readmeText.indexOf(END);
        if (begin < 0 || end < begin)
        {
            throw new IllegalStateException("readme has no benchmark markers: begin=" + BEGIN + ", end=" + END);
        }
        return readmeText.substring(begin, end + END.length() + 1);
    }

    /**
     * @param readmeText README.md's text.
     * @return the run directory its section names.
     */
    public static String run(final String readmeText)
    {
        final int begin = readmeText.indexOf(BEGIN);
        if (begin < 0)
        {
            throw new IllegalStateException("readme has no benchmark marker: begin=" + BEGIN);
        }
        return readmeText.substring(begin + BEGIN.length(), readmeText.indexOf(" -->", begin));
    }

    private static String text(final JsonObject o, final String key)
    {
        return o.has(key) && !o.get(key).isJsonNull() ? (o.get(key).isJsonPrimitive() ? o.get(key).getAsString() :
            o.get(key).toString()) : "n/a";
    }

    private static String shortCommit(final String commit)
    {
        return null == commit || commit.length() < 12 ? String.valueOf(commit) : commit.substring(0, 12);
    }
}

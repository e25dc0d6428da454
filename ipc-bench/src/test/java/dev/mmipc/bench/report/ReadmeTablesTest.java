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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README.md's benchmark section (the headline) and the run's {@code tables.md} (every table) are what
 * {@code bin/bench --readme} generates from the committed run the section names, byte for byte; that run is
 * committed, was made on a clean tree, and nothing the benchmarks measure (ipc-core's and ipc-bench's main code, the
 * C program) changed after its commit. The generator rewrites only the marked section, and writes the tables file.
 */
class ReadmeTablesTest
{
    /**
     * A change to these makes the committed figures stale: the code measured and the harness that measures it (the
     * report package only reads the raw files, and the section is regenerated from them by the current code).
     */
    static final List<String> HOT_PATHS = List.of("ipc-core/src/main", "ipc-bench/src/main", "bench/limit",
        ":(exclude)ipc-bench/src/main/java/dev/mmipc/bench/report");

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void shouldMatchTheTablesGeneratedFromTheCommittedRunItNames() throws Exception
    {
        final String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        final String run = ReadmeSection.run(readme);
        assertTrue(run.startsWith("bench/results/"), "a committed run under bench/results/: " + run);
        assertTrue(Files.isRegularFile(ROOT.resolve(run).resolve("jmh.json")), run + "/jmh.json");
        assertTrue(Files.isRegularFile(ROOT.resolve(run).resolve("trials.json")), run + "/trials.json");
        assertEquals(ReadmeSection.render(ROOT, run), ReadmeSection.section(readme),
            "README.md's benchmark section differs from the run's files: regenerate with bin/bench --readme " + run);
        assertEquals(ReadmeSection.tables(ROOT, run), Files.readString(ROOT.resolve(run).resolve(ReadmeSection.TABLES),
            StandardCharsets.UTF_8), run + "/" + ReadmeSection.TABLES + " differs from the run's files: regenerate with " +
            "bin/bench --readme " + run);
        assertTrue(ReadmeSection.section(readme).contains("](" + run + "/" + ReadmeSection.TABLES + ")"), "the link to the tables");
    }

    @Test
    void shouldNameARunMadeOnACleanTreeAfterTheLastChangeToWhatItMeasures() throws Exception
    {
        Assumptions.assumeTrue(null != git("rev-parse", "--git-dir"), "not a git checkout (a source archive): nothing to compare");
        final String run = ReadmeSection.run(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8));
        assertEquals(run + "/jmh.json", git("ls-files", "--", run + "/jmh.json"), "the run is committed");
        final JsonObject meta = JsonParser.parseString(Files.readString(ROOT.resolve(run).resolve("run.json"))).getAsJsonObject();
        final String commit = meta.get("commit").getAsString();
        assertFalse(meta.get("commitDirty").getAsBoolean(), "the run was made on a tree with uncommitted changes");
        assertEquals("", git("merge-base", "--is-ancestor", commit, "HEAD"),
            "the run's commit " + commit + " is not in this history (a shallow clone? git fetch --unshallow)");
        final String[] args = new String[4 + HOT_PATHS.size()];
        args[0] = "log";
        args[1] = "--format=%h %s";
        args[2] = commit + "..HEAD";
        args[3] = "--";
        for (int i = 0; i < HOT_PATHS.size(); i++)
        {
            args[4 + i] = HOT_PATHS.get(i);
        }
        assertEquals("", git(args), "these commits changed what the benchmarks measure after the run in " + run +
            ": run bin/bench --full --out bench/results/NAME, then bin/bench --readme bench/results/NAME");
    }

    @Test
    void shouldRewriteOnlyTheMarkedSection(@TempDir final Path dir) throws Exception
    {
        new SyntheticRunFiles(dir.resolve("bench/results/x")).write();
        final Path readme = dir.resolve("README.md");
        Files.writeString(readme, "# t\n\nbefore\n\n" + ReadmeSection.BEGIN + "bench/results/old -->\nstale\n" +
            ReadmeSection.END + "\n\nafter\n");
        ReadmeSection.rewrite(readme, dir.resolve("bench/results/x"));
        final String text = Files.readString(readme);
        assertTrue(text.startsWith("# t\n\nbefore\n\n" + ReadmeSection.BEGIN + "bench/results/x -->\n### Latest committed run: " +
            "`bench/results/x`\n\n**quick profile, subset, not for quoting.** `bin/bench` on commit `0123456789ab`"), text);
        assertTrue(text.contains("| mmipc against | round trip, 32 B |\n|---|---:|\n| C floor | 3.00 [3.00–3.00] |\n" +
            "| agrona | 1.20 [1.20–1.20] |\n"), text);
        assertTrue(text.contains("[`bench/results/x/tables.md`](bench/results/x/tables.md)"), text);
        final String tables = Files.readString(dir.resolve("bench/results/x/tables.md"));
        assertEquals(ReadmeSection.tables(dir, "bench/results/x"), tables);
        assertTrue(tables.startsWith("# Benchmark tables: `bench/results/x`\n\n**quick profile, subset, not for quoting.**"), tables);
        assertTrue(tables.contains("## Ratios of round trip p50"), tables);
        assertTrue(text.endsWith(ReadmeSection.END + "\n\nafter\n"), text);
        assertEquals(ReadmeSection.render(dir, "bench/results/x"), ReadmeSection.section(text));
        assertFalse(text.contains("stale"));
        Files.writeString(readme, "no markers\n");
        assertEquals("readme has no benchmark markers: file=" + readme + ", begin=" + ReadmeSection.BEGIN + ", end=" +
            ReadmeSection.END, assertThrows(IllegalStateException.class,
            () -> ReadmeSection.rewrite(readme, dir.resolve("bench/results/x"))).getMessage());
    }

    /** A small run written by {@link SyntheticRun}. */
    private record SyntheticRunFiles(Path dir)
    {
        void write() throws IOException
        {
            final SyntheticRun run = new SyntheticRun();
            for (int round = 0; round < 3; round++)
            {
                run.roundTrip(Report.MMIPC, 32, round, 300).roundTrip("agrona", 32, round, 250);
            }
            run.writeTo(dir, "quick", true);
        }
    }

    private static String git(final String... args) throws IOException, InterruptedException
    {
        final String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = ROOT.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        final Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS))
        {
            p.destroyForcibly();
            throw new AssertionError("git did not answer in 30 s: " + String.join(" ", command));
        }
        return p.exitValue() == 0 ? out : null;
    }
}

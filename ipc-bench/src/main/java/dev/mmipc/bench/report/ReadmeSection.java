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
package dev.mmipc.bench.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * README.md's benchmark tables, generated from a committed run's raw files ({@code bench/results/NAME/}) and kept
 * between two markers; the begin marker names the run, so a test regenerates the section from the same files and
 * compares. {@code bin/bench --readme bench/results/NAME} rewrites the section.
 */
public final class ReadmeSection
{
    /** The begin marker, followed by {@code run=PATH -->}. */
    public static final String BEGIN = "<!-- bench:begin run=";
    /** The end marker. */
    public static final String END = "<!-- bench:end -->";

    private ReadmeSection()
    {
    }

    /**
     * @param root    the repository root.
     * @param runPath the run directory, relative to the root, with {@code /} separators.
     * @return the whole section, markers included.
     * @throws Exception when the run's files cannot be read.
     */
    public static String render(final Path root, final String runPath) throws Exception
    {
        final Path dir = root.resolve(runPath);
        final Report report = ReportMain.load(dir);
        final StringBuilder md = new StringBuilder();
        md.append(BEGIN).append(runPath).append(" -->\n");
        md.append("### Latest committed run: `").append(runPath).append("`\n\n");
        final String run = Inputs.readIfExists(dir.resolve("run.json"));
        if (null == run)
        {
            throw new IllegalStateException("run has no run.json: dir=" + dir);
        }
        final JsonObject meta = JsonParser.parseString(run).getAsJsonObject();
        final boolean full = "full".equals(text(meta, "profile")) && !meta.has("subset") ||
            "full".equals(text(meta, "profile")) && !meta.get("subset").getAsBoolean();
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
            .append(text(meta, "loadAverageAtStart")).append(" at the start. Generated from the run's files by `bin/bench --readme ")
            .append(runPath).append("`; a test fails when this section and those files disagree.\n\n");
        md.append(report.markdown(4, false));
        md.append(END).append('\n');
        return md.toString();
    }

    /**
     * Replace README.md's section with one generated from a run.
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

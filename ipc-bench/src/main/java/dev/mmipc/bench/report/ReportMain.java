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

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regenerate the report from the raw files of a run directory: {@code jmh.json}, {@code trials.json},
 * {@code run.json}, and where they exist {@code pool.json} and {@code idle.json}. Arguments: {@code DIR} (default
 * {@code bench-results}).
 */
public final class ReportMain
{
    private ReportMain()
    {
    }

    /**
     * @param args {@code [DIR]}.
     * @throws Exception when the inputs cannot be read or the outputs written.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args.length > 0 ? args[0] : "bench-results");
        generate(dir);
        System.out.println("report written: " + dir.resolve("report.md"));
    }

    /**
     * @param dir a run directory.
     * @return the report of its raw files, not written anywhere.
     * @throws Exception when the inputs cannot be read.
     */
    public static Report load(final Path dir) throws Exception
    {
        final Map<String, Object> meta = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        final String run = Inputs.readIfExists(dir.resolve("run.json"));
        if (null != run)
        {
            final JsonObject o = JsonParser.parseString(run).getAsJsonObject();
            for (final Map.Entry<String, JsonElement> e : o.entrySet())
            {
                if ("notes".equals(e.getKey()))
                {
                    e.getValue().getAsJsonArray().forEach(n -> notes.add(n.getAsString()));
                }
                else if (!e.getValue().isJsonNull())
                {
                    meta.put(e.getKey(), plain(e.getKey(), e.getValue()));
                }
            }
        }
        final String trials = Inputs.readIfExists(dir.resolve("trials.json"));
        final List<Figure> figures = new ArrayList<>(Inputs.fromRun(Inputs.readIfExists(dir.resolve("jmh.json")), trials));
        final String idle = Inputs.readIfExists(dir.resolve("idle.json"));
        if (null != idle)
        {
            figures.add(Inputs.fromIdle(idle));
        }
        final String pool = Inputs.readIfExists(dir.resolve("pool.json"));
        if (null != pool)
        {
            figures.addAll(Inputs.fromPool(pool));
            final JsonObject o = JsonParser.parseString(pool).getAsJsonObject();
            if (o.has("pythonNote") && !o.get("pythonNote").isJsonNull())
            {
                notes.add("pool: " + o.get("pythonNote").getAsString());
            }
        }
        return new Report(figures, meta, notes, Inputs.failures(trials));
    }

    /** {@code run.json}'s keys that older runs wrote as strings although they are numbers. */
    static final List<String> NUMBERS_WRITTEN_AS_TEXT = List.of("loadAverageAtStart", "loadAverageAtEnd");

    /**
     * One value of {@code run.json} as the summary keeps it: a number stays a number (an integer a {@code Long}), a
     * boolean a boolean, a list or object its JSON tree; a load average that an older run wrote as text becomes the
     * number it spells.
     *
     * @param key   the value's key.
     * @param value the value, not JSON null.
     * @return it as a {@code Long}, {@code Double}, {@code Boolean}, {@code String} or JSON tree.
     */
    static Object plain(final String key, final JsonElement value)
    {
        if (!value.isJsonPrimitive())
        {
            return value;
        }
        final JsonPrimitive p = value.getAsJsonPrimitive();
        if (p.isBoolean())
        {
            return p.getAsBoolean();
        }
        final String text = p.getAsString();
        if (p.isNumber() || NUMBERS_WRITTEN_AS_TEXT.contains(key) && text.matches("-?\\d+(\\.\\d+)?"))
        {
            return text.matches("-?\\d+") ? (Object)Long.parseLong(text) : (Object)Double.parseDouble(text);
        }
        return text;
    }

    /**
     * @param dir a run directory.
     * @return the report, written into it ({@code summary.json}, {@code report.md}, charts).
     * @throws Exception when the inputs cannot be read or the outputs written.
     */
    public static Report generate(final Path dir) throws Exception
    {
        final Report report = load(dir);
        report.writeTo(dir);
        return report;
    }
}

package dev.mmipc.bench.report;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regenerate the report from the files of a run directory: {@code jmh.json}, {@code limit.json}, {@code idle.json} and {@code pool.json} (optional), and
 * {@code run.json} (optional: machine, profile and notes as written by the runner).
 * Arguments: {@code DIR} (default {@code bench-results}).
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
     * @return the report written into it.
     * @throws Exception when the inputs cannot be read or the outputs written.
     */
    public static Report generate(final Path dir) throws Exception
    {
        final List<Figure> figures = new ArrayList<>();
        final Map<String, Object> meta = new LinkedHashMap<>();
        final List<String> notes = new ArrayList<>();
        final String run = Inputs.readIfExists(dir.resolve("run.json"));
        if (null != run)
        {
            final JsonObject o = JsonParser.parseString(run).getAsJsonObject();
            for (final Map.Entry<String, com.google.gson.JsonElement> e : o.entrySet())
            {
                if ("notes".equals(e.getKey()))
                {
                    e.getValue().getAsJsonArray().forEach(n -> notes.add(n.getAsString()));
                }
                else
                {
                    meta.put(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString());
                }
            }
        }
        final String limit = Inputs.readIfExists(dir.resolve("limit.json"));
        if (null != limit)
        {
            figures.addAll(Inputs.fromLimit(limit));
        }
        final String jmh = Inputs.readIfExists(dir.resolve("jmh.json"));
        if (null != jmh)
        {
            figures.addAll(Inputs.fromJmh(jmh));
        }
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
        final Report report = new Report(figures, meta, notes);
        report.writeTo(dir);
        return report;
    }
}

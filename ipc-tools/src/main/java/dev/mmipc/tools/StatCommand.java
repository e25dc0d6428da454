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
package dev.mmipc.tools;

import dev.mmipc.exceptions.RegionNotFoundException;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code mmipc stat [NAME...]}: every counter of every counters region and the value of every value
 * region; {@code --watch} refreshes until interrupted (Ctrl-C) or {@code --count} refreshes were printed.
 * {@code --kind} keeps the regions of the given kinds (validated: an unknown kind is a usage error naming the valid
 * ones), {@code --label} the rows whose label matches a glob ({@code *} any run of characters, {@code ?} one; the
 * whole label must match, so {@code '*sent*'} finds a substring). {@code --json} prints a JSON array of rows
 * (with {@code --watch}, one array per line per refresh).
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show every counter (id, label, value) of the counters regions and the value of the value " +
        "regions (arrays: length and first elements); --kind and --label filter, --json prints JSON.")
final class StatCommand extends ToolCommand
{
    private static final String CLEAR_SCREEN = "\033[H\033[2J";

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Only these regions (default: all).")
    List<String> names = new ArrayList<>();

    @Option(names = { "-w", "--watch" }, paramLabel = "SECONDS",
        description = "Refresh every SECONDS (decimals allowed) until interrupted with Ctrl-C.")
    Double watchSeconds;

    @Option(names = { "-c", "--count" }, paramLabel = "N", description = "With --watch: stop after N refreshes.")
    Integer count;

    @Option(names = "--json", description = "Print a JSON array of rows (id, label, value as numbers where they are); " +
        "with --watch, one array per line per refresh.")
    boolean json;

    @Option(names = { "-k", "--kind" }, paramLabel = "KIND", split = ",",
        description = "Only regions of these kinds (repeat or comma-separate; case-insensitive): e.g. COUNTERS, LONG.")
    List<String> kinds = new ArrayList<>();

    @Option(names = { "-l", "--label" }, paramLabel = "GLOB",
        description = "Only rows whose whole label matches GLOB (* any characters, ? one character): '*sent*'.")
    String label;

    private Set<RegionKind> kindFilter;
    private Pattern labelFilter;

    @Override
    int run()
    {
        if (!validNames(names))
        {
            return ExitCodes.USAGE;
        }
        kindFilter = parseKinds();
        labelFilter = label == null ? null : glob(label);
        if (watchSeconds == null)
        {
            if (count != null)
            {
                throw new CommandLine.ParameterException(spec.commandLine(), "--count needs --watch: count=" + count);
            }
            return printOnce();
        }
        if (!(watchSeconds > 0) || watchSeconds > 86_400)
        {
            throw new CommandLine.ParameterException(
                spec.commandLine(), "watch interval out of range: seconds=" + watchSeconds + ", min=0 (exclusive), max=86400");
        }
        if (count != null && count < 1)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "count out of range: count=" + count + ", min=1");
        }
        return watch((long)(watchSeconds * 1000), count == null ? Long.MAX_VALUE : count);
    }

    private int watch(final long intervalMs, final long refreshes)
    {
        final boolean clear = isTerminal();
        int exitCode = ExitCodes.OK;
        for (long i = 0; i < refreshes; i++)
        {
            if (i > 0)
            {
                try
                {
                    Thread.sleep(intervalMs);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return exitCode;
                }
            }
            if (clear && !json)
            {
                out().print(CLEAR_SCREEN);
            }
            if (!json)
            {
                out().println("every " + watchSeconds + "s: " + Formats.time(Instant.now().toEpochMilli()) +
                    ", dir=" + parent.namespacePath() + ", refresh=" + (i + 1) + (clear ? ", ctrl-c to stop" : ""));
            }
            exitCode = printOnce();
            out().flush();
            err().flush();
        }
        return exitCode;
    }

    private int printOnce()
    {
        final Optional<NamespaceDirectory> ns = parent.existingNamespace();
        final List<RegionEntry> entries = new ArrayList<>();
        int exitCode = ExitCodes.OK;
        if (names.isEmpty())
        {
            ns.ifPresent(dir -> entries.addAll(RegionEntry.scan(dir)));
        }
        else
        {
            for (final String name : names)
            {
                final Optional<RegionEntry> entry = ns.flatMap(dir -> RegionEntry.read(dir, name));
                if (entry.isPresent())
                {
                    entries.add(entry.get());
                }
                else
                {
                    err().println(notFound(name));
                    exitCode = ExitCodes.FAILED;
                }
            }
        }

        final Table table = new Table("REGION", "KIND", "ID", "LABEL", "VALUE");
        final List<String> jsonRows = new ArrayList<>();
        for (final RegionEntry entry : entries)
        {
            if (!entry.ok())
            {
                if (kindFilter.isEmpty() && labelFilter == null)
                {
                    table.spanningRow(entry.name(), "error: " + entry.error());
                    jsonRows.add(new Json.Obj().put("region", entry.name()).put("error", entry.error()).toString());
                }
                continue;
            }
            final RegionKind kind = entry.header().kind();
            final Optional<KindInspector> inspector = KindInspectors.forKind(kind);
            if (inspector.isEmpty() || (!kindFilter.isEmpty() && !kindFilter.contains(kind)))
            {
                continue;
            }
            addRows(ns.orElseThrow(), entry.name(), kind, inspector.get(), table, jsonRows);
        }
        final PrintWriter out = out();
        if (json)
        {
            out.println(Json.array(jsonRows, watchSeconds == null ? "  " : null));
            return exitCode;
        }
        if (table.isEmpty())
        {
            out.println("no counters or values: dir=" + parent.namespacePath());
        }
        else
        {
            table.print(out);
        }
        return exitCode;
    }

    private void addRows(
        final NamespaceDirectory ns, final String name, final RegionKind kind, final KindInspector inspector,
        final Table table, final List<String> jsonRows)
    {
        try (Region region = Region.open(ns, name, kind, 0))
        {
            for (final KindInspector.StatRow row : inspector.stat(region))
            {
                if (labelFilter != null && !labelFilter.matcher(row.label()).matches())
                {
                    continue;
                }
                table.row(name, kind.name(), row.id(), row.label(), row.value());
                jsonRows.add(new Json.Obj()
                    .put("region", name)
                    .put("kind", kind.name())
                    .value("id", "-".equals(row.id()) ? null : row.id())
                    .put("label", row.label())
                    .value("value", row.value())
                    .toString());
            }
        }
        catch (final RegionNotFoundException ex)
        {
            // removed since listed
        }
        catch (final RuntimeException ex)
        {
            table.spanningRow(name, "error: " + ex.getMessage());
            jsonRows.add(new Json.Obj().put("region", name).put("kind", kind.name()).put("error", ex.getMessage()).toString());
        }
    }

    private Set<RegionKind> parseKinds()
    {
        final Set<RegionKind> parsed = EnumSet.noneOf(RegionKind.class);
        for (final String text : kinds)
        {
            try
            {
                parsed.add(RegionKind.valueOf(text.trim().toUpperCase(Locale.ROOT)));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "unknown region kind: kind=" + text + ", valid=" + Arrays.toString(RegionKind.values()));
            }
        }
        return parsed;
    }

    /**
     * @param glob {@code *} for any run of characters, {@code ?} for one; everything else literal.
     * @return a pattern that matches a whole label.
     */
    static Pattern glob(final String glob)
    {
        final StringBuilder regex = new StringBuilder();
        final StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++)
        {
            final char c = glob.charAt(i);
            if (c == '*' || c == '?')
            {
                if (literal.length() > 0)
                {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            }
            else
            {
                literal.append(c);
            }
        }
        if (literal.length() > 0)
        {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static boolean isTerminal()
    {
        final java.io.Console console = System.console();
        if (console == null)
        {
            return false;
        }
        try
        {
            // JDK 22+ returns a console even when redirected; it says whether it is a terminal
            final Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean)isTerminal.invoke(console);
        }
        catch (final ReflectiveOperationException ex)
        {
            return true;
        }
    }
}

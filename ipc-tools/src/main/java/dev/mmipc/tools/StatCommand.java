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
package dev.mmipc.tools;

import dev.mmipc.RegionNotFoundException;
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
import java.util.List;
import java.util.Optional;

/**
 * {@code mmipc stat [NAME...]}: every counter of every counters region and the value of every value
 * region; {@code --watch} refreshes until interrupted (Ctrl-C) or {@code --count} refreshes were printed.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show every counter (id, label, value) of the counters regions and the value of the value " +
        "regions (arrays: length and first elements).")
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

    @Override
    int run()
    {
        if (!validNames(names))
        {
            return ExitCodes.USAGE;
        }
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
            if (clear)
            {
                out().print(CLEAR_SCREEN);
            }
            out().println("every " + watchSeconds + "s: " + Formats.time(Instant.now().toEpochMilli()) +
                ", dir=" + parent.namespacePath() + ", refresh=" + (i + 1) + (clear ? ", ctrl-c to stop" : ""));
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
        for (final RegionEntry entry : entries)
        {
            if (!entry.ok())
            {
                table.spanningRow(entry.name(), "error: " + entry.error());
                continue;
            }
            final RegionKind kind = entry.header().kind();
            final Optional<KindInspector> inspector = KindInspectors.forKind(kind);
            if (inspector.isEmpty())
            {
                continue;
            }
            addRows(ns.orElseThrow(), entry.name(), kind, inspector.get(), table);
        }
        final PrintWriter out = out();
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

    private static void addRows(
        final NamespaceDirectory ns, final String name, final RegionKind kind, final KindInspector inspector,
        final Table table)
    {
        try (Region region = Region.open(ns, name, kind, 0))
        {
            for (final KindInspector.StatRow row : inspector.stat(region))
            {
                table.row(name, kind.name(), row.id(), row.label(), row.value());
            }
        }
        catch (final RegionNotFoundException ex)
        {
            // removed since listed
        }
        catch (final RuntimeException ex)
        {
            table.spanningRow(name, "error: " + ex.getMessage());
        }
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

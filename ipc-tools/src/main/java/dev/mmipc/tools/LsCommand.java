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

import dev.mmipc.liveness.Liveness;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.RegionHeader;
import dev.mmipc.region.RegionKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mmipc ls}: one row per region file; a broken file is listed with its error. Regions that mmipc made on
 * its own (a pool's slots and queues, a child's task) are not the user's: they are summed up in one line per
 * owner, and listed, with an {@code OWNER} column, only with {@code --all}. A region file shorter than
 * its header says (header length + payload length &gt; file length, or shorter than any header) is flagged
 * {@value #TRUNCATED} in a FLAGS column (shown when a file is flagged) ({@code "truncated": true} in JSON), its
 * error is printed on stderr, and it is never mapped.
 */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List the regions: name, kind, file size, creator pid, whether the creator is alive, created time. " +
        "A broken file is listed with its error; a file shorter than its header says is flagged TRUNCATED. " +
        "Regions that mmipc made on its own (a pool's queues, a child's task) are summed up per owner, and listed " +
        "only with --all.")
final class LsCommand extends ToolCommand
{
    /** The flag of a region file shorter than its header says. */
    static final String TRUNCATED = "TRUNCATED";

    @Option(names = { "-H", "--human" }, description = "Sizes in KiB/MiB/GiB instead of bytes.")
    boolean human;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Option(names = { "-a", "--all" }, description = "Also list the regions mmipc made on its own, with their owner.")
    boolean all;

    @Override
    int run()
    {
        final Optional<NamespaceDirectory> ns = parent.existingNamespace();
        final List<RegionEntry> entries = new ArrayList<>();
        final Map<String, List<RegionEntry>> hidden = new LinkedHashMap<>();
        for (final RegionEntry entry : ns.map(RegionEntry::scan).orElse(List.of()))
        {
            if (all || !entry.ok() || !entry.header().internal())
            {
                entries.add(entry);
            }
            else
            {
                hidden.computeIfAbsent(entry.header().ownerDescription(), k -> new ArrayList<>()).add(entry);
            }
        }
        if (json)
        {
            printJson(out(), entries);
            return ExitCodes.OK;
        }
        if (entries.isEmpty() && hidden.isEmpty())
        {
            out().println("no regions: dir=" + parent.namespacePath());
        }
        else if (!entries.isEmpty())
        {
            printTable(out(), entries);
        }
        for (final Map.Entry<String, List<RegionEntry>> owner : hidden.entrySet())
        {
            long bytes = 0;
            for (final RegionEntry entry : owner.getValue())
            {
                bytes += entry.fileLength();
            }
            final RegionHeader first = owner.getValue().get(0).header();
            out().println(owner.getKey() + " (" + (first.creatorAlive() ? "alive" : "dead") + "): " +
                owner.getValue().size() + (owner.getValue().size() == 1 ? " region, " : " regions, ") +
                (human ? Formats.humanBytes(bytes) : bytes + " bytes") +
                " (--all lists them)");
        }
        return ExitCodes.OK;
    }

    private void printTable(final PrintWriter out, final List<RegionEntry> entries)
    {
        // the FLAGS column appears when a file is flagged, so the usual table stays as it was
        final boolean flags = entries.stream().anyMatch(RegionEntry::isTruncated);
        final List<String> columns = new ArrayList<>(List.of("NAME", "KIND", "SIZE", "CREATOR", "ALIVE", "CREATED"));
        if (all)
        {
            columns.add("OWNER");
        }
        if (flags)
        {
            columns.add("FLAGS");
        }
        final Table table = columns.size() > 6 ? new Table(columns.toArray(new String[0])) :
            new Table("NAME", "KIND", "SIZE", "CREATOR", "ALIVE", "CREATED");
        for (final RegionEntry entry : entries)
        {
            if (entry.ok())
            {
                final RegionHeader header = entry.header();
                row(table, all, flags,
                    entry.name(),
                    header.kind().name(),
                    size(entry.fileLength()),
                    Long.toString(header.creatorPid()),
                    Formats.creatorAlive(header),
                    Formats.time(header.createdMs()),
                    header.internal() ? header.ownerName() : "-",
                    "");
            }
            else if (entry.isTruncated())
            {
                // the header's own fields where its magic is mmipc's, so one sees who made it
                final RawHeader raw = entry.truncated();
                final boolean known = raw.magicOk();
                row(table, all, flags,
                    entry.name(),
                    known ? kindName(raw) : "-",
                    size(entry.fileLength()),
                    known ? Long.toString(raw.creatorPid()) : "-",
                    known ? Formats.yesNo(creatorAlive(entry, raw)) : "-",
                    known ? Formats.time(raw.createdMs()) : "-",
                    "-",
                    TRUNCATED);
                err().println(entry.error()); // on stderr too: a process that maps it can die with SIGBUS
            }
            else
            {
                table.spanningRow(entry.name(), "error: " + entry.error());
            }
        }
        table.print(out);
    }

    /**
     * @param cells the six usual cells, then the owner's, then the flags'.
     */
    private static void row(final Table table, final boolean all, final boolean flags, final String... cells)
    {
        final List<String> shown = new ArrayList<>(Arrays.asList(cells).subList(0, 6));
        if (all)
        {
            shown.add(cells[6]);
        }
        if (flags)
        {
            shown.add(cells[7]);
        }
        table.row(shown.toArray(new String[0]));
    }

    private String size(final long bytes)
    {
        return human ? Formats.humanBytes(bytes) : Long.toString(bytes);
    }

    private void printJson(final PrintWriter out, final List<RegionEntry> entries)
    {
        out.println("[");
        for (int i = 0; i < entries.size(); i++)
        {
            final RegionEntry entry = entries.get(i);
            final StringBuilder sb = new StringBuilder("  {\"name\": ").append(Json.quote(entry.name()));
            sb.append(", \"file_length\": ").append(entry.fileLength())
                .append(", \"truncated\": ").append(entry.isTruncated());
            final RawHeader raw = entry.truncated();
            if (entry.ok())
            {
                final RegionHeader header = entry.header();
                appendCreator(sb, header.kind().name(), header.creatorPid(), header.creatorAlive(), header.createdMs());
                if (all)
                {
                    sb.append(", \"owner\": ").append(header.internal() ? Json.quote(header.ownerName()) : "null");
                }
            }
            else if (raw != null && raw.magicOk())
            {
                sb.append(", \"expected_length\": ").append(raw.expectedLength());
                appendCreator(sb, kindName(raw), raw.creatorPid(),
                    creatorAlive(entry, raw), raw.createdMs());
            }
            if (!entry.ok())
            {
                sb.append(", \"error\": ").append(Json.quote(entry.error()));
            }
            sb.append(i < entries.size() - 1 ? "}," : "}");
            out.println(sb);
            if (entry.isTruncated())
            {
                err().println(entry.error()); // on stderr too: a process that maps it can die with SIGBUS
            }
        }
        out.println("]");
    }

    private static void appendCreator(
        final StringBuilder sb, final String kind, final long creatorPid, final boolean creatorAlive, final long createdMs)
    {
        sb.append(", \"kind\": ").append(Json.quote(kind))
            .append(", \"creator_pid\": ").append(creatorPid)
            .append(", \"creator_alive\": ").append(creatorAlive)
            .append(", \"created_ms\": ").append(createdMs)
            .append(", \"created\": ").append(Json.quote(Formats.isoTime(createdMs)));
    }

    private static boolean creatorAlive(final RegionEntry entry, final RawHeader raw)
    {
        // judged by the namespace's liveness table, as a readable header's creator is
        return Liveness.of(entry.path().getParent())
            .isAlive(raw.creatorPid(), raw.creatorStartMs(), Liveness.DEFAULT_STALE_AFTER_NS);
    }

    private static String kindName(final RawHeader raw)
    {
        final RegionKind kind = RegionKind.fromCodeOrNull(raw.kindCode());
        return kind == null ? "unknown" : kind.name();
    }
}

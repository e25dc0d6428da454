package dev.mmipc.tools;

import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.RegionHeader;
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
 * owner, and listed, with an {@code OWNER} column, only with {@code --all}.
 */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List the regions: name, kind, file size, creator pid, whether the creator is alive, created time. " +
        "A broken file is listed with its error. Regions that mmipc made on its own (a pool's queues, a child's " +
        "task) are summed up per owner, and listed only with --all.")
final class LsCommand extends ToolCommand
{
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
        final Table table = all ?
            new Table("NAME", "KIND", "SIZE", "CREATOR", "ALIVE", "CREATED", "OWNER") :
            new Table("NAME", "KIND", "SIZE", "CREATOR", "ALIVE", "CREATED");
        for (final RegionEntry entry : entries)
        {
            if (entry.ok())
            {
                final RegionHeader header = entry.header();
                final String[] cells = {
                    entry.name(),
                    header.kind().name(),
                    size(entry.fileLength()),
                    Long.toString(header.creatorPid()),
                    Formats.yesNo(header.creatorAlive()),
                    Formats.time(header.createdMs()),
                    header.internal() ? header.ownerName() : "-" };
                table.row(all ? cells : Arrays.copyOf(cells, cells.length - 1));
            }
            else
            {
                table.spanningRow(entry.name(), "error: " + entry.error());
            }
        }
        table.print(out);
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
            sb.append(", \"file_length\": ").append(entry.fileLength());
            if (entry.ok())
            {
                final RegionHeader header = entry.header();
                sb.append(", \"kind\": ").append(Json.quote(header.kind().name()))
                    .append(", \"creator_pid\": ").append(header.creatorPid())
                    .append(", \"creator_alive\": ").append(header.creatorAlive())
                    .append(", \"created_ms\": ").append(header.createdMs())
                    .append(", \"created\": ").append(Json.quote(Formats.isoTime(header.createdMs())));
                if (all)
                {
                    sb.append(", \"owner\": ").append(header.internal() ? Json.quote(header.ownerName()) : "null");
                }
            }
            else
            {
                sb.append(", \"error\": ").append(Json.quote(entry.error()));
            }
            sb.append(i < entries.size() - 1 ? "}," : "}");
            out.println(sb);
        }
        out.println("]");
    }
}

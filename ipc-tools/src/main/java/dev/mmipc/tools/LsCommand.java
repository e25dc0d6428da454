package dev.mmipc.tools;

import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.RegionHeader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * {@code mmipc ls}: one row per region file; a broken file is listed with its error.
 */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List the regions: name, kind, file size, creator pid, whether the creator is alive, created time. " +
        "A creator in another PID namespace (another container sharing the directory) is judged by its heartbeat " +
        "and shown as alive \"yes (pidns N)\" or \"no (pidns N)\". A broken file is listed with its error.")
final class LsCommand extends ToolCommand
{
    @Option(names = { "-H", "--human" }, description = "Sizes in KiB/MiB/GiB instead of bytes.")
    boolean human;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    int run()
    {
        final Optional<NamespaceDirectory> ns = parent.existingNamespace();
        final List<RegionEntry> entries = ns.map(RegionEntry::scan).orElse(List.of());
        if (json)
        {
            printJson(out(), entries);
        }
        else if (entries.isEmpty())
        {
            out().println("no regions: dir=" + parent.namespacePath());
        }
        else
        {
            printTable(out(), entries);
        }
        return ExitCodes.OK;
    }

    private void printTable(final PrintWriter out, final List<RegionEntry> entries)
    {
        final Table table = new Table("NAME", "KIND", "SIZE", "CREATOR", "ALIVE", "CREATED");
        for (final RegionEntry entry : entries)
        {
            if (entry.ok())
            {
                final RegionHeader header = entry.header();
                table.row(
                    entry.name(),
                    header.kind().name(),
                    size(entry.fileLength()),
                    Long.toString(header.creatorPid()),
                    Formats.creatorAlive(header),
                    Formats.time(header.createdMs()));
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

    private static void printJson(final PrintWriter out, final List<RegionEntry> entries)
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

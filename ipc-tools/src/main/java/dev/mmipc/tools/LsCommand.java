package dev.mmipc.tools;

import dev.mmipc.process.ProcessIdentity;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.RegionHeader;
import dev.mmipc.region.RegionKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code mmipc ls}: one row per region file; a broken file is listed with its error. A region file shorter than
 * its header says (header length + payload length &gt; file length, or shorter than any header) is flagged
 * {@value #TRUNCATED} in a FLAGS column (shown when a file is flagged) ({@code "truncated": true} in JSON), its error is printed on stderr,
 * and it is never mapped.
 */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List the regions: name, kind, file size, creator pid, whether the creator is alive, created time. " +
        "A broken file is listed with its error; a file shorter than its header says is flagged TRUNCATED.")
final class LsCommand extends ToolCommand
{
    /** The flag of a region file shorter than its header says. */
    static final String TRUNCATED = "TRUNCATED";

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
        // the FLAGS column appears when a file is flagged, so the usual table stays as it was
        final boolean flags = entries.stream().anyMatch(RegionEntry::isTruncated);
        final Table table = flags ?
            new Table("NAME", "KIND", "SIZE", "CREATOR", "ALIVE", "CREATED", "FLAGS") :
            new Table("NAME", "KIND", "SIZE", "CREATOR", "ALIVE", "CREATED");
        for (final RegionEntry entry : entries)
        {
            if (entry.ok())
            {
                final RegionHeader header = entry.header();
                row(table, flags,
                    entry.name(),
                    header.kind().name(),
                    size(entry.fileLength()),
                    Long.toString(header.creatorPid()),
                    Formats.yesNo(header.creatorAlive()),
                    Formats.time(header.createdMs()),
                    "");
            }
            else if (entry.isTruncated())
            {
                // the header's own fields where its magic is mmipc's, so one sees who made it
                final RawHeader raw = entry.truncated();
                final boolean known = raw.magicOk();
                row(table, flags,
                    entry.name(),
                    known ? kindName(raw) : "-",
                    size(entry.fileLength()),
                    known ? Long.toString(raw.creatorPid()) : "-",
                    known ? Formats.yesNo(ProcessIdentity.isAlive(raw.creatorPid(), raw.creatorStartMs())) : "-",
                    known ? Formats.time(raw.createdMs()) : "-",
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

    private static void row(final Table table, final boolean flags, final String... cells)
    {
        table.row(flags ? cells : Arrays.copyOf(cells, cells.length - 1));
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
            }
            else if (raw != null && raw.magicOk())
            {
                sb.append(", \"expected_length\": ").append(raw.expectedLength());
                appendCreator(sb, kindName(raw), raw.creatorPid(),
                    ProcessIdentity.isAlive(raw.creatorPid(), raw.creatorStartMs()), raw.createdMs());
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

    private static String kindName(final RawHeader raw)
    {
        final RegionKind kind = RegionKind.fromCodeOrNull(raw.kindCode());
        return kind == null ? "unknown" : kind.name();
    }
}

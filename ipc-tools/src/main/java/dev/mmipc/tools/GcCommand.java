package dev.mmipc.tools;

import dev.mmipc.liveness.Liveness;
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.RegionHeader;
import dev.mmipc.tools.ProcMaps.FileId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mmipc gc}: remove what dead processes left behind.
 * <p>
 * A region is removed when its creator (pid and start time) is dead and no live process maps it, as read
 * from {@code /proc/PID/maps}; a region in use is never removed. Creators are judged by the namespace's
 * {@link Liveness}: by the OS in this PID namespace, by their heartbeat in another (a creator in another container
 * is not dead because this namespace cannot see its pid). The liveness table {@code .liveness} is never removed. A temporary file
 * {@code .NAME.tmp-PID-HEX}, left by a creator that died while creating, is removed when that pid is dead
 * and nobody maps it. A broken file is kept: nothing in it says who made it. Each file is checked to be
 * the same file (device and inode) just before it is removed.
 */
@Command(
    name = "gc",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Remove regions whose creator is dead and that no live process maps, and temporary files " +
        "left by creators that died while creating. Prints what was removed or kept, and why.")
final class GcCommand extends ToolCommand
{
    /** Name of the temporary file a creation writes before linking it into place: {@code .NAME.tmp-PID-HEX}. */
    static final Pattern TEMP_FILE = Pattern.compile("\\.([A-Za-z0-9][A-Za-z0-9._-]{0,127})\\.tmp-([0-9]{1,18})-([0-9a-f]{1,16})");

    private static final Path PROC = Path.of("/proc");
    private static final String REMOVED = "removed";
    private static final String WOULD_REMOVE = "would remove";
    private static final String KEPT = "kept";

    @Option(names = { "-n", "--dry-run" }, description = "Only say what would be removed.")
    boolean dryRun;

    private record Candidate(String file, Path path, FileId id, String why)
    {
    }

    @Override
    int run()
    {
        final Optional<NamespaceDirectory> ns = parent.existingNamespace();
        if (ns.isEmpty())
        {
            out().println("nothing to collect: dir=" + parent.namespacePath() + ", reason=no such directory");
            return ExitCodes.OK;
        }
        final Map<String, String[]> rows = new TreeMap<>();
        final List<Candidate> candidates = new ArrayList<>();
        collectRegions(ns.get(), rows, candidates);
        collectTempFiles(ns.get(), rows, candidates);

        final Map<FileId, Path> ids = new HashMap<>();
        for (final Candidate candidate : candidates)
        {
            ids.put(candidate.id(), realPath(candidate.path()));
        }
        final Map<FileId, Set<Long>> mappers;
        try
        {
            mappers = new ProcMaps(PROC).mappers(ids);
        }
        catch (final IllegalStateException ex)
        {
            // without /proc nobody can tell whether a region is in use: remove nothing
            err().println(ex.getMessage());
            return ExitCodes.FAILED;
        }

        int exitCode = ExitCodes.OK;
        for (final Candidate candidate : candidates)
        {
            final Set<Long> pids = mappers.get(candidate.id());
            if (pids != null)
            {
                rows.put(candidate.file(), kept(candidate.file(), candidate.why() + ", mapped by live process: pids=" + pids));
            }
            else if (dryRun)
            {
                rows.put(candidate.file(), row(WOULD_REMOVE, candidate.file(), candidate.why() + ", not mapped"));
            }
            else if (!remove(candidate, rows))
            {
                exitCode = ExitCodes.FAILED;
            }
        }

        if (rows.isEmpty())
        {
            out().println("nothing to collect: dir=" + ns.get().path() + ", reason=empty");
            return exitCode;
        }
        final Table table = new Table("ACTION", "NAME", "REASON");
        int removed = 0;
        int kept = 0;
        for (final String[] row : rows.values())
        {
            table.row(row);
            removed += row[0].equals(REMOVED) || row[0].equals(WOULD_REMOVE) ? 1 : 0;
            kept += row[0].equals(KEPT) ? 1 : 0;
        }
        table.print(out());
        out().println((dryRun ? "gc dry run: would_remove=" : "gc: removed=") + removed + ", kept=" + kept +
            ", dir=" + ns.get().path());
        return exitCode;
    }

    private void collectRegions(final NamespaceDirectory ns, final Map<String, String[]> rows, final List<Candidate> out)
    {
        for (final String name : ns.list())
        {
            final Path path = ns.resolve(name);
            final FileId id;
            try
            {
                id = FileId.of(path); // before the header: a file replaced meanwhile is caught at removal
            }
            catch (final IOException ex)
            {
                continue; // gone since listed
            }
            final Optional<RegionEntry> entry = RegionEntry.read(ns, name);
            if (entry.isEmpty())
            {
                continue;
            }
            if (!entry.get().ok())
            {
                rows.put(name, kept(name, "broken, creator unknown: " + entry.get().error()));
                continue;
            }
            final RegionHeader header = entry.get().header();
            if (header.creatorAlive())
            {
                rows.put(name, kept(name, "creator alive: pid=" + header.creatorPid()));
                continue;
            }
            out.add(new Candidate(name, path, id, "creator dead: pid=" + header.creatorPid()));
        }
    }

    private void collectTempFiles(
        final NamespaceDirectory ns, final Map<String, String[]> rows, final List<Candidate> out)
    {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(
            ns.path(), entry -> TEMP_FILE.matcher(entry.getFileName().toString()).matches()))
        {
            for (final Path path : stream)
            {
                final String file = path.getFileName().toString();
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
                {
                    continue;
                }
                final Matcher matcher = TEMP_FILE.matcher(file);
                if (!matcher.matches())
                {
                    continue;
                }
                final long pid = Long.parseLong(matcher.group(2));
                final FileId id;
                long startMs = ProcessIdentity.UNKNOWN_START;
                try
                {
                    id = FileId.of(path);
                    final RawHeader raw = RawHeader.read(path);
                    if (raw.magicOk() && raw.creatorPid() == pid)
                    {
                        startMs = raw.creatorStartMs(); // header written: pid reuse is caught by the start time
                    }
                }
                catch (final IOException ex)
                {
                    continue; // gone since listed: the creation finished
                }
                if (Liveness.of(ns.path()).isAlive(pid, startMs, Liveness.DEFAULT_STALE_AFTER_NS))
                {
                    rows.put(file, kept(file, "temporary file, creator alive (creation in progress?): pid=" + pid));
                }
                else
                {
                    out.add(new Candidate(file, path, id, "stale temporary file, creator dead: pid=" + pid));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("namespace not readable: dir=" + ns.path() + ", error=" + ex, ex);
        }
    }

    private boolean remove(final Candidate candidate, final Map<String, String[]> rows)
    {
        final String file = candidate.file();
        try
        {
            if (!FileId.of(candidate.path()).equals(candidate.id()))
            {
                rows.put(file, kept(file, "replaced by another file while collecting"));
                return true;
            }
            Files.delete(candidate.path());
            rows.put(file, row(REMOVED, file, candidate.why() + ", not mapped"));
            return true;
        }
        catch (final NoSuchFileException ex)
        {
            rows.put(file, row("gone", file, "removed by someone else meanwhile"));
            return true;
        }
        catch (final IOException ex)
        {
            rows.put(file, row("failed", file, candidate.why() + ", not mapped, but not removable: " + ex));
            err().println("region not removable: name=" + file + ", file=" + candidate.path() + ", error=" + ex);
            return false;
        }
    }

    private static Path realPath(final Path path)
    {
        try
        {
            return path.toRealPath();
        }
        catch (final IOException ex)
        {
            return path;
        }
    }

    private static String[] kept(final String file, final String why)
    {
        return row(KEPT, file, why);
    }

    private static String[] row(final String action, final String file, final String why)
    {
        return new String[]{ action, file, why };
    }
}

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
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.RegionFiles;
import dev.mmipc.region.RegionFiles.Removal;
import dev.mmipc.region.RegionHeader;
import dev.mmipc.tools.ProcMaps.FileId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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
 * A region is a candidate when its creator (pid and start time) is dead; a temporary file
 * {@code .NAME.tmp-PID-HEX}, left by a creator that died while creating, when that pid is dead. A candidate
 * is removed only under an exclusive file lock taken without waiting ({@link RegionFiles#removeIfUnused}),
 * checked to be the same file (device and inode) the candidate was judged on, so a region in use is never
 * removed: every open handle, and every creation from its first byte, holds a shared lock, from whatever PID
 * namespace. Creators are judged by the namespace's {@link Liveness}: by the OS in this PID namespace, by their
 * heartbeat in another (a creator in another container is not dead because this namespace cannot see its pid);
 * the liveness table {@code .liveness} is never removed. What cannot be locked is kept, and the row says why. A
 * region that mmipc made on its own (a pool's
 * slots and queues, a child's task: internal to an owner, see {@code RegionDescriptor}) is named in the report by
 * its owner, e.g. {@code internal to pool pool-4242-1 of pid 4242, owner dead}; its owner is its creator.
 * <p>
 * The {@code /proc/PID/maps} scan is a report, and one more guard: it names the pids that map a kept region,
 * and a file mapped by a live process of this PID namespace that holds no lock (mmipc from before region
 * locks) is kept too. gc cannot see processes of other PID namespaces there; their locks protect them. A
 * broken file is kept: nothing in it says who made it.
 * <p>
 * A region of the user's (not internal to an owner) that still holds something for someone is kept unless
 * {@code --force}, and its row says what ({@link Undelivered}): a queue's undelivered messages, a pipe's unread bytes,
 * a joinable queue's unfinished tasks, e.g. {@code kept  jobs  creator dead: pid=4242, undelivered messages=12 (use
 * --force)}. Live waiters hold the region open, so they keep it as in use. With {@code --force} such a region is
 * removed like any other (when no process holds it). Keeping it is not a failure: the exit code is 0 unless a
 * removal failed (1).
 * <p>
 * {@code --json} prints one object: {@code dir}, {@code dry_run}, {@code removed} (or {@code would_remove}),
 * {@code kept}, and {@code regions}, one object per row ({@code action}, {@code name}, {@code reason}, and for a
 * region kept for what it holds {@code refused} and the count under its unit: {@code messages}, {@code bytes} or
 * {@code tasks}).
 */
@Command(
    name = "gc",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Remove regions whose creator is dead and that no process holds (checked under an exclusive " +
        "file lock), and temporary files left by creators that died while creating. A region in use is never " +
        "removed; one that still holds undelivered messages, unread pipe bytes or unfinished tasks is kept unless " +
        "--force. Prints what was removed or kept, and why; exits 0 unless a removal failed (1).")
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

    @Option(names = { "-f", "--force" }, description = "Also remove regions that still hold undelivered messages, " +
        "unread pipe bytes or unfinished tasks (never a region in use).")
    boolean force;

    @Option(names = "--json", description = "Print one JSON object: counts and one object per region.")
    boolean json;

    private final Map<String, Undelivered.Pending> pending = new HashMap<>();

    private record Candidate(String file, Path path, FileId id, Object fileKey, String why)
    {
    }

    @Override
    int run()
    {
        final Optional<NamespaceDirectory> ns = parent.existingNamespace();
        if (ns.isEmpty())
        {
            if (json)
            {
                printJson(parent.namespacePath(), Map.of(), 0, 0);
                return ExitCodes.OK;
            }
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
        Map<FileId, Set<Long>> mappers;
        try
        {
            mappers = new ProcMaps(PROC).mappers(ids);
        }
        catch (final IllegalStateException ex)
        {
            // the locks decide; without /proc only the report and the guard for lock-less processes are lost
            err().println(ex.getMessage() + ", effect=deciding by file locks alone");
            mappers = null;
        }

        int exitCode = ExitCodes.OK;
        for (final Candidate candidate : candidates)
        {
            if (!collect(candidate, mappers, rows))
            {
                exitCode = ExitCodes.FAILED;
            }
        }

        int removed = 0;
        int kept = 0;
        for (final String[] row : rows.values())
        {
            removed += row[0].equals(REMOVED) || row[0].equals(WOULD_REMOVE) ? 1 : 0;
            kept += row[0].equals(KEPT) ? 1 : 0;
        }
        if (json)
        {
            printJson(ns.get().path(), rows, removed, kept);
            return exitCode;
        }
        if (rows.isEmpty())
        {
            out().println("nothing to collect: dir=" + ns.get().path() + ", reason=empty");
            return exitCode;
        }
        final Table table = new Table("ACTION", "NAME", "REASON");
        for (final String[] row : rows.values())
        {
            table.row(row);
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
            final Object fileKey;
            try
            {
                id = FileId.of(path); // before the header: a file replaced meanwhile is caught at removal
                fileKey = RegionFiles.fileKey(path);
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
            if (internalOwnerDead(header))
            {
                out.add(new Candidate(name, path, id, fileKey, header.ownerDescription() + ", owner dead"));
                continue;
            }
            if (header.creatorAlive())
            {
                rows.put(name, kept(name, header.internal() ?
                    header.ownerDescription() + ", owner alive" : "creator alive: pid=" + header.creatorPid()));
                continue;
            }
            final String why = "creator dead: pid=" + header.creatorPid();
            final Optional<Undelivered.Pending> held = Undelivered.find(ns, name, header.kind());
            if (held.isPresent() && !force)
            {
                pending.put(name, held.get());
                rows.put(name, kept(name, why + ", " + held.get().text() + " (use --force)"));
                continue;
            }
            out.add(new Candidate(name, path, id, fileKey, held.isPresent() ? why + ", " + held.get().text() : why));
        }
    }

    private void printJson(final Path dir, final Map<String, String[]> rows, final int removed, final int kept)
    {
        final List<String> regions = new ArrayList<>();
        for (final String[] row : rows.values())
        {
            final Json.Obj obj = new Json.Obj().put("action", row[0]).put("name", row[1]).put("reason", row[2]);
            final Undelivered.Pending held = pending.get(row[1]);
            if (held != null && row[0].equals(KEPT))
            {
                obj.put("refused", held.reason()).put(held.key(), held.count());
            }
            regions.add(obj.toString());
        }
        out().println(new Json.Obj()
            .put("dir", dir.toString())
            .put("dry_run", dryRun)
            .put(dryRun ? "would_remove" : "removed", removed)
            .put("kept", kept)
            .raw("regions", Json.array(regions, "    ")));
    }

    /**
     * A region mmipc made on its own (a pool's queue, a child's task) whose owner process is dead: nobody but
     * that owner and its children ever used it, so it is garbage from the owner's death on, on the first pass.
     *
     * @param header a checked header.
     * @return true when the region is internal to an owner and the owner (its creator) is dead.
     */
    static boolean internalOwnerDead(final RegionHeader header)
    {
        return header.internal() && !header.creatorAlive();
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
                final Object fileKey;
                long startMs = ProcessIdentity.UNKNOWN_START;
                try
                {
                    id = FileId.of(path);
                    fileKey = RegionFiles.fileKey(path);
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
                    out.add(new Candidate(file, path, id, fileKey, "stale temporary file, creator dead: pid=" + pid));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("namespace not readable: dir=" + ns.path() + ", error=" + ex, ex);
        }
    }

    /**
     * Remove one candidate if no process holds it, or say why it is kept.
     *
     * @param mappers pids mapping each file, from {@code /proc}, or null when unknown.
     * @return false when the file could not be removed for another reason than being in use.
     */
    private boolean collect(
        final Candidate candidate, final Map<FileId, Set<Long>> mappers, final Map<String, String[]> rows)
    {
        final String file = candidate.file();
        final Set<Long> pids = mappers == null ? null : mappers.get(candidate.id());
        final String maps = mappers == null ? "maps not readable" :
            pids == null ? "no mapping seen" : "mapped by pids=" + pids;
        final Removal removal;
        try
        {
            // a mapped file is only probed: a process mapping it without a lock is an mmipc older than locks
            removal = RegionFiles.removeIfUnused(candidate.path(), candidate.fileKey(), dryRun || pids != null);
        }
        catch (final IOException ex)
        {
            rows.put(file, row("failed", file, candidate.why() + ", not removable: " + ex));
            err().println("region not removable: name=" + file + ", file=" + candidate.path() + ", error=" + ex);
            return false;
        }
        final String why = candidate.why();
        switch (removal)
        {
            case REMOVED -> rows.put(file, row(REMOVED, file, why + ", not locked, " + maps));
            case UNUSED -> rows.put(file, pids != null ?
                kept(file, why + ", not locked but mapped by live process: pids=" + pids) :
                row(WOULD_REMOVE, file, why + ", not locked, " + maps));
            case IN_USE -> rows.put(file, kept(file, why + ", in use: locked by another process, " + maps));
            case HELD_HERE -> rows.put(file, kept(file, why + ", in use: held by this process"));
            case GONE -> rows.put(file, row("gone", file, "removed by someone else meanwhile"));
            case REPLACED, NOT_A_FILE -> rows.put(file, kept(file, "replaced by another file while collecting"));
        }
        return true;
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

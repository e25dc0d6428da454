package dev.mmipc.region;

import dev.mmipc.region.RegionFiles.Removal;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM: a remover blind to pids (gc in another PID namespace sees every creator as dead) that tries to
 * remove every temporary file of a creation it sees, through {@link RegionFiles#removeIfUnused}, until a stop
 * file appears (or 120 s pass). Prints {@code started}, then {@code done: removed=N, in_use=M}.
 */
public final class TempRemover
{
    private TempRemover()
    {
    }

    /**
     * @param args namespace directory, stop file.
     * @throws Exception never expected.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[0]);
        final Path stop = Path.of(args[1]);
        final long deadlineNs = System.nanoTime() + 120_000_000_000L;
        long removed = 0;
        long inUse = 0;
        System.out.println("started");
        System.out.flush();
        while (!Files.exists(stop) && System.nanoTime() - deadlineNs < 0)
        {
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, ".*.tmp-*"))
            {
                for (final Path temp : temps)
                {
                    final Removal removal = RegionFiles.removeIfUnused(temp, null, false);
                    removed += removal == Removal.REMOVED ? 1 : 0;
                    inUse += removal == Removal.IN_USE ? 1 : 0;
                }
            }
        }
        System.out.println("done: removed=" + removed + ", in_use=" + inUse);
    }
}

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
package dev.mmipc.stress;

import dev.mmipc.Namespace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A namespace directory for one jcstress test class in one JVM:
 * {@code /dev/shm/mmipc-jcstress-PID-TAG} (or under {@code java.io.tmpdir} where {@code /dev/shm} is missing).
 * <p>
 * Nothing is meant to outlive the JVM: {@link RegionPool} unlinks each region as soon as it is mapped, so
 * the directory stays empty; a shutdown hook removes the directory; and each new namespace first removes the
 * directories that JVMs no longer running left behind (a fork killed on timeout runs no hook).
 */
public final class StressNamespace
{
    /** Prefix of every directory this class makes. */
    public static final String PREFIX = "mmipc-jcstress-";

    private StressNamespace()
    {
    }

    /**
     * @return where the directories are made.
     */
    public static Path base()
    {
        final Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Make the namespace of a test class, removed when the JVM exits.
     *
     * @param tag names the test class in the directory name.
     * @return the namespace.
     */
    public static Namespace create(final String tag)
    {
        final Path base = base();
        removeStale(base);
        final Path dir = base.resolve(PREFIX + ProcessHandle.current().pid() + "-" + tag);
        final Namespace ns = Namespace.at(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir), "mmipc-jcstress-cleanup"));
        return ns;
    }

    /**
     * Remove the directories of JVMs that no longer run.
     *
     * @param base where to look.
     */
    public static void removeStale(final Path base)
    {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(base, PREFIX + "*"))
        {
            for (final Path dir : stream)
            {
                final String rest = dir.getFileName().toString().substring(PREFIX.length());
                final int dash = rest.indexOf('-');
                final long pid = parsePid(dash > 0 ? rest.substring(0, dash) : rest);
                if (pid > 0 && ProcessHandle.of(pid).isEmpty())
                {
                    deleteRecursively(dir);
                }
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // best effort: another JVM may be removing the same directory
        }
    }

    private static long parsePid(final String text)
    {
        try
        {
            return Long.parseLong(text);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    static void deleteRecursively(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach((p) ->
            {
                try
                {
                    Files.deleteIfExists(p);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // best effort at exit; removeStale retries on the next run
        }
    }
}

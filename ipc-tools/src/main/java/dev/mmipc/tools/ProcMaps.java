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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which live processes map which files, from {@code /proc/PID/maps}.
 * <p>
 * A mapping is matched by device and inode, so it is found whatever name the mapping process used:
 * a creator maps its region under the temporary name it created it with, which {@code maps} then shows
 * as {@code /path/.NAME.tmp-PID-HEX (deleted)}. A mapping shown under the file's own path matches too.
 * Entries that cannot be read (another user's process, a process that just exited) are skipped.
 */
final class ProcMaps
{
    private static final String DELETED_SUFFIX = " (deleted)";

    /**
     * Identity of a file: device (major, minor as {@code maps} prints them) and inode.
     *
     * @param major device major number.
     * @param minor device minor number.
     * @param inode inode number.
     */
    record FileId(long major, long minor, long inode)
    {
        /**
         * @param path a file.
         * @return its identity, without following a symbolic link.
         * @throws IOException when the file cannot be read, e.g. it is gone.
         */
        static FileId of(final Path path) throws IOException
        {
            final long dev = (Long)Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            final long ino = (Long)Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            // glibc's gnu_dev_major / gnu_dev_minor encoding of st_dev
            final long major = ((dev >>> 8) & 0xFFFL) | ((dev >>> 32) & ~0xFFFL);
            final long minor = (dev & 0xFFL) | ((dev >>> 12) & ~0xFFL);
            return new FileId(major, minor, ino);
        }
    }

    private final Path procRoot;

    /**
     * @param procRoot the proc file system, normally {@code /proc}.
     */
    ProcMaps(final Path procRoot)
    {
        this.procRoot = procRoot;
    }

    /**
     * Scan every readable {@code /proc/PID/maps} once.
     *
     * @param files the files asked about, by identity, each with the path it has in the namespace.
     * @return for each file that some process maps, the pids that map it (sorted); files nobody maps are absent.
     * @throws IllegalStateException when the proc file system cannot be listed or this process's own maps
     *                               cannot be read, so nothing can be told.
     */
    Map<FileId, Set<Long>> mappers(final Map<FileId, Path> files)
    {
        final Map<FileId, Set<Long>> result = new HashMap<>();
        if (files.isEmpty())
        {
            return result;
        }
        final Path selfMaps = procRoot.resolve("self").resolve("maps");
        if (!Files.isReadable(selfMaps))
        {
            throw new IllegalStateException("process maps not readable: file=" + selfMaps +
                ", reason=cannot tell which processes map a region");
        }
        final Map<Path, FileId> byPath = new HashMap<>();
        for (final Map.Entry<FileId, Path> entry : files.entrySet())
        {
            byPath.put(entry.getValue(), entry.getKey());
        }
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(procRoot, ProcMaps::isPidDirectory))
        {
            for (final Path pidDir : pids)
            {
                final long pid = Long.parseLong(pidDir.getFileName().toString());
                scan(pid, pidDir.resolve("maps"), files, byPath, result);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("process maps not listable: dir=" + procRoot + ", error=" + ex, ex);
        }
        return result;
    }

    private static boolean isPidDirectory(final Path entry)
    {
        final String name = entry.getFileName().toString();
        if (name.isEmpty())
        {
            return false;
        }
        for (int i = 0; i < name.length(); i++)
        {
            if (name.charAt(i) < '0' || name.charAt(i) > '9')
            {
                return false;
            }
        }
        return true;
    }

    private static void scan(
        final long pid,
        final Path maps,
        final Map<FileId, Path> files,
        final Map<Path, FileId> byPath,
        final Map<FileId, Set<Long>> result)
    {
        try (BufferedReader reader = Files.newBufferedReader(maps, StandardCharsets.UTF_8))
        {
            String line;
            while ((line = reader.readLine()) != null)
            {
                final FileId matched;
                try
                {
                    matched = match(line, files, byPath);
                }
                catch (final RuntimeException ex)
                {
                    continue; // a line in an unexpected form: skip it, not the rest of the process
                }
                if (matched != null)
                {
                    result.computeIfAbsent(matched, id -> new TreeSet<>()).add(pid);
                }
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            // unreadable (another user's process, or gone since listed): it cannot be ours to protect
        }
    }

    /**
     * @param line   one line of {@code maps}: {@code start-end perms offset major:minor inode [path]}.
     * @param files  the files asked about.
     * @param byPath the same files by their real path.
     * @return the file this line maps, or null.
     */
    static FileId match(final String line, final Map<FileId, Path> files, final Map<Path, FileId> byPath)
    {
        int pos = 0;
        final String[] fields = new String[5];
        for (int i = 0; i < fields.length; i++)
        {
            while (pos < line.length() && line.charAt(pos) == ' ')
            {
                pos++;
            }
            final int start = pos;
            while (pos < line.length() && line.charAt(pos) != ' ')
            {
                pos++;
            }
            if (start == pos)
            {
                return null;
            }
            fields[i] = line.substring(start, pos);
        }
        final long inode = Long.parseLong(fields[4]);
        if (inode == 0)
        {
            return null; // anonymous memory
        }
        final int colon = fields[3].indexOf(':');
        if (colon > 0)
        {
            final long major = Long.parseLong(fields[3].substring(0, colon), 16);
            final long minor = Long.parseLong(fields[3].substring(colon + 1), 16);
            final FileId id = new FileId(major, minor, inode);
            if (files.containsKey(id))
            {
                return id;
            }
        }
        final String path = line.substring(pos).strip();
        if (!path.startsWith("/") || path.endsWith(DELETED_SUFFIX))
        {
            return null; // not a file, or a file no longer under that name: not the one there now
        }
        return byPath.get(Path.of(path));
    }
}

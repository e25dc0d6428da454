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
package dev.mmipc.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * How many mappings of a region file this JVM holds, from {@code /proc/self/maps}: what a handle that was never
 * closed leaves behind (a mapping, and with it the shared lock that keeps {@code mmipc gc} away).
 */
public final class Mappings
{
    private static final String DELETED = " (deleted)";

    private Mappings()
    {
    }

    /**
     * Count this JVM's mappings of a region file: by inode while the name exists (a creator maps its temporary file
     * before linking it to the name, so the path shown may be the temporary one), and, for a mapped file whose name
     * was removed, by the paths the kernel shows for it: {@code <path> (deleted)}, or the creator's temporary
     * {@code .<name>.tmp-... (deleted)}.
     *
     * @param file the region file.
     * @return how many mappings of it this JVM holds.
     */
    public static long count(final Path file)
    {
        try
        {
            final Path dir = file.toAbsolutePath().getParent().toRealPath();
            final Path real = dir.resolve(file.getFileName());
            final String inode = Files.exists(real, LinkOption.NOFOLLOW_LINKS) ?
                Files.getAttribute(real, "unix:ino", LinkOption.NOFOLLOW_LINKS).toString() : null;
            final String deleted = real + DELETED;
            final String temporary = dir + "/." + file.getFileName() + ".tmp-";
            final List<String> lines = Files.readAllLines(Path.of("/proc/self/maps"));
            return lines.stream()
                .map((line) -> line.trim().split("\\s+", 6))
                .filter((fields) -> fields.length == 6)
                .filter((fields) -> fields[4].equals(inode) ?
                    fields[5].startsWith(dir + "/") :
                    fields[5].equals(deleted) || fields[5].startsWith(temporary) && fields[5].endsWith(DELETED))
                .count();
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}

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

import dev.mmipc.exceptions.MmipcException;
import dev.mmipc.exceptions.RegionNotFoundException;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionHeader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One region file as the tools see it: its checked header, or the error that its checks raised; a
 * truncated file is recognised from its header read with {@code pread} and is never mapped.
 *
 * @param name       region name.
 * @param path       region file.
 * @param fileLength bytes of the file, or -1 when unknown.
 * @param header     the checked header, or null when the file is broken.
 * @param error      why the file is broken (the open check's message), or null.
 * @param truncated  the raw header of a file shorter than its header says, or null.
 */
record RegionEntry(String name, Path path, long fileLength, RegionHeader header, String error, RawHeader truncated)
{
    /**
     * @return true when the header passed every open check.
     */
    boolean ok()
    {
        return header != null;
    }

    /**
     * @return true when the file is shorter than its header says (see {@link RawHeader#truncated()}).
     */
    boolean isTruncated()
    {
        return truncated != null;
    }

    /**
     * Read one region's header without waiting for it to become ready. A truncated file is reported from its
     * raw header, before anything maps it.
     *
     * @param ns   namespace directory.
     * @param name region name, valid.
     * @return the entry, or empty when no such file exists.
     */
    static Optional<RegionEntry> read(final NamespaceDirectory ns, final String name)
    {
        final Path path = ns.resolve(name);
        final RawHeader raw = rawOrNull(path);
        if (raw != null && raw.truncated())
        {
            return Optional.of(new RegionEntry(name, path, raw.fileLength(), null, raw.truncation(name, path), raw));
        }
        try
        {
            final RegionHeader header = Region.readHeader(ns, name);
            return Optional.of(new RegionEntry(name, path, header.fileLength(), header, null, null));
        }
        catch (final RegionNotFoundException ex)
        {
            return Optional.empty();
        }
        catch (final MmipcException ex)
        {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS))
            {
                return Optional.empty();
            }
            return Optional.of(new RegionEntry(name, path, sizeOrUnknown(path), null, ex.getMessage(), null));
        }
    }

    /**
     * @param ns namespace directory.
     * @return every region file present, sorted by name; broken ones carry their error.
     */
    static List<RegionEntry> scan(final NamespaceDirectory ns)
    {
        final List<RegionEntry> entries = new ArrayList<>();
        for (final String name : ns.list())
        {
            read(ns, name).ifPresent(entries::add);
        }
        return entries;
    }

    /**
     * @return the raw header, or null when the file cannot be read that way (gone, a link, not a plain file):
     * then the open checks say what is wrong.
     */
    static RawHeader rawOrNull(final Path path)
    {
        try
        {
            return RawHeader.read(path);
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    private static long sizeOrUnknown(final Path path)
    {
        try
        {
            return Files.size(path);
        }
        catch (final IOException ex)
        {
            return -1;
        }
    }
}

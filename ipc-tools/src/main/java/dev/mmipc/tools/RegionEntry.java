package dev.mmipc.tools;

import dev.mmipc.MmipcException;
import dev.mmipc.RegionNotFoundException;
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
 * One region file as the tools see it: its checked header, or the error that its checks raised.
 *
 * @param name       region name.
 * @param path       region file.
 * @param fileLength bytes of the file, or -1 when unknown.
 * @param header     the checked header, or null when the file is broken.
 * @param error      why the file is broken (the open check's message), or null.
 */
record RegionEntry(String name, Path path, long fileLength, RegionHeader header, String error)
{
    /**
     * @return true when the header passed every open check.
     */
    boolean ok()
    {
        return header != null;
    }

    /**
     * Read one region's header without waiting for it to become ready.
     *
     * @param ns   namespace directory.
     * @param name region name, valid.
     * @return the entry, or empty when no such file exists.
     */
    static Optional<RegionEntry> read(final NamespaceDirectory ns, final String name)
    {
        final Path path = ns.resolve(name);
        try
        {
            final RegionHeader header = Region.readHeader(ns, name);
            return Optional.of(new RegionEntry(name, path, header.fileLength(), header, null));
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
            return Optional.of(new RegionEntry(name, path, sizeOrUnknown(path), null, ex.getMessage()));
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

package dev.mmipc.examples;

import dev.mmipc.Namespace;
import dev.mmipc.process.PoolOptions;
import dev.mmipc.process.ProcessPool;
import dev.mmipc.process.ResultIterator;
import dev.mmipc.shared.SharedLong;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Copy a folder on a pool of worker JVMs with a progress bar. Each worker adds the bytes it copied to a
 * shared counter (a {@link SharedLong} met by name), and each finished file arrives through
 * {@code imapUnordered}; the main thread draws the bar from both.
 * <p>
 * Arguments: source folder, target folder, optional namespace directory.
 */
public final class FolderCopyExample
{
    private FolderCopyExample()
    {
    }

    /**
     * @param args source, target, optional namespace directory.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path source = Path.of(args[0]);
        final Path target = Path.of(args[1]);
        final Namespace ns = args.length > 2 ? Namespace.at(Path.of(args[2])) : Namespace.open();
        final List<String> files;
        try (Stream<Path> walk = Files.walk(source))
        {
            files = walk.filter(Files::isRegularFile).map(p -> source.relativize(p).toString())
                .collect(Collectors.toList());
        }
        long total = 0;
        for (final String file : files)
        {
            total += Files.size(source.resolve(file));
        }
        final String counterName = "copy-progress-" + ProcessHandle.current().pid();
        final String from = source.toString();
        final String to = target.toString();
        try (SharedLong copied = SharedLong.create(ns, counterName);
            ProcessPool pool = ProcessPool.create(PoolOptions.defaults().withWorkers(2).withNamespace(ns)))
        {
            final ResultIterator<String> done = pool.imapUnordered(file -> copy(from, to, file, counterName), files);
            int count = 0;
            while (done.hasNext())
            {
                done.next();
                count++;
                System.out.print("\r" + bar(copied.get(), total) + " " + count + "/" + files.size() + " files");
            }
            System.out.println();
            copied.unlink();
        }
    }

    private static String copy(final String from, final String to, final String file, final String counterName)
        throws IOException
    {
        final Path src = Path.of(from, file);
        final Path dst = Path.of(to, file);
        Files.createDirectories(dst.getParent());
        Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
        try (SharedLong copied = SharedLong.open(Namespace.open(), counterName))
        {
            copied.getAndAdd(Files.size(dst));
        }
        return file;
    }

    private static String bar(final long done, final long total)
    {
        final int width = 30;
        final int filled = total == 0 ? width : (int)(width * done / total);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + (total == 0 ? 100 : 100 * done / total) + "%";
    }
}

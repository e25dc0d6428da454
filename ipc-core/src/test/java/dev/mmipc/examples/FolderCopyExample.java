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
package dev.mmipc.examples;

import dev.mmipc.Namespace;
import dev.mmipc.pool.PoolOptions;
import dev.mmipc.pool.ProcessPool;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Copy a folder on a pool of worker JVMs, with a progress bar fed by a queue: the files are {@code map}ped
 * over the pool, each worker puts a message on one {@link QueueMode#MANY_TO_ONE} queue (met by name) for
 * every block of bytes it copies and one when a file is done, and the main thread takes those messages and
 * redraws the bar.
 * <p>
 * Arguments: source folder, target folder, optional namespace directory.
 */
public final class FolderCopyExample
{
    static final int BLOCK_BYTES = 64 * 1024;
    static final long TIMEOUT_S = 60;

    private FolderCopyExample()
    {
    }

    /**
     * @param args source, target, optional namespace directory.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Namespace ns = args.length > 2 ? Namespace.at(Path.of(args[2])) : Namespace.open();
        copy(Path.of(args[0]), Path.of(args[1]), ns, System.out);
    }

    /**
     * Copy every regular file under {@code source} to the same relative path under {@code target}.
     *
     * @param source folder to copy.
     * @param target where to copy it.
     * @param ns     namespace of the pool and the progress queue.
     * @param out    where the bar is drawn.
     * @return bytes copied, as the progress messages counted them.
     * @throws Exception when a copy fails.
     */
    static long copy(final Path source, final Path target, final Namespace ns, final PrintStream out) throws Exception
    {
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
        final String progressName = "copy-progress-" + ProcessHandle.current().pid();
        final String from = source.toString();
        final String to = target.toString();
        try (MessageQueue progress = MessageQueue.create(ns, progressName, QueueMode.MANY_TO_ONE, 1 << 16);
            ProcessPool pool = ProcessPool.create(PoolOptions.defaults().withWorkers(2).withNamespace(ns)))
        {
            try
            {
                final CompletableFuture<List<Long>> copied =
                    pool.mapAsync(file -> copyFile(from, to, file, progressName), files, 1);
                final long[] message = new long[2]; // bytes, file done (0 or 1)
                final MessageHandler handler = (buffer, offset, length) ->
                {
                    message[0] = buffer.getLong(offset);
                    message[1] = buffer.getLong(offset + Long.BYTES);
                };
                long bytes = 0;
                int filesDone = 0;
                out.print("\r" + bar(bytes, total) + " " + filesDone + "/" + files.size() + " files");
                while (filesDone < files.size())
                {
                    if (progress.take(handler, 100, TimeUnit.MILLISECONDS))
                    {
                        bytes += message[0];
                        filesDone += (int)message[1];
                        out.print("\r" + bar(bytes, total) + " " + filesDone + "/" + files.size() + " files");
                    }
                    else if (copied.isCompletedExceptionally())
                    {
                        copied.join(); // a copy failed: throws its exception
                    }
                }
                copied.get(TIMEOUT_S, TimeUnit.SECONDS);
                out.println();
                return bytes;
            }
            finally
            {
                progress.unlink();
            }
        }
    }

    private static long copyFile(final String from, final String to, final String file, final String progressName)
        throws Exception
    {
        final Path src = Path.of(from, file);
        final Path dst = Path.of(to, file);
        Files.createDirectories(dst.getParent());
        final UnsafeBuffer message = new UnsafeBuffer(new byte[2 * Long.BYTES]);
        final byte[] block = new byte[BLOCK_BYTES];
        long copied = 0;
        try (MessageQueue progress = MessageQueue.open(Namespace.open(), progressName);
            InputStream in = Files.newInputStream(src);
            OutputStream out = Files.newOutputStream(dst))
        {
            int read;
            while ((read = in.read(block)) > 0)
            {
                out.write(block, 0, read);
                copied += read;
                report(progress, message, read, 0);
            }
            report(progress, message, 0, 1);
        }
        return copied;
    }

    private static void report(final MessageQueue progress, final UnsafeBuffer message, final long bytes, final long done)
        throws Exception
    {
        message.putLong(0, bytes);
        message.putLong(Long.BYTES, done);
        progress.put(message, 0, message.capacity(), TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static String bar(final long done, final long total)
    {
        final int width = 30;
        final int filled = total == 0 ? width : (int)(width * done / total);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + (total == 0 ? 100 : 100 * done / total) + "%";
    }
}

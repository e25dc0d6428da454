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
package dev.mmipc.region;

import dev.mmipc.region.RegionFiles.Removal;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM: a remover blind to pids and creators (as gc in another PID namespace, which sees every creator as
 * dead) that tries, in a tight loop, to remove every file of a namespace directory matching a glob, through
 * {@link RegionFiles#removeIfUnused}, until a stop file appears (or 120 s pass). Prints {@code started}, then
 * {@code done: removed=N, in_use=M}.
 */
public final class Remover
{
    private Remover()
    {
    }

    /**
     * @param args namespace directory, glob (e.g. {@code .*.tmp-*} for creations' temporary files), stop file.
     * @throws Exception never expected.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[0]);
        final String glob = args[1];
        final Path stop = Path.of(args[2]);
        final long deadlineNs = System.nanoTime() + 120_000_000_000L;
        long removed = 0;
        long inUse = 0;
        System.out.println("started");
        System.out.flush();
        while (!Files.exists(stop) && System.nanoTime() - deadlineNs < 0)
        {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob))
            {
                for (final Path file : files)
                {
                    final Removal removal = RegionFiles.removeIfUnused(file, null, false);
                    removed += removal == Removal.REMOVED ? 1 : 0;
                    inUse += removal == Removal.IN_USE ? 1 : 0;
                }
            }
        }
        System.out.println("done: removed=" + removed + ", in_use=" + inUse);
    }
}

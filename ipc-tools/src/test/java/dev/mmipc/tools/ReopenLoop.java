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

import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Child JVM: re-opens one region in a tight loop ({@code openOrCreate}, use for {@value #HOLD_MS} ms, close,
 * pause {@value #GAP_MS} ms) until a stop file appears, and counts the wrong deletions it sees: the region's
 * name gone, or naming another file, while this process held the region open. Prints {@code looping} once
 * the first round is done, every wrong deletion as {@code wrong: ...}, and at the end
 * {@code done: iterations=N, wrong=W}.
 */
public final class ReopenLoop
{
    static final long HOLD_MS = 2;
    static final long GAP_MS = 2;
    private static final long MAX_RUN_MS = 120_000;

    private ReopenLoop()
    {
    }

    /**
     * @param args region name, stop file.
     * @throws Exception never expected.
     */
    public static void main(final String[] args) throws Exception
    {
        final NamespaceDirectory ns = NamespaceDirectory.defaultDirectory();
        final String name = args[0];
        final Path stop = Path.of(args[1]);
        final Path path = ns.resolve(name);
        final long deadlineNs = System.nanoTime() + MAX_RUN_MS * 1_000_000L;
        long iterations = 0;
        long wrong = 0;
        while (!Files.exists(stop) && System.nanoTime() - deadlineNs < 0)
        {
            try (Region region = Region.openOrCreate(ns, name, RegionKind.LONG, Long.BYTES, Region.ZEROED))
            {
                final Object opened = fileKey(path); // the open is done: from here on the name must stay
                region.payload().getAndAddLong(0, 1);
                Thread.sleep(HOLD_MS);
                final Object beforeClose = fileKey(path);
                if (opened == null || !opened.equals(beforeClose))
                {
                    wrong++;
                    System.out.println("wrong: iteration=" + iterations + ", after_open=" + opened +
                        ", before_close=" + beforeClose);
                }
            }
            iterations++;
            if (iterations == 1)
            {
                System.out.println("looping");
            }
            System.out.flush();
            Thread.sleep(GAP_MS);
        }
        System.out.println("done: iterations=" + iterations + ", wrong=" + wrong);
    }

    private static Object fileKey(final Path path) throws IOException
    {
        try
        {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        }
        catch (final NoSuchFileException ex)
        {
            return null;
        }
    }
}

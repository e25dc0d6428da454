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
package dev.mmipc.liveness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PID namespace of this process, as the inode of {@code /proc/self/ns/pid} (the link reads
 * {@code pid:[4026531836]}), and whether this process's {@code /proc} is its own namespace's.
 * <p>
 * {@code /proc/self} resolves through the procfs that is mounted, so the namespace link is right even where
 * {@code /proc} is an ancestor namespace's ({@code unshare --pid} without {@code --mount-proc}); the pid that
 * {@code /proc/self} names then differs from {@link ProcessHandle#pid()}, and an OS check of a pid reads another
 * process than the one that pid means here: {@link #procIsOwn()} says so.
 */
public final class PidNamespace
{
    /** Inode recorded when the PID namespace cannot be read (no {@code /proc}, not Linux). */
    public static final long UNKNOWN = 0;

    private static final Path PROC = Path.of("/proc");
    private static final long CURRENT = read(PROC);
    private static final boolean PROC_IS_OWN = procIsOwn(PROC, ProcessHandle.current().pid());

    private PidNamespace()
    {
    }

    /**
     * @return the inode of this process's PID namespace, {@link #UNKNOWN} when it cannot be read.
     */
    public static long current()
    {
        return CURRENT;
    }

    /**
     * @return false when {@code /proc} belongs to another PID namespace than this process's, so that the OS
     * cannot be asked about pids of this namespace; true where it cannot be told.
     */
    public static boolean procIsOwn()
    {
        return PROC_IS_OWN;
    }

    /**
     * @param procRoot where procfs is mounted.
     * @return the inode of the PID namespace of the process reading {@code procRoot/self/ns/pid}, or
     * {@link #UNKNOWN}.
     */
    static long read(final Path procRoot)
    {
        try
        {
            return parseInode(Files.readSymbolicLink(procRoot.resolve("self/ns/pid")).toString());
        }
        catch (final IOException | UnsupportedOperationException | SecurityException ex)
        {
            return UNKNOWN;
        }
    }

    /**
     * @param procRoot where procfs is mounted.
     * @param pid      this process's pid, as its own namespace numbers it.
     * @return true unless {@code procRoot/self} names another pid.
     */
    static boolean procIsOwn(final Path procRoot, final long pid)
    {
        try
        {
            return Files.readSymbolicLink(procRoot.resolve("self")).toString().equals(Long.toString(pid));
        }
        catch (final IOException | UnsupportedOperationException | SecurityException ex)
        {
            return true;
        }
    }

    /**
     * @param link the target of a {@code /proc/PID/ns/pid} link, e.g. {@code pid:[4026531836]}.
     * @return the inode, or {@link #UNKNOWN} when the text is not of that form or the number is not positive.
     */
    public static long parseInode(final String link)
    {
        if (link == null || !link.startsWith("pid:[") || !link.endsWith("]") || link.length() > 5 + 20 + 1)
        {
            return UNKNOWN;
        }
        final String digits = link.substring(5, link.length() - 1);
        if (digits.isEmpty())
        {
            return UNKNOWN;
        }
        long inode = 0;
        for (int i = 0; i < digits.length(); i++)
        {
            final char c = digits.charAt(i);
            if (c < '0' || c > '9' || inode > (Long.MAX_VALUE - (c - '0')) / 10)
            {
                return UNKNOWN;
            }
            inode = inode * 10 + (c - '0');
        }
        return inode;
    }
}

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
package dev.mmipc.process;

import dev.mmipc.events.Recoveries;
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.RegionOwnerType;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread with which a daemon child watches its parent and halts once the parent is gone.
 * <p>
 * The parent's pid and start time come from the command line ({@code -Dmmipc.parent=PID:START}), so a reused
 * pid is not mistaken for the parent. Before it halts, the child removes from its namespace
 * ({@code -Dmmipc.dir}) what its parent made on its own and can no longer remove itself: the regions of the
 * parent's process pools (this child may be one of their workers), and this child's own task region if it has
 * not read it yet (see {@link OrphanRegions}); task regions of other children are left to them, since a
 * non-daemon sibling may still need its own. That removal is bounded by {@value #CLEANUP_TIMEOUT_MS} ms.
 * {@link Runtime#halt(int)} then ends the child at once, as the parent's {@code kill -9} would have if the OS
 * propagated it: shutdown hooks do not run (a hook waiting on shared state the dead parent held could otherwise
 * keep the orphan alive).
 */
final class ParentWatch
{
    /** Bound on the removal of the dead parent's regions before the child halts. */
    static final long CLEANUP_TIMEOUT_MS = 1_000;

    private static boolean started;

    private ParentWatch()
    {
    }

    /**
     * @param ownTaskRegion the region this child's task came in, or null when it runs a main class.
     */
    static synchronized void start(final String ownTaskRegion)
    {
        if (started)
        {
            return;
        }
        final ProcessIdentity parent = JvmProcess.parentIdentity().orElse(null);
        if (parent == null)
        {
            return;
        }
        started = true;
        final Thread thread = new Thread(() -> watch(parent, ownTaskRegion), "mmipc-parent-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private static void watch(final ProcessIdentity parent, final String ownTaskRegion)
    {
        final long periodNs = JvmProcess.PARENT_POLL_MS * 1_000_000L;
        while (parent.isAlive())
        {
            LockSupport.parkNanos(periodNs);
        }
        final List<String> removed = removeParentsRegions(parent, ownTaskRegion);
        System.err.println("mmipc child: parent died, exiting: parent_pid=" + parent.pid() + ", pid=" +
            ProcessHandle.current().pid() + ", regions_removed=" + removed);
        Runtime.getRuntime().halt(JvmProcess.EXIT_PARENT_DIED);
    }

    /**
     * Package-private for tests: the watch ends with {@link Runtime#halt(int)}, which no coverage agent survives.
     *
     * @param parent        the dead parent.
     * @param ownTaskRegion the region this child's task came in, or null.
     * @return the names removed, within {@link #CLEANUP_TIMEOUT_MS}.
     */
    static List<String> removeParentsRegions(final ProcessIdentity parent, final String ownTaskRegion)
    {
        final List<String> removed = new ArrayList<>();
        final Thread cleaner = new Thread(() ->
        {
            try
            {
                final Path path = NamespaceDirectory.defaultPath(
                    System.getProperty(NamespaceDirectory.DIR_PROPERTY), System.getenv());
                if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                {
                    return; // removed with everything in it: nothing to sweep, and nothing to create again
                }
                final NamespaceDirectory dir = NamespaceDirectory.of(path);
                final List<String> names = OrphanRegions.unlinkAll(dir, parent, RegionOwnerType.POOL);
                if (ownTaskRegion != null &&
                    OrphanRegions.unlinkIfOwned(dir, ownTaskRegion, parent, RegionOwnerType.PROCESS))
                {
                    names.add(ownTaskRegion);
                }
                synchronized (removed)
                {
                    removed.addAll(names); // before the report, which may be slow in a cold JVM: the bound may cut it
                }
                Recoveries.orphanRegionsRemoved(dir.path().toString(), parent.pid(), parent.startTimeMs(), names);
            }
            catch (final RuntimeException ex)
            {
                System.err.println("mmipc child: parent's regions not removed: parent_pid=" + parent.pid() +
                    ", error=" + ex);
            }
        }, "mmipc-parent-cleanup");
        cleaner.setDaemon(true);
        cleaner.start();
        try
        {
            cleaner.join(CLEANUP_TIMEOUT_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        synchronized (removed)
        {
            return new ArrayList<>(removed);
        }
    }
}

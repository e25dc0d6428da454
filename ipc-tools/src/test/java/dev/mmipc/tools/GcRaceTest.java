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

import dev.mmipc.liveness.Liveness;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionFiles;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mmipc gc} against processes that use the region at that moment (issue #11, item 2): a region in
 * use is never removed, whether its user re-opens it every few milliseconds or lives in another PID
 * namespace, where gc cannot see it in {@code /proc}.
 */
class GcRaceTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);
    private static final int GC_RUNS = 30;
    private static final int MAX_GC_ATTEMPTS = 300;
    private static final String[] PID_NAMESPACE = { "unshare", "--pid", "--fork", "--mount-proc", "--kill-child" };
    private static final Pattern DONE = Pattern.compile("done: iterations=(\\d+), wrong=(\\d+)");

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    /**
     * The region's creator is dead, so gc wants it gone each time; a child re-opens it every few ms and
     * checks, each time, that the name still names the region it holds until it closes it. After each gc run
     * the creator pid is set to a dead pid again (a region the child had to re-create names the child).
     */
    @Test
    void shouldNeverRemoveARegionThatAProcessReopensInATightLoop() throws Exception
    {
        final long deadPid = GcCommandTest.deadPid();
        final Path path = ns.path().resolve("busy");
        final Path stop = ns.scratch().resolve("stop");
        Region.create(ns.directory(), "busy", RegionKind.LONG, Long.BYTES, Region.ZEROED).close();
        final ChildJvm loop = ns.startChild(ReopenLoop.class, "busy", stop.toString());
        loop.awaitOutput("looping", CHILD_TIMEOUT);

        final List<String> rows = new ArrayList<>();
        int runs = 0;
        int removed = 0;
        for (int attempt = 0; runs < GC_RUNS && attempt < MAX_GC_ATTEMPTS; attempt++)
        {
            awaitFile(path, loop);
            if (!setCreatorPid(path, deadPid))
            {
                continue;
            }
            final Cli.Result gc = Cli.run(ns.path(), "gc");
            assertEquals(0, gc.exitCode(), gc::toString);
            final String row = row(gc.out(), "busy");
            rows.add(row);
            if (row.contains("creator dead: pid=" + deadPid))
            {
                runs++; // a run that wanted the region gone: only a lock (or a mapping seen) can keep it
                removed += row.startsWith("removed") ? 1 : 0;
            }
        }

        Files.createFile(stop);
        loop.awaitSuccess(CHILD_TIMEOUT);
        final Matcher done = DONE.matcher(loop.output());
        assertTrue(done.find(), loop::output);
        final long iterations = Long.parseLong(done.group(1));
        final long wrong = Long.parseLong(done.group(2));
        System.out.println("gc race: runs=" + runs + ", removed_while_closed=" + removed + ", kept=" + (runs - removed) +
            ", reopen_iterations=" + iterations + ", wrong_deletions=" + wrong);

        assertEquals(0, wrong, () -> "gc removed the region while the child held it:\n" + loop.output() +
            "\ngc rows:\n" + String.join("\n", rows));
        assertEquals(GC_RUNS, runs, () -> "gc did not want the region gone often enough:\n" + String.join("\n", rows));
        assertTrue(iterations > GC_RUNS, loop::output);
    }

    /**
     * The holder lives in this PID namespace; gc runs in a PID namespace of its own, with a {@code /proc}
     * that shows none of this namespace's processes: it judges the creator by its heartbeat (alive), and once the
     * holder is stopped long enough for its heartbeat to go stale, as dead with no mapping seen: then only the
     * lock keeps the region. Once the holder is gone, gc there removes it.
     */
    @Test
    void shouldKeepARegionHeldFromAnotherPidNamespaceAndRemoveItOnceReleased() throws Exception
    {
        Assumptions.assumeTrue(isRoot(), "unshare --pid needs root");
        final Path path = ns.path().resolve("held");
        final ChildJvm holder = ns.startChild(CreateAndHold.class, "held");
        holder.awaitOutput("created held", CHILD_TIMEOUT);
        final Object heldFile = RegionFiles.fileKey(path);

        final ChildJvm whileHeld = ns.startChild(
            new ChildJvm.Options().wrapper(PID_NAMESPACE), Main.class, "--dir", ns.path().toString(), "gc");
        assertEquals(0, whileHeld.waitFor(CHILD_TIMEOUT), whileHeld::output);
        // gc cannot see the holder's pid there, but the namespace's liveness table shows its heartbeat
        assertTrue(whileHeld.output().contains("kept    held  creator alive: pid=" + holder.pid()), whileHeld::output);

        // stopped, the holder's heartbeat goes stale: gc there judges it dead, and only the lock keeps the region
        assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(holder.pid())).start().waitFor());
        Thread.sleep(Liveness.DEFAULT_STALE_AFTER_NS / 1_000_000 + 500);
        final ChildJvm whileStopped = ns.startChild(
            new ChildJvm.Options().wrapper(PID_NAMESPACE), Main.class, "--dir", ns.path().toString(), "gc");
        assertEquals(0, whileStopped.waitFor(CHILD_TIMEOUT), whileStopped::output);
        assertTrue(whileStopped.output().contains("kept    held  creator dead: pid=" + holder.pid() + ", in use: locked"),
            whileStopped::output); // "creator dead": gc really could not see the holder
        assertEquals(heldFile, RegionFiles.fileKey(path), "the name must still name the held region");

        holder.kill9();
        final ChildJvm afterRelease = ns.startChild(
            new ChildJvm.Options().wrapper(PID_NAMESPACE), Main.class, "--dir", ns.path().toString(), "gc");
        assertEquals(0, afterRelease.waitFor(CHILD_TIMEOUT), afterRelease::output);

        assertTrue(afterRelease.output().contains("removed  held  creator dead: pid=" + holder.pid()),
            afterRelease::output);
        assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static String row(final String gcOut, final String name)
    {
        for (final String line : gcOut.split("\n"))
        {
            final String[] cells = line.split(" {2,}", 3);
            if (cells.length == 3 && cells[1].equals(name))
            {
                return line;
            }
        }
        throw new AssertionError("no row for " + name + " in:\n" + gcOut);
    }

    private static void awaitFile(final Path path, final ChildJvm loop) throws InterruptedException
    {
        final long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
        while (!Files.exists(path, LinkOption.NOFOLLOW_LINKS))
        {
            assertTrue(loop.isAlive(), loop::output);
            assertTrue(System.nanoTime() - deadline < 0, () -> "the loop never re-created " + path + "\n" + loop.output());
            Thread.sleep(1);
        }
    }

    /**
     * @return false when the file vanished before it could be written.
     */
    private static boolean setCreatorPid(final Path file, final long pid) throws Exception
    {
        try
        {
            GcCommandTest.setCreatorPid(file, pid);
            return true;
        }
        catch (final NoSuchFileException ex)
        {
            return false;
        }
    }

    private static boolean isRoot() throws IOException
    {
        return (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
    }
}

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

import dev.mmipc.region.LockProbe;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.region.RegionKind;
import dev.mmipc.region.RegionOwner;
import dev.mmipc.region.RegionOwnerType;
import dev.mmipc.reliability.PoolOwnerScript;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GcCommandTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);
    private static final long PID = ProcessHandle.current().pid();

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldKeepARegionWhileItsCreatorLivesAndRemoveItOnceKilled()
    {
        final ChildJvm creator = ns.startChild(CreateAndHold.class, "orphan");
        creator.awaitOutput("created orphan", CHILD_TIMEOUT);

        final Cli.Result whileAlive = Cli.run(ns.path(), "gc");

        assertEquals(0, whileAlive.exitCode(), whileAlive::toString);
        assertEquals(List.of(
            "ACTION  NAME    REASON",
            "kept    orphan  creator alive: pid=" + creator.pid(),
            "gc: removed=0, kept=1, dir=" + ns.path()), whileAlive.out().lines().toList());
        assertTrue(Files.exists(ns.path().resolve("orphan")));

        creator.kill9();
        final Cli.Result afterKill = Cli.run(ns.path(), "gc");

        assertEquals(0, afterKill.exitCode(), afterKill::toString);
        assertEquals(List.of(
            "ACTION   NAME    REASON",
            "removed  orphan  creator dead: pid=" + creator.pid() + ", not locked, no mapping seen",
            "gc: removed=1, kept=0, dir=" + ns.path()), afterKill.out().lines().toList());
        assertEquals("", afterKill.err());
        assertFalse(Files.exists(ns.path().resolve("orphan")));
    }

    @Test
    void shouldKeepARegionThatALiveProcessHoldsAfterItsCreatorDied()
    {
        final ChildJvm creator = ns.startChild(CreateAndHold.class, "shared");
        creator.awaitOutput("created shared", CHILD_TIMEOUT);
        final ChildJvm user = ns.startChild(OpenAndHold.class, "shared");
        user.awaitOutput("opened shared", CHILD_TIMEOUT);
        creator.kill9();

        final Cli.Result whileHeld = Cli.run(ns.path(), "gc");

        assertEquals(0, whileHeld.exitCode(), whileHeld::toString);
        assertTrue(whileHeld.out().contains("\nkept    shared  creator dead: pid=" + creator.pid() +
            ", in use: locked by another process, mapped by pids=[" + user.pid() + "]\n"), whileHeld::toString);
        assertTrue(Files.exists(ns.path().resolve("shared")));

        user.kill9();
        final Cli.Result afterUser = Cli.run(ns.path(), "gc");

        assertTrue(afterUser.out().contains("\nremoved  shared  creator dead: pid=" + creator.pid() +
            ", not locked, no mapping seen\n"), afterUser::toString);
        assertFalse(Files.exists(ns.path().resolve("shared")));
    }

    /**
     * mmipc from before region locks maps a region without locking it: the maps scan still keeps it.
     */
    @Test
    void shouldKeepARegionMappedWithoutALockByALiveProcess() throws Exception
    {
        final long deadPid = deadPid();
        Region.create(ns.directory(), "old", RegionKind.LONG, 8, Region.ZEROED).close();
        setCreatorPid(ns.path().resolve("old"), deadPid);
        final ChildJvm user = ns.startChild(MapWithoutLock.class, ns.path().resolve("old").toString());
        user.awaitOutput("mapped", CHILD_TIMEOUT);

        final Cli.Result whileMapped = Cli.run(ns.path(), "gc");

        assertEquals(0, whileMapped.exitCode(), whileMapped::toString);
        assertEquals(List.of(
            "ACTION  NAME  REASON",
            "kept    old   creator dead: pid=" + deadPid + ", not locked but mapped by live process: pids=[" +
                user.pid() + "]",
            "gc: removed=0, kept=1, dir=" + ns.path()), whileMapped.out().lines().toList());
        assertTrue(Files.exists(ns.path().resolve("old")));

        user.kill9();
        final Cli.Result afterUser = Cli.run(ns.path(), "gc");
        assertTrue(afterUser.out().contains("\nremoved  old   creator dead: pid=" + deadPid +
            ", not locked, no mapping seen\n"), afterUser::toString);
        assertFalse(Files.exists(ns.path().resolve("old")));
    }

    /**
     * A creation in progress in another PID namespace: its pid means nothing here (it looks dead), but the
     * temporary file is locked from its first byte, so it is kept.
     */
    @Test
    void shouldKeepALockedTemporaryFileWhoseCreatorLooksDead() throws Exception
    {
        final long deadPid = deadPid();
        final String creating = ".jobs.tmp-" + deadPid + "-0123456789abcdef";
        final Path path = ns.path().resolve(creating);
        Files.write(path, new byte[RegionDescriptor.HEADER_LENGTH]);
        final ChildJvm creator = ns.startChild(LockProbe.class, "hold-shared", path.toString());
        creator.awaitOutput("holding", CHILD_TIMEOUT);

        final Cli.Result whileLocked = Cli.run(ns.path(), "gc");

        assertEquals(0, whileLocked.exitCode(), whileLocked::toString);
        assertTrue(whileLocked.out().contains("\nkept    " + creating + "  stale temporary file, creator dead: pid=" +
            deadPid + ", in use: locked by another process, no mapping seen\n"),
            whileLocked::toString);
        assertTrue(Files.exists(path));

        creator.kill9();
        final Cli.Result afterCreator = Cli.run(ns.path(), "gc");
        assertTrue(afterCreator.out().contains("\nremoved  " + creating), afterCreator::toString);
        assertFalse(Files.exists(path));
    }

    @Test
    void shouldRemoveOnItsFirstPassWhatAPoolLeavesWhenAllItsProcessesAreKilled() throws Exception
    {
        final ChildJvm owner = ns.startChild(PoolOwnerScript.class, "wait", "false");
        owner.awaitOutput("\nready\n", CHILD_TIMEOUT);
        final Matcher pool = Pattern.compile("(?m)^pool=(pool-[0-9]+-[0-9]+)$").matcher(owner.output());
        final Matcher workers = Pattern.compile("(?m)^workers=([0-9]+),([0-9]+)$").matcher(owner.output());
        assertTrue(pool.find() && workers.find(), owner::output);
        final List<ProcessHandle> handles = List.of(
            ProcessHandle.of(Long.parseLong(workers.group(1))).orElseThrow(),
            ProcessHandle.of(Long.parseLong(workers.group(2))).orElseThrow());
        // everything dies at once: stopped, the owner cannot replace its workers; killed first, they cannot see it die
        signal("STOP", owner.pid());
        handles.forEach(ProcessHandle::destroyForcibly);
        owner.kill9();
        for (final ProcessHandle worker : handles)
        {
            // reaped by init once their (stopped, then killed) parent is gone
            assertFalse(worker.onExit().get(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS).isAlive(), "worker reaped");
        }
        final List<String> left = ns.directory().list();
        assertEquals(5, left.size(), "the pool's slots and two queues per worker, left behind: " + left);

        final Cli.Result result = Cli.run(ns.path(), "gc");

        assertEquals(0, result.exitCode(), result::toString);
        final String reason = "internal to pool " + pool.group(1) + " of pid " + owner.pid() + ", owner dead, not locked, no mapping seen";
        for (final String name : left)
        {
            assertTrue(Pattern.compile("(?m)^removed  " + Pattern.quote(name) + " +" + Pattern.quote(reason) + "$")
                .matcher(result.out()).find(), result::toString);
        }
        assertTrue(result.out().endsWith("\ngc: removed=5, kept=0, dir=" + ns.path() + "\n"), result::toString);
        assertEquals(List.of(), ns.directory().list());
    }

    @Test
    void shouldKeepTheRegionsOfAPoolWhoseOwnerLives()
    {
        final NamespaceDirectory pool = ns.directory().withOwner(new RegionOwner(RegionOwnerType.POOL, 4));
        Region.create(pool, "pool-z-slots", RegionKind.LONG_ARRAY, 128, Region.ZEROED).close();

        final Cli.Result result = Cli.run(ns.path(), "gc");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals(List.of(
            "ACTION  NAME          REASON",
            "kept    pool-z-slots  internal to pool pool-" + PID + "-4 of pid " + PID + ", owner alive",
            "gc: removed=0, kept=1, dir=" + ns.path()), result.out().lines().toList());
        assertTrue(Files.exists(ns.path().resolve("pool-z-slots")));
    }

    @Test
    void shouldRemoveStaleTemporaryFilesOfDeadCreatorsOnly() throws Exception
    {
        final long deadPid = deadPid();
        final String stale = ".jobs.tmp-" + deadPid + "-3f2a9c01d4e5b6a7";
        final String inProgress = ".jobs.tmp-" + PID + "-0123456789abcdef";
        Files.write(ns.path().resolve(stale), new byte[RegionDescriptor.HEADER_LENGTH + 8]);
        Files.write(ns.path().resolve(inProgress), new byte[17]);

        final Cli.Result result = Cli.run(ns.path(), "gc");

        assertEquals(0, result.exitCode(), result::toString);
        // the NAME column is as wide as the longest name: the two names differ in length when the pids have
        // different numbers of digits, so each row is matched with the padding it may carry
        assertTrue(Pattern.compile("(?m)^removed  " + Pattern.quote(stale) + " {2,}" + Pattern.quote(
            "stale temporary file, creator dead: pid=" + deadPid + ", not locked, no mapping seen") + "$")
            .matcher(result.out()).find(), result::toString);
        assertTrue(Pattern.compile("(?m)^kept     " + Pattern.quote(inProgress) + " {2,}" + Pattern.quote(
            "temporary file, creator alive (creation in progress?): pid=" + PID) + "$")
            .matcher(result.out()).find(), result::toString);
        assertFalse(Files.exists(ns.path().resolve(stale)));
        assertTrue(Files.exists(ns.path().resolve(inProgress)));
    }

    @Test
    void shouldKeepBrokenFilesAndRegionsThisProcessCreated() throws Exception
    {
        Files.write(ns.path().resolve("bad"), new byte[256]);
        try (Region mine = Region.create(ns.directory(), "mine", RegionKind.LONG, 8, Region.ZEROED))
        {
            final Cli.Result result = Cli.run(ns.path(), "gc");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(List.of(
                "ACTION  NAME  REASON",
                "kept    bad   broken, creator unknown: region magic mismatch: name=bad, file=" +
                    ns.path().resolve("bad") + ", expected=0x47522d4350494d4d, actual=0x0",
                "kept    mine  creator alive: pid=" + PID,
                "gc: removed=0, kept=2, dir=" + ns.path()), result.out().lines().toList());
            assertFalse(mine.isClosed());
        }
    }

    @Test
    void shouldOnlySayWhatItWouldRemoveOnADryRun() throws Exception
    {
        final long deadPid = deadPid();
        Region.create(ns.directory(), "left", RegionKind.LONG, 8, Region.ZEROED).close();
        setCreatorPid(ns.path().resolve("left"), deadPid);

        final Cli.Result dryRun = Cli.run(ns.path(), "gc", "--dry-run");

        assertEquals(0, dryRun.exitCode(), dryRun::toString);
        assertEquals(List.of(
            "ACTION        NAME  REASON",
            "would remove  left  creator dead: pid=" + deadPid + ", not locked, no mapping seen",
            "gc dry run: would_remove=1, kept=0, dir=" + ns.path()), dryRun.out().lines().toList());
        assertTrue(Files.exists(ns.path().resolve("left")));

        final Cli.Result real = Cli.run(ns.path(), "gc");
        assertTrue(real.out().startsWith("ACTION   NAME  REASON\nremoved  left  creator dead: pid=" + deadPid), real::toString);
        assertFalse(Files.exists(ns.path().resolve("left")));
    }

    @Test
    void shouldSayWhenThereIsNothingToCollect()
    {
        final Cli.Result empty = Cli.run(ns.path(), "gc");
        assertEquals(0, empty.exitCode(), empty::toString);
        assertEquals("nothing to collect: dir=" + ns.path() + ", reason=empty\n", empty.out());

        final Path missing = ns.scratch().resolve("missing");
        final Cli.Result absent = Cli.run(missing, "gc");
        assertEquals(0, absent.exitCode(), absent::toString);
        assertEquals("nothing to collect: dir=" + missing + ", reason=no such directory\n", absent.out());
    }

    private static void signal(final String signal, final long pid) throws Exception
    {
        final Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS), "kill did not exit");
        assertEquals(0, kill.exitValue(), "kill -" + signal + " " + pid);
    }

    /**
     * @return the pid of a process that has exited and been reaped.
     */
    static long deadPid() throws Exception
    {
        final Process process = new ProcessBuilder("true").start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "true did not exit");
        assertFalse(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive).orElse(false));
        return process.pid();
    }

    static void setCreatorPid(final Path file, final long pid) throws Exception
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            final ByteBuffer value = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder()).putLong(0, pid);
            channel.write(value, RegionDescriptor.CREATOR_PID_OFFSET);
        }
    }
}

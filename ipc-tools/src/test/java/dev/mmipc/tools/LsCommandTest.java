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
import dev.mmipc.liveness.PidNamespace;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.region.RegionOwner;
import dev.mmipc.region.RegionOwnerType;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.PidNamespaces;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.ThreadDumps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LsCommandTest
{
    private static final long PID = ProcessHandle.current().pid();

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldListEveryRegionWithAlignedColumns()
    {
        Region.create(ns.directory(), "hits", RegionKind.LONG, 8, Region.ZEROED).close();
        Region.create(ns.directory(), "a-much-longer-name", RegionKind.DOUBLE_ARRAY, 4096, Region.ZEROED).close();

        final Cli.Result result = Cli.run(ns.path(), "ls");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("", result.err());
        final List<String> lines = result.out().lines().toList();
        assertEquals(3, lines.size(), result::toString);
        assertEquals("NAME                KIND          SIZE  CREATOR  ALIVE  CREATED", lines.get(0));
        assertTrue(lines.get(1).matches(
            "a-much-longer-name  DOUBLE_ARRAY  4224  " + PID + " +yes +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), lines::toString);
        assertTrue(lines.get(2).matches(
            "hits                LONG          136   " + PID + " +yes +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), lines::toString);
        final int kindColumn = lines.get(0).indexOf("KIND");
        final int aliveColumn = lines.get(0).indexOf("ALIVE");
        for (final String line : lines)
        {
            assertEquals(' ', line.charAt(kindColumn - 1), line);
            assertTrue(line.startsWith("yes", aliveColumn) || line.startsWith("ALIVE", aliveColumn), line);
        }
    }

    @Test
    void shouldShowHumanReadableSizes()
    {
        Region.create(ns.directory(), "big", RegionKind.BYTES, 3 * 1024 * 1024, Region.ZEROED).close();

        final Cli.Result result = Cli.run(ns.path(), "ls", "--human");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().contains("big   BYTES  3.0 MiB  "), result::toString);
    }

    @Test
    void shouldListBrokenFilesWithTheirErrorAndGoOn() throws Exception
    {
        Region.create(ns.directory(), "good", RegionKind.INT, 4, Region.ZEROED).close();
        Files.write(ns.path().resolve("bad"), new byte[256]);
        Files.write(ns.path().resolve("short"), new byte[10]);

        final Cli.Result result = Cli.run(ns.path(), "ls");

        assertEquals(0, result.exitCode(), result::toString);
        final List<String> lines = result.out().lines().toList();
        assertEquals(4, lines.size(), result::toString);
        assertEquals("bad    error: region magic mismatch: name=bad, file=" + ns.path().resolve("bad") +
            ", expected=0x47522d4350494d4d, actual=0x0", lines.get(1));
        assertTrue(lines.get(2).startsWith("good   INT   132   " + PID + " "), lines::toString);
        // shorter than any header: truncated, flagged, its error on stderr
        assertTrue(lines.get(3).matches("short  -     10    -        -      - +TRUNCATED"), lines::toString);
        assertEquals("region file shorter than header: name=short, file=" + ns.path().resolve("short") +
            ", length=10, required=128\n", result.err());
    }

    @Test
    void shouldSumUpInternalRegionsPerOwnerAndListThemOnlyWithAll()
    {
        Region.create(ns.directory(), "hits", RegionKind.LONG, 8, Region.ZEROED).close();
        final NamespaceDirectory pool = ns.directory().withOwner(new RegionOwner(RegionOwnerType.POOL, 1));
        Region.create(pool, "pool-x-slots", RegionKind.LONG_ARRAY, 128, Region.ZEROED).close();
        Region.create(pool, "pool-x-w0-g0-tasks", RegionKind.QUEUE, 1024, Region.ZEROED).close();
        final NamespaceDirectory task = ns.directory().withOwner(new RegionOwner(RegionOwnerType.PROCESS, 2));
        Region.create(task, "jvmprocess-x-2-task", RegionKind.BYTES, 64, Region.ZEROED).close();

        final Cli.Result result = Cli.run(ns.path(), "ls");

        assertEquals(0, result.exitCode(), result::toString);
        final List<String> lines = result.out().lines().toList();
        assertEquals(4, lines.size(), result::toString);
        assertEquals("NAME  KIND  SIZE  CREATOR  ALIVE  CREATED", lines.get(0));
        assertTrue(lines.get(1).startsWith("hits  LONG  136   " + PID + " "), lines::toString);
        assertEquals("internal to process jvmprocess-" + PID + "-2 of pid " + PID + " (alive): 1 region, 192 bytes " +
            "(--all lists them)", lines.get(2));
        assertEquals("internal to pool pool-" + PID + "-1 of pid " + PID + " (alive): 2 regions, 1408 bytes (--all lists them)",
            lines.get(3));

        final Cli.Result listed = Cli.run(ns.path(), "ls", "--all");

        assertEquals(0, listed.exitCode(), listed::toString);
        final List<String> all = listed.out().lines().toList();
        assertEquals(5, all.size(), listed::toString);
        assertTrue(all.get(0).matches("NAME +KIND +SIZE +CREATOR +ALIVE +CREATED +OWNER"), all::toString);
        assertTrue(all.get(1).matches("hits +LONG .* -"), all::toString);
        assertTrue(all.get(2).matches("jvmprocess-x-2-task +BYTES .* jvmprocess-" + PID + "-2"), all::toString);
        assertTrue(all.get(3).matches("pool-x-slots +LONG_ARRAY .* pool-" + PID + "-1"), all::toString);
        assertTrue(all.get(4).matches("pool-x-w0-g0-tasks +QUEUE .* pool-" + PID + "-1"), all::toString);

        final Cli.Result json = Cli.run(ns.path(), "ls", "--json");
        assertEquals(3, json.out().lines().count(), json::toString);
        final Cli.Result allJson = Cli.run(ns.path(), "ls", "--json", "--all");
        assertTrue(allJson.out().contains(", \"owner\": \"pool-" + PID + "-1\"},\n"), allJson::toString);
        assertTrue(allJson.out().contains("\"name\": \"hits\", ") && allJson.out().contains(", \"owner\": null},\n"),
            allJson::toString);
    }

    @Test
    void shouldSayWhenOnlyInternalRegionsArePresent()
    {
        Region.create(ns.directory().withOwner(new RegionOwner(RegionOwnerType.POOL, 9)), "pool-y-slots",
            RegionKind.LONG_ARRAY, 128, Region.ZEROED).close();

        final Cli.Result result = Cli.run(ns.path(), "ls", "--human");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("internal to pool pool-" + PID + "-9 of pid " + PID + " (alive): 1 region, 256 B (--all lists them)\n",
            result.out());
    }

    @Test
    void shouldSayWhenThereAreNoRegions()
    {
        final Cli.Result empty = Cli.run(ns.path(), "ls");
        assertEquals(0, empty.exitCode(), empty::toString);
        assertEquals("no regions: dir=" + ns.path() + "\n", empty.out());

        final java.nio.file.Path missing = ns.scratch().resolve("missing");
        final Cli.Result absent = Cli.run(missing, "ls");
        assertEquals(0, absent.exitCode(), absent::toString);
        assertEquals("no regions: dir=" + missing + "\n", absent.out());
        assertFalse(Files.exists(missing), "ls must not create the namespace directory");
    }

    @Test
    void shouldPrintJson() throws Exception
    {
        Region.create(ns.directory(), "hits", RegionKind.LONG, 8, Region.ZEROED).close();
        Files.write(ns.path().resolve("bad"), new byte[256]);

        final Cli.Result result = Cli.run(ns.path(), "ls", "--json");

        assertEquals(0, result.exitCode(), result::toString);
        final List<String> lines = result.out().lines().toList();
        assertEquals(4, lines.size(), result::toString);
        assertEquals("[", lines.get(0));
        assertEquals("  {\"name\": \"bad\", \"file_length\": 256, \"truncated\": false, " +
            "\"error\": \"region magic mismatch: name=bad, file=" +
            ns.path().resolve("bad") + ", expected=0x47522d4350494d4d, actual=0x0\"},", lines.get(1));
        assertTrue(lines.get(2).matches("  \\{\"name\": \"hits\", \"file_length\": 136, \"truncated\": false, " +
            "\"kind\": \"LONG\", \"creator_pid\": " +
            PID + ", \"creator_alive\": true, \"created_ms\": \\d+, \"created\": \"[0-9T:.Z-]+\"}"), lines::toString);
        assertEquals("]", lines.get(3));
    }

    @Test
    void shouldSayAliveForACreatorInAnotherPidNamespaceUntilItIsKilled() throws Exception
    {
        PidNamespaces.assumeRoot();
        final ChildJvm creator = PidNamespaces.start(
            ns, PidNamespaces.ProcView.PRIVATE_PROC, CreateAndHold.class, "remote");
        creator.awaitOutput("created remote", Duration.ofSeconds(60));
        final Pattern row = Pattern.compile("remote +LONG +136 +1 +(yes|no) \\(pidns (\\d+)\\) .*");

        // pid 1 here is init, with another start time: only the creator's heartbeat says it lives
        final long untilNs = System.nanoTime() + 2 * Liveness.DEFAULT_STALE_AFTER_NS;
        long pidNamespace = 0;
        while (System.nanoTime() - untilNs < 0)
        {
            final Matcher alive = row.matcher(lsRow("remote"));
            assertTrue(alive.matches(), () -> lsRow("remote"));
            assertEquals("yes", alive.group(1), "a live creator in another pid namespace");
            pidNamespace = Long.parseLong(alive.group(2));
            Thread.sleep(100);
        }
        assertNotEquals(PidNamespace.current(), pidNamespace);
        final Cli.Result gc = Cli.run(ns.path(), "gc", "--dry-run");
        assertTrue(gc.out().contains("kept    remote  creator alive: pid=1\n"), gc::toString);

        final long killNs = PidNamespaces.killJvm(creator);
        ThreadDumps.await("ls to say the killed creator is dead", Duration.ofSeconds(30),
            () -> lsRow("remote").matches("remote +LONG +136 +1 +no \\(pidns \\d+\\) .*"));
        final long deadMs = (System.nanoTime() - killNs) / 1_000_000;
        System.out.println("ls: creator in another pid namespace shown dead " + deadMs + " ms after the kill");
        assertTrue(deadMs < Liveness.DEFAULT_STALE_AFTER_NS / 1_000_000 + Liveness.DEFAULT_HEARTBEAT_MS + 1_000,
            "shown dead " + deadMs + " ms after the kill");
        creator.waitFor(Duration.ofSeconds(30));
    }

    private String lsRow(final String name)
    {
        final Cli.Result result = Cli.run(ns.path(), "ls");
        assertEquals(0, result.exitCode(), result::toString);
        return result.out().lines().filter(line -> line.startsWith(name + " ")).findFirst().orElse(result.toString());
    }
}

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

import dev.mmipc.Namespace;
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.region.RegionOwner;
import dev.mmipc.region.RegionOwnerType;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.shared.SharedLongArray;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectCommandTest
{
    private static final long PID = ProcessHandle.current().pid();

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldShowEveryHeaderFieldAndTheValue()
    {
        try (SharedLong hits = SharedLong.create(Namespace.of(ns.directory()), "hits", 42))
        {
            assertEquals(42, hits.get());
            final Cli.Result result = Cli.run(ns.path(), "inspect", "hits");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("", result.err());
            final List<String> lines = result.out().lines().toList();
            assertEquals("name            hits", lines.get(0));
            assertEquals("file            " + ns.path().resolve("hits"), lines.get(1));
            assertEquals("magic           ok", lines.get(2));
            assertEquals("version         1.0", lines.get(3));
            assertEquals("kind            LONG (code 2)", lines.get(4));
            assertEquals("state           ready (1)", lines.get(5));
            assertEquals("header length   128", lines.get(6));
            assertEquals("payload length  8", lines.get(7));
            assertEquals("file length     136", lines.get(8));
            assertEquals("truncated       no", lines.get(9));
            assertEquals("creator pid     " + PID, lines.get(10));
            assertTrue(lines.get(11).matches("creator start   \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(\\d+ ms\\)"), lines::toString);
            assertEquals("creator alive   yes", lines.get(12));
            assertTrue(lines.get(13).matches("created         \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(\\d+ ms\\)"), lines::toString);
            assertEquals("owner           none (named by its user)", lines.get(14));
            assertEquals("", lines.get(15));
            assertEquals("LONG state:", lines.get(16));
            assertEquals("  value  42", lines.get(17));
            assertEquals(18, lines.size(), result::toString);
        }
    }

    @Test
    void shouldShowArrayAndCountersState()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        try (SharedLongArray ids = SharedLongArray.create(namespace, "ids", new long[]{ 7, 8, 9 });
            SharedCounters counters = SharedCounters.create(namespace, "metrics", 4))
        {
            counters.allocate("requests").set(5);
            assertEquals(3, ids.length());

            final Cli.Result array = Cli.run(ns.path(), "inspect", "ids");
            assertEquals(0, array.exitCode(), array::toString);
            assertTrue(array.out().contains("\nLONG_ARRAY state:\n  length          3\n  element_bytes   8\n" +
                "  size_bytes      24\n  elements        7,8,9\n  elements_shown  3\n"), array::toString);

            final Cli.Result metrics = Cli.run(ns.path(), "inspect", "metrics");
            assertEquals(0, metrics.exitCode(), metrics::toString);
            assertTrue(metrics.out().contains("\nCOUNTERS state:\n  capacity  "), metrics::toString);
            assertTrue(metrics.out().contains("\n  allocated             1\n"), metrics::toString);
            assertTrue(metrics.out().contains("\n  counter 0             value=5, type=0, label=requests\n"), metrics::toString);
        }
    }

    @Test
    void shouldSayWhichPoolOfWhichProcessAnInternalRegionBelongsTo()
    {
        final Namespace pools = Namespace.of(ns.directory().withOwner(new RegionOwner(RegionOwnerType.POOL, 3)));
        try (SharedLongArray slots = SharedLongArray.create(pools, "pool-" + PID + "-3-slots", 16))
        {
            assertEquals(16, slots.length());
            final Cli.Result result = Cli.run(ns.path(), "inspect", slots.name());

            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.out().contains("\nowner           internal to pool pool-" + PID + "-3 of pid " + PID + "\n"),
                result::toString);
        }
    }

    @Test
    void shouldReportUnreadableKindState()
    {
        Region.create(ns.directory(), "raw", RegionKind.LONG, 8, Region.ZEROED).close();

        final Cli.Result result = Cli.run(ns.path(), "inspect", "raw");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.out().contains("magic           ok\n"), result::toString);
        assertEquals("region state unreadable: name=raw, kind=LONG, error=shared element size mismatch: name=raw, " +
            "kind=LONG, expected=8, actual=0\n", result.err());
    }

    @Test
    void shouldExitOneWhenTheRegionIsMissing()
    {
        final Cli.Result result = Cli.run(ns.path(), "inspect", "nope");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertEquals("region not found: name=nope, dir=" + ns.path() + "\n", result.err());
    }

    @Test
    void shouldExitTwoOnAnInvalidName()
    {
        final Cli.Result result = Cli.run(ns.path(), "inspect", "../x");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertEquals("invalid region name: name=\"../x\", length=4, reason=contains a path separator, " +
            "pattern=[A-Za-z0-9][A-Za-z0-9._-]{0,127}\n", result.err());
    }

    @Test
    void shouldShowTheStoredFieldsOfABrokenFileAndExitOne() throws Exception
    {
        final ByteBuffer header = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        header.putLong(0, 0x1122334455667788L).putShort(8, (short)1).putShort(12, (short)77).putShort(14, (short)1);
        header.putLong(16, 128).putLong(24, 128).putLong(32, 4242);
        Files.write(ns.path().resolve("bad"), header.array());

        final Cli.Result result = Cli.run(ns.path(), "inspect", "bad");

        assertEquals(1, result.exitCode(), result::toString);
        assertTrue(result.out().contains("magic           mismatch (0x1122334455667788)\n"), result::toString);
        assertTrue(result.out().contains("kind            unknown (code 77)\n"), result::toString);
        assertTrue(result.out().contains("owner word      0x0\n"), result::toString);
        assertTrue(result.out().contains("creator pid     4242\n"), result::toString);
        assertTrue(result.out().contains("file length     256\ntruncated       no\n"), result::toString);
        assertEquals("region magic mismatch: name=bad, file=" + ns.path().resolve("bad") +
            ", expected=0x47522d4350494d4d, actual=0x1122334455667788\n", result.err());
    }
}

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
import dev.mmipc.counters.SharedCounter;
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.shared.SharedDouble;
import dev.mmipc.shared.SharedIntArray;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatCommandTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldShowEveryCounterAndValue() throws Exception
    {
        final Namespace namespace = Namespace.of(ns.directory());
        try (SharedCounters metrics = SharedCounters.create(namespace, "metrics", 8);
            SharedLong hits = SharedLong.create(namespace, "hits", 42);
            SharedDouble temp = SharedDouble.create(namespace, "temp", 36.5);
            SharedIntArray small = SharedIntArray.create(namespace, "small", new int[]{ 1, 2, 3 });
            SharedIntArray wide = SharedIntArray.create(namespace, "wide", IntStream.range(0, 20).toArray()))
        {
            final SharedCounter requests = metrics.allocate("requests");
            final SharedCounter errors = metrics.allocate("errors total");
            requests.set(1234);
            errors.set(-1);
            Region.create(ns.directory(), "jobs", RegionKind.QUEUE, 64, Region.ZEROED).close();
            Files.write(ns.path().resolve("bad"), new byte[200]);
            assertEquals(42, hits.get());
            assertEquals(36.5, temp.get());
            assertEquals(3, small.length());
            assertEquals(20, wide.length());

            final Cli.Result result = Cli.run(ns.path(), "stat");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("", result.err());
            final List<String> lines = result.out().lines().toList();
            assertEquals(List.of(
                "REGION   KIND       ID  LABEL         VALUE",
                "bad      error: region magic mismatch: name=bad, file=" + ns.path().resolve("bad") +
                    ", expected=0x47522d4350494d4d, actual=0x0",
                "hits     LONG       -   value         42",
                "metrics  COUNTERS   0   requests      1234",
                "metrics  COUNTERS   1   errors total  -1",
                "small    INT_ARRAY  -   length=3      [1, 2, 3]",
                "temp     DOUBLE     -   value         36.5",
                "wide     INT_ARRAY  -   length=20     [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, ...]"),
                lines);
        }
    }

    @Test
    void shouldShowOnlyTheNamedRegionsAndExitOneForAMissingOne()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        try (SharedLong hits = SharedLong.create(namespace, "hits", 7);
            SharedLong other = SharedLong.create(namespace, "other", 8))
        {
            assertEquals(8, other.get());
            hits.set(9);

            final Cli.Result result = Cli.run(ns.path(), "stat", "hits", "nope");

            assertEquals(1, result.exitCode(), result::toString);
            assertEquals("REGION  KIND  ID  LABEL  VALUE\nhits    LONG  -   value  9\n", result.out());
            assertEquals("region not found: name=nope, dir=" + ns.path() + "\n", result.err());
        }
    }

    @Test
    void shouldShowAnErrorRowForAnUnreadableValue()
    {
        Region.create(ns.directory(), "raw", RegionKind.LONG, 8, Region.ZEROED).close();

        final Cli.Result result = Cli.run(ns.path(), "stat");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("REGION  KIND  ID  LABEL  VALUE\n" +
            "raw     error: shared element size mismatch: name=raw, kind=LONG, expected=8, actual=0\n", result.out());
    }

    @Test
    void shouldSayWhenThereIsNothingToShow()
    {
        Region.create(ns.directory(), "jobs", RegionKind.QUEUE, 64, Region.ZEROED).close();

        final Cli.Result result = Cli.run(ns.path(), "stat");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("no counters or values: dir=" + ns.path() + "\n", result.out());
    }

    @Test
    void shouldRefreshUntilCountReached()
    {
        try (SharedCounters metrics = SharedCounters.create(Namespace.of(ns.directory()), "metrics", 4))
        {
            metrics.allocate("ticks").set(3);

            final long startNs = System.nanoTime();
            final Cli.Result result = Cli.run(ns.path(), "stat", "--watch", "0.05", "--count", "3");
            final long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;

            assertEquals(0, result.exitCode(), result::toString);
            final List<String> lines = result.out().lines().toList();
            assertEquals(9, lines.size(), result::toString);
            for (int i = 0; i < 3; i++)
            {
                assertTrue(lines.get(3 * i).matches("every 0\\.05s: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d, dir=" +
                    java.util.regex.Pattern.quote(ns.path().toString()) + ", refresh=" + (i + 1)), lines::toString);
                assertEquals("metrics  COUNTERS  0   ticks  3", lines.get(3 * i + 2));
            }
            assertTrue(elapsedMs >= 100, "two pauses of 50 ms: elapsed_ms=" + elapsedMs);
        }
    }

    @Test
    void shouldRejectBadWatchOptions()
    {
        final Cli.Result countAlone = Cli.run(ns.path(), "stat", "--count", "2");
        assertEquals(2, countAlone.exitCode(), countAlone::toString);
        assertTrue(countAlone.err().startsWith("--count needs --watch: count=2\n"), countAlone::toString);

        final Cli.Result zero = Cli.run(ns.path(), "stat", "--watch", "0");
        assertEquals(2, zero.exitCode(), zero::toString);
        assertTrue(zero.err().startsWith("watch interval out of range: seconds=0.0"), zero::toString);

        final Cli.Result notANumber = Cli.run(ns.path(), "stat", "--watch", "soon");
        assertEquals(2, notANumber.exitCode(), notANumber::toString);
        assertTrue(notANumber.err().startsWith("Invalid value for option '--watch': 'soon' is not a double"),
            notANumber::toString);

        final Cli.Result invalidName = Cli.run(ns.path(), "stat", "a/b");
        assertEquals(2, invalidName.exitCode(), invalidName::toString);
        assertTrue(invalidName.err().startsWith("invalid region name: name=\"a/b\""), invalidName::toString);
    }
}

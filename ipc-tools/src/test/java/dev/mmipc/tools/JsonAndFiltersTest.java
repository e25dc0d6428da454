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
import dev.mmipc.codec.Codecs;
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeEnd;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --json} of {@code stat}, {@code inspect}, {@code rm} and {@code gc}, parsed by a strict JSON parser (numbers
 * must come out as numbers), and {@code stat}'s {@code --kind} and {@code --label} filters.
 */
class JsonAndFiltersTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }

    @Test
    void shouldPrintStatAsJsonWithNumbersAsNumbers()
    {
        try (SharedCounters metrics = SharedCounters.create(namespace(), "metrics", 8);
             SharedLong hits = SharedLong.create(namespace(), "hits", 42);
             SharedDouble temp = SharedDouble.create(namespace(), "temp", 36.5);
             SharedIntArray small = SharedIntArray.create(namespace(), "small", new int[]{ 1, 2, 3 }))
        {
            metrics.allocate("requests \"sent\"").set(1234);
            assertEquals(42, hits.get());
            assertEquals(36.5, temp.get());
            assertEquals(3, small.length());

            final Cli.Result result = Cli.run(ns.path(), "stat", "--json");

            assertEquals(0, result.exitCode(), result::toString);
            final List<Object> rows = JsonParser.array(result.out());
            assertEquals(4, rows.size(), result::toString);
            assertEquals(Map.of("region", "hits", "kind", "LONG", "label", "value", "value", 42L),
                withoutNullId(rows.get(0)));
            final Map<?, ?> counter = (Map<?, ?>)rows.get(1);
            assertEquals("metrics", counter.get("region"));
            assertEquals(0L, counter.get("id"), "an id is a number");
            assertEquals("requests \"sent\"", counter.get("label"), "escaped and read back");
            assertEquals(1234L, counter.get("value"));
            assertEquals("[1, 2, 3]", ((Map<?, ?>)rows.get(2)).get("value"), "an array's elements as shown");
            assertEquals(36.5, ((Map<?, ?>)rows.get(3)).get("value"));
            assertTrue(((Map<?, ?>)rows.get(0)).containsKey("id"));
            assertNull(((Map<?, ?>)rows.get(0)).get("id"), "a value has no id: null");
        }
    }

    private static Map<?, ?> withoutNullId(final Object row)
    {
        final Map<Object, Object> copy = new java.util.HashMap<>((Map<?, ?>)row);
        copy.remove("id");
        return copy;
    }

    @Test
    void shouldFilterStatByKindAndByLabelGlob()
    {
        try (SharedCounters metrics = SharedCounters.create(namespace(), "metrics", 8);
             SharedLong hits = SharedLong.create(namespace(), "hits", 7))
        {
            metrics.allocate("messages sent").set(1);
            metrics.allocate("messages received").set(2);
            metrics.allocate("errors").set(3);
            assertEquals(7, hits.get());

            final Cli.Result counters = Cli.run(ns.path(), "stat", "--kind", "counters");
            assertEquals(0, counters.exitCode(), counters::toString);
            assertEquals(List.of("REGION   KIND      ID  LABEL              VALUE",
                "metrics  COUNTERS  0   messages sent      1",
                "metrics  COUNTERS  1   messages received  2",
                "metrics  COUNTERS  2   errors             3"), counters.out().lines().toList());

            final Cli.Result values = Cli.run(ns.path(), "stat", "--kind", "LONG,DOUBLE");
            assertEquals(List.of("REGION  KIND  ID  LABEL  VALUE", "hits    LONG  -   value  7"),
                values.out().lines().toList());

            final Cli.Result substring = Cli.run(ns.path(), "stat", "--label", "*sent*");
            assertEquals(List.of("REGION   KIND      ID  LABEL          VALUE",
                "metrics  COUNTERS  0   messages sent  1"), substring.out().lines().toList());

            final Cli.Result glob = Cli.run(ns.path(), "stat", "--label", "messages r*", "--json");
            final List<Object> rows = JsonParser.array(glob.out());
            assertEquals(List.of("messages received"), rows.stream().map(r -> ((Map<?, ?>)r).get("label")).toList());

            final Cli.Result whole = Cli.run(ns.path(), "stat", "--label", "sent");
            assertEquals("no counters or values: dir=" + ns.path() + "\n", whole.out(),
                "a glob matches the whole label: 'sent' alone is not a substring search");
        }
    }

    @Test
    void shouldRefuseAnUnknownKindWithUsageErrorNamingTheValidOnes()
    {
        final Cli.Result result = Cli.run(ns.path(), "stat", "--kind", "QUEUES");

        assertEquals(ExitCodes.USAGE, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("unknown region kind: kind=QUEUES, valid=[BYTES, LONG, INT, DOUBLE, " +
            "LONG_ARRAY, INT_ARRAY, DOUBLE_ARRAY, COUNTERS, QUEUE, PIPE, SYNC, QUEUE_TASKS]"), result::toString);
    }

    @Test
    void shouldPrintInspectAsJsonWithEveryInspectorFieldTyped() throws Exception
    {
        try (Pipe pipe = Pipe.create(namespace(), "chat", false, 4096);
             Connection<byte[]> second = Pipe.connect(namespace(), "chat", PipeEnd.SECOND, Codecs.bytes()))
        {
            second.sendBytes(new byte[100]);
            final Cli.Result result = Cli.run(ns.path(), "inspect", "chat", "--json");

            assertEquals(0, result.exitCode(), result::toString);
            final Map<String, Object> obj = JsonParser.object(result.out());
            assertEquals("chat", obj.get("name"));
            assertEquals("PIPE", obj.get("kind"));
            assertEquals(10L, obj.get("kind_code"));
            assertEquals("ready", obj.get("state"));
            assertEquals(ProcessHandle.current().pid(), obj.get("creator_pid"));
            assertEquals(Boolean.TRUE, obj.get("creator_alive"));
            assertEquals(Boolean.FALSE, obj.get("truncated"));
            assertInstanceOf(Long.class, obj.get("created_ms"));
            assertNull(obj.get("owner"));
            final Map<?, ?> state = (Map<?, ?>)obj.get("state_fields");
            assertEquals("one-way", state.get("mode"));
            assertEquals(4096L, state.get("capacity_bytes"), "a number as a number");
            assertTrue((Long)state.get("to_first_bytes") >= 100, state::toString);

            // every key the inspector returns, in its order: the JSON renders whatever an inspector gives
            try (Region region = Region.open(ns.directory(), "chat", null, 0))
            {
                final Map<String, String> described = KindInspectors.forKind(RegionKind.PIPE).orElseThrow().describe(region);
                assertEquals(List.copyOf(described.keySet()), List.copyOf(state.keySet()));
            }
            assertEquals("chat", pipe.name());
        }
    }

    @Test
    void shouldPrintAnUnreadableStateAsNullWithItsErrorAndExitOne()
    {
        // every kind has an inspector (KindInspectorsTest guards that); a zeroed task count has no valid layout
        Region.create(ns.directory(), "raw", RegionKind.QUEUE_TASKS, 64, Region.ZEROED).close();

        final Cli.Result result = Cli.run(ns.path(), "inspect", "raw", "--json");

        assertEquals(1, result.exitCode(), result::toString);
        final Map<String, Object> obj = JsonParser.object(result.out());
        assertEquals("QUEUE_TASKS", obj.get("kind"));
        assertTrue(obj.containsKey("state_fields"));
        assertEquals(null, obj.get("state_fields"));
        assertTrue(((String)obj.get("error")).startsWith("region state unreadable: name=raw, kind=QUEUE_TASKS"), result::toString);
    }

    @Test
    void shouldPrintABrokenRegionAsJsonWithItsErrorAndExitOne() throws Exception
    {
        Files.write(ns.path().resolve("bad"), new byte[200]);

        final Cli.Result result = Cli.run(ns.path(), "inspect", "bad", "--json");

        assertEquals(1, result.exitCode(), result::toString);
        final Map<String, Object> obj = JsonParser.object(result.out());
        assertEquals(200L, obj.get("file_length"));
        assertEquals("mismatch", obj.get("magic"));
        assertTrue(((String)obj.get("error")).startsWith("region magic mismatch: name=bad"), result::toString);
    }

    @Test
    void shouldPrintRmAsJson()
    {
        SharedLong.create(namespace(), "gone", 1).close();
        try (SharedLong held = SharedLong.create(namespace(), "held", 2))
        {
            final Cli.Result result = Cli.run(ns.path(), "rm", "--json", "gone", "held", "nope");

            assertEquals(1, result.exitCode(), result::toString);
            final List<Object> rows = JsonParser.array(result.out());
            assertEquals(Map.of("name", "gone", "removed", true, "in_use", false), rows.get(0));
            final Map<?, ?> refused = (Map<?, ?>)rows.get(1);
            assertEquals(Boolean.FALSE, refused.get("removed"));
            assertEquals(Boolean.TRUE, refused.get("in_use"));
            assertTrue(((String)refused.get("error")).startsWith("region in use, not removed: name=held"));
            assertEquals(Boolean.FALSE, ((Map<?, ?>)rows.get(2)).get("removed"));
            assertTrue(((String)((Map<?, ?>)rows.get(2)).get("error")).startsWith("region not found: name=nope"));
            assertFalse(Files.exists(ns.path().resolve("gone")));
            assertEquals(2, held.get());
        }
    }

    @Test
    void shouldPrintGcAsJson()
    {
        try (SharedLong alive = SharedLong.create(namespace(), "alive", 1))
        {
            final Cli.Result result = Cli.run(ns.path(), "gc", "--json", "--dry-run");

            assertEquals(0, result.exitCode(), result::toString);
            final Map<String, Object> obj = JsonParser.object(result.out());
            assertEquals(ns.path().toString(), obj.get("dir"));
            assertEquals(Boolean.TRUE, obj.get("dry_run"));
            assertEquals(0L, obj.get("would_remove"));
            assertEquals(1L, obj.get("kept"));
            assertEquals(List.of(Map.of("action", "kept", "name", "alive",
                "reason", "creator alive: pid=" + ProcessHandle.current().pid())), obj.get("regions"));
            assertEquals(1, alive.get());
        }
    }

    @Test
    void shouldRejectWhatIsNotJson()
    {
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse("{\"a\": 1,}"));
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse("{\"a\": \"1\"} x"));
        assertThrows(IllegalArgumentException.class, () -> JsonParser.parse("[01]"));
        assertEquals(List.of(1L, 2.5, "x", true), JsonParser.parse("[1, 2.5, \"x\", true]"));
    }
}

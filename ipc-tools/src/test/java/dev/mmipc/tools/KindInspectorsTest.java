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
import dev.mmipc.pipe.Pipe;
import dev.mmipc.queue.JoinableQueue;
import dev.mmipc.queue.JoinableQueueDescriptor;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.region.RegionKind;
import dev.mmipc.shared.SharedBytes;
import dev.mmipc.shared.SharedDouble;
import dev.mmipc.shared.SharedDoubleArray;
import dev.mmipc.shared.SharedInt;
import dev.mmipc.shared.SharedIntArray;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.shared.SharedLongArray;
import dev.mmipc.sync.Event;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inspector registry is complete: every {@link RegionKind} has an inspector, and {@code mmipc inspect} decodes
 * a real region of every kind.
 */
class KindInspectorsTest
{
    /**
     * Makes one real region of a kind, in a known state; returns the handle to close and the name to inspect.
     */
    private record Made(AutoCloseable handle, String name)
    {
    }

    private static final Map<RegionKind, BiFunction<Namespace, String, Made>> MAKERS = new EnumMap<>(RegionKind.class);

    static
    {
        MAKERS.put(RegionKind.BYTES, (ns, name) -> new Made(SharedBytes.create(ns, name, 4), name));
        MAKERS.put(RegionKind.LONG, (ns, name) -> new Made(SharedLong.create(ns, name, 7), name));
        MAKERS.put(RegionKind.INT, (ns, name) -> new Made(SharedInt.create(ns, name, 7), name));
        MAKERS.put(RegionKind.DOUBLE, (ns, name) -> new Made(SharedDouble.create(ns, name, 7.5), name));
        MAKERS.put(RegionKind.LONG_ARRAY, (ns, name) -> new Made(SharedLongArray.create(ns, name, 3), name));
        MAKERS.put(RegionKind.INT_ARRAY, (ns, name) -> new Made(SharedIntArray.create(ns, name, 3), name));
        MAKERS.put(RegionKind.DOUBLE_ARRAY, (ns, name) -> new Made(SharedDoubleArray.create(ns, name, 3), name));
        MAKERS.put(RegionKind.COUNTERS, (ns, name) -> new Made(SharedCounters.create(ns, name, 4), name));
        MAKERS.put(RegionKind.QUEUE, (ns, name) -> new Made(MessageQueue.create(ns, name, QueueMode.MANY_TO_ONE, 1024), name));
        MAKERS.put(RegionKind.PIPE, (ns, name) -> new Made(Pipe.create(ns, name), name));
        MAKERS.put(RegionKind.SYNC, (ns, name) -> new Made(Event.create(ns, name), name));
        MAKERS.put(RegionKind.QUEUE_TASKS, (ns, name) -> new Made(
            JoinableQueue.create(ns, name, QueueMode.MANY_TO_MANY, 4096, Codecs.utf8()),
            JoinableQueueDescriptor.tasksRegionName(name)));
    }

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldHaveAnInspectorForEveryRegionKind()
    {
        final List<RegionKind> missing = new ArrayList<>();
        for (final RegionKind kind : RegionKind.values())
        {
            if (KindInspectors.forKind(kind).isEmpty())
            {
                missing.add(kind);
            }
        }
        assertEquals(List.of(), missing, "region kinds without an inspector in KindInspectors");
    }

    @Test
    void shouldMakeARegionOfEveryKindForTheDecodeTest()
    {
        final List<RegionKind> missing = new ArrayList<>();
        for (final RegionKind kind : RegionKind.values())
        {
            if (!MAKERS.containsKey(kind))
            {
                missing.add(kind);
            }
        }
        assertEquals(List.of(), missing, "region kinds that shouldDecodeARealRegionOfEveryKind cannot make");
    }

    @ParameterizedTest
    @EnumSource(RegionKind.class)
    void shouldDecodeARealRegionOfEveryKind(final RegionKind kind) throws Exception
    {
        final BiFunction<Namespace, String, Made> maker = MAKERS.get(kind);
        assertNotNull(maker, "no maker for " + kind);
        final Made made = maker.apply(Namespace.of(ns.directory()), "r" + kind.code());
        try (AutoCloseable handle = made.handle())
        {
            assertNotNull(handle);
            final Cli.Result result = Cli.run(ns.path(), "inspect", made.name());

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("", result.err());
            assertTrue(result.out().contains("\nkind            " + kind.name() + " (code " + kind.code() + ")\n"),
                result::toString);
            assertFalse(result.out().contains("not decoded"), result::toString);
            assertFalse(Inspected.state(result, kind.name()).isEmpty(), result::toString);
        }
    }
}

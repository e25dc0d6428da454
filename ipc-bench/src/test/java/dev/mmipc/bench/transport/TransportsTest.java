/*
 * Copyright © 2026 the mmipc authors (${email})
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
package dev.mmipc.bench.transport;

import dev.mmipc.bench.TransportBenchmark;
import dev.mmipc.bench.report.Report;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards of the transport registry: every registered transport answers to its name, is in the JMH parameter list
 * (so {@code java -jar benchmarks.jar} runs it too), has a place in the report's ratio table, says how it is set
 * up, and what it wraps exists; fault-injecting names parse, and bad ones are refused naming the form.
 */
class TransportsTest
{
    @Test
    void shouldCreateEveryTransportUnderItsOwnName()
    {
        for (final String name : Transports.names())
        {
            final Transport t = Transports.create(name);
            assertEquals(name, t.name());
            assertTrue(t.maxMessageLength() >= 64 * 1024, name + " carries the largest default size");
            assertTrue(!t.describe(256).isBlank(), name);
            if (null != t.wraps())
            {
                assertTrue(Transports.names().contains(t.wraps()), name + " wraps " + t.wraps());
            }
        }
    }

    @Test
    void shouldListEveryTransportInTheJmhParameters() throws Exception
    {
        final Param param = TransportBenchmark.class.getField("transport").getAnnotation(Param.class);
        assertEquals(Transports.names(), List.of(param.value()));
    }

    @Test
    void shouldGiveEveryTransportARowInTheReportsRatios()
    {
        final List<String> placed = new ArrayList<>(List.of(Report.MMIPC, Report.MMIPC_M2M, "agrona"));
        placed.addAll(Report.comparedWithMmipc());
        assertEquals(Transports.names().stream().sorted().toList(), placed.stream().sorted().toList());
    }

    @Test
    void shouldParseFaultInjectingNamesAndRefuseBadOnes()
    {
        final Transport t = Transports.create("fault-corrupt-7:uds-batched");
        assertEquals("fault-corrupt-7:uds-batched", t.name());
        assertTrue(t.batchesWrites());
        assertTrue(t.describe(64).endsWith("; the peer's message 7: CORRUPT"), t.describe(64));
        final IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
            () -> Transports.create("fault-melt-7:agrona"));
        assertEquals("fault transport name invalid: name=fault-melt-7:agrona, form=fault-KIND-AT:INNER, " +
            "kinds=[DROP, DUPLICATE, REORDER, CORRUPT]", kind.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transports.create("fault-drop-99999999999999999999:agrona"));
        assertThrows(IllegalArgumentException.class, () -> Transports.create("fault-drop-1"));
        assertEquals("unknown transport: name=carrier-pigeon, known=" + Transports.names(),
            assertThrows(IllegalArgumentException.class, () -> Transports.create("carrier-pigeon")).getMessage());
    }
}

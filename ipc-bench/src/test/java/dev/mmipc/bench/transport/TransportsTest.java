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
package dev.mmipc.bench.transport;

import dev.mmipc.bench.TransportBenchmark;
import dev.mmipc.bench.report.Report;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards of the transport registry: every registered transport answers to its name, is in the JMH parameter list
 * (so {@code java -jar benchmarks.jar} runs it too), its flags are in the JMH fork's and the test JVM's, its journal
 * flag tells the truth, it says how it is set up, and what it wraps exists; fault-injecting names parse, and bad
 * ones are refused naming the form. The report's ratio rows are derived from the registry ({@code ReportTest}).
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
        assertEquals(Transports.names(), List.of(param.value()),
            "TransportBenchmark's @Param list must be the registry's names, in its order");
    }

    @Test
    void shouldGiveTheBenchmarkForkAndTheTestJvmEveryFlagARegisteredTransportNeeds()
    {
        final List<String> fork = List.of(TransportBenchmark.class.getAnnotation(Fork.class).jvmArgsAppend());
        final List<String> testJvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertFalse(Transports.allJvmFlags().isEmpty(), "chronicle's flags are registered");
        for (final String flag : Transports.allJvmFlags())
        {
            assertTrue(fork.contains(flag), "TransportBenchmark's @Fork lacks " + flag);
            assertTrue(testJvm.contains(flag), "surefire's argLine (ipc-bench/pom.xml) lacks " + flag);
        }
        assertEquals(Transports.CHRONICLE_FLAGS, Transports.entry("fault-drop-3:chronicle").jvmFlags(),
            "a fault-injecting transport's processes need its inner transport's flags");
    }

    @Test
    void shouldRegisterAJournalExactlyWhereTheTransportNeverFills()
    {
        for (final Transports.Entry e : Transports.entries())
        {
            final Transport t = e.factory().get();
            long capacity;
            try
            {
                capacity = t.capacityMessages(256);
            }
            catch (final IllegalStateException ex)
            {
                capacity = 0; // a socket's buffers are known once connected: bounded, not a journal
            }
            assertEquals(e.journal(), capacity == -1, e.name());
            for (final String other : e.against())
            {
                assertTrue(Transports.names().contains(other), e.name() + " is read against " + other);
            }
        }
        assertEquals(Report.MMIPC, Transports.withRole(Transports.Role.SUBJECT).get(0), "the first subject stands for mmipc");
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

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
package dev.mmipc.bench;

import dev.mmipc.bench.transport.DeliveryCheckException;
import dev.mmipc.bench.transport.FaultInjectingTransport;
import dev.mmipc.bench.transport.FaultInjectingTransport.Fault;
import dev.mmipc.bench.transport.TransportPeer;
import dev.mmipc.test.ThreadDumps;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transport that breaks one message fails the trial: a real peer JVM sends through
 * {@link FaultInjectingTransport}, which drops, duplicates, reorders or corrupts message 100 of a stream (or echo 5
 * of a round trip), and the benchmark's checks ({@link TransportTrial}) must throw at exactly that message, having
 * counted only what came before it. The same transports without a fault deliver thousands of messages cleanly, so
 * the checks do not fail everything. Each fault over another transport: shared-memory rings and sockets, written
 * one message at a time and in batches (every transport's clean delivery is in {@code BenchmarkSmokeTest}).
 */
class FaultInjectionTest
{
    private static final int LENGTH = 256;
    private static final long AT = 100;

    @RegisterExtension
    final NoLeftovers noLeftovers = new NoLeftovers();

    @ParameterizedTest
    @CsvSource({
        "DROP, agrona, sequence, 'expected=100, actual=101', 99",
        "DUPLICATE, uds, sequence, 'expected=101, actual=100', 100",
        "REORDER, mmipc-one-to-one, sequence, 'expected=100, actual=101', 99",
        "CORRUPT, uds-batched, checksum, 'sequence=100', 99" })
    void shouldFailAStreamAtTheBrokenMessage(
        final Fault fault, final String inner, final String check, final String detail, final long deliveredBefore) throws Exception
    {
        try (TransportTrial trial = TransportTrial.start(FaultInjectingTransport.nameOf(fault, AT, inner), LENGTH,
            TransportPeer.Role.PRODUCE, null))
        {
            final DeliveryCheckException ex = assertThrows(DeliveryCheckException.class, () -> stream(trial, 10_000));
            assertEquals(check, ex.check(), ex.getMessage());
            assertTrue(ex.getMessage().startsWith("delivery check failed: check=" + check + ", transport=fault-" +
                fault.name().toLowerCase(java.util.Locale.ROOT) + "-100:" + inner + ", "), ex.getMessage());
            assertTrue(ex.getMessage().contains(detail), ex.getMessage());
            assertEquals(deliveredBefore, trial.delivered(), "only the messages before the broken one count");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "agrona", "uds-batched" })
    void shouldDeliverTheSameStreamWithoutAFault(final String transport) throws Exception
    {
        try (TransportTrial trial = TransportTrial.start(transport, LENGTH, TransportPeer.Role.PRODUCE, null))
        {
            stream(trial, 10_000);
            assertTrue(trial.delivered() >= 10_000, "delivered=" + trial.delivered());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "CORRUPT, agrona, checksum, 5",
        "DUPLICATE, tcp, sequence, 6" })
    void shouldFailTheRoundTripWhoseEchoIsBroken(final Fault fault, final String inner, final String check, final long failingTrip)
        throws Exception
    {
        try (TransportTrial trial = TransportTrial.start(FaultInjectingTransport.nameOf(fault, 5, inner), LENGTH,
            TransportPeer.Role.ECHO, null))
        {
            long trips = 1; // setup made round trip 1
            DeliveryCheckException failure = null;
            while (null == failure && trips < 50)
            {
                try
                {
                    trial.roundTrip();
                    trips++;
                }
                catch (final DeliveryCheckException ex)
                {
                    failure = ex;
                }
            }
            assertTrue(null != failure, "no round trip failed in " + trips);
            assertEquals(check, failure.check(), failure.getMessage());
            assertEquals(failingTrip, trips + 1, "the failing round trip: " + failure.getMessage());
        }
    }

    private static void stream(final TransportTrial trial, final long messages)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (trial.delivered() < messages)
        {
            trial.pollStream(64);
            if (System.nanoTime() - deadline > 0)
            {
                ThreadDumps.askForDump(trial.peerPid(), "the producer");
                ThreadDumps.dumpOwnThreads("stream stalled");
                throw new AssertionError("stream stalled: transport=" + trial.name() + ", delivered=" + trial.delivered());
            }
        }
    }
}

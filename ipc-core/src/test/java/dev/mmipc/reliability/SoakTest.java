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
package dev.mmipc.reliability;

import dev.mmipc.Namespace;
import dev.mmipc.codec.Codecs;
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.sync.Lock;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.ThreadDumps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.EOFException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Soak: a mixed workload across four child JVMs for {@code -Dmmipc.soak.seconds} (30 by default), checked to
 * the last message.
 * <ul>
 *   <li>queues of every mode carry (producer id, sequence, random payload, CRC32) messages: ONE_TO_ONE from
 *   child 0 to child 2, MANY_TO_ONE from children 0 and 1 to child 2, MANY_TO_MANY from children 0 and 1 to
 *   children 2 and 3; every consumer checks each CRC and that each producer's sequence rises, and the totals
 *   (count, sum and sum of squares of the sequences per producer) prove nothing was lost or duplicated;</li>
 *   <li>each producer counts its messages in a shared counters region, checked against what it sent;</li>
 *   <li>all four children increment a plain shared value under one {@code Lock}: the value must equal the sum of
 *   their increments;</li>
 *   <li>child 3 sends numbered random messages through a pipe to this JVM, which echoes them; the child checks
 *   each echo.</li>
 * </ul>
 * Memory must stay stable: each child's heap after a full GC grows by less than {@value #HEAP_SLACK_MB} MiB from a
 * third into the run to its end, and its open file descriptors and region mappings do not grow.
 * Every wait is bounded; a child that hangs dumps its threads (its own watchdog, or {@code kill -3} from here)
 * and the test fails with its output. The figures are printed as {@code soak: ...}.
 */
class SoakTest
{
    static final long SECONDS = Long.getLong("mmipc.soak.seconds", 30);
    /** Heap growth allowed from a third into the run to its end, after a full GC in both places. */
    static final long HEAP_SLACK_MB = 8;
    static final String[] QUEUES = {"q-one-to-one", "q-many-to-one", "q-many-to-many"};
    static final QueueMode[] MODES = {QueueMode.ONE_TO_ONE, QueueMode.MANY_TO_ONE, QueueMode.MANY_TO_MANY};

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldMoveEveryMessageIntactUnderAMixedWorkloadAcrossFourJvms() throws Exception
    {
        final Namespace namespace = Namespace.of(ns.directory());
        final List<AutoCloseable> handles = new ArrayList<>();
        final List<MessageQueue> queues = new ArrayList<>();
        for (int i = 0; i < QUEUES.length; i++)
        {
            final MessageQueue queue = MessageQueue.create(namespace, QUEUES[i], MODES[i], 64 * 1024);
            queues.add(queue);
            handles.add(queue);
        }
        handles.add(SharedCounters.create(namespace, "counters", 16));
        handles.add(Lock.create(namespace, "lock"));
        final SharedLong locked = SharedLong.create(namespace, "locked", 0);
        handles.add(locked);
        handles.add(Pipe.create(namespace, "echo", true, 64 * 1024));

        final AtomicLong echoed = new AtomicLong();
        final AtomicLong echoErrors = new AtomicLong();
        final Thread echo = new Thread(() -> echo(namespace, echoed, echoErrors), "soak-echo");
        echo.setDaemon(true);
        echo.start();

        final String s = Long.toString(SECONDS);
        final ChildJvm p0 = ns.startChild(SoakChild.class, "0", s,
            "produce:" + QUEUES[0], "produce:" + QUEUES[1], "produce:" + QUEUES[2], "lock");
        final ChildJvm p1 = ns.startChild(SoakChild.class, "1", s, "produce:" + QUEUES[1], "produce:" + QUEUES[2], "lock");
        final ChildJvm c2 = ns.startChild(SoakChild.class, "2", s,
            "consume:" + QUEUES[0], "consume:" + QUEUES[1], "consume:" + QUEUES[2], "lock");
        final ChildJvm c3 = ns.startChild(SoakChild.class, "3", s, "consume:" + QUEUES[2], "lock", "echo");
        final long startNs = System.nanoTime();
        final Duration bound = Duration.ofSeconds(SECONDS + 120);

        // producers stop at their deadline; then the stream of each queue ends, and the consumers drain it
        p0.awaitSuccess(bound);
        p1.awaitSuccess(bound);
        queues.forEach(MessageQueue::markClosed);
        c2.awaitSuccess(bound);
        c3.awaitSuccess(bound);
        echo.join(TimeUnit.SECONDS.toMillis(30));
        if (echo.isAlive())
        {
            ThreadDumps.dumpOwnThreads("echo thread still running");
            fail("echo thread still running after its peer exited");
        }
        final double elapsedS = (System.nanoTime() - startNs) / 1e9;

        final String output = p0.output() + p1.output() + c2.output() + c3.output();
        assertFalse(output.contains("MISMATCH") || output.contains("TIMEOUT"), output);

        // what was sent, per queue and producer, against the counters and what was received
        final Map<String, long[]> sent = new HashMap<>(); // count
        final Matcher sentLine = Pattern.compile("sent queue=(\\S+) producer=(\\d+) count=(\\d+) counter=(\\d+)").matcher(output);
        long messages = 0;
        while (sentLine.find())
        {
            final long count = Long.parseLong(sentLine.group(3));
            assertEquals(count, Long.parseLong(sentLine.group(4)), "counter differs from messages sent: " + sentLine.group());
            sent.put(sentLine.group(1) + "/" + sentLine.group(2), new long[] {count, 0, 0, 0});
            messages += count;
        }
        assertEquals(5, sent.size(), output);
        final Map<String, long[]> received = new HashMap<>();
        final Matcher receivedLine = Pattern.compile(
            "received queue=(\\S+) producer=(\\d+) count=(\\d+) sum=(-?\\d+) squares=(-?\\d+)").matcher(output);
        while (receivedLine.find())
        {
            final long[] r = received.computeIfAbsent(receivedLine.group(1) + "/" + receivedLine.group(2), (k) -> new long[3]);
            r[0] += Long.parseLong(receivedLine.group(3));
            r[1] += Long.parseLong(receivedLine.group(4));
            r[2] += Long.parseLong(receivedLine.group(5));
        }
        long mismatches = 0;
        for (final Map.Entry<String, long[]> entry : sent.entrySet())
        {
            final long n = entry.getValue()[0];
            final long[] r = received.getOrDefault(entry.getKey(), new long[3]);
            // sequences 0..n-1 exactly once: count n, sum n(n-1)/2, sum of squares (n-1)n(2n-1)/6
            // (modulo 2^64, as the children add them up)
            final BigInteger big = BigInteger.valueOf(n);
            final long squares = big.subtract(BigInteger.ONE).multiply(big)
                .multiply(big.shiftLeft(1).subtract(BigInteger.ONE)).divide(BigInteger.valueOf(6)).longValue();
            final long[] expected = {n, n * (n - 1) / 2, squares};
            for (int i = 0; i < 3; i++)
            {
                if (r[i] != expected[i])
                {
                    mismatches++;
                    System.out.println("soak mismatch: " + entry.getKey() + " field=" + i + " expected=" + expected[i] +
                        " actual=" + r[i]);
                }
            }
        }
        assertEquals(sent.keySet(), received.keySet(), output);

        long lockCount = 0;
        final Matcher lockLine = Pattern.compile("lock count=(\\d+)").matcher(output);
        int lockers = 0;
        while (lockLine.find())
        {
            lockCount += Long.parseLong(lockLine.group(1));
            lockers++;
        }
        assertEquals(4, lockers, output);
        if (locked.get() != lockCount)
        {
            mismatches++;
        }

        final Matcher echoLine = Pattern.compile("echo count=(\\d+)").matcher(output);
        assertTrue(echoLine.find(), output);
        final long echoes = Long.parseLong(echoLine.group(1));
        mismatches += echoErrors.get();

        // stable memory: from a third into the run to its end, heap after a full GC grows by less than
        // HEAP_SLACK_MB, and no file descriptor or mapping of a region is leaked
        final StringBuilder memory = new StringBuilder();
        final Matcher memoryLine = Pattern.compile("memory child=(\\d+) heap_mid_mb=(\\d+) heap_end_mb=(\\d+) " +
            "fds_mid=(\\d+) fds_end=(\\d+) mappings_mid=(\\d+) mappings_end=(\\d+)").matcher(output);
        int footprints = 0;
        while (memoryLine.find())
        {
            footprints++;
            final long[] f = new long[6];
            for (int i = 0; i < 6; i++)
            {
                f[i] = Long.parseLong(memoryLine.group(i + 2));
            }
            memory.append(memory.length() == 0 ? "" : "; ").append("heap_mb ").append(f[0]).append("->").append(f[1])
                .append(" fds ").append(f[2]).append("->").append(f[3]).append(" mappings ").append(f[4]).append("->").append(f[5]);
            assertTrue(f[1] <= f[0] + HEAP_SLACK_MB, "heap grew: " + memoryLine.group());
            assertTrue(f[3] <= f[2], "file descriptors leaked: " + memoryLine.group());
            assertTrue(f[5] <= f[4], "region mappings leaked: " + memoryLine.group());
        }
        assertEquals(4, footprints, output);
        System.out.printf("soak: seconds=%.1f, jvms=4, messages=%d, messages_per_s=%.0f, lock_increments=%d, " +
            "locked_value=%d, pipe_echoes=%d, counters=%d, children_mid_to_end=[%s], mismatches=%d%n",
            elapsedS, messages, messages / elapsedS, lockCount, locked.get(), echoes, sent.size(), memory, mismatches);
        assertEquals(lockCount, locked.get(), "lock lost an update");
        assertEquals(0, echoErrors.get(), "echo thread saw errors");
        assertEquals(0, mismatches);
        assertTrue(messages > 0 && lockCount > 0 && echoes > 0, output);
        assertTrue(echoed.get() >= echoes, () -> "echoed=" + echoed.get() + " < " + echoes);

        for (final AutoCloseable handle : handles)
        {
            handle.close();
        }
    }

    private static void echo(final Namespace namespace, final AtomicLong echoed, final AtomicLong errors)
    {
        try (Connection<String> first = Pipe.connect(namespace, "echo", PipeEnd.FIRST, Codecs.utf8()))
        {
            final byte[] buffer = new byte[first.maxMessageLength()];
            while (true)
            {
                final int length = first.recvBytesInto(buffer, 0);
                first.sendBytes(buffer, 0, length);
                echoed.incrementAndGet();
            }
        }
        catch (final EOFException ex)
        {
            // the child closed its end (or died): the normal end
        }
        catch (final Throwable ex)
        {
            errors.incrementAndGet();
            ex.printStackTrace(System.out);
        }
    }
}

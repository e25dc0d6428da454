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
import dev.mmipc.counters.CountersDescriptor;
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.exceptions.RegionFormatException;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeDescriptor;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueDescriptor;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.region.RegionKind;
import dev.mmipc.sync.SyncType;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class HeaderFuzzTest
{
    /** Change to replay another run; the child prints the seed of every failing case. */
    static final long SEED = Long.getLong("mmipc.fuzz.seed", 20_261_122L);
    static final int RANDOM_CASES_PER_KIND = Integer.getInteger("mmipc.fuzz.random", 250);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldCoverEveryRegionKindOrListItAsPending()
    {
        final Set<RegionKind> covered = EnumSet.noneOf(RegionKind.class);
        RegionTargets.TARGETS.values().forEach((target) -> covered.add(target.kind));
        for (final RegionKind kind : RegionKind.values())
        {
            assertTrue(covered.contains(kind) ^ RegionTargets.PENDING.contains(kind),
                "region kind must have exactly one of a fuzz target or a pending mark: kind=" + kind);
        }
        assertEquals(Set.of(), RegionTargets.PENDING);
        for (final QueueMode mode : QueueMode.values())
        {
            assertTrue(RegionTargets.TARGETS.containsKey("QUEUE." + mode), "queue mode without a fuzz target: " + mode);
        }
        for (final SyncType type : SyncType.values())
        {
            assertTrue(RegionTargets.TARGETS.containsKey("SYNC." + type), "sync type without a fuzz target: " + type);
        }
    }

    @Test
    void shouldAnswerCorruptHeadersOnlyWithTypedExceptions()
    {
        // in a child JVM, so that a crash is a failed child and not a dead test JVM
        final ChildJvm child = ns.startChild(HeaderFuzzer.class, Long.toString(SEED), Integer.toString(RANDOM_CASES_PER_KIND));
        final int status = child.waitFor(Duration.ofSeconds(180));
        final String output = child.output();
        assertEquals(0, status, () -> "fuzz child failed, status=" + status + "\n" + output);
        final Matcher m = Pattern.compile("fuzz: seed=\\d+, targets=(\\d+), cases=(\\d+), failures=0").matcher(output);
        assertTrue(m.find(), output);
        assertEquals(RegionTargets.TARGETS.size(), Integer.parseInt(m.group(1)));
        assertTrue(Integer.parseInt(m.group(2)) >= 5_000, output);
        System.out.println(output.lines().filter((l) -> l.startsWith("fuzz:")).findFirst().orElse(output));
    }

    @Test
    void shouldRefuseCorruptCounterLabelLengthInsteadOfAllocatingIt() throws IOException
    {
        // found by the fuzzer: Agrona's CountersReader allocates new byte[labelLength] from shared memory
        final Namespace namespace = Namespace.of(ns.directory());
        try (SharedCounters counters = SharedCounters.create(namespace, "counters", 2))
        {
            counters.allocate("ok");
        }
        final long labelLengthOffset = RegionDescriptor.HEADER_LENGTH + CountersDescriptor.METADATA_OFFSET +
            CountersReader.LABEL_OFFSET;
        for (final int length : new int[] {Integer.MAX_VALUE - 8, -1, CountersReader.MAX_LABEL_LENGTH + 1})
        {
            try (FileChannel channel = FileChannel.open(ns.path().resolve("counters"), StandardOpenOption.WRITE))
            {
                channel.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, length), labelLengthOffset);
            }
            try (SharedCounters counters = SharedCounters.open(namespace, "counters"))
            {
                final String expected = "counters label length invalid: name=counters, id=0, label_length=" + length +
                    ", max=" + CountersReader.MAX_LABEL_LENGTH;
                assertEquals(expected, assertThrows(RegionFormatException.class, () -> counters.label(0)).getMessage());
                final List<String> labels = new ArrayList<>();
                assertEquals(expected, assertThrows(RegionFormatException.class,
                    () -> counters.forEach((id, typeId, label, value) -> labels.add(label))).getMessage());
                assertThrows(RegionFormatException.class, () -> counters.reader().forEach((id, label) -> labels.add(label)));
                assertThrows(RegionFormatException.class,
                    () -> counters.reader().forEach((value, id, label) -> labels.add(label)));
                assertEquals(List.of(), labels);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(QueueMode.class)
    void shouldRefuseCorruptQueueRecordLengthInsteadOfHandingItToTheHandler(final QueueMode mode) throws IOException
    {
        // found by the fuzzer: a record length of 1..7 reached the handler as -7..-1, a huge one as itself
        final Namespace namespace = Namespace.of(ns.directory());
        final boolean slots = mode == QueueMode.MANY_TO_MANY;
        final long lengthOffset = RegionDescriptor.HEADER_LENGTH + QueueDescriptor.RING_OFFSET + (slots ? 8 : 0);
        // ring modes: 3 is read as 3 - 8 = -5; 1030 runs past the ring's end into its trailer (Agrona's read
        // zeroed the head and tail positions there, or failed its bounds check for 1 << 20); slots: the stored
        // length is the message length
        for (final int length : new int[] {slots ? -1 : 3, 1030, 1 << 20})
        {
            final String name = "q-" + Integer.toHexString(length);
            MessageQueue.create(namespace, name, mode, 1024).close();
            try (MessageQueue queue = MessageQueue.open(namespace, name))
            {
                assertTrue(queue.offer(new byte[] {1, 2, 3, 4}));
                try (FileChannel channel = FileChannel.open(ns.path().resolve(name), StandardOpenOption.WRITE))
                {
                    channel.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, length), lengthOffset);
                }
                final List<Integer> lengths = new ArrayList<>();
                final RuntimeException ex = assertThrows(RuntimeException.class,
                    () -> queue.poll((buffer, offset, messageLength) -> lengths.add(messageLength)));
                assertEquals(List.of(), lengths);
                assertInstanceOf(RegionFormatException.class, ex);
                assertEquals(slots ?
                    "queue slot length invalid: name=" + name + ", position=0, slot=0, length=" + length + ", max=112" :
                    "queue record length invalid: name=" + name + ", position=0, index=0, record_length=" + length +
                    ", capacity=1024", ex.getMessage());
                // the queue is marked corrupt: every later call says the same, and nothing more is delivered
                assertEquals(ex.getMessage(), assertThrows(RegionFormatException.class,
                    () -> queue.poll((buffer, offset, messageLength) -> lengths.add(messageLength))).getMessage());
                assertEquals(ex.getMessage(), assertThrows(RegionFormatException.class, queue::isEmpty).getMessage());
                assertEquals(ex.getMessage(), assertThrows(RegionFormatException.class,
                    () -> queue.offer(new byte[] {5})).getMessage());
                assertEquals(List.of(), lengths);
            }
            if (!slots)
            {
                // nothing was consumed or zeroed: the record is still there, the positions are intact
                try (Region raw = Region.open(ns.directory(), name, RegionKind.QUEUE))
                {
                    assertEquals(length, raw.payload().getInt(QueueDescriptor.RING_OFFSET));
                    assertEquals(0L, raw.payload().getLong(QueueDescriptor.RING_OFFSET + 1024 + 384), "head");
                }
            }
        }
    }

    @Test
    void shouldRefuseCorruptPipeRecordLengthInsteadOfAllocatingIt() throws Exception
    {
        // found by the fuzzer: recvBytes did new byte[-7] for a record length of 1
        final Namespace namespace = Namespace.of(ns.directory());
        Pipe.create(namespace, "pipe", true, 1024).close();
        try (Connection<String> first = Pipe.connect(namespace, "pipe", PipeEnd.FIRST, Codecs.utf8());
             Connection<String> second = Pipe.connect(namespace, "pipe", PipeEnd.SECOND, Codecs.utf8()))
        {
            second.sendBytes(new byte[] {1, 2, 3});
            second.sendBytes(new byte[] {4});
            final long lengthOffset = RegionDescriptor.HEADER_LENGTH + PipeDescriptor.ringOffset(PipeEnd.FIRST, 1024);
            try (FileChannel channel = FileChannel.open(ns.path().resolve("pipe"), StandardOpenOption.WRITE))
            {
                channel.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, 1), lengthOffset);
            }
            final RegionFormatException ex = assertThrows(RegionFormatException.class, () -> first.recvBytes(100));
            assertEquals("pipe record length invalid: name=pipe, end=FIRST, position=0, index=0, record_length=1, " +
                "capacity=1024", ex.getMessage());
            // refused before anything was consumed, and for good: every later call says the same
            assertEquals(ex.getMessage(), assertThrows(RegionFormatException.class, () -> first.recvBytes(100)).getMessage());
            assertEquals(ex.getMessage(), assertThrows(RegionFormatException.class, first::poll).getMessage());
        }
    }
}

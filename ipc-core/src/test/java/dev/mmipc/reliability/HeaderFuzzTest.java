package dev.mmipc.reliability;

import dev.mmipc.Namespace;
import dev.mmipc.RegionFormatException;
import dev.mmipc.counters.CountersDescriptor;
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

import org.agrona.concurrent.status.CountersReader;

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
        for (final RegionKind kind : RegionKind.values())
        {
            assertTrue(RegionTargets.TARGETS.containsKey(kind) ^ RegionTargets.PENDING.contains(kind),
                "region kind must have exactly one of a fuzz target or a pending mark: kind=" + kind);
        }
        final Set<RegionKind> covered = EnumSet.copyOf(RegionTargets.TARGETS.keySet());
        assertTrue(covered.containsAll(EnumSet.of(RegionKind.BYTES, RegionKind.LONG, RegionKind.COUNTERS)), covered::toString);
    }

    @Test
    void shouldAnswerCorruptHeadersOnlyWithTypedExceptions()
    {
        // in a child JVM, so that a crash is a failed child and not a dead test JVM
        final ChildJvm child = ns.startChild(HeaderFuzzer.class, Long.toString(SEED), Integer.toString(RANDOM_CASES_PER_KIND));
        final int status = child.waitFor(Duration.ofSeconds(180));
        final String output = child.output();
        assertEquals(0, status, () -> "fuzz child failed, status=" + status + "\n" + output);
        final Matcher m = Pattern.compile("fuzz: seed=\\d+, kinds=(\\d+), cases=(\\d+), failures=0").matcher(output);
        assertTrue(m.find(), output);
        assertEquals(RegionTargets.TARGETS.size(), Integer.parseInt(m.group(1)));
        assertTrue(Integer.parseInt(m.group(2)) >= 2_000, output);
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
}

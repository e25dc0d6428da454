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
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.shared.SharedBytes;
import dev.mmipc.shared.SharedLongArray;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.SyscallTrace;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What truncating a mapped region does, as the README says it, on JDK 17 (this JVM) and JDK 25 (run when
 * installed at {@value #JDK25_DEFAULT}, or where {@code -Dmmipc.jdk25.home} points). Another process cuts the
 * file under a child's mapping; the child then touches the lost pages:
 * <ul>
 *     <li>plain, opaque/acquire/volatile loads and stores and bulk copies, compiled or interpreted: HotSpot turns
 *     the SIGBUS into {@link InternalError} in the accessing thread and the JVM lives on; on JDK 17 the error
 *     arrives after the faulting call returned (that call read 0 or dropped its write), on JDK 25 the faulting
 *     call throws it;</li>
 *     <li>compare-and-set run by the interpreter (cold code): SIGBUS kills the JVM on both; get-and-add run by
 *     the interpreter kills JDK 17, while JDK 25 throws {@link InternalError} at the load before its
 *     compare-and-set;</li>
 *     <li>a fill of 100 bytes or more (Agrona's {@code setMemory}, which queue consumers use to zero what they
 *     read): SIGBUS kills JDK 17, compiled or not; JDK 25 throws {@link InternalError}.</li>
 * </ul>
 * mmipc itself never shortens a region file: a syscall trace of the library creating, opening, re-opening with
 * other parameters and unlinking regions shows no {@code truncate}, {@code ftruncate}, {@code fallocate} or
 * {@code O_TRUNC} on a namespace file.
 */
class TruncationTest
{
    static final String JDK25_DEFAULT = "/usr/lib/jvm/temurin-25-jdk-amd64";

    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);
    private static final int LENGTH = 1 << 16; // 512 KiB of payload: many pages
    private static final String INTERNAL_ERROR = "caught java.lang.InternalError: a fault occurred in ";
    private static final Pattern ASYNC = Pattern.compile("async inside=(\\d+) returned=(\\d+) later=(yes|no)");

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    /**
     * A JDK to run the child on.
     *
     * @param home    its home directory.
     * @param feature its feature version (17, 25).
     */
    record Jdk(Path home, int feature)
    {
        @Override
        public String toString()
        {
            return "jdk" + feature;
        }
    }

    /** What the child does once its pages are gone. */
    enum Outcome
    {
        /** Catches InternalError and exits 0. */
        SURVIVES,
        /** The JVM dies with SIGBUS in the named frame. */
        DIES
    }

    static Stream<Arguments> accesses()
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final Jdk jdk : jdks())
        {
            for (final String mode : List.of("plain", "volatile", "ordered", "copy", "loop", "write"))
            {
                cases.add(Arguments.of(jdk, mode, "", Outcome.SURVIVES, ""));
            }
            for (final String mode : List.of("plain", "volatile", "ordered", "copy", "write"))
            {
                cases.add(Arguments.of(jdk, mode, "-Xint", Outcome.SURVIVES, ""));
            }
            cases.add(Arguments.of(jdk, "cas", "-Xint", Outcome.DIES, "Unsafe_CompareAndSetLong"));
            // get-and-add is a volatile load then a compare-and-set loop: JDK 25 throws at the load
            cases.add(jdk.feature() >= 25 ?
                Arguments.of(jdk, "add", "-Xint", Outcome.SURVIVES, "") :
                Arguments.of(jdk, "add", "-Xint", Outcome.DIES, "Unsafe_CompareAndSetLong"));
            cases.add(jdk.feature() >= 25 ?
                Arguments.of(jdk, "fill", "", Outcome.SURVIVES, "") :
                Arguments.of(jdk, "fill", "", Outcome.DIES, "Copy::fill_to_memory_atomic"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @MethodSource("accesses")
    void shouldDoWhatTheReadmeSaysWhenTheMappedFileIsTruncated(
        final Jdk jdk, final String mode, final String flag, final Outcome outcome, final String frame)
        throws IOException
    {
        final String output = runTruncated(jdk, mode, flag);
        assertTrue(output.contains("truncated length=" + (RegionDescriptor.HEADER_LENGTH + 4096)), output);
        if (outcome == Outcome.SURVIVES)
        {
            assertTrue(output.contains(INTERNAL_ERROR), () -> "the reading JVM died or read on: " + output);
            assertTrue(output.contains("unsafe memory access operation"), output);
            return;
        }
        assertFalse(output.contains("caught ") || output.contains("read "), () -> "expected a crash: " + output);
        assertTrue(output.contains("SIGBUS"), output);
        assertTrue(output.contains(frame), () -> "expected a crash in " + frame + ": " + output);
        final List<String> crashLogs;
        try (Stream<Path> files = Files.list(ns.scratch()))
        {
            crashLogs = files.filter((p) -> p.getFileName().toString().startsWith("hs_err_")).map(TruncationTest::read)
                .filter((text) -> text.contains("SIGBUS") && text.contains(frame)).toList();
        }
        assertEquals(1, crashLogs.size(), "one crash log naming SIGBUS in " + frame);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void shouldThrowTheInternalErrorLaterOnJdk17AndInTheFaultingCallOnJdk25(final Jdk jdk) throws IOException
    {
        final String output = runTruncated(jdk, "async", "");
        final Matcher counts = ASYNC.matcher(output);
        assertTrue(counts.find(), output);
        final int inside = Integer.parseInt(counts.group(1));
        final int returned = Integer.parseInt(counts.group(2));
        final boolean later = counts.group(3).equals("yes");
        assertEquals(20, inside + returned, output);
        if (jdk.feature() >= 25)
        {
            assertEquals(20, inside, () -> "JDK 25 throws in the faulting call: " + output);
            assertFalse(later, output);
        }
        else
        {
            // the faulting call returned 0 as if all were well; the error came afterwards, outside its try block
            assertTrue(returned > 0 && later, () -> "JDK 17 throws after the faulting call returned: " + output);
        }
    }

    @Test
    void shouldSayWhenJdk25IsNotInstalled()
    {
        assumeTrue(jdk25().isPresent(), "JDK 25 not installed at " + jdk25Home() + ": truncation checked on " +
            "this JDK only (set -Dmmipc.jdk25.home to another JDK 25)");
        assertEquals(25, jdk25().orElseThrow().feature());
    }

    @Test
    void shouldNeverShortenARegionFileItself()
    {
        final Optional<Path> strace = SyscallTrace.strace();
        assumeTrue(strace.isPresent(), "strace not installed: system calls cannot be traced");
        final Path log = ns.scratch().resolve("strace.log");
        final ChildJvm child = ns.startChild(SyscallTrace.traced(strace.get(), log), RegionLifecycle.class);
        child.awaitSuccess(CHILD_TIMEOUT);
        assertTrue(child.output().contains("lifecycle done"), child.output());
        // handles to one file share one descriptor (RegionFiles), so a lifecycle opens each file about once
        final int traced = SyscallTrace.linesUnder(log, ns.path()).size();
        assertTrue(traced >= 10, "the trace must see the namespace's files: lines=" + traced);
        assertEquals(List.of(), SyscallTrace.truncationsUnder(log, ns.path()));
    }

    private String runTruncated(final Jdk jdk, final String mode, final String flag) throws IOException
    {
        final Namespace namespace = Namespace.of(ns.directory());
        if (mode.equals("fill"))
        {
            SharedBytes.create(namespace, "victim", LENGTH * Long.BYTES).close();
        }
        else
        {
            try (SharedLongArray array = SharedLongArray.create(namespace, "victim", LENGTH))
            {
                array.set(LENGTH - 1, 42);
            }
        }
        final ChildJvm.Options options = new ChildJvm.Options().javaHome(jdk.home()).jvmArgs(
            "-XX:ErrorFile=" + ns.scratch().resolve("hs_err_%p.log"), "-XX:-CreateCoredumpOnCrash");
        if (!flag.isEmpty())
        {
            options.jvmArgs(flag);
        }
        final ChildJvm reader = ns.startChild(options, TruncatedReader.class, "victim", mode);
        reader.awaitOutput("mapped length=", CHILD_TIMEOUT);

        // another process (this one) cuts the file under the child's mapping: the last pages are gone
        try (FileChannel channel = FileChannel.open(ns.path().resolve("victim"), StandardOpenOption.WRITE))
        {
            channel.truncate(RegionDescriptor.HEADER_LENGTH + 4096);
        }
        final int status = reader.waitFor(CHILD_TIMEOUT);
        final String output = reader.output();
        return "exit=" + status + "\n" + output;
    }

    static List<Jdk> jdks()
    {
        final List<Jdk> jdks = new ArrayList<>();
        final Path own = Path.of(System.getProperty("java.home"));
        jdks.add(new Jdk(own, Runtime.version().feature()));
        jdk25().filter((jdk) -> jdk.feature() != Runtime.version().feature()).ifPresent(jdks::add);
        for (final Jdk jdk : jdks)
        {
            assumeTrue(jdk.feature() == 17 || jdk.feature() >= 25,
                "no recorded truncation behaviour for JDK " + jdk.feature() + " (17 and 25 are measured)");
        }
        return jdks;
    }

    private static Path jdk25Home()
    {
        return Path.of(System.getProperty("mmipc.jdk25.home", JDK25_DEFAULT));
    }

    private static Optional<Jdk> jdk25()
    {
        final Path home = jdk25Home();
        if (!Files.isExecutable(home.resolve("bin").resolve("java")))
        {
            return Optional.empty();
        }
        final Matcher version = Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(read(home.resolve("release")));
        return version.find() ? Optional.of(new Jdk(home, Integer.parseInt(version.group(1)))) : Optional.empty();
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

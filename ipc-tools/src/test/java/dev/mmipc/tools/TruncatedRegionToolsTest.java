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
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.shared.SharedLongArray;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.SyscallTrace;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A region file shorter than its header says (header length + payload length &gt; file length) is flagged by
 * {@code ls} (table and JSON) and {@code inspect}, from its header read with {@code pread}, while a live process
 * still maps it; and no tool command ever shortens or resizes a file: file lengths and bytes stay the same, and
 * a syscall trace of every command shows no {@code truncate}, {@code ftruncate}, {@code fallocate} or
 * {@code O_TRUNC} on a namespace file.
 */
class TruncatedRegionToolsTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);
    private static final int LENGTH = 1 << 16; // 512 KiB of payload
    private static final long PAYLOAD = (long)LENGTH * Long.BYTES;
    private static final long FULL = RegionDescriptor.HEADER_LENGTH + PAYLOAD;
    private static final long PID = ProcessHandle.current().pid();

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    /**
     * Cut to nothing, to less than a header, to the header and one page, and to one byte short.
     */
    @ParameterizedTest(name = "cut to {0} bytes")
    @ValueSource(longs = { 0, 63, 127, 128 + 4096, 128 + 8 * 65536 - 1 })
    void shouldFlagARegionTruncatedUnderALiveMapping(final long cut) throws IOException
    {
        final Namespace namespace = Namespace.of(ns.directory());
        SharedLong.create(namespace, "fine", 7).close();
        try (SharedLongArray victim = SharedLongArray.create(namespace, "victim", LENGTH))
        {
            victim.set(LENGTH - 1, 42);
        }
        final ChildJvm holder = ns.startChild(OpenAndHold.class, "victim");
        holder.awaitOutput("opened victim", CHILD_TIMEOUT);
        truncate(ns.path().resolve("victim"), cut);
        final boolean headerKnown = cut >= RegionDescriptor.FIXED_LENGTH;
        final String error = cut < RegionDescriptor.HEADER_LENGTH ?
            "region file shorter than header: name=victim, file=" + ns.path().resolve("victim") + ", length=" + cut +
                ", required=128" :
            "region file shorter than its header says: name=victim, file=" + ns.path().resolve("victim") +
                ", file_length=" + cut + ", header_length=128, payload_length=" + PAYLOAD + ", expected_length=" + FULL;

        final Cli.Result ls = Cli.run(ns.path(), "ls");
        assertEquals(0, ls.exitCode(), ls::toString);
        final List<String> lines = ls.out().lines().toList();
        assertEquals(3, lines.size(), ls::toString);
        assertTrue(lines.get(0).endsWith("  FLAGS"), ls::toString);
        final int flags = lines.get(0).indexOf("FLAGS");
        assertTrue(lines.get(1).startsWith("fine  "), ls::toString);
        assertTrue(lines.get(1).length() < flags, () -> "a whole region has no flag: " + ls);
        assertEquals("TRUNCATED", lines.get(2).substring(flags), ls::toString);
        assertTrue(lines.get(2).matches(headerKnown ?
            "victim +LONG_ARRAY +" + cut + " +" + PID + " +yes +\\d{4}-.* +TRUNCATED" :
            "victim +- +" + cut + " +- +- +- +TRUNCATED"), ls::toString);
        assertEquals(error + "\n", ls.err());

        final Cli.Result json = Cli.run(ns.path(), "ls", "--json");
        assertEquals(0, json.exitCode(), json::toString);
        final List<String> rows = json.out().lines().toList();
        assertTrue(rows.get(1).startsWith("  {\"name\": \"fine\", \"file_length\": 136, \"truncated\": false, "), json::toString);
        assertTrue(rows.get(2).startsWith("  {\"name\": \"victim\", \"file_length\": " + cut + ", \"truncated\": true, " +
            (headerKnown ? "\"expected_length\": " + FULL + ", \"kind\": \"LONG_ARRAY\", \"creator_pid\": " + PID : "\"error\"")),
            json::toString);
        assertTrue(rows.get(2).endsWith("\"error\": \"" + error + "\"}"), json::toString);

        final Cli.Result inspect = Cli.run(ns.path(), "inspect", "victim");
        assertEquals(1, inspect.exitCode(), inspect::toString);
        final String truncatedLine = cut < RegionDescriptor.HEADER_LENGTH ?
            "yes: shorter than any region header (128 bytes)" :
            "yes: the header says " + FULL + " bytes (header 128 + payload " + PAYLOAD + "), the file has " + cut +
                "; a process that maps it can die with SIGBUS";
        assertTrue(inspect.out().lines().anyMatch((l) -> l.matches("file length +" + cut)), inspect::toString);
        assertTrue(inspect.out().lines().anyMatch((l) -> l.matches("truncated +" + Pattern.quote(truncatedLine))),
            inspect::toString);
        assertEquals(headerKnown, inspect.out().contains("kind            LONG_ARRAY (code "), inspect::toString);
        assertEquals(error + "\n", inspect.err());

        final Cli.Result stat = Cli.run(ns.path(), "stat");
        assertTrue(stat.out().contains("victim  error: " + error + "\n"), stat::toString);

        assertTrue(holder.isAlive(), "the mapping process never touched the lost pages: " + holder.output());
    }

    @Test
    void shouldFlagAHeaderThatClaimsMoreThanAnyFileCanHold() throws IOException
    {
        final Namespace namespace = Namespace.of(ns.directory());
        SharedLong.create(namespace, "huge", 1).close();
        SharedLong.create(namespace, "negative", 1).close();
        SharedLong.create(namespace, "grown", 1).close();
        patchLong(ns.path().resolve("huge"), RegionDescriptor.PAYLOAD_LENGTH_OFFSET, Long.MAX_VALUE);
        patchLong(ns.path().resolve("negative"), RegionDescriptor.PAYLOAD_LENGTH_OFFSET, -1);
        try (FileChannel channel = FileChannel.open(ns.path().resolve("grown"), StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(100), 136); // longer than the header says: nothing lost
        }

        final Cli.Result json = Cli.run(ns.path(), "ls", "--json");
        final List<String> rows = json.out().lines().toList();
        assertTrue(rows.get(1).startsWith("  {\"name\": \"grown\", \"file_length\": 236, \"truncated\": false, \"kind\": \"LONG\""),
            json::toString);
        // 128 + Long.MAX_VALUE saturates instead of wrapping to a negative length
        assertTrue(rows.get(2).startsWith("  {\"name\": \"huge\", \"file_length\": 136, \"truncated\": true, " +
            "\"expected_length\": " + Long.MAX_VALUE + ", "), json::toString);
        assertTrue(rows.get(3).startsWith("  {\"name\": \"negative\", \"file_length\": 136, \"truncated\": false, " +
            "\"error\": \"region lengths beyond file: name=negative"), json::toString);
        assertEquals("region file shorter than its header says: name=huge, file=" + ns.path().resolve("huge") +
            ", file_length=136, header_length=128, payload_length=" + Long.MAX_VALUE + ", expected_length=" +
            Long.MAX_VALUE + "\n", json.err());
    }

    @Test
    void shouldNeverShortenOrResizeAFileWithAnyCommand() throws IOException
    {
        final Namespace namespace = Namespace.of(ns.directory());
        try (SharedLongArray held = SharedLongArray.create(namespace, "held", 1024))
        {
            held.set(1023, 99);
        }
        SharedLongArray.create(namespace, "victim", LENGTH).close();
        SharedLong.create(namespace, "doomed", 1).close();
        Files.write(ns.path().resolve("bad"), new byte[256]);
        Files.write(ns.path().resolve("short"), new byte[10]);
        truncate(ns.path().resolve("victim"), RegionDescriptor.HEADER_LENGTH + 4096);
        final ChildJvm holder = ns.startChild(OpenAndHold.class, "held"); // so gc keeps it: mapped by a live process
        holder.awaitOutput("opened held", CHILD_TIMEOUT);
        final Map<String, String> before = fingerprints();

        final Optional<Path> strace = SyscallTrace.strace();
        final Path log = ns.scratch().resolve("strace.log");
        final ChildJvm tools = ns.startChild(
            strace.map((s) -> SyscallTrace.traced(s, log)).orElseGet(ChildJvm.Options::new), RunTools.class,
            "ls", "ls --json", "ls --human", "stat", "stat held victim", "inspect held", "inspect victim", "inspect bad",
            "inspect short", "gc --dry-run", "gc", "rm doomed");
        tools.awaitSuccess(CHILD_TIMEOUT);
        assertTrue(tools.output().contains("ran rm doomed exit=0"), tools.output());
        assertTrue(tools.output().contains("ran inspect victim exit=1"), tools.output());

        before.remove("doomed");
        assertEquals(before, fingerprints(), "no command may change a file's length or bytes");
        assertTrue(holder.isAlive(), holder.output());

        if (strace.isEmpty())
        {
            System.out.println("strace not installed: file lengths and bytes checked, system calls not traced");
            return;
        }
        assertFalse(SyscallTrace.linesUnder(log, ns.path()).isEmpty(), "the trace must see the namespace's files");
        assertTrue(SyscallTrace.linesUnder(log, ns.path()).stream().anyMatch((l) -> l.contains("/victim")),
            "the trace must see the truncated file read");
        assertEquals(List.of(), SyscallTrace.truncationsUnder(log, ns.path()));
    }

    private Map<String, String> fingerprints() throws IOException
    {
        final Map<String, String> prints = new TreeMap<>();
        try (Stream<Path> files = Files.list(ns.path()))
        {
            for (final Path file : files.toList())
            {
                final String name = file.getFileName().toString();
                // the liveness table's bytes change with every heartbeat of the living processes: its length only
                prints.put(name, Files.size(file) + " " + (name.equals(".liveness") ? "(heartbeats)" : sha256(file)));
            }
        }
        return prints;
    }

    private static String sha256(final Path file)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static void truncate(final Path file, final long length) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(length);
        }
    }

    private static void patchLong(final Path file, final int offset, final long value) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder()).putLong(0, value), offset);
        }
    }
}

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
package dev.mmipc.test;

import dev.mmipc.liveness.PidNamespace;
import dev.mmipc.liveness.ProcessIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sweep of {@link TestNamespace}: a test directory whose creating JVM was killed is removed, one whose creator
 * lives is kept, one without a record only when old. Real child JVMs, killed with {@code kill -9}.
 */
class TestNamespaceSweepTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HOUR = Duration.ofHours(1);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    /** Directories this test made outside its namespace (in the real base): removed whatever happens. */
    private final List<Path> outside = new ArrayList<>();

    @AfterEach
    void removeOutside() throws IOException
    {
        for (final Path dir : outside)
        {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS))
            {
                try (Stream<Path> paths = Files.walk(dir))
                {
                    for (final Path p : paths.sorted(Comparator.reverseOrder()).toList())
                    {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    @Test
    void shouldRecordItsCreatorInEachTestDirectory() throws IOException
    {
        final Path record = ns.path().getParent().resolve(TestNamespace.CREATOR_FILE);
        final ProcessIdentity self = ProcessIdentity.current();
        assertEquals("pid=" + self.pid() + "\nstart_time_ms=" + self.startTimeMs() + "\npid_namespace=" +
            PidNamespace.current() + "\n", Files.readString(record, StandardCharsets.UTF_8));
        assertEquals(new TestNamespace.Creator(self.pid(), self.startTimeMs(), PidNamespace.current()),
            TestNamespace.Creator.read(record));
    }

    @Test
    void shouldRemoveTheDirectoryOfAKilledChildAndKeepThatOfALiveOne() throws IOException
    {
        final Path base = base();
        final ChildJvm doomed = ns.startChild(MakeTestDirectory.class, base.toString());
        final ChildJvm survivor = ns.startChild(MakeTestDirectory.class, base.toString());
        final Path doomedDir = awaitDirectory(doomed);
        final Path survivorDir = awaitDirectory(survivor);
        assertEquals(doomed.pid(), TestNamespace.Creator.read(doomedDir.resolve(TestNamespace.CREATOR_FILE)).pid());

        assertEquals(List.of(), TestNamespace.sweep(base, HOUR), "both creators live");
        assertTrue(Files.isDirectory(doomedDir));

        doomed.kill9();
        assertFalse(doomed.isAlive());
        assertEquals(List.of(doomedDir), TestNamespace.sweep(base, HOUR));
        assertFalse(Files.exists(doomedDir, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isDirectory(survivorDir), "a live child's directory is kept");
        assertTrue(Files.isRegularFile(survivorDir.resolve("ns").resolve("file")), "its contents too");

        survivor.kill9();
        assertEquals(List.of(survivorDir), TestNamespace.sweep(base, HOUR));
        assertEquals(List.of(), list(base));
    }

    @Test
    void shouldKeepTheDirectoryOfThisJvm() throws IOException
    {
        final Path base = base();
        final Path own = TestNamespace.createRoot(base);
        assertEquals(List.of(), TestNamespace.sweep(base, Duration.ZERO));
        assertTrue(Files.isDirectory(own));
    }

    @Test
    void shouldRemoveADirectoryWhosePidWasReused() throws IOException
    {
        final Path base = base();
        final ProcessIdentity self = ProcessIdentity.current();
        final Path reused = directoryWithRecord(base, "reused",
            new TestNamespace.Creator(self.pid(), self.startTimeMs() + 1_000, PidNamespace.current()).format());
        assertEquals(List.of(reused), TestNamespace.sweep(base, HOUR), "this pid, another start time: gone");
    }

    @Test
    void shouldRemoveADirectoryWithoutARecordOnlyWhenOlderThanTheBound() throws IOException
    {
        final Path base = base();
        final Path none = Files.createDirectory(base.resolve(TestNamespace.PREFIX + "none"));
        final Path garbled = directoryWithRecord(base, "garbled", "pid=12x\nstart_time_ms=1\npid_namespace=1\n");
        final Path otherNamespace = directoryWithRecord(base, "elsewhere",
            new TestNamespace.Creator(deadPid(), 1, PidNamespace.current() + 1).format());
        assertNull(TestNamespace.Creator.read(garbled.resolve(TestNamespace.CREATOR_FILE)));

        assertEquals(List.of(), TestNamespace.sweep(base, HOUR), "none is older than an hour");
        age(none, Duration.ofMinutes(59));
        assertEquals(List.of(), TestNamespace.sweep(base, HOUR), "59 minutes old");

        age(none, Duration.ofMinutes(61));
        age(garbled, Duration.ofMinutes(61));
        age(otherNamespace, Duration.ofMinutes(61));
        assertEquals(List.of(otherNamespace, garbled, none),
            TestNamespace.sweep(base, HOUR).stream().sorted().toList());
        assertEquals(List.of(), list(base));
    }

    @Test
    void shouldTouchNothingButTestDirectories() throws IOException
    {
        final Path base = base();
        final String deadRecord = new TestNamespace.Creator(deadPid(), 1, PidNamespace.current()).format();
        final Path target = Files.createDirectory(base.resolve("target"));
        Files.writeString(target.resolve(TestNamespace.CREATOR_FILE), deadRecord);
        final Path link = Files.createSymbolicLink(base.resolve(TestNamespace.PREFIX + "link"), target);
        final Path file = Files.writeString(base.resolve(TestNamespace.PREFIX + "file"), deadRecord);
        final Path otherName = Files.createDirectory(base.resolve("mmipc-other"));
        Files.writeString(otherName.resolve(TestNamespace.CREATOR_FILE), deadRecord);
        final Path dead = directoryWithRecord(base, "dead", deadRecord);

        assertEquals(List.of(dead), TestNamespace.sweep(base, Duration.ZERO));
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.isRegularFile(target.resolve(TestNamespace.CREATOR_FILE)));
        assertTrue(Files.isRegularFile(file));
        assertTrue(Files.isDirectory(otherName));
    }

    @Test
    void shouldSweepTheRealBaseOnceBeforeTheFirstTestDirectoryOfAJvm() throws IOException
    {
        final ChildJvm doomed = ns.startChild(MakeTestDirectory.class, "base");
        final Path doomedDir = awaitDirectory(doomed);
        outside.add(doomedDir);
        assertEquals(TestNamespace.base(), doomedDir.getParent());
        doomed.kill9();
        assertTrue(Files.isDirectory(doomedDir), "nobody swept yet");

        // a fresh JVM's first test: its sweep removes the directory; it makes its own, which its afterEach removes
        final ChildJvm next = ns.startChild(FirstTest.class);
        next.awaitSuccess(TIMEOUT);
        assertFalse(Files.exists(doomedDir, LinkOption.NOFOLLOW_LINKS), next.output());
        assertTrue(next.output().contains("swept before: true"), next.output());
        final Path nextDir = Path.of(line(next.output(), "made="));
        outside.add(nextDir);
        assertFalse(Files.exists(nextDir, LinkOption.NOFOLLOW_LINKS), "the child's own directory, removed after");

        assertEquals(List.of(), TestNamespace.sweepOnce(), "this JVM swept before its first test: not again");
    }

    /** Child: makes a test directory (in {@code args[0]}, or the real base for "base") with a file, then waits. */
    public static final class MakeTestDirectory
    {
        private MakeTestDirectory()
        {
        }

        /**
         * @param args the base directory, or "base".
         * @throws Exception on any failure (the test sees it in the output).
         */
        public static void main(final String[] args) throws Exception
        {
            final Path dir = TestNamespace.createRoot("base".equals(args[0]) ? TestNamespace.base() : Path.of(args[0]));
            Files.writeString(Files.createDirectories(dir.resolve("ns")).resolve("file"), "x");
            System.out.println("dir=" + dir);
            Thread.sleep(TIMEOUT.toMillis()); // bounded: killed long before
        }
    }

    /** Child: what a test JVM does before its first test, then after it. */
    public static final class FirstTest
    {
        private FirstTest()
        {
        }

        /**
         * @param args none.
         * @throws Exception on any failure (the test sees it in the output).
         */
        public static void main(final String[] args) throws Exception
        {
            final TestNamespace first = new TestNamespace();
            first.beforeEach(null);
            System.out.println("made=" + first.path().getParent());
            System.out.println("swept before: " + TestNamespace.sweepOnce().isEmpty());
            first.afterEach(null);
        }
    }

    private Path base() throws IOException
    {
        return Files.createDirectories(ns.scratch().resolve("base"));
    }

    private static Path awaitDirectory(final ChildJvm child)
    {
        child.awaitOutput("dir=", TIMEOUT);
        return Path.of(line(child.output(), "dir="));
    }

    private static String line(final String output, final String prefix)
    {
        return output.lines().filter((l) -> l.startsWith(prefix)).findFirst()
            .orElseThrow(() -> new AssertionError("no line " + prefix + " in:\n" + output)).substring(prefix.length());
    }

    private static Path directoryWithRecord(final Path base, final String suffix, final String record)
        throws IOException
    {
        final Path dir = Files.createDirectory(base.resolve(TestNamespace.PREFIX + suffix));
        Files.writeString(dir.resolve(TestNamespace.CREATOR_FILE), record);
        return dir;
    }

    private static void age(final Path dir, final Duration age) throws IOException
    {
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(age)));
    }

    /** A pid no process has now: that of a process that ran and was reaped. */
    private static long deadPid() throws IOException
    {
        final Process process = new ProcessBuilder("true").start();
        try
        {
            assertTrue(process.waitFor(TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
        assertFalse(ProcessIdentity.isAlive(process.pid(), ProcessIdentity.UNKNOWN_START));
        return process.pid();
    }

    private static List<Path> list(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.sorted().toList();
        }
    }
}

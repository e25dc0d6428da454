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

import dev.mmipc.liveness.LivenessDescriptor;
import dev.mmipc.liveness.PidNamespace;
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.region.NamespaceDirectory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * JUnit 5 extension: a fresh namespace directory for each test (under {@code /dev/shm} where it
 * exists), children started through it, and after each test every child killed and reaped and the
 * directory removed. A test that fails while children still run (a bounded wait that ran out, say) prints
 * their thread dumps and output, and this JVM's threads, before they are killed. Register with {@code
 * @RegisterExtension final TestNamespace ns = new TestNamespace();}.
 * <p>
 * <b>Nothing left by a killed test JVM.</b> Each test's directory ({@code mmipc-test-*} under {@code /dev/shm},
 * else {@code java.io.tmpdir}) holds a record of its creator, the file {@value #CREATOR_FILE}: the pid, the
 * process start time and the PID namespace of the test JVM that made it ({@link ProcessIdentity},
 * {@link PidNamespace}). A JVM killed in a test (a surefire timeout, {@code kill -9}, a crash) never reaches
 * {@link #afterEach}, so once per test JVM, before its first test directory is made, {@link #sweepOnce()} removes
 * from {@code /dev/shm} and {@code java.io.tmpdir} every {@code mmipc-test-*} directory of this user
 * <ul>
 *   <li>whose recorded creator is gone: no process has its pid, or the process with that pid has another start
 *       time (the pid was reused) — judged by the OS when the creator was in this JVM's PID namespace;</li>
 *   <li>without a readable record (made by an older version of this class, or by a JVM killed between making the
 *       directory and writing the record), or whose creator was in another PID namespace (where the OS cannot be
 *       asked): only when the directory was last modified more than {@link #UNRECORDED_MAX_AGE} (1 hour) ago.</li>
 * </ul>
 * A directory whose creator lives is never removed; nor is anything that is not a directory, a symbolic link, or
 * another user's directory.
 */
public final class TestNamespace implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler
{
    /** Name prefix of every test directory. */
    public static final String PREFIX = "mmipc-test-";
    /** The creator record in each test directory. */
    public static final String CREATOR_FILE = "creator";
    /** A test directory without a creator record that can be judged is removed once it is this much older. */
    public static final Duration UNRECORDED_MAX_AGE = Duration.ofHours(1);

    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
    private static final Path BASE = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") : TMP;
    private static boolean swept;

    private final List<ChildJvm> children = new ArrayList<>();
    private Path root;
    private NamespaceDirectory directory;

    @Override
    public void beforeEach(final ExtensionContext context) throws IOException
    {
        sweepOnce();
        root = createRoot(BASE);
        directory = NamespaceDirectory.of(root.resolve("ns"));
    }

    @Override
    public void handleTestExecutionException(final ExtensionContext context, final Throwable failure) throws Throwable
    {
        boolean anyAlive = false;
        for (final ChildJvm child : children)
        {
            if (child.isAlive())
            {
                anyAlive = true;
                child.dumpThreads();
                System.out.println("=== output of " + child + " (alive when the test failed) ===\n" + child.output());
            }
        }
        if (anyAlive || failure instanceof TimeoutException)
        {
            ThreadDumps.dumpOwnThreads(context.getDisplayName() + " failed: " + failure);
        }
        throw failure;
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        AssertionError failure = null;
        for (final ChildJvm child : children)
        {
            try
            {
                child.close();
            }
            catch (final AssertionError ex)
            {
                failure = ex;
            }
        }
        children.clear();
        deleteRecursively(root);
        if (failure != null)
        {
            throw failure;
        }
    }

    /**
     * @return the namespace directory of the running test.
     */
    public NamespaceDirectory directory()
    {
        return directory;
    }

    /**
     * @return the namespace directory's path.
     */
    public Path path()
    {
        return directory.path();
    }

    /**
     * @return the name of every file in the namespace directory, temporary files included, sorted, but the
     * namespace's liveness table, which stays for the next process that uses the directory.
     */
    public List<String> filesButLivenessTable()
    {
        try (Stream<Path> files = Files.list(path()))
        {
            return files.map((file) -> file.getFileName().toString())
                .filter((name) -> !name.equals(LivenessDescriptor.FILE_NAME)).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return a scratch directory beside the namespace, removed with it.
     */
    public Path scratch()
    {
        try
        {
            return Files.createDirectories(root.resolve("scratch"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Start a child JVM that runs {@code mainClass.main(args)} with {@code -Dmmipc.dir} set to this namespace.
     *
     * @param mainClass class with a main method, on the test classpath.
     * @param args      its arguments.
     * @return the running child, reaped after the test.
     */
    public ChildJvm startChild(final Class<?> mainClass, final String... args)
    {
        return startChild(new ChildJvm.Options(), mainClass, args);
    }

    /**
     * @param options   JVM options.
     * @param mainClass class with a main method, on the test classpath.
     * @param args      its arguments.
     * @return the running child, reaped after the test.
     */
    public ChildJvm startChild(final ChildJvm.Options options, final Class<?> mainClass, final String... args)
    {
        final ChildJvm child = ChildJvm.start(directory, root.resolve("logs"), options, mainClass, args);
        children.add(child);
        return child;
    }

    /**
     * Sweep once per JVM: the first call removes the test directories of creators that are gone (see the class
     * documentation) from {@code /dev/shm} and {@code java.io.tmpdir}, later calls do nothing. A directory that
     * cannot be removed is named on standard error, not thrown: leftovers must not fail the tests to come.
     *
     * @return the directories the first call removed; empty for later calls.
     */
    public static synchronized List<Path> sweepOnce()
    {
        if (swept)
        {
            return List.of();
        }
        swept = true;
        final Set<Path> bases = new LinkedHashSet<>(List.of(BASE, TMP));
        final List<Path> removed = new ArrayList<>();
        for (final Path base : bases)
        {
            removed.addAll(sweep(base, UNRECORDED_MAX_AGE));
        }
        if (!removed.isEmpty())
        {
            System.err.println("[TestNamespace] removed " + removed.size() + " test director" +
                (removed.size() == 1 ? "y" : "ies") + " of gone test JVMs: " + removed);
        }
        return removed;
    }

    /**
     * Remove from {@code base} every {@value #PREFIX}{@code *} directory of this user whose creator is gone, or
     * that has no creator record that can be judged and was last modified more than {@code unrecordedMaxAge} ago.
     *
     * @param base             the directory that holds test directories.
     * @param unrecordedMaxAge age past which a directory without a judgeable record is removed.
     * @return the directories removed.
     */
    static List<Path> sweep(final Path base, final Duration unrecordedMaxAge)
    {
        final List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(base))
        {
            return removed;
        }
        final int uid;
        try
        {
            uid = (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid"); // /proc/self is ours
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            System.err.println("[TestNamespace] no sweep: own uid unknown: error=" + ex);
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*"))
        {
            for (final Path dir : entries)
            {
                try
                {
                    if (isLeftover(dir, uid, unrecordedMaxAge))
                    {
                        deleteRecursively(dir);
                        removed.add(dir);
                    }
                }
                catch (final IOException | UncheckedIOException | UnsupportedOperationException ex)
                {
                    // another sweeping JVM may have removed it first: that is fine; anything else is named
                    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS))
                    {
                        System.err.println("[TestNamespace] leftover not removed: dir=" + dir + ", error=" + ex);
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            System.err.println("[TestNamespace] no sweep: base=" + base + ", error=" + ex);
        }
        return removed;
    }

    private static boolean isLeftover(final Path dir, final int uid, final Duration unrecordedMaxAge)
        throws IOException
    {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ||
            (Integer)Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS) != uid)
        {
            return false;
        }
        final Creator creator = Creator.read(dir.resolve(CREATOR_FILE));
        if (creator != null && creator.judgeable())
        {
            return !ProcessIdentity.isAlive(creator.pid(), creator.startTimeMs());
        }
        final Instant modified = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS).toInstant();
        return modified.plus(unrecordedMaxAge).isBefore(Instant.now());
    }

    /**
     * @return where test directories are made: {@code /dev/shm} where it exists, else {@code java.io.tmpdir}.
     */
    static Path base()
    {
        return BASE;
    }

    /**
     * A directory of this JVM's in {@code java.io.tmpdir}, for files a test must keep outside its private namespace
     * (e.g. a copy another user can read): named and recorded like a test directory, so that the sweep of a later
     * test JVM removes it when this one is killed before the test removes it.
     *
     * @return the new directory (mode as {@link Files#createTempDirectory} makes it).
     * @throws IOException when it cannot be made.
     */
    public static Path createTempRoot() throws IOException
    {
        return createRoot(TMP);
    }

    /**
     * Make a test directory in {@code base} with this JVM's creator record in it.
     *
     * @param base where test directories are made.
     * @return the new directory.
     * @throws IOException when it cannot be made.
     */
    static Path createRoot(final Path base) throws IOException
    {
        final Path dir = Files.createTempDirectory(base, PREFIX);
        final ProcessIdentity self = ProcessIdentity.current();
        Files.writeString(dir.resolve(CREATOR_FILE), new Creator(self.pid(), self.startTimeMs(),
            PidNamespace.current()).format(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        return dir;
    }

    /**
     * A test directory's creator as recorded in {@value #CREATOR_FILE}: {@code pid=N}, {@code start_time_ms=N},
     * {@code pid_namespace=N}, one a line.
     *
     * @param pid          the creator's pid, in its PID namespace.
     * @param startTimeMs  its start time ({@link ProcessIdentity#startTimeMs()}).
     * @param pidNamespace its PID namespace's inode, {@link PidNamespace#UNKNOWN} when unknown.
     */
    record Creator(long pid, long startTimeMs, long pidNamespace)
    {
        String format()
        {
            return "pid=" + pid + "\nstart_time_ms=" + startTimeMs + "\npid_namespace=" + pidNamespace + "\n";
        }

        /**
         * @return true when the OS can judge this creator: same PID namespace as this JVM, whose {@code /proc}
         * is its own.
         */
        boolean judgeable()
        {
            return pid > 0 && PidNamespace.procIsOwn() && pidNamespace == PidNamespace.current();
        }

        /**
         * @param file a creator record.
         * @return the record, or null when the file is missing or not a whole record.
         */
        static Creator read(final Path file)
        {
            final List<String> lines;
            try
            {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 256)
                {
                    return null;
                }
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            }
            catch (final IOException | UncheckedIOException ex)
            {
                return null;
            }
            if (lines.size() != 3)
            {
                return null;
            }
            try
            {
                return new Creator(value(lines.get(0), "pid="), value(lines.get(1), "start_time_ms="),
                    value(lines.get(2), "pid_namespace="));
            }
            catch (final NumberFormatException ex)
            {
                return null;
            }
        }

        private static long value(final String line, final String key)
        {
            if (!line.startsWith(key))
            {
                throw new NumberFormatException("key missing: expected=" + key + ", line=" + line);
            }
            return Long.parseLong(line.substring(key.length()));
        }
    }

    /**
     * Delete a directory and everything below it; nothing when it does not exist.
     *
     * @param dir the directory, or null.
     * @throws UncheckedIOException when something cannot be deleted.
     */
    public static void deleteRecursively(final Path dir)
    {
        if (dir == null || !Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p ->
            {
                try
                {
                    Files.deleteIfExists(p);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

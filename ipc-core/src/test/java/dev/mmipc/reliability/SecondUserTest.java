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
import dev.mmipc.shared.SharedLong;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real second user (uid 65534, "nobody", through {@code setpriv}) tries to open, read, write, list, delete
 * and plant files in our namespace, first as mmipc leaves it (directory 0700) and then with the directory
 * opened to traversal (0711), which leaves only the region file's own mode (0600) in the way. Needs root
 * and {@code setpriv}; without them it is reported as skipped, with the reason.
 */
class SecondUserTest
{
    private static final int NOBODY = 65534;
    private static final long CHILD_TIMEOUT_S = 60;
    /** The system property holding the coverage agent's option for child JVMs (JvmProcess adds it to theirs). */
    private static final String CHILD_AGENT_PROPERTY = "mmipc.test.childAgent";
    /** That option as the build sets it. */
    private static final Pattern AGENT = Pattern.compile("-javaagent:([^=]+)=(.*)");
    private static final Pattern DESTFILE = Pattern.compile("destfile=([^,]*)");

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldRefuseAnotherUserEveryWayIn() throws Exception
    {
        final Path setpriv = assumeRootWithSetpriv();

        final Namespace namespace = Namespace.of(ns.directory());
        try (SharedLong secret = SharedLong.create(namespace, "secret", 42))
        {
            final Path classpath = readableClasspath();
            try
            {
                // 1. as mmipc leaves it: the 0700 directory stops the other user at the door
                final String closed = runAs(setpriv, classpath);
                assertTrue(closed.contains("uid=" + NOBODY), closed);
                assertRefused(closed, "namespace", "dev.mmipc.exceptions.NamespaceException");
                assertRefused(closed, "open", "dev.mmipc.exceptions.NamespaceException");
                for (final String what : List.of("read", "write", "list", "delete", "plant"))
                {
                    assertRefused(closed, what, "java.nio.file.AccessDeniedException");
                }

                // 2. directories opened to traversal: the 0600 file still refuses, the directory check still refuses
                Files.setPosixFilePermissions(ns.path().getParent(), PosixFilePermissions.fromString("rwx--x--x"));
                Files.setPosixFilePermissions(ns.path(), PosixFilePermissions.fromString("rwx--x--x"));
                final String traversable = runAs(setpriv, classpath);
                System.out.println("second user, directories 0711:\n" + traversable);
                assertRefused(traversable, "namespace",
                    "dev.mmipc.exceptions.NamespaceException: namespace directory owned by another user: dir=" + ns.path() +
                    ", owner_uid=0, uid=" + NOBODY);
                for (final String what : List.of("read", "write", "list", "delete", "plant"))
                {
                    assertRefused(traversable, what, "java.nio.file.AccessDeniedException");
                }
            }
            finally
            {
                Files.setPosixFilePermissions(ns.path(), PosixFilePermissions.fromString("rwx------"));
                Files.setPosixFilePermissions(ns.path().getParent(), PosixFilePermissions.fromString("rwx------"));
                TestNamespace.deleteRecursively(classpath);
            }
            assertEquals(42, secret.get());
            assertEquals(List.of("secret"), namespace.list());
        }
    }

    /**
     * The other user's own namespace holds a region file of ours (root's, 0600): mmipc refuses it from its owner
     * before opening it read-write. Opened first, it would fail with "permission denied" (a
     * {@code RegionIoException}), as it did before the owner check moved ahead of the open.
     */
    @Test
    void shouldRefuseAnotherUsersRegionFileBeforeOpeningItReadWrite() throws Exception
    {
        final Path setpriv = assumeRootWithSetpriv();

        final Path theirs = Files.createDirectory(ns.path().getParent().resolve("nobody-ns"));
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
        Files.setAttribute(theirs, "unix:uid", NOBODY);
        Files.setAttribute(theirs, "unix:gid", NOBODY);
        SharedLong.create(Namespace.of(ns.directory()), "planted", 42).close();
        final Path planted = Files.move(ns.path().resolve("planted"), theirs.resolve("planted")); // still root's, 0600

        final Path classpath = readableClasspath();
        try
        {
            Files.setPosixFilePermissions(ns.path().getParent(), PosixFilePermissions.fromString("rwx--x--x"));
            final String output = runAs(setpriv, classpath, theirs, "planted");
            assertRefused(output, "open", "dev.mmipc.exceptions.NamespaceException: region file owned by another user: " +
                "name=planted, file=" + planted + ", owner_uid=0, uid=" + NOBODY);
        }
        finally
        {
            Files.setPosixFilePermissions(ns.path().getParent(), PosixFilePermissions.fromString("rwx------"));
            TestNamespace.deleteRecursively(classpath);
        }
    }

    /**
     * @return setpriv; the test is skipped, with the reason, unless this is root and setpriv is installed.
     */
    private static Path assumeRootWithSetpriv() throws IOException
    {
        final Path setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv")
            .map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        final int uid = (Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        assumeTrue(uid == 0 && setpriv != null, "needs root and setpriv to run a child as another user: uid=" + uid +
            ", setpriv=" + setpriv);
        return setpriv;
    }

    private static void assertRefused(final String output, final String what, final String expected)
    {
        assertTrue(output.contains(what + "=refused " + expected), () -> what + " not refused as expected (" +
            expected + "):\n" + output);
    }

    private String runAs(final Path setpriv, final Path classpath) throws IOException, InterruptedException
    {
        return runAs(setpriv, classpath, ns.path(), "secret");
    }

    private static String runAs(final Path setpriv, final Path classpath, final Path dir, final String name)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of(
            setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(coverageAgent(classpath));
        command.addAll(List.of(
            "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", classpath.resolve("classes") + File.pathSeparator + classpath.resolve("*"),
            SecondUserChild.class.getName(), dir.toString(), name));
        final Process process = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .directory(classpath.toFile())
            .start();
        try
        {
            if (!process.waitFor(CHILD_TIMEOUT_S, TimeUnit.SECONDS))
            {
                fail("second-user child did not exit within " + CHILD_TIMEOUT_S + " s");
            }
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);
            collectCoverage(classpath);
            return output;
        }
        finally
        {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The coverage agent for the other user's JVM, when the build counts child JVMs
     * ({@link #CHILD_AGENT_PROPERTY} set): that user can neither read the agent's jar in our Maven
     * repository nor write the build's execution file, so it gets a readable copy of the jar and a file of its own
     * (0666) in the readable directory; {@link #collectCoverage(Path)} moves that file next to the build's.
     *
     * @param dir the readable directory.
     * @return the agent option, or nothing when coverage is off.
     */
    private static List<String> coverageAgent(final Path dir) throws IOException
    {
        final Matcher agent = AGENT.matcher(System.getProperty(CHILD_AGENT_PROPERTY, ""));
        if (!agent.matches())
        {
            return List.of();
        }
        final Path jar = Files.copy(Path.of(agent.group(1)), dir.resolve("jacocoagent.jar"), StandardCopyOption.REPLACE_EXISTING);
        setMode(jar, "rw-r--r--");
        final Path exec = dir.resolve("jacoco.exec");
        Files.deleteIfExists(exec);
        setMode(Files.createFile(exec), "rw-rw-rw-");
        return List.of("-javaagent:" + jar + "=" +
            DESTFILE.matcher(agent.group(2)).replaceFirst(Matcher.quoteReplacement("destfile=" + exec)));
    }

    /**
     * Move the other user's execution data next to the build's, as {@code jacoco-children-second-user-*.exec}
     * (the build merges every {@code jacoco-children*.exec}); nothing when coverage is off.
     *
     * @param dir the readable directory.
     */
    private static void collectCoverage(final Path dir) throws IOException
    {
        final Matcher agent = AGENT.matcher(System.getProperty(CHILD_AGENT_PROPERTY, ""));
        final Path exec = dir.resolve("jacoco.exec");
        if (!agent.matches() || !Files.exists(exec))
        {
            return;
        }
        final Matcher destfile = DESTFILE.matcher(agent.group(2));
        if (destfile.find() && Files.size(exec) > 0)
        {
            final Path target = Path.of(destfile.group(1)).toAbsolutePath().getParent();
            Files.move(exec, Files.createTempFile(target, "jacoco-children-second-user-", ".exec"),
                StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * @return a world-readable copy of what the child needs (our classes and Agrona), outside our private
     * directories: the other user cannot read the build's or the Maven repository's copies. A test directory
     * ({@link TestNamespace#createTempRoot()}): a test JVM killed before the test removes it leaves nothing for long.
     */
    private static Path readableClasspath() throws IOException
    {
        final Path dir = TestNamespace.createTempRoot(); // swept by the next test JVM if this one is killed
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        final Path classes = Files.createDirectory(dir.resolve("classes"));
        for (final String entry : System.getProperty("java.class.path").split(File.pathSeparator))
        {
            final Path path = Path.of(entry);
            if (Files.isDirectory(path))
            {
                try (Stream<Path> files = Files.walk(path))
                {
                    files.forEach((p) -> copy(p, classes.resolve(path.relativize(p).toString())));
                }
            }
            else if (path.getFileName().toString().startsWith("agrona"))
            {
                copy(path, dir.resolve(path.getFileName()));
            }
        }
        try (Stream<Path> files = Files.walk(dir))
        {
            files.forEach((p) -> setMode(p, Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        return dir;
    }

    private static void copy(final Path from, final Path to)
    {
        try
        {
            if (Files.isDirectory(from))
            {
                Files.createDirectories(to);
            }
            else
            {
                Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void setMode(final Path path, final String mode)
    {
        try
        {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

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
import dev.mmipc.shared.SharedLong;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs {@code bin/mmipc} itself, as a user would, against the shaded jar that {@code package} built.
 * Runs in the integration-test phase (maven-failsafe-plugin), after the jar exists.
 */
class MmipcLauncherIT
{
    private static final long TIMEOUT_S = 60;

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Path root;
    private Path launcher;

    private record Result(int exitCode, String out, String err)
    {
        @Override
        public String toString()
        {
            return "exit=" + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    @BeforeEach
    void findLauncher() throws IOException
    {
        final String rootProperty = System.getProperty("mmipc.repo.root");
        assertTrue(rootProperty != null, "system property mmipc.repo.root not set: run through maven-failsafe-plugin");
        root = Path.of(rootProperty).toRealPath();
        launcher = root.resolve("bin/mmipc");
        assertTrue(Files.isExecutable(launcher), "not executable: " + launcher);
        final Path jar = Path.of(System.getProperty("mmipc.tools.jar"));
        assertTrue(Files.isRegularFile(jar), "shaded jar missing, `package` must run before this test: " + jar);
    }

    @Test
    void shouldRunEveryCommandThroughTheLauncher() throws Exception
    {
        final Result version = run(launcher, Map.of(), "--version");
        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.out().startsWith("mmipc " + VersionProvider.projectVersion() + "\n"), version::toString);

        try (SharedLong hits = SharedLong.create(Namespace.of(ns.directory()), "hits", 42))
        {
            assertEquals(42, hits.get());
            final String dir = ns.path().toString();

            final Result ls = run(launcher, Map.of(), "--dir", dir, "ls");
            assertEquals(0, ls.exitCode(), ls::toString);
            assertTrue(ls.out().matches("NAME  KIND  SIZE  CREATOR  ALIVE  CREATED\nhits  LONG  136   " +
                ProcessHandle.current().pid() + " +yes +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\n"), ls::toString);

            final Result stat = run(launcher, Map.of("MMIPC_DIR", dir), "stat");
            assertEquals(0, stat.exitCode(), stat::toString);
            assertEquals("REGION  KIND  ID  LABEL  VALUE\nhits    LONG  -   value  42\n", stat.out());

            final Result inspect = run(launcher, Map.of(), "inspect", "hits", "--dir", dir);
            assertEquals(0, inspect.exitCode(), inspect::toString);
            assertTrue(inspect.out().contains("\nLONG state:\n  value  42\n"), inspect::toString);

            final Result missing = run(launcher, Map.of(), "--dir", dir, "inspect", "nope");
            assertEquals(1, missing.exitCode(), missing::toString);
            assertEquals("region not found: name=nope, dir=" + dir + "\n", missing.err());

            final Result invalid = run(launcher, Map.of(), "--dir", dir, "rm", "../x");
            assertEquals(2, invalid.exitCode(), invalid::toString);
            assertTrue(invalid.err().startsWith("invalid region name: name=\"../x\""), invalid::toString);

            final Result usage = run(launcher, Map.of(), "--dir", dir, "frobnicate");
            assertEquals(2, usage.exitCode(), usage::toString);

            final Result refused = run(launcher, Map.of(), "--dir", dir, "rm", "hits");
            assertEquals(1, refused.exitCode(), refused::toString);
            assertEquals("region in use, not removed: name=hits, dir=" + dir +
                ", reason=locked by another process, hint=--force removes the name anyway\n", refused.err());

            final Result rm = run(launcher, Map.of(), "--dir", dir, "rm", "--force", "hits");
            assertEquals(0, rm.exitCode(), rm::toString);
            assertEquals("removed hits, in use: processes that map it keep working\n", rm.out());
            assertFalse(Files.exists(ns.path().resolve("hits")));
            assertEquals(42, hits.get());
        }
    }

    @Test
    void shouldStopWatchingOnCtrlC() throws Exception
    {
        final Path out = ns.scratch().resolve("watch.out");
        final ProcessBuilder builder = builder(launcher, Map.of(), "--dir", ns.path().toString(), "stat", "--watch", "1")
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
        final Process process = builder.start();
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (!Files.readString(out).contains("refresh=2"))
            {
                assertTrue(process.isAlive(), () -> "watch exited early: " + read(out));
                assertTrue(System.nanoTime() < deadline, () -> "no second refresh: " + read(out));
                Thread.sleep(20);
            }
            // `bin/mmipc` execs java: the pid is the JVM's, as a terminal's Ctrl-C would reach it
            final Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
            assertTrue(kill.waitFor(TIMEOUT_S, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -INT failed");
            assertTrue(process.waitFor(TIMEOUT_S, TimeUnit.SECONDS), "watch still running after SIGINT");
            assertEquals(130, process.exitValue(), "exit status after SIGINT (128 + 2)");
        }
        finally
        {
            process.destroyForcibly();
            process.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldHonourJavaHome() throws Exception
    {
        final Path fakeJavaHome = ns.scratch().resolve("fake-jdk");
        final Path fakeJava = Files.createDirectories(fakeJavaHome.resolve("bin")).resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\necho \"fake java: $*\"\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));

        final Result result = run(launcher, Map.of("JAVA_HOME", fakeJavaHome.toString()), "ls", "--dir", "x");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("fake java: "), result::toString);
        assertTrue(result.out().contains(" --add-exports java.base/jdk.internal.misc=ALL-UNNAMED "), result::toString);
        assertTrue(result.out().endsWith(" -jar " + root.resolve("ipc-tools/target/mmipc-tools.jar") + " ls --dir x\n"),
            result::toString);
    }

    @Test
    void shouldFindTheRepositoryThroughASymbolicLink() throws Exception
    {
        final Path link = ns.scratch().resolve("mmipc");
        Files.createSymbolicLink(link, launcher);

        final Result result = run(link, Map.of(), "--version");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("mmipc "), result::toString);
    }

    @Test
    void shouldSayHowToBuildTheJarWhenItIsMissing() throws Exception
    {
        final Path fakeRoot = ns.scratch().resolve("fresh-clone");
        final Path copy = Files.createDirectories(fakeRoot.resolve("bin")).resolve("mmipc");
        Files.copy(launcher, copy);

        final Result result = run(copy, Map.of(), "ls");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("", result.out());
        final Path realRoot = fakeRoot.toRealPath();
        assertEquals("mmipc jar missing: jar=" + realRoot.resolve("ipc-tools/target/mmipc-tools.jar") + "\n" +
            "build it with: (cd \"" + realRoot + "\" && mvn -B -q -DskipTests package)\n", result.err());
    }

    private Result run(final Path script, final Map<String, String> env, final String... args) throws Exception
    {
        final Path scratch = ns.scratch();
        final Path out = Files.createTempFile(scratch, "out-", ".txt");
        final Path err = Files.createTempFile(scratch, "err-", ".txt");
        final Process process = builder(script, env, args)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
        if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            process.waitFor(TIMEOUT_S, TimeUnit.SECONDS);
            fail("launcher did not exit within " + TIMEOUT_S + " s: " + Arrays.toString(args) + "\n" + read(out) + read(err));
        }
        return new Result(process.exitValue(), read(out), read(err));
    }

    private static ProcessBuilder builder(final Path script, final Map<String, String> env, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(Arrays.asList(args));
        final ProcessBuilder builder = new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("MMIPC_DIR");
        builder.environment().remove("MMIPC_JAVA_OPTS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(env);
        return builder;
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            return "<unreadable: " + ex + ">";
        }
    }
}

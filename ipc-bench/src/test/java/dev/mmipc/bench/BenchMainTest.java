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

import dev.mmipc.bench.run.Profile;
import dev.mmipc.bench.transport.Transports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/bench}'s command line on picocli: the defaults, each option, every bad value refused before any work
 * with exit code 2 and one line naming it (in process, through {@link BenchMain#execute} with an action that fails
 * the test if reached, and through the script itself), and {@code --help} answered from the committed
 * {@code bench/usage.txt} without Maven or Java, that file being exactly picocli's usage text.
 */
class BenchMainTest
{
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** The result of one in-process command line. */
    private record Outcome(int code, String out, String err, boolean acted)
    {
    }

    private static Outcome execute(final String... args) throws Exception
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final boolean[] acted = { false };
        final int code = BenchMain.execute(args, new PrintWriter(out), new PrintWriter(err), options -> acted[0] = true);
        return new Outcome(code, out.toString(), err.toString(), acted[0]);
    }

    /** Asserts exit 2, nothing done, and the first line of standard error; returns the message. */
    private static void assertRefused(final String message, final String... args) throws Exception
    {
        final Outcome o = execute(args);
        assertEquals(BenchMain.EXIT_USAGE, o.code(), String.join(" ", args));
        assertFalse(o.acted(), "nothing may run after a bad argument: " + String.join(" ", args));
        assertEquals("bin/bench: " + message + "\nbin/bench --help lists every option.\n", o.err(), String.join(" ", args));
        assertEquals("", o.out());
    }

    @Test
    void shouldRunTheQuickProfileOfEverythingPinnedTo0And1ByDefault()
    {
        final BenchMain.Options o = BenchMain.Options.parse(new String[0]);
        assertEquals(Profile.QUICK, o.profile());
        assertEquals(Transports.names(), o.transports());
        assertEquals(Profile.QUICK.sizes(), o.sizes());
        assertEquals(3, o.rounds());
        assertEquals("0,1", o.cpus());
        assertEquals(Path.of("bench-results"), o.out());
        assertEquals(Set.of(), o.skip());
        assertFalse(o.help());
    }

    @Test
    void shouldTakeEachOption(@TempDir final Path dir) throws IOException
    {
        final BenchMain.Options o = BenchMain.Options.parse(new String[]{ "--full", "--out", "x", "--transports", "agrona,uds",
            "--sizes", "64,100", "--rounds", "7", "--cpus", "none", "--skip", "pool,idle", "--c-source", "c.c" });
        assertEquals(Profile.FULL, o.profile());
        assertEquals(List.of("agrona", "uds"), o.transports());
        assertEquals(List.of(64, 100), o.sizes());
        assertEquals(7, o.rounds());
        assertNull(o.cpus());
        assertEquals(Set.of("pool", "idle"), o.skip());
        assertEquals(Path.of("c.c"), o.cSource());
        assertEquals(Path.of("x"), o.out());
        assertEquals(Profile.FULL.sizes(), BenchMain.Options.parse(new String[]{ "--full" }).sizes());
        assertEquals(List.of(32), BenchMain.Options.parse(new String[]{ "--sizes=32", "--out=y" }).sizes());
        Files.writeString(dir.resolve("run.json"), "{}");
        assertEquals(dir, BenchMain.Options.parse(new String[]{ "--readme", dir.toString() }).readme());
        assertEquals(dir, BenchMain.Options.parse(new String[]{ "--report", dir.toString() }).report());
    }

    @Test
    void shouldRefuseEveryBadValueNamingItBeforeAnyWork() throws Exception
    {
        assertRefused("Unknown option: '--fast'", "--fast");
        assertRefused("Unmatched argument at index 0: 'fast'", "fast");
        assertRefused("Missing required parameter for option '--out' (DIR)", "--out");
        assertRefused("Expected parameter for option '--out' but found '--full'", "--out", "--full");
        assertRefused("Invalid value for option '--sizes' (BYTES): 'abc' is not an int", "--sizes", "abc");
        assertRefused("Invalid value for option '--sizes' (BYTES): '4k' is not an int", "--sizes", "32,4k");
        assertRefused("Invalid value for option '--sizes' (BYTES): '2147483648' is not an int", "--sizes", "2147483648");
        assertRefused("size out of range: size=16, min=32, max=524288", "--sizes", "16");
        assertRefused("size out of range: size=-4096, min=32, max=524288", "--sizes", "-4096");
        assertRefused("size given twice: size=32", "--sizes", "32,32");
        assertRefused("Invalid value for option '--rounds': 'three' is not an int", "--rounds", "three");
        assertRefused("rounds out of range: rounds=0, min=1, max=100", "--rounds", "0");
        assertRefused("rounds out of range: rounds=-3, min=1, max=100", "--rounds", "-3");
        assertRefused("rounds out of range: rounds=-2147483648, min=1, max=100", "--rounds", "-2147483648");
        assertRefused("unknown transport: name=smoke-signals, known=" + Transports.names(), "--transports", "agrona,smoke-signals");
        assertRefused("transport given twice: transport=uds", "--transports", "uds,agrona,uds");
        assertRefused("unknown --skip value: value=transports, known=[counters, cring, idle, pool]", "--skip", "transports");
        assertRefused("cpus invalid: cpus=1,1, expected=two different CPUs A,B or none", "--cpus", "1,1");
        assertRefused("cpus invalid: cpus=0, expected=two different CPUs A,B or none", "--cpus", "0");
        assertRefused("cpus invalid: cpus=99999999999,1, expected=two different CPUs A,B or none", "--cpus", "99999999999,1");
        assertRefused("choose one profile: --full or --quick", "--full", "--quick");
        assertRefused("choose one of --report and --readme", "--report", "a", "--readme", "b");
        assertRefused("not a run directory (no run.json): dir=no-such-run", "--readme", "no-such-run");
        assertRefused("not a run directory (no run.json): dir=no-such-run", "--report", "no-such-run");
        assertThrows(CommandLine.ParameterException.class, () -> BenchMain.Options.parse(new String[]{ "--sizes", "abc" }));
        assertTrue(execute("--rounds", "2", "--cpus", "none").acted(), "good arguments do reach the action");
    }

    @Test
    void shouldPrintTheUsageForHelpAndDoNothingElse() throws Exception
    {
        for (final String help : new String[]{ "--help", "-h" })
        {
            final Outcome o = execute("--sizes", "64", help);
            assertEquals(0, o.code());
            assertFalse(o.acted());
            assertEquals(BenchMain.usage(), o.out());
            assertEquals("", o.err());
        }
        final String usage = BenchMain.usage();
        assertTrue(usage.startsWith("Usage: bin/bench [-h] [--full] [--quick]"), usage);
        for (final String name : Transports.names())
        {
            assertTrue(usage.contains(name), name + " in " + usage);
        }
        assertTrue(usage.contains("Quick profile (default): sizes [32, 4096], 3 rounds"), usage);
    }

    @Test
    void shouldCommitExactlyPicocliUsageTextForHelpWithoutABuild() throws Exception
    {
        assertEquals(BenchMain.usage(), Files.readString(ROOT.resolve("bench/usage.txt"), StandardCharsets.UTF_8),
            "bench/usage.txt differs from BenchMain's usage: regenerate it with java -cp ipc-bench/target/benchmarks.jar " +
            "dev.mmipc.bench.BenchMain --help > bench/usage.txt");
    }

    @Test
    void shouldAnswerHelpFromTheScriptWithNeitherMavenNorJava(@TempDir final Path bin) throws Exception
    {
        for (final String tool : new String[]{ "bash", "cat", "dirname", "readlink" })
        {
            Files.createSymbolicLink(bin.resolve(tool), Path.of(which(tool)));
        }
        final Result r = script(Map.of("PATH", bin.toString()), "--help");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(ROOT.resolve("bench/usage.txt"), StandardCharsets.UTF_8), r.out());
    }

    @Test
    void shouldRefuseABadArgumentFromTheScriptWithExitCode2() throws Exception
    {
        final Map<String, String> env = Map.of("BENCH_CLASSPATH", System.getProperty("java.class.path"),
            "JAVA_HOME", System.getProperty("java.home"));
        final Result sizes = script(env, "--sizes", "abc", "--out", "never-written");
        assertEquals(BenchMain.EXIT_USAGE, sizes.code(), sizes.err());
        assertEquals("bin/bench: Invalid value for option '--sizes' (BYTES): 'abc' is not an int\n" +
            "bin/bench --help lists every option.\n", sizes.err());
        final Result transport = script(env, "--transports", "pigeon", "--out", "never-written");
        assertEquals(BenchMain.EXIT_USAGE, transport.code(), transport.err());
        assertTrue(transport.err().startsWith("bin/bench: unknown transport: name=pigeon, known=["), transport.err());
        assertFalse(Files.exists(ROOT.resolve("never-written")), "nothing ran");
    }

    /** What a run of {@code bin/bench} printed and returned. */
    private record Result(int code, String out, String err)
    {
    }

    private static Result script(final Map<String, String> env, final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/bench").toString()));
        command.addAll(List.of(args));
        final ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment().putAll(env);
        final Path out = Files.createTempFile("bench-out-", ".txt");
        final Path err = Files.createTempFile("bench-err-", ".txt");
        try
        {
            final Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null"))).start();
            if (!p.waitFor(60, TimeUnit.SECONDS))
            {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("bin/bench did not end in 60 s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        }
        finally
        {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String which(final String tool) throws Exception
    {
        for (final String dir : System.getenv("PATH").split(":"))
        {
            final Path p = Path.of(dir, tool);
            if (Files.isExecutable(p))
            {
                return p.toRealPath().toString();
            }
        }
        throw new AssertionError("not on PATH: " + tool);
    }
}

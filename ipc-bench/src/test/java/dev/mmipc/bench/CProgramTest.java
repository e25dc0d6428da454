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

import com.google.gson.JsonObject;
import dev.mmipc.bench.run.CProgram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The C program ({@code bench/limit/cring.c}), built with the system {@code cc} and run briefly on CPUs 0 and 1:
 * the floor and copy bandwidth, the C ring's round trip and stream with every message checked, its pinning read
 * back, its refusals, and the note where there is no compiler.
 */
class CProgramTest
{
    private static final Path SOURCE = Path.of("..", "bench", "limit", "cring.c");

    @TempDir
    static Path bin;
    private static CProgram c;

    @BeforeAll
    static void build() throws Exception
    {
        final CProgram.Built built = CProgram.build(SOURCE, bin, "cc");
        assertNull(built.note(), "cc is on this machine's PATH (the build image has gcc)");
        c = built.program();
    }

    @Test
    void shouldMeasureTheFloorAndTheCopyBandwidthOnTheCpusAsked()
    {
        final JsonObject out = c.floor("0,1", 0.05, 0.01);
        assertEquals("0,1", out.get("cpus").getAsString());
        assertEquals(0, out.get("parentCpu").getAsInt(), "the measuring side ran on CPU 0");
        assertEquals(1, out.get("childCpu").getAsInt(), "the other side on CPU 1");
        final JsonObject floor = out.getAsJsonObject("floor");
        assertTrue(floor.get("samples").getAsLong() > 10, floor.toString());
        assertTrue(floor.get("p50").getAsLong() > 0 && floor.get("p50").getAsLong() <= floor.get("p99").getAsLong(), floor.toString());
        assertTrue(out.get("copyMBps").getAsDouble() > 0, out.toString());
    }

    @Test
    void shouldRunTheCRingWithEveryMessageChecked()
    {
        final JsonObject stream = c.ring("0,1", "stream", 100, 1 << 16, 64, 0.02, 0.05, 0.01, 0.01).getAsJsonObject("ring");
        assertEquals("stream", stream.get("benchmark").getAsString());
        assertEquals(112, stream.get("recordBytes").getAsInt(), "8-byte header, 100 bytes, aligned to 8");
        assertEquals((1 << 16) / 112, stream.get("capacityMessages").getAsInt());
        assertTrue(stream.get("messages").getAsLong() > 0, stream.toString());
        assertTrue(stream.get("delivered").getAsLong() >= stream.get("messages").getAsLong(), stream.toString());
        assertEquals(stream.get("messages").getAsDouble() * 100 / stream.get("seconds").getAsDouble() / 1e6,
            stream.get("mbPerSec").getAsDouble(), Math.max(0.1, stream.get("mbPerSec").getAsDouble() * 0.02),
            "MB/s is messages/s times the size (printed rounded)");
        final JsonObject rt = c.ring("0,1", "roundTrip", 4096, 4 << 20, 64, 0.02, 0.05, 0.01, 0.01).getAsJsonObject("ring");
        assertTrue(rt.get("samples").getAsLong() > 0, rt.toString());
        assertTrue(rt.get("p50").getAsLong() > 0, rt.toString());
        assertEquals(1022, rt.get("capacityMessages").getAsInt());
    }

    @Test
    void shouldRefuseBadArgumentsWithExitCode2AndSayWhich() throws Exception
    {
        final IllegalStateException small = assertThrows(IllegalStateException.class,
            () -> c.ring("0,1", "stream", 16, 1 << 16, 64, 0.01, 0.01, 0, 0));
        assertTrue(small.getMessage().startsWith("c program failed: exit=2, stderr=cring: size out of range: size=16, min=32, " +
            "max=32760"), small.getMessage());
        final IllegalStateException cpus = assertThrows(IllegalStateException.class, () -> c.floor("0", 0.01, 0));
        assertTrue(cpus.getMessage().contains("exit=2, stderr=cring: cpus invalid: cpus=0, expected=A,B"), cpus.getMessage());
        final Process p = new ProcessBuilder(bin.resolve("cring").toString(), "--cpus", "0,1", "--ring", "sideways",
            "--size", "64").redirectErrorStream(true).start();
        final String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(out.startsWith("cring: ring invalid: ring=sideways, expected=roundTrip or stream"), out);
    }

    @Test
    void shouldSayClearlyWhenThereIsNoCompiler(@TempDir final Path out) throws Exception
    {
        final CProgram.Built built = CProgram.build(SOURCE, out, "no-such-cc-for-mmipc");
        assertNull(built.program());
        assertNotNull(built.note());
        assertTrue(built.note().startsWith("no C compiler (no-such-cc-for-mmipc) on this machine: no C floor, no C ring"), built.note());
        assertEquals(List.of(), Files.list(out).toList());
    }
}

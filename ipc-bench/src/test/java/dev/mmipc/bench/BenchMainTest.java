/*
 * Copyright © 2026 the mmipc authors (${email})
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

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/bench}'s command line: the defaults, each option, and every bad value refused with a message that
 * names it (the runner then exits 2 with the usage).
 */
class BenchMainTest
{
    private static String refused(final String... args)
    {
        return assertThrows(IllegalArgumentException.class, () -> BenchMain.Options.parse(args)).getMessage();
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
    }

    @Test
    void shouldTakeEachOption()
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
        assertEquals(Profile.FULL.sizes(), BenchMain.Options.parse(new String[]{ "--full" }).sizes());
        assertEquals("bench/results/x", BenchMain.Options.parse(new String[]{ "--readme", "bench/results/x" }).readme());
    }

    @Test
    void shouldRefuseEveryBadValueNamingIt()
    {
        assertEquals("unknown argument: arg=--fast", refused("--fast"));
        assertEquals("option needs a value: option=--out", refused("--out"));
        assertTrue(refused("--transports", "agrona,smoke-signals").startsWith("unknown transport: name=smoke-signals, known=["));
        assertEquals("size out of range: size=16, min=32, max=524288", refused("--sizes", "16"));
        assertEquals("size out of range: size=-2147483648, min=32, max=524288", refused("--sizes", "-2147483648"));
        assertEquals("not a number: option=--sizes, value=2147483648", refused("--sizes", "2147483648"));
        assertEquals("not a number: option=--sizes, value=4k", refused("--sizes", "32,4k"));
        assertEquals("rounds out of range: rounds=0, min=1, max=100", refused("--rounds", "0"));
        assertEquals("rounds out of range: rounds=-2147483648, min=1, max=100", refused("--rounds", "-2147483648"));
        assertEquals("cpus invalid: cpus=1,1, expected=two different CPUs A,B or none", refused("--cpus", "1,1"));
        assertEquals("cpus invalid: cpus=0, expected=two different CPUs A,B or none", refused("--cpus", "0"));
        assertEquals("cpus invalid: cpus=99999999999,1, expected=two different CPUs A,B or none", refused("--cpus", "99999999999,1"));
        assertEquals("unknown --skip value: value=transports, known=[counters, cring, idle, pool]", refused("--skip", "transports"));
    }
}

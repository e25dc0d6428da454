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

import dev.mmipc.bench.run.Placement;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link PeerProcess} launches through {@code JvmProcess} with a {@code taskset -c CPUS} launcher: the peer's pid
 * is the JVM's own (taskset execs it), pinned to the CPUs asked as {@link Placement#affinity(long)} reads them back,
 * and it is killed and reaped by {@link PeerProcess#kill()}.
 */
class PeerProcessTest
{
    @Test
    void shouldPinPeerJvmFromItsFirstInstructionUnderItsOwnPid() throws Exception
    {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset")),
            "taskset not installed");
        final String last = Integer.toString(Runtime.getRuntime().availableProcessors() - 1);
        try (PeerProcess peer = PeerProcess.start(List.of("-Dmmipc.test.peer=1"), true, last, Sleeper.class))
        {
            // the peer prints once main runs: the JVM is up, and taskset has long since exec'ed it
            // (bounded: on timeout the peer is killed by close, which ends the read too)
            final String line = CompletableFuture.supplyAsync(() -> readReady(peer)).get(60, TimeUnit.SECONDS);
            assertEquals("ready\n", line);
            final long pid = peer.process().pid();
            assertEquals(last, Placement.affinity(pid));
            final String exe = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).toString();
            assertTrue(exe.endsWith("/java"), "the peer's pid is the jvm's, not taskset's: exe=" + exe);
            assertTrue(peer.jvm().identity().startTimeMs() > 0);
            assertEquals(137, peer.kill());
            assertTrue(peer.process().waitFor(1, TimeUnit.SECONDS));
        }
    }

    private static String readReady(final PeerProcess peer)
    {
        try
        {
            return new String(peer.process().getInputStream().readNBytes("ready\n".length()), StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** A peer that says it is ready, then sleeps for up to a minute. */
    public static final class Sleeper
    {
        public static void main(final String[] args) throws InterruptedException
        {
            System.out.print("ready\n");
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(60));
        }
    }
}

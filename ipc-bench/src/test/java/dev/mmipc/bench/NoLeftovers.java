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

import dev.mmipc.test.ThreadDumps;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * JUnit 5 extension for tests that start benchmark peers: each test's trial directories get this JVM's own prefix
 * ({@link #PREFIX}, passed to JMH forks as {@link #dirPrefixArg()}), so benchmarks of other processes on the
 * machine do not count; after each test no directory with that prefix may remain in {@code /dev/shm} and no peer
 * JVM naming one may still run (survivors are killed, then the test fails). JMH's lock file is ignored so that a
 * benchmark elsewhere on the machine cannot fail CI.
 */
public final class NoLeftovers implements BeforeEachCallback, AfterEachCallback
{
    /** This JVM's trial-directory prefix. */
    public static final String PREFIX = PeerProcess.DEFAULT_DIR_PREFIX + "test-" + ProcessHandle.current().pid() + "-";

    /**
     * @return the JVM argument that gives a JMH fork this JVM's prefix.
     */
    public static String dirPrefixArg()
    {
        return "-D" + PeerProcess.DIR_PREFIX_PROPERTY + "=" + PREFIX;
    }

    @Override
    public void beforeEach(final ExtensionContext context)
    {
        System.setProperty(PeerProcess.DIR_PREFIX_PROPERTY, PREFIX);
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Override
    public void afterEach(final ExtensionContext context) throws IOException, InterruptedException
    {
        System.clearProperty(PeerProcess.DIR_PREFIX_PROPERTY);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<ProcessHandle> peers = peers();
        while (!peers.isEmpty() && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
            peers = peers();
        }
        if (!peers.isEmpty())
        {
            ThreadDumps.dumpOwnThreads("peers survived " + context.getDisplayName());
            peers.forEach(ProcessHandle::destroyForcibly);
        }
        assertEquals(List.of(), peers.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList(),
            "no peer JVM may survive its trial");
        try (Stream<Path> left = Files.list(Path.of("/dev/shm")))
        {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(PREFIX)).toList(),
                "trial directories must be removed");
        }
    }

    private static List<ProcessHandle> peers()
    {
        final long own = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
            .filter(p -> p.pid() != own && p.isAlive())
            .filter(p -> p.info().commandLine().orElse("").contains(PREFIX))
            .toList();
    }
}

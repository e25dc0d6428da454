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
package dev.mmipc.sync;

import dev.mmipc.Namespace;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.sync.SyncChild.FAST;
import static dev.mmipc.sync.SyncChild.HOLDING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Locks across real JVMs: exact sums under contention, recovery from a holder killed with kill -9, and a live
 * holder never taken over.
 */
class LockProcessTest
{
    private static final int PROCESSES = 4;
    private static final int INCREMENTS = 100_000;
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldCountExactlyUnderLockInFourProcesses()
    {
        try (Lock lock = Lock.create(namespace(), "lock"))
        {
            exactSum("lock-inc", lock.name());
        }
    }

    @Test
    void shouldCountExactlyUnderNestedRLockInFourProcesses()
    {
        try (RLock lock = RLock.create(namespace(), "lock"))
        {
            exactSum("rlock-inc", lock.name());
        }
    }

    @Test
    void shouldRecoverLockFromKilledHolderAndSayItWasRecovered() throws Exception
    {
        try (Lock lock = Lock.create(namespace(), "lock", FAST))
        {
            final ChildJvm holder = ns.startChild(SyncChild.class, "hold-lock", "lock");
            holder.awaitOutput(HOLDING, Duration.ofSeconds(60));
            assertEquals(holder.pid(), lock.ownerPid());

            assertFalse(lock.tryLock(300, TimeUnit.MILLISECONDS), "a live holder is never taken over");
            assertEquals(holder.pid(), lock.ownerPid());

            holder.kill9();
            final long startNs = System.nanoTime();
            assertTrue(lock.tryLock(10, TimeUnit.SECONDS));
            final long recoveredMs = (System.nanoTime() - startNs) / 1_000_000;
            assertTrue(lock.wasRecovered(), "owner died signal");
            assertEquals(1, lock.recoveries());
            assertEquals(ProcessHandle.current().pid(), lock.ownerPid());
            assertTrue(recoveredMs < 2_000, "recovered in " + recoveredMs + " ms");
            System.out.println("lock recovered from a kill -9'd holder in " + recoveredMs + " ms");
            lock.unlock();

            assertTrue(lock.tryLock());
            assertFalse(lock.wasRecovered(), "an ordinary acquisition is not a recovery");
            lock.unlock();
        }
    }

    @Test
    void shouldRecoverRLockFromKilledHolderWithHoldCountOne() throws Exception
    {
        try (RLock lock = RLock.create(namespace(), "rlock", FAST))
        {
            final ChildJvm holder = ns.startChild(SyncChild.class, "hold-rlock", "rlock");
            holder.awaitOutput(HOLDING, Duration.ofSeconds(60));
            assertFalse(lock.tryLock(300, TimeUnit.MILLISECONDS), "a live holder is never taken over");
            assertFalse(lock.isHeldByCurrentThread());

            holder.kill9();
            assertTrue(lock.tryLock(10, TimeUnit.SECONDS));
            assertTrue(lock.wasRecovered());
            assertEquals(1, lock.holdCount());
            lock.unlock();
            assertEquals(0, lock.ownerPid());
        }
    }

    @Test
    void shouldTellAnotherProcessThatItRecoveredTheLock()
    {
        try (Lock lock = Lock.create(namespace(), "lock", FAST))
        {
            final ChildJvm holder = ns.startChild(SyncChild.class, "hold-lock", "lock");
            holder.awaitOutput(HOLDING, Duration.ofSeconds(60));
            final ChildJvm taker = ns.startChild(SyncChild.class, "take-lock", "lock");
            holder.kill9();
            taker.awaitSuccess(Duration.ofSeconds(60));
            assertTrue(taker.output().contains("recovered=true"), taker::output);
            assertEquals(0, lock.ownerPid());
        }
    }

    private void exactSum(final String mode, final String lock)
    {
        try (SharedLong value = SharedLong.create(namespace(), "value"))
        {
            final List<ChildJvm> children = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++)
            {
                children.add(ns.startChild(SyncChild.class, mode, lock, "value", Integer.toString(INCREMENTS)));
            }
            final long startNs = System.nanoTime();
            for (final ChildJvm child : children)
            {
                child.awaitSuccess(CHILD_TIMEOUT);
            }
            assertEquals((long)PROCESSES * INCREMENTS, value.get());
            System.out.printf("%s: %d processes x %d increments in %d ms (JVM start included)%n",
                mode, PROCESSES, INCREMENTS, (System.nanoTime() - startNs) / 1_000_000);
        }
    }

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }
}

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
import dev.mmipc.codec.Codecs;
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.sync.Lock;
import dev.mmipc.sync.Semaphore;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectSyncAndPipeTest
{
    private static final long PID = ProcessHandle.current().pid();

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldShowALocksOwnerAndASemaphoresPermits()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        try (Lock lock = Lock.create(namespace, "books"); Semaphore sem = Semaphore.create(namespace, "slots", 2))
        {
            assertTrue(lock.tryLock());
            assertTrue(sem.tryAcquire());

            final Cli.Result locked = Cli.run(ns.path(), "inspect", "books");
            assertEquals(0, locked.exitCode(), locked::toString);
            assertTrue(squeeze(locked.out()).contains("\nSYNC state:\n type LOCK\n owner_pid " + PID +
                "\n owner_start_ms " + ProcessIdentity.current().startTimeMs() + "\n"), locked::toString);
            assertTrue(squeeze(locked.out()).contains("\n owner_alive yes\n"), locked::toString);

            final Cli.Result slots = Cli.run(ns.path(), "inspect", "slots");
            assertEquals(0, slots.exitCode(), slots::toString);
            assertTrue(squeeze(slots.out()).contains("\nSYNC state:\n type SEMAPHORE\n permits 1\n initial_permits 2\n"), slots::toString);
            lock.unlock();
        }
    }

    @Test
    void shouldShowAPipesTwoEnds() throws Exception
    {
        final Namespace namespace = Namespace.of(ns.directory());
        try (Pipe pipe = Pipe.create(namespace, "chat", true, 1024);
            Connection<String> first = Pipe.connect(namespace, "chat", PipeEnd.FIRST, Codecs.utf8()))
        {
            first.send("hi");
            final Cli.Result result = Cli.run(ns.path(), "inspect", pipe.name());
            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(squeeze(result.out()).contains("\nPIPE state:\n mode duplex\n capacity_bytes 1024\n" +
                " first_end state=open, pid=" + PID + ", alive=yes\n" +
                " second_end state=new, pid=0, alive=-\n to_first_bytes 0\n to_second_bytes 16\n"),
                result::toString);
        }
    }

    private static String squeeze(final String text)
    {
        return text.replaceAll(" +", " ");
    }
}

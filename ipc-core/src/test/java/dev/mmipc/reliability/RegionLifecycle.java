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
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.exceptions.MmipcException;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.queue.QueueOptions;
import dev.mmipc.shared.SharedBytes;
import dev.mmipc.shared.SharedLongArray;
import dev.mmipc.sync.Lock;

/**
 * Child JVM of {@link TruncationTest}, run under strace: creates, opens, re-opens with other parameters (each
 * refused), uses, unlinks and re-creates regions of several kinds, as an application would, so that the trace
 * sees every way the library opens a region file. Prints {@code lifecycle done}.
 */
public final class RegionLifecycle
{
    private RegionLifecycle()
    {
    }

    /**
     * @param args none.
     */
    public static void main(final String[] args)
    {
        final Namespace ns = Namespace.open();
        for (int round = 0; round < 2; round++)
        {
            try (SharedLongArray array = SharedLongArray.create(ns, "array", 4096);
                 SharedLongArray again = SharedLongArray.openOrCreate(ns, "array", 4096))
            {
                again.incrementAndGet(4095);
                refused(() -> SharedLongArray.openOrCreate(ns, "array", 16)); // shorter: refused, never resized
                refused(() -> SharedLongArray.openOrCreate(ns, "array", 1 << 20)); // longer: refused too
                refused(() -> SharedLongArray.create(ns, "array", 16));
                array.unlink();
            }
            try (SharedBytes bytes = SharedBytes.openOrCreate(ns, "bytes", 1 << 16))
            {
                bytes.buffer().setMemory(0, 1 << 16, (byte)1);
                refused(() -> SharedBytes.openOrCreate(ns, "bytes", 1));
                bytes.unlink();
            }
            for (final QueueMode mode : QueueMode.values())
            {
                try (MessageQueue queue = MessageQueue.openOrCreate(ns, "queue", mode, 4096, QueueOptions.defaults()))
                {
                    queue.offer(new byte[100]);
                    queue.poll((buffer, offset, length) -> { });
                    refused(() -> MessageQueue.openOrCreate(ns, "queue", mode, 1 << 16, QueueOptions.defaults()));
                    queue.unlink();
                }
            }
            try (SharedCounters counters = SharedCounters.openOrCreate(ns, "counters", 16))
            {
                counters.allocate("c").increment();
                refused(() -> SharedCounters.openOrCreate(ns, "counters", 1024));
                counters.unlink();
            }
            try (Lock lock = Lock.openOrCreate(ns, "lock"))
            {
                lock.lock();
                lock.unlock();
                lock.unlink();
            }
        }
        System.out.println("lifecycle done");
    }

    private static void refused(final Runnable call)
    {
        try
        {
            call.run();
        }
        catch (final MmipcException ex)
        {
            return;
        }
        throw new AssertionError("not refused");
    }
}

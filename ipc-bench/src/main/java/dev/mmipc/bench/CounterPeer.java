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

import dev.mmipc.Namespace;
import dev.mmipc.shared.SharedLong;

import java.nio.file.Path;

/**
 * Peer of {@link CounterBenchmark}: increments the shared counter as fast as it can until the stop
 * flag is set, then records how many increments it made and over how many nanoseconds.
 * Arguments: {@code DIR}.
 */
public final class CounterPeer
{
    private CounterPeer()
    {
    }

    /**
     * @param args {@code DIR}: the namespace directory holding {@code counter}, {@code stop}, {@code peer-ops}, {@code peer-ns}.
     */
    public static void main(final String[] args)
    {
        final Namespace ns = Namespace.at(Path.of(args[0]));
        try (SharedLong counter = SharedLong.open(ns, "counter");
            SharedLong stop = SharedLong.open(ns, "stop");
            SharedLong peerOps = SharedLong.open(ns, "peer-ops");
            SharedLong peerNs = SharedLong.open(ns, "peer-ns"))
        {
            final long start = System.nanoTime();
            long ops = 0;
            while (stop.getOpaque() == 0)
            {
                for (int i = 0; i < 1024; i++)
                {
                    counter.incrementAndGet();
                }
                ops += 1024;
            }
            peerNs.set(System.nanoTime() - start);
            peerOps.set(ops);
        }
    }
}

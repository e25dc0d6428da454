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
package dev.mmipc.shared;

import dev.mmipc.Namespace;

/**
 * Child JVM for the cross-process tests: waits at a start gate (so both children really race), then
 * hammers a shared value. Exits 0 and prints "done" on success; any failure is a stack trace and a
 * non-zero exit.
 * <pre>
 * long-increment  NAME N                                   READY GO
 * long-array      NAME FIRST COUNT PER_ELEMENT SHARED ADDS DELTA READY GO
 * int-array       NAME FIRST COUNT PER_ELEMENT SHARED ADDS DELTA READY GO
 * double-add      NAME N                                   READY GO
 * </pre>
 */
public final class SharedWorker
{
    private static final long GATE_TIMEOUT_NS = 60_000_000_000L;
    private static final int GATE_TIMEOUT_EXIT = 3;

    private SharedWorker()
    {
    }

    /**
     * @param args see the class documentation.
     */
    public static void main(final String[] args)
    {
        final Namespace ns = Namespace.open();
        final String mode = args[0];
        final String name = args[1];
        switch (mode)
        {
            case "long-increment":
                try (SharedLong counter = SharedLong.open(ns, name))
                {
                    final int n = Integer.parseInt(args[2]);
                    awaitGate(ns, args[3], args[4]);
                    for (int i = 0; i < n; i++)
                    {
                        counter.incrementAndGet();
                    }
                }
                break;

            case "long-array":
                try (SharedLongArray array = SharedLongArray.open(ns, name))
                {
                    final int first = Integer.parseInt(args[2]);
                    final int count = Integer.parseInt(args[3]);
                    final int perElement = Integer.parseInt(args[4]);
                    final int shared = Integer.parseInt(args[5]);
                    final int adds = Integer.parseInt(args[6]);
                    final long delta = Long.parseLong(args[7]);
                    awaitGate(ns, args[8], args[9]);
                    for (int round = 0; round < perElement; round++)
                    {
                        for (int i = first; i < first + count; i++)
                        {
                            array.incrementAndGet(i);
                        }
                    }
                    for (int i = 0; i < adds; i++)
                    {
                        array.getAndAdd(shared, delta);
                    }
                }
                break;

            case "int-array":
                try (SharedIntArray array = SharedIntArray.open(ns, name))
                {
                    final int first = Integer.parseInt(args[2]);
                    final int count = Integer.parseInt(args[3]);
                    final int perElement = Integer.parseInt(args[4]);
                    final int shared = Integer.parseInt(args[5]);
                    final int adds = Integer.parseInt(args[6]);
                    final int delta = Integer.parseInt(args[7]);
                    awaitGate(ns, args[8], args[9]);
                    for (int round = 0; round < perElement; round++)
                    {
                        for (int i = first; i < first + count; i++)
                        {
                            array.incrementAndGet(i);
                        }
                    }
                    for (int i = 0; i < adds; i++)
                    {
                        array.getAndAdd(shared, delta);
                    }
                }
                break;

            case "double-add":
                try (SharedDouble sum = SharedDouble.open(ns, name))
                {
                    final int n = Integer.parseInt(args[2]);
                    awaitGate(ns, args[3], args[4]);
                    for (int i = 0; i < n; i++)
                    {
                        sum.addAndGet(1.0);
                    }
                }
                break;

            default:
                throw new IllegalArgumentException("unknown mode: mode=" + mode);
        }
        System.out.println("done");
    }

    private static void awaitGate(final Namespace ns, final String readyName, final String goName)
    {
        try (SharedLong ready = SharedLong.open(ns, readyName); SharedLong go = SharedLong.open(ns, goName))
        {
            ready.incrementAndGet();
            final long deadline = System.nanoTime() + GATE_TIMEOUT_NS;
            while (go.getAcquire() == 0)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    System.out.println("gate never opened");
                    System.exit(GATE_TIMEOUT_EXIT);
                }
                Thread.yield();
            }
        }
    }
}

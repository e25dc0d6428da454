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
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueOptions;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Peer of {@link IdleConsumerProbe}: a consumer blocked in {@link MessageQueue#take} with the default wait
 * strategy. For each message it replies with how long the wake-up took (receive time minus the send time in the
 * message; both {@link System#nanoTime()}, one clock on one machine), and the CPU time and wall time of the
 * wait it just left. Arguments: {@code DIR}.
 */
public final class IdleConsumerPeer
{
    static final int LENGTH = 32;
    static final long STOP = -1;

    private IdleConsumerPeer()
    {
    }

    /**
     * Longer than any idle period the probe measures: a take that timed out inside the period would restart the
     * peer's CPU and wall clocks and report the share of the last moments only (a 10 s take against a 10 s idle
     * period reported 120 % of a core).
     */
    static final long TAKE_TIMEOUT_S = 60;

    /**
     * @param args {@code DIR}: the namespace holding {@code to-peer} and {@code to-bench}.
     * @throws Exception when the queues fail.
     */
    public static void main(final String[] args) throws Exception
    {
        final Namespace ns = Namespace.at(Path.of(args[0]));
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final UnsafeBuffer reply = new UnsafeBuffer(new byte[LENGTH]);
        final long[] got = new long[2];
        final ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        try (MessageQueue in = MessageQueue.open(ns, "to-peer", QueueOptions.defaults());
            MessageQueue out = MessageQueue.open(ns, "to-bench", QueueOptions.defaults()))
        {
            while (true)
            {
                final long cpu0 = threads.getCurrentThreadCpuTime();
                final long wall0 = System.nanoTime();
                final boolean taken = in.take(
                    (buffer, offset, length) ->
                    {
                        got[1] = System.nanoTime();
                        got[0] = buffer.getLong(offset);
                    },
                    TAKE_TIMEOUT_S, TimeUnit.SECONDS);
                if (!taken)
                {
                    if (!parent.isAlive())
                    {
                        return;
                    }
                    continue;
                }
                final long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                final long wall = got[1] - wall0;
                if (got[0] == STOP)
                {
                    return;
                }
                reply.putLong(0, got[1] - got[0]);
                reply.putLong(8, cpu);
                reply.putLong(16, wall);
                out.put(reply, 0, LENGTH, 10, TimeUnit.SECONDS);
            }
        }
    }
}

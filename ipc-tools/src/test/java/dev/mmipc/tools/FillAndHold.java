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
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.queue.JoinableQueue;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.queue.QueueOptions;

/**
 * Child JVM: creates a region that holds something for someone, prints {@code filled NAME}, keeps it until killed
 * (or 120 s pass). Kinds: {@code queue N} (a MANY_TO_MANY queue with N undelivered messages), {@code pipe N} (a pipe
 * with N unread bytes towards its first end), {@code joinable N} (a joinable queue with N tasks put, none done).
 */
public final class FillAndHold
{
    private FillAndHold()
    {
    }

    /**
     * @param args kind, region name, count.
     * @throws Exception never expected.
     */
    public static void main(final String[] args) throws Exception
    {
        final Namespace ns = Namespace.open();
        final String name = args[1];
        final int count = Integer.parseInt(args[2]);
        switch (args[0])
        {
            case "queue" ->
            {
                final MessageQueue q = MessageQueue.create(ns, name, QueueMode.MANY_TO_MANY, 1 << 16, QueueOptions.defaults());
                for (int i = 0; i < count; i++)
                {
                    if (!q.offer(new org.agrona.concurrent.UnsafeBuffer(new byte[8]), 0, 8))
                    {
                        throw new IllegalStateException("queue full at " + i);
                    }
                }
            }
            case "pipe" ->
            {
                Pipe.create(ns, name, false, 4096);
                final Connection<byte[]> second = Pipe.connect(ns, name, PipeEnd.SECOND, Codecs.bytes());
                second.sendBytes(new byte[count]);
            }
            case "joinable" ->
            {
                final JoinableQueue<String> q = JoinableQueue.create(ns, name, QueueMode.MANY_TO_MANY, 4096, Codecs.utf8());
                for (int i = 0; i < count; i++)
                {
                    q.put("task " + i);
                }
            }
            default -> throw new IllegalArgumentException("kind: " + args[0]);
        }
        System.out.println("filled " + name);
        System.out.flush();
        Thread.sleep(120_000);
    }
}

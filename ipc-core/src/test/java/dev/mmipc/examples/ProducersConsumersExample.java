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
package dev.mmipc.examples;

import dev.mmipc.Namespace;
import dev.mmipc.process.JvmProcess;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.shared.SharedLongArray;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Five producer and five consumer processes over one {@link QueueMode#MANY_TO_MANY} queue, with a poison pill
 * each: every producer puts its 1,000 items (item ids {@code producer * 1000 + i}), the parent then puts one
 * pill per consumer once the producers are done, and each consumer marks every item it takes in a shared
 * array of counts until it takes a pill. At the end every count must be exactly 1.
 * <p>
 * Argument (optional): the namespace directory.
 */
public final class ProducersConsumersExample
{
    static final int PER_PRODUCER = 1000;
    static final int PRODUCERS = 5;
    static final int CONSUMERS = 5;
    static final long PILL = -1;
    static final long TIMEOUT_S = 60;

    private ProducersConsumersExample()
    {
    }

    /**
     * What one run saw.
     *
     * @param counts    for each item id, how many times a consumer took it.
     * @param pills     poison pills taken.
     * @param exitCodes exit codes of the producers, then the consumers.
     */
    record Outcome(long[] counts, long pills, List<Integer> exitCodes)
    {
    }

    /**
     * @param args optional namespace directory.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Namespace ns = args.length > 0 ? Namespace.at(Path.of(args[0])) : Namespace.open();
        final Outcome outcome = run(ns);
        int once = 0;
        int more = 0;
        int missing = 0;
        for (final long count : outcome.counts())
        {
            once += count == 1 ? 1 : 0;
            more += count > 1 ? 1 : 0;
            missing += count == 0 ? 1 : 0;
        }
        System.out.println("items=" + outcome.counts().length + " consumed_once=" + once + " duplicated=" + more +
            " missing=" + missing + " pills=" + outcome.pills() + " exit_codes=" + outcome.exitCodes());
    }

    /**
     * Run the producers and consumers; every region is gone and every child has exited when this returns.
     *
     * @param ns namespace of the queue and the counts.
     * @return what the consumers took.
     * @throws Exception on failure, or when a child does not finish within {@value #TIMEOUT_S} s.
     */
    static Outcome run(final Namespace ns) throws Exception
    {
        final String queueName = "jobs-" + ProcessHandle.current().pid();
        final String countsName = "jobs-counts-" + ProcessHandle.current().pid();
        final String pillsName = "jobs-pills-" + ProcessHandle.current().pid();
        final List<JvmProcess> producers = new ArrayList<>();
        final List<JvmProcess> consumers = new ArrayList<>();
        try (MessageQueue queue = MessageQueue.create(ns, queueName, QueueMode.MANY_TO_MANY, 1 << 16);
            SharedLongArray counts = SharedLongArray.create(ns, countsName, PRODUCERS * PER_PRODUCER);
            SharedLong pills = SharedLong.create(ns, pillsName))
        {
            try
            {
                for (int c = 0; c < CONSUMERS; c++)
                {
                    consumers.add(JvmProcess.ofTask(() -> consume(queueName, countsName, pillsName))
                        .namespace(ns).daemon(true).start());
                }
                for (int p = 0; p < PRODUCERS; p++)
                {
                    final int producer = p;
                    producers.add(JvmProcess.ofTask(() -> produce(queueName, producer))
                        .namespace(ns).daemon(true).start());
                }
                awaitExit(producers);
                for (int c = 0; c < CONSUMERS; c++)
                {
                    put(queue, PILL); // one poison pill per consumer, after every item
                }
                awaitExit(consumers);
                final List<Integer> exitCodes = new ArrayList<>();
                for (final JvmProcess child : producers)
                {
                    exitCodes.add(child.exitCode().orElse(Integer.MIN_VALUE));
                }
                for (final JvmProcess child : consumers)
                {
                    exitCodes.add(child.exitCode().orElse(Integer.MIN_VALUE));
                }
                return new Outcome(counts.toArray(), pills.get(), exitCodes);
            }
            finally
            {
                for (final JvmProcess child : producers)
                {
                    child.kill(); // no-op for a child that has exited
                }
                for (final JvmProcess child : consumers)
                {
                    child.kill();
                }
                queue.unlink();
                counts.unlink();
                pills.unlink();
            }
        }
    }

    private static void awaitExit(final List<JvmProcess> children) throws Exception
    {
        for (final JvmProcess child : children)
        {
            if (!child.join(TIMEOUT_S, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("child still running: name=" + child.name() + ", pid=" + child.pid());
            }
        }
    }

    private static void produce(final String queueName, final int producer) throws Exception
    {
        try (MessageQueue queue = MessageQueue.open(Namespace.open(), queueName))
        {
            for (int i = 0; i < PER_PRODUCER; i++)
            {
                put(queue, (long)producer * PER_PRODUCER + i);
            }
        }
    }

    private static void consume(final String queueName, final String countsName, final String pillsName)
        throws Exception
    {
        final long[] taken = {0};
        try (MessageQueue queue = MessageQueue.open(Namespace.open(), queueName);
            SharedLongArray counts = SharedLongArray.open(Namespace.open(), countsName);
            SharedLong pills = SharedLong.open(Namespace.open(), pillsName))
        {
            while (true)
            {
                if (!queue.take((buffer, offset, length) -> taken[0] = buffer.getLong(offset), TIMEOUT_S, TimeUnit.SECONDS))
                {
                    throw new IllegalStateException("no item and no pill in time: queue=" + queueName);
                }
                if (taken[0] == PILL)
                {
                    pills.incrementAndGet();
                    return;
                }
                counts.incrementAndGet((int)taken[0]);
            }
        }
    }

    private static void put(final MessageQueue queue, final long value) throws Exception
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[Long.BYTES]);
        message.putLong(0, value);
        queue.put(message, 0, Long.BYTES, TIMEOUT_S, TimeUnit.SECONDS);
    }
}

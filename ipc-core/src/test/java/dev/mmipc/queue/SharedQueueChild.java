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
package dev.mmipc.queue;

import dev.mmipc.Namespace;
import dev.mmipc.codec.Codec;
import dev.mmipc.codec.SerializableCodec;
import dev.mmipc.exceptions.QueueClosedException;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;

import java.io.Serializable;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM roles for the shared and joinable queue tests; the first argument picks the role, the namespace
 * comes from {@code -Dmmipc.dir}. Every wait is bounded; a failure exits non-zero with a message.
 */
public final class SharedQueueChild
{
    private static final long WAIT_S = 30;

    private SharedQueueChild()
    {
    }

    /**
     * @param args role and its arguments.
     * @throws Exception on failure, which fails the test through the exit code.
     */
    public static void main(final String[] args) throws Exception
    {
        final Namespace ns = Namespace.open();
        switch (args[0])
        {
            case "produce" -> produce(ns, args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "consume" -> consume(ns, args[1], Integer.parseInt(args[2]));
            case "produce-evil" -> produceEvil(ns, args[1]);
            case "work" -> work(ns, args[1], args[2], Boolean.parseBoolean(args[3]));
            default -> throw new IllegalArgumentException("unknown role: " + args[0]);
        }
    }

    /**
     * Put {@code count} jobs of producer {@code producer}, then exit.
     */
    private static void produce(final Namespace ns, final String name, final int producer, final int count)
        throws InterruptedException
    {
        try (SharedQueue<Job> queue = SharedQueue.open(ns, name, Job.codec()))
        {
            for (int i = 0; i < count; i++)
            {
                if (!queue.offer(Job.of(producer, i), WAIT_S, TimeUnit.SECONDS))
                {
                    throw new IllegalStateException("producer timed out at " + i);
                }
            }
        }
        System.out.println("produced " + count);
    }

    /**
     * Take {@code count} jobs, check each checksum and per-producer order, print a summary.
     */
    private static void consume(final Namespace ns, final String name, final int count) throws InterruptedException
    {
        try (SharedQueue<Job> queue = SharedQueue.open(ns, name, Job.codec()))
        {
            int next = 0;
            long sum = 0;
            for (int i = 0; i < count; i++)
            {
                final Job job = queue.poll(WAIT_S, TimeUnit.SECONDS);
                if (job == null)
                {
                    throw new IllegalStateException("consumer timed out after " + i);
                }
                if (!job.valid() || job.id() != next)
                {
                    throw new IllegalStateException("bad job at " + i + ": " + job);
                }
                next++;
                sum += job.id();
            }
            System.out.println("consumed " + count + " sum " + sum);
        }
    }

    /**
     * Send an {@link EvilTask} and then a good job through a queue of serializable objects.
     */
    private static void produceEvil(final Namespace ns, final String name) throws InterruptedException
    {
        final SerializableCodec<Serializable> anything = SerializableCodec.builder(Serializable.class).build();
        try (SharedQueue<Serializable> queue = SharedQueue.open(ns, name, anything))
        {
            queue.put(new EvilTask("rm -rf /"));
            queue.put(Job.of(9, 1));
        }
        System.out.println("produced evil then good");
    }

    /**
     * A joinable queue worker: take jobs until end of stream; for each, add one to the shared "processed"
     * count and then call taskDone. With {@code skipOne}, never call taskDone for the first job taken.
     */
    private static void work(final Namespace ns, final String name, final String processedRegion, final boolean skipOne)
        throws InterruptedException
    {
        final Codec<Job> codec = Job.codec();
        try (JoinableQueue<Job> queue = JoinableQueue.open(ns, name, codec);
            Region processed = Region.open(ns.directory(), processedRegion, RegionKind.BYTES))
        {
            int done = 0;
            Job held = null;
            while (true)
            {
                final Job job;
                try
                {
                    job = queue.poll(WAIT_S, TimeUnit.SECONDS);
                }
                catch (final QueueClosedException ex)
                {
                    break;
                }
                if (job == null)
                {
                    throw new IllegalStateException("worker timed out after " + done);
                }
                if (skipOne && held == null)
                {
                    held = job; // never marked done
                    processed.payload().getAndAddLong(0, 1);
                    continue;
                }
                Thread.sleep(1); // some work, so that join must really wait
                processed.payload().getAndAddLong(0, 1);
                queue.taskDone();
                done++;
            }
            System.out.println("worked " + done + (held != null ? " held " + held.id() : ""));
        }
    }
}

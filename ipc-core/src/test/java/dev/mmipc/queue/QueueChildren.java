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
import dev.mmipc.exceptions.QueueClosedException;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Main classes run in child JVMs by the cross-process queue tests. Each opens the queue by name in the
 * namespace given by {@code -Dmmipc.dir}, prints what it is doing, and exits 0 on success.
 */
final class QueueChildren
{
    private QueueChildren()
    {
    }

    static QueueOptions options(final String unblockMs)
    {
        return QueueOptions.defaults().withLivenessTimeout(Duration.ofMillis(Long.parseLong(unblockMs)));
    }

    /**
     * Put messages of producer 0, sequence 0 to {@code count - 1}, with their checksums, then print OFFERED count.
     *
     * @return the message buffer, holding the last message.
     */
    static UnsafeBuffer putSequence(final MessageQueue q, final int count) throws Exception
    {
        final UnsafeBuffer msg = new UnsafeBuffer(new byte[Deliveries.MESSAGE_LENGTH]);
        for (int seq = 0; seq < count; seq++)
        {
            msg.putInt(0, 0);
            msg.putLong(8, seq);
            msg.putLong(16, Deliveries.checksum(0, seq));
            q.put(msg, 0, Deliveries.MESSAGE_LENGTH, 60, TimeUnit.SECONDS);
        }
        System.out.println("OFFERED " + count);
        System.out.flush();
        return msg;
    }

    static void sleepForever() throws InterruptedException
    {
        Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        System.exit(3);
    }

    /**
     * Args: queue, producer id, count, unblock ms. Puts {@code count} messages (producer, seq, checksum).
     */
    static final class Producer
    {
        public static void main(final String[] args) throws Exception
        {
            final String queue = args[0];
            final int producer = Integer.parseInt(args[1]);
            final int count = Integer.parseInt(args[2]);
            final UnsafeBuffer msg = new UnsafeBuffer(new byte[Deliveries.MESSAGE_LENGTH]);
            try (MessageQueue q = MessageQueue.open(Namespace.open(), queue, options(args[3])))
            {
                System.out.println("PRODUCER " + producer + " STARTED");
                for (int seq = 0; seq < count; seq++)
                {
                    msg.putInt(0, producer);
                    msg.putLong(8, seq);
                    msg.putLong(16, Deliveries.checksum(producer, seq));
                    q.put(msg, 0, Deliveries.MESSAGE_LENGTH, 60, TimeUnit.SECONDS);
                }
            }
            System.out.println("PRODUCER " + producer + " DONE");
        }
    }

    /**
     * Args: queue, ledger, producers, per producer, unblock ms, hold at (message number to hang on, -1 none),
     * busy µs per message, progress every, optionally batch (drain up to that many at a time; default 1, take).
     * Consumes until end of stream, recording every message in the ledger.
     */
    static final class Consumer
    {
        public static void main(final String[] args) throws Exception
        {
            final String queue = args[0];
            final int producers = Integer.parseInt(args[2]);
            final int perProducer = Integer.parseInt(args[3]);
            final long holdAt = Long.parseLong(args[5]);
            final long busyNs = TimeUnit.MICROSECONDS.toNanos(Long.parseLong(args[6]));
            final long progressEvery = Long.parseLong(args[7]);
            final int batch = args.length > 8 ? Integer.parseInt(args[8]) : 1;
            final Namespace ns = Namespace.open();
            try (MessageQueue q = MessageQueue.open(ns, queue, options(args[4]));
                 Deliveries ledger = Deliveries.open(ns.directory(), args[1], producers, perProducer))
            {
                final long[] last = new long[producers];
                Arrays.fill(last, -1);
                final long[] received = new long[1];
                final MessageHandler handler = (b, o, l) ->
                {
                    if (!ledger.check(last, b, o, l))
                    {
                        return;
                    }
                    received[0]++;
                    if (busyNs > 0)
                    {
                        final long until = System.nanoTime() + busyNs;
                        while (System.nanoTime() - until < 0)
                        {
                            Thread.onSpinWait();
                        }
                    }
                    if (received[0] == holdAt)
                    {
                        System.out.println("HOLDING " + b.getInt(o) + " " + b.getLong(o + 8));
                        System.out.flush();
                        try
                        {
                            sleepForever();
                        }
                        catch (final InterruptedException ex)
                        {
                            throw new IllegalStateException(ex);
                        }
                    }
                    if (progressEvery > 0 && received[0] % progressEvery == 0)
                    {
                        System.out.println("PROGRESS " + received[0]);
                        System.out.flush();
                    }
                };
                System.out.println("CONSUMER STARTED");
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                try
                {
                    while (System.nanoTime() - deadline < 0)
                    {
                        if (batch <= 1 || q.drain(handler, batch) == 0)
                        {
                            q.take(handler, 1, TimeUnit.SECONDS);
                        }
                    }
                    System.out.println("CONSUMER NO END OF STREAM after " + received[0]);
                    System.exit(2);
                }
                catch (final QueueClosedException ex)
                {
                    System.out.println("CONSUMER END " + received[0]);
                }
            }
        }
    }

    /**
     * Args: queue, message length, unblock ms, messages to offer first, then "claim" or "hold". Offers the
     * messages (producer 0, sequence 0..n-1, checksum), prints OFFERED; then with "claim" claims space for one
     * more, writes half of it, prints CLAIMED and hangs, to be killed between claim and commit; with "hold" just
     * hangs (holding the producer lease of a ONE_TO_ONE queue).
     */
    static final class ClaimAndHang
    {
        public static void main(final String[] args) throws Exception
        {
            final int length = Integer.parseInt(args[1]);
            final int offers = Integer.parseInt(args[3]);
            final MessageQueue q = MessageQueue.open(Namespace.open(), args[0], options(args[2]));
            putSequence(q, offers);
            if ("claim".equals(args[4]))
            {
                final int index = q.tryClaim(length);
                if (index < 0)
                {
                    System.out.println("NO ROOM");
                    System.exit(4);
                }
                q.buffer().setMemory(index, length / 2, (byte)0x5A);
                System.out.println("CLAIMED " + index);
                System.out.flush();
            }
            sleepForever();
        }
    }

    /**
     * Args: queue, unblock ms, messages to offer, marker file. Offers the messages (producer 0, sequence 0..n-1,
     * checksum), prints OFFERED n, and stays alive (holding the producer lease of a ONE_TO_ONE queue) until the
     * marker file exists; then offers one more and prints {@code OFFER true|false} or {@code OFFER <exception
     * simple name>: <message>}.
     */
    static final class HoldThenOffer
    {
        public static void main(final String[] args) throws Exception
        {
            final int offers = Integer.parseInt(args[2]);
            final Path marker = Path.of(args[3]);
            try (MessageQueue q = MessageQueue.open(Namespace.open(), args[0], options(args[1])))
            {
                final UnsafeBuffer msg = putSequence(q, offers);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.exists(marker))
                {
                    if (System.nanoTime() - deadline > 0)
                    {
                        System.out.println("NO MARKER");
                        System.exit(4);
                    }
                    Thread.sleep(1);
                }
                try
                {
                    System.out.println("OFFER " + q.offer(msg, 0, Deliveries.MESSAGE_LENGTH));
                }
                catch (final RuntimeException ex)
                {
                    System.out.println("OFFER " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
                }
            }
        }
    }

    /**
     * Exits at once: its pid is then a dead process's.
     */
    static final class Exit
    {
        public static void main(final String[] args)
        {
            System.out.println("EXIT");
        }
    }
}

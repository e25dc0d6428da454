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
import dev.mmipc.codec.Codecs;
import dev.mmipc.counters.SharedCounter;
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.exceptions.QueueClosedException;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.sync.Lock;
import dev.mmipc.test.ThreadDumps;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A child JVM of {@link SoakTest}. Usage: {@code SoakChild ID SECONDS ROLE...}, each role run on a thread of its
 * own:
 * <ul>
 *   <li>{@code produce:QUEUE} sends messages (producer id, sequence, payload of 0..200 bytes, CRC32) for the
 *   duration, incrementing its counter {@code sent.QUEUE.ID} in the region {@code counters} after each, then
 *   prints {@code sent queue=QUEUE producer=ID count=N counter=C};</li>
 *   <li>{@code consume:QUEUE} takes until the queue's end of stream, checking each CRC and that every producer's
 *   sequence rises, and prints {@code received queue=Q producer=P count=N sum=S squares=S2} per producer;</li>
 *   <li>{@code lock} increments the plain value of {@code locked} under {@code lock}, printing
 *   {@code lock count=N};</li>
 *   <li>{@code echo} sends numbered messages through the pipe {@code echo} (end SECOND) and checks each reply,
 *   printing {@code echo count=N}.</li>
 * </ul>
 * Every wait is bounded by {@value #WAIT_S} s; a wait that runs out, or a mismatch, is printed as a line starting
 * {@code MISMATCH} or {@code TIMEOUT}, with a thread dump for a timeout; the exit status is then 1. A watchdog dumps
 * threads and halts with status 3 when the child outlives its duration by {@value #WATCHDOG_MARGIN_S} s. At a third
 * of the duration and at the end the child prints its footprint ({@link #footprint()}) as
 * {@code memory child=ID heap_mid_mb=.. heap_end_mb=.. fds_mid=.. fds_end=.. mappings_mid=.. mappings_end=..}.
 */
public final class SoakChild
{
    static final int WAIT_S = 20;
    static final int WATCHDOG_MARGIN_S = 90;
    static final int HEADER = 12; // producer id (int), sequence (long)
    static final int MAX_PAYLOAD = 200;

    private final Namespace ns = Namespace.open();
    private final int id;
    private final long deadlineNs;
    private final AtomicLong failures = new AtomicLong();

    private SoakChild(final int id, final long seconds)
    {
        this.id = id;
        this.deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    /**
     * @param args id, seconds, roles.
     * @throws Exception when the harness itself fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final SoakChild child = new SoakChild(Integer.parseInt(args[0]), Long.parseLong(args[1]));
        final Thread watchdog = new Thread(() -> child.watch(Long.parseLong(args[1]) + WATCHDOG_MARGIN_S), "soak-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        final long[] mid = new long[3];
        final Thread probe = new Thread(() ->
        {
            // a third into the run, warmed up: the footprint the end is compared with
            try
            {
                Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(args[1])) / 3);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            System.arraycopy(footprint(), 0, mid, 0, 3);
        }, "soak-probe");
        probe.start();
        final List<Thread> threads = new ArrayList<>();
        for (int i = 2; i < args.length; i++)
        {
            final String role = args[i];
            final Thread thread = new Thread(() -> child.run(role), "soak-" + role);
            thread.start();
            threads.add(thread);
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        probe.join();
        final long[] end = footprint();
        System.out.println("memory child=" + child.id + " heap_mid_mb=" + mid[0] + " heap_end_mb=" + end[0] +
            " fds_mid=" + mid[1] + " fds_end=" + end[1] + " mappings_mid=" + mid[2] + " mappings_end=" + end[2]);
        System.out.flush();
        System.exit(child.failures.get() == 0 ? 0 : 1);
    }

    /**
     * This JVM's footprint: heap used after a full collection (MiB), open file descriptors, and mappings of
     * files in the namespace directory (from {@code /proc/self/maps}).
     */
    static long[] footprint()
    {
        System.gc();
        final Runtime rt = Runtime.getRuntime();
        final long heapMb = (rt.totalMemory() - rt.freeMemory()) / (1 << 20);
        final String dir = System.getProperty("mmipc.dir");
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd")))
        {
            final long fdCount = fds.count();
            final long mappings = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(line -> line.contains(dir)).count();
            return new long[] {heapMb, fdCount, mappings};
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void run(final String role)
    {
        try
        {
            final String[] parts = role.split(":");
            switch (parts[0])
            {
                case "produce" -> produce(parts[1]);
                case "consume" -> consume(parts[1]);
                case "lock" -> lock();
                case "echo" -> echo();
                default -> throw new IllegalArgumentException("unknown role: " + role);
            }
        }
        catch (final TimeoutException ex)
        {
            fail("TIMEOUT", role + ": " + ex.getMessage());
            ThreadDumps.dumpOwnThreads("soak child " + id + ", " + role + ": " + ex.getMessage());
        }
        catch (final Throwable ex)
        {
            fail("MISMATCH", role + ": " + ex);
            ex.printStackTrace(System.out);
        }
    }

    private boolean running()
    {
        return System.nanoTime() - deadlineNs < 0;
    }

    private void produce(final String queueName) throws Exception
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[HEADER + MAX_PAYLOAD + 8]);
        final SplittableRandom random = new SplittableRandom(id * 31L + queueName.hashCode());
        final CRC32 crc = new CRC32();
        long seq = 0;
        long counted;
        try (MessageQueue queue = MessageQueue.open(ns, queueName);
             SharedCounters counters = SharedCounters.open(ns, "counters");
             SharedCounter sent = counters.allocate("sent." + queueName + "." + id))
        {
            while (running())
            {
                final int payload = random.nextInt(MAX_PAYLOAD + 1);
                message.putInt(0, id);
                message.putLong(4, seq);
                for (int i = 0; i < payload; i++)
                {
                    message.putByte(HEADER + i, (byte)random.nextInt(256));
                }
                crc.reset();
                crc.update(message.byteArray(), 0, HEADER + payload);
                message.putLong(HEADER + payload, crc.getValue());
                queue.put(message, 0, HEADER + payload + 8, WAIT_S, TimeUnit.SECONDS);
                sent.increment();
                seq++;
            }
            counted = sent.get(); // before close gives the counter's id back
        }
        System.out.println("sent queue=" + queueName + " producer=" + id + " count=" + seq + " counter=" + counted);
    }

    private void consume(final String queueName) throws Exception
    {
        final Map<Integer, long[]> byProducer = new HashMap<>(); // last seq, count, sum, sum of squares
        final CRC32 crc = new CRC32();
        final byte[] copy = new byte[HEADER + MAX_PAYLOAD + 8];
        try (MessageQueue queue = MessageQueue.open(ns, queueName))
        {
            final MessageHandler handler = (buffer, offset, length) ->
                check(queueName, byProducer, crc, copy, buffer, offset, length);
            while (true)
            {
                try
                {
                    if (!queue.take(handler, WAIT_S, TimeUnit.SECONDS))
                    {
                        throw new TimeoutException("no message and no end of stream: queue=" + queueName + ", waited_s=" + WAIT_S);
                    }
                }
                catch (final QueueClosedException endOfStream)
                {
                    break;
                }
            }
        }
        for (final Map.Entry<Integer, long[]> entry : byProducer.entrySet())
        {
            final long[] s = entry.getValue();
            System.out.println("received queue=" + queueName + " producer=" + entry.getKey() + " count=" + s[1] +
                " sum=" + s[2] + " squares=" + s[3]);
        }
    }

    private void check(
        final String queueName, final Map<Integer, long[]> byProducer, final CRC32 crc, final byte[] copy,
        final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER + 8 || length > copy.length)
        {
            fail("MISMATCH", "length: queue=" + queueName + ", length=" + length);
            return;
        }
        buffer.getBytes(offset, copy, 0, length);
        crc.reset();
        crc.update(copy, 0, length - 8);
        final long expected = buffer.getLong(offset + length - 8);
        final int producer = buffer.getInt(offset);
        final long seq = buffer.getLong(offset + 4);
        if (crc.getValue() != expected)
        {
            fail("MISMATCH", "crc: queue=" + queueName + ", producer=" + producer + ", seq=" + seq);
            return;
        }
        final long[] s = byProducer.computeIfAbsent(producer, (p) -> new long[] {-1, 0, 0, 0});
        if (seq <= s[0])
        {
            fail("MISMATCH", "order: queue=" + queueName + ", producer=" + producer + ", seq=" + seq + ", after=" + s[0]);
        }
        s[0] = seq;
        s[1]++;
        s[2] += seq;
        s[3] += seq * seq;
    }

    private void lock() throws Exception
    {
        long count = 0;
        try (Lock lock = Lock.open(ns, "lock");
             SharedLong locked = SharedLong.open(ns, "locked"))
        {
            while (running())
            {
                if (!lock.tryLock(WAIT_S, TimeUnit.SECONDS))
                {
                    throw new TimeoutException("lock not acquired: waited_s=" + WAIT_S + ", owner_pid=" + lock.ownerPid());
                }
                try
                {
                    locked.setPlain(locked.getPlain() + 1); // plain: the lock orders it
                }
                finally
                {
                    lock.unlock();
                }
                count++;
            }
        }
        System.out.println("lock count=" + count);
    }

    private void echo() throws Exception
    {
        long count = 0;
        final SplittableRandom random = new SplittableRandom(id);
        try (Connection<String> connection = Pipe.connect(ns, "echo", PipeEnd.SECOND, Codecs.utf8()))
        {
            final byte[] reply = new byte[connection.maxMessageLength()];
            while (running())
            {
                final byte[] message = new byte[8 + random.nextInt(MAX_PAYLOAD)];
                random.nextBytes(message);
                new UnsafeBuffer(message).putLong(0, count); // numbered, so a stale echo cannot pass
                connection.sendBytes(message);
                if (!connection.poll(WAIT_S, TimeUnit.SECONDS))
                {
                    throw new TimeoutException("no echo: seq=" + count + ", waited_s=" + WAIT_S);
                }
                final int length = connection.recvBytesInto(reply, 0);
                if (length != message.length || !Arrays.equals(message, 0, length, reply, 0, length))
                {
                    fail("MISMATCH", "echo: seq=" + count + ", sent_length=" + message.length + ", got_length=" + length);
                }
                count++;
            }
        }
        System.out.println("echo count=" + count);
    }

    private void fail(final String what, final String detail)
    {
        failures.incrementAndGet();
        System.out.println(what + " child=" + id + " " + detail);
    }

    private void watch(final long seconds)
    {
        try
        {
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        }
        catch (final InterruptedException ex)
        {
            return;
        }
        System.out.println("TIMEOUT child=" + id + " still running " + WATCHDOG_MARGIN_S + " s after its duration");
        ThreadDumps.dumpOwnThreads("soak child " + id + " outlived its duration");
        Runtime.getRuntime().halt(3);
    }

}

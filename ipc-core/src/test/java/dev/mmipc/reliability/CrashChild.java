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
import dev.mmipc.exceptions.QueueClosedException;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueOptions;
import dev.mmipc.shared.SharedIntArray;
import dev.mmipc.shared.SharedLongArray;
import dev.mmipc.sync.Lock;
import dev.mmipc.sync.RLock;
import dev.mmipc.sync.SyncOptions;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.EOFException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A child JVM of {@link CrashMatrixTest}, one role each, to be killed with {@code kill -9} at any moment:
 * {@code CrashChild ROLE CTL SLOT ARGS...}. Every child opens what it needs, sets {@code READY[slot]} in the
 * control array {@code CTL} (a {@link SharedLongArray}), waits for {@code GO[slot]} (so that a restarted
 * incarnation can be started ahead of the kill and resumes within milliseconds), works, and exits 0.
 * <ul>
 *   <li>{@code produce CTL SLOT QUEUE ID UNBLOCK_MS SEED}: streams messages of producer {@code ID} from the
 *   acknowledged count {@code ACK[ID]} on (as an application resumes), some written in place with a pause between
 *   claim and commit (one in 4096 for 1 to 3 ms, in its crash window, see {@code WINDOW}); after each message is
 *   committed, {@code ACK[ID]} is stored with release. Stops at
 *   {@code STOP}.</li>
 *   <li>{@code consume CTL SLOT QUEUE ID UNBLOCK_MS SEED LEDGER SHARED_ORDER PRODUCERS}: takes (or drains in
 *   batches) until the end of stream, counting each message in the ledger ({@link SharedIntArray}, one count per
 *   producer and sequence: {@code producer * (length / PRODUCERS) + seq}) in the middle of a busy handler; the last
 *   thing the handler does is add one to {@code ACK[ID]} (processed). With {@code SHARED_ORDER} (single-consumer
 *   modes) the order is checked across incarnations through {@code NEXT[producer]}: the next sequence, or the one
 *   before again.</li>
 *   <li>{@code lock CTL SLOT KIND NAME ID LIVENESS_MS SEED}: updates the two-word invariant
 *   {@code STATE_A == STATE_B} under a {@link Lock} or (nested) {@link RLock} until {@code STOP}: writes A, busy
 *   waits (up to 30 µs, one time in 64 for 1 to 3 ms in its crash window), writes B; a holder that took the lock over from a dead
 *   owner ({@code wasRecovered()}) counts it in {@code RECOVERED} and repairs B; a broken invariant seen without
 *   recovery is an error.
 *   {@code ACK[ID]} counts the increments done, stored after each unlock.</li>
 *   <li>{@code pipe-send CTL SLOT PIPE ID LIVENESS_MS}: sends messages on end SECOND until {@code STOP},
 *   storing {@code ACK[ID]} after each send returns.</li>
 *   <li>{@code pipe-recv CTL SLOT PIPE ID LIVENESS_MS}: receives on end FIRST until EOF, checking each
 *   message, storing {@code ACK[ID]} after each.</li>
 * </ul>
 * Errors (corrupt message, order, broken invariant) add to {@code ERRORS} and print a line starting
 * {@code ERROR}. A watchdog halts the child when its parent dies or after {@value #WATCHDOG_S} s.
 */
public final class CrashChild
{
    /** Control array: set by the test to end the run. */
    static final int STOP = 0;
    /** Control array: errors found by children. */
    static final int ERRORS = 1;
    /** Control array: first word of the lock invariant. */
    static final int STATE_A = 3;
    /** Control array: second word of the lock invariant. */
    static final int STATE_B = 4;
    /** Control array: lock acquisitions that reported {@code wasRecovered()}. */
    static final int RECOVERED = 5;
    /** Control array: recovered acquisitions that found the invariant broken and repaired it. */
    static final int REPAIRS = 6;
    /** Control array: ring-mode consumers: messages delivered again (the one a killed consumer held). */
    static final int REDELIVERED = 7;
    /** Slots (children) and ids (logical producers, consumers, workers) per run. */
    static final int SLOTS = 64;
    /** Control array: GO[slot], set by the test. */
    static final int GO = 16;
    /** Control array: READY[slot], set by the child once it has opened everything. */
    static final int READY = GO + SLOTS;
    /** Control array: ACK[id], what the logical producer, consumer or worker has acknowledged. */
    static final int ACK = READY + SLOTS;
    /** Control array: AUX[slot], per incarnation: messages processed, or queue recoveries seen. */
    static final int AUX = ACK + SLOTS;
    /** Control array: NEXT[producer], the next sequence the single consumer of a ring mode expects. */
    static final int NEXT = AUX + SLOTS;
    /** Control array: WINDOW[slot], 1 while the child dwells in its crash window, for a kill aimed there. */
    static final int WINDOW = NEXT + SLOTS;
    /** Length of the control array. */
    static final int LENGTH = WINDOW + SLOTS;

    /** Shortest message: producer id, length, sequence, checksum. */
    static final int MIN_LENGTH = 24;
    /** Longest message. */
    static final int MAX_LENGTH = 120;

    static final int WATCHDOG_S = 180;
    static final int WAIT_S = 60;

    private static final int CHECKSUM_LENGTH = 8;

    private CrashChild()
    {
    }

    /**
     * @param args role, control array, slot, then the role's arguments.
     * @throws Exception when the harness itself fails.
     */
    public static void main(final String[] args) throws Exception
    {
        startWatchdog();
        final Namespace ns = Namespace.open();
        final String role = args[0];
        try (SharedLongArray ctl = SharedLongArray.open(ns, args[1]))
        {
            final int slot = Integer.parseInt(args[2]);
            switch (role)
            {
                case "produce":
                    produce(ns, ctl, slot, args[3], Integer.parseInt(args[4]), Long.parseLong(args[5]),
                        Long.parseLong(args[6]));
                    break;

                case "consume":
                    consume(ns, ctl, slot, args[3], Integer.parseInt(args[4]), Long.parseLong(args[5]),
                        Long.parseLong(args[6]), args[7], Boolean.parseBoolean(args[8]), Integer.parseInt(args[9]));
                    break;

                case "lock":
                    lock(ns, ctl, slot, args[3], args[4], Integer.parseInt(args[5]), Long.parseLong(args[6]),
                        Long.parseLong(args[7]));
                    break;

                case "pipe-send":
                    pipeSend(ns, ctl, slot, args[3], Integer.parseInt(args[4]), Long.parseLong(args[5]));
                    break;

                case "pipe-recv":
                    pipeReceive(ns, ctl, slot, args[3], Integer.parseInt(args[4]), Long.parseLong(args[5]));
                    break;

                default:
                    throw new IllegalArgumentException("unknown role: " + role);
            }
        }
    }

    private static void produce(
        final Namespace ns, final SharedLongArray ctl, final int slot, final String queue, final int id,
        final long unblockMs, final long seed) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[MAX_LENGTH]);
        try (MessageQueue q = MessageQueue.open(ns, queue, options(unblockMs)))
        {
            final AtomicBuffer ring = q.buffer();
            final IdleStrategy idle = q.options().waitStrategy().newIdleStrategy();
            ready(ctl, slot);
            long seq = ctl.getAcquire(ACK + id); // resume from what was acknowledged, as an application would
            final long first = seq;
            long recoveries = 0;
            while (ctl.getOpaque(STOP) == 0)
            {
                final int length = encode(scratch, 0, id, seq);
                if (random.nextInt(8) == 0)
                {
                    // in place, with a pause between claim and commit: a kill lands there often
                    final int index = q.tryClaim(length);
                    if (index < 0)
                    {
                        idle.idle();
                        continue;
                    }
                    idle.reset();
                    final int half = length / 2;
                    ring.putBytes(index, scratch, 0, half);
                    if (random.nextInt(512) == 0)
                    {
                        window(ctl, slot, 1_000_000 + random.nextLong(2_000_000)); // a kill may be aimed here
                    }
                    else
                    {
                        spinNs(random.nextLong(20_000));
                    }
                    ring.putBytes(index + half, scratch, half, length - half);
                    q.commit(index);
                }
                else
                {
                    q.put(scratch, 0, length, WAIT_S, TimeUnit.SECONDS);
                }
                seq++;
                ctl.setRelease(ACK + id, seq); // release: acknowledged only once committed
                if (q.recoveries() != recoveries)
                {
                    recoveries = q.recoveries();
                    ctl.setRelease(AUX + slot, recoveries);
                }
            }
            System.out.println("PRODUCED id=" + id + " slot=" + slot + " from=" + first + " acked=" + seq +
                " recoveries=" + recoveries);
        }
    }

    private static void consume(
        final Namespace ns, final SharedLongArray ctl, final int slot, final String queue, final int id,
        final long unblockMs, final long seed, final String ledgerName, final boolean sharedOrder,
        final int producers) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        try (MessageQueue q = MessageQueue.open(ns, queue, options(unblockMs));
             SharedIntArray ledger = SharedIntArray.open(ns, ledgerName))
        {
            final int perProducer = ledger.length() / producers;
            final long[] processed = new long[1];
            final long[] localNext = new long[producers];
            final MessageHandler handler = (buffer, offset, length) ->
            {
                final String bad = check(buffer, offset, length);
                final int producer = bad == null ? producerOf(buffer, offset) : -1;
                if (bad != null || producer >= producers || seqOf(buffer, offset) >= perProducer)
                {
                    error(ctl, "corrupt message: slot=" + slot + ", " +
                        (bad != null ? bad : describe(buffer, offset, length)));
                    return;
                }
                final long seq = seqOf(buffer, offset);
                boolean again = false;
                if (sharedOrder)
                {
                    final long next = ctl.getAcquire(NEXT + producer);
                    if (seq == next - 1)
                    {
                        again = true; // the message before, again: a killed consumer's, or a killed producer's
                    }
                    else if (seq != next)
                    {
                        error(ctl, "order: slot=" + slot + ", producer=" + producer + ", expected=" + next +
                            ", seq=" + seq);
                    }
                }
                else
                {
                    // each consumer sees each producer's messages in order; a restarted producer may send its
                    // unacknowledged message again
                    if (seq < localNext[producer] - 1)
                    {
                        error(ctl, "order: slot=" + slot + ", producer=" + producer + ", expected_at_least=" +
                            (localNext[producer] - 1) + ", seq=" + seq);
                    }
                    localNext[producer] = Math.max(localNext[producer], seq + 1);
                }
                spinNs(random.nextLong(8_000));
                ledger.getAndAdd(producer * perProducer + (int)seq, 1);
                if (again)
                {
                    ctl.getAndAdd(REDELIVERED, 1); // after the ledger: never more than the ledger's duplicates
                }
                if (sharedOrder)
                {
                    ctl.setRelease(NEXT + producer, seq + 1);
                }
                spinNs(random.nextLong(4_000));
                ctl.getAndAdd(ACK + id, 1); // processed: the handler's last act
                ctl.setRelease(AUX + slot, ++processed[0]);
            };
            ready(ctl, slot);
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(WATCHDOG_S - 30);
            try
            {
                while (System.nanoTime() - deadlineNs < 0)
                {
                    if (random.nextInt(4) == 0)
                    {
                        if (q.drain(handler, 1 + random.nextInt(32)) == 0)
                        {
                            q.take(handler, 100, TimeUnit.MILLISECONDS);
                        }
                    }
                    else
                    {
                        q.take(handler, 100, TimeUnit.MILLISECONDS);
                    }
                }
                error(ctl, "no end of stream: slot=" + slot + ", processed=" + processed[0]);
                System.exit(2);
            }
            catch (final QueueClosedException ex)
            {
                System.out.println("CONSUMED id=" + id + " slot=" + slot + " processed=" + processed[0] +
                    " recoveries=" + q.recoveries());
            }
        }
    }

    private static void lock(
        final Namespace ns, final SharedLongArray ctl, final int slot, final String kind, final String name,
        final int id, final long livenessMs, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final SyncOptions options = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(livenessMs));
        final boolean reentrant = "rlock".equals(kind);
        final Lock lock = reentrant ? null : Lock.open(ns, name, options);
        final RLock rlock = reentrant ? RLock.open(ns, name, options) : null;
        ready(ctl, slot);
        long ack = ctl.getAcquire(ACK + id);
        long recovered = 0;
        while (ctl.getOpaque(STOP) == 0)
        {
            if (reentrant)
            {
                rlock.lock();
                if (rlock.wasRecovered() && rlock.holdCount() != 1)
                {
                    error(ctl, "rlock recovered with hold count " + rlock.holdCount() + ": slot=" + slot);
                }
                rlock.lock(); // nested: a holder killed here holds it twice
            }
            else
            {
                lock.lock();
            }
            try
            {
                final boolean wasRecovered = reentrant ? rlock.wasRecovered() : lock.wasRecovered();
                final long a = ctl.getOpaque(STATE_A);
                long b = ctl.getOpaque(STATE_B);
                if (wasRecovered)
                {
                    recovered++;
                    ctl.getAndAdd(RECOVERED, 1);
                    if (a != b)
                    {
                        b = a; // the dead holder wrote A and not B: finish its increment
                        ctl.getAndAdd(REPAIRS, 1);
                    }
                }
                else if (a != b)
                {
                    error(ctl, "invariant broken without recovery: slot=" + slot + ", a=" + a + ", b=" + b);
                }
                ctl.setOpaque(STATE_A, a + 1);
                if (random.nextInt(64) == 0)
                {
                    window(ctl, slot, 1_000_000 + random.nextLong(2_000_000)); // a kill may be aimed here
                }
                else
                {
                    spinNs(random.nextLong(30_000));
                }
                ctl.setRelease(STATE_B, b + 1); // release: whoever sees the new B sees the new A
            }
            finally
            {
                if (reentrant)
                {
                    rlock.unlock();
                    rlock.unlock();
                }
                else
                {
                    lock.unlock();
                }
            }
            ack++;
            ctl.setRelease(ACK + id, ack); // acknowledged after the unlock
            spinNs(random.nextLong(15_000));
        }
        System.out.println("LOCKED id=" + id + " slot=" + slot + " acked=" + ack + " recovered=" + recovered);
        if (reentrant)
        {
            rlock.close();
        }
        else
        {
            lock.close();
        }
    }

    private static void pipeSend(
        final Namespace ns, final SharedLongArray ctl, final int slot, final String pipe, final int id,
        final long livenessMs) throws Exception
    {
        final SyncOptions options = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(livenessMs));
        try (Connection<byte[]> end = Pipe.connect(ns, pipe, PipeEnd.SECOND, Codecs.bytes(), options))
        {
            ready(ctl, slot);
            long seq = 0;
            while (ctl.getOpaque(STOP) == 0)
            {
                final byte[] message = new byte[lengthOf(id, seq)];
                encode(new UnsafeBuffer(message), 0, id, seq);
                if (!end.trySend(message, WAIT_S, TimeUnit.SECONDS))
                {
                    error(ctl, "pipe send timed out: slot=" + slot + ", seq=" + seq);
                    System.exit(2);
                }
                seq++;
                ctl.setRelease(ACK + id, seq); // release: acknowledged once send returned
            }
            System.out.println("SENT id=" + id + " slot=" + slot + " acked=" + seq);
        }
    }

    private static void pipeReceive(
        final Namespace ns, final SharedLongArray ctl, final int slot, final String pipe, final int id,
        final long livenessMs) throws Exception
    {
        final SyncOptions options = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(livenessMs));
        try (Connection<byte[]> end = Pipe.connect(ns, pipe, PipeEnd.FIRST, Codecs.bytes(), options))
        {
            ready(ctl, slot);
            final long count = receiveUntilEof(end, id,
                wrong -> error(ctl, "pipe message wrong: slot=" + slot + ", " + wrong),
                seq -> ctl.setRelease(ACK + id, seq)).count();
            System.out.println("RECEIVED id=" + id + " slot=" + slot + " count=" + count);
        }
    }

    /**
     * What {@link #receiveUntilEof} saw.
     *
     * @param count      messages received.
     * @param eofNs      {@link System#nanoTime()} when EOF came.
     * @param eofMessage the EOF's message.
     */
    record Received(long count, long eofNs, String eofMessage)
    {
    }

    /**
     * Receive producer {@code id}'s pipe messages until EOF, checking each one's checksum, producer and sequence.
     *
     * @param end      the receiving end.
     * @param id       the producer expected.
     * @param wrong    told of each wrong message ({@code expected_seq=N, ...}).
     * @param received told the count after each message.
     * @return the count, and when and how EOF came.
     * @throws InterruptedException when interrupted while waiting.
     */
    static Received receiveUntilEof(
        final Connection<byte[]> end, final int id, final Consumer<String> wrong, final LongConsumer received)
        throws InterruptedException
    {
        final byte[] bytes = new byte[MAX_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        long seq = 0;
        while (true)
        {
            final int length;
            try
            {
                length = end.recvBytesInto(bytes, 0);
            }
            catch (final EOFException ex)
            {
                return new Received(seq, System.nanoTime(), ex.getMessage());
            }
            final String bad = check(buffer, 0, length);
            if (bad != null || producerOf(buffer, 0) != id || seqOf(buffer, 0) != seq)
            {
                wrong.accept("expected_seq=" + seq + ", " + (bad != null ? bad : describe(buffer, 0, length)));
            }
            seq++;
            received.accept(seq);
        }
    }

    static QueueOptions options(final long unblockMs)
    {
        return QueueOptions.defaults().withLivenessTimeout(Duration.ofMillis(unblockMs));
    }

    /**
     * Say ready, then wait for the go (bounded).
     */
    private static void ready(final SharedLongArray ctl, final int slot)
    {
        ctl.setRelease(READY + slot, 1);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(WATCHDOG_S - 30);
        while (ctl.getAcquire(GO + slot) == 0)
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                System.out.println("ERROR no go: slot=" + slot);
                System.exit(2);
            }
            sleepMs(1);
        }
    }

    /**
     * Dwell in a crash window (a claim held, or the lock held with A written and B not) for a while, saying so in
     * {@code WINDOW[slot]}.
     */
    private static void window(final SharedLongArray ctl, final int slot, final long ns)
    {
        ctl.setRelease(WINDOW + slot, 1);
        spinNs(ns);
        ctl.setRelease(WINDOW + slot, 0);
    }

    private static void error(final SharedLongArray ctl, final String what)
    {
        if (ctl.getAndAdd(ERRORS, 1) < 20)
        {
            System.out.println("ERROR " + what);
            System.out.flush();
        }
    }

    private static void startWatchdog()
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(WATCHDOG_S);
        final ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        final Thread watchdog = new Thread(() ->
        {
            while (true)
            {
                sleepMs(250);
                final boolean orphan = parent != null && !parent.isAlive();
                if (orphan || System.nanoTime() - deadlineNs > 0)
                {
                    System.out.println("WATCHDOG " + (orphan ? "parent gone" : "deadline passed") + ": halting");
                    System.out.flush();
                    Runtime.getRuntime().halt(3);
                }
            }
        }, "crash-child-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
    }

    static void spinNs(final long ns)
    {
        final long until = System.nanoTime() + ns;
        while (System.nanoTime() - until < 0)
        {
            Thread.onSpinWait();
        }
    }

    // ---- messages: producer id (int), length (int), sequence (long), payload, checksum (long) ----

    static long mix(final long value)
    {
        long h = value * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    /**
     * @return the length of message {@code seq} of {@code producer}: from {@value #MIN_LENGTH} to {@value #MAX_LENGTH}.
     */
    static int lengthOf(final int producer, final long seq)
    {
        return MIN_LENGTH + (int)((mix(seq ^ ((long)producer << 48)) >>> 1) % (MAX_LENGTH - MIN_LENGTH + 1));
    }

    /**
     * Write message {@code seq} of {@code producer}.
     *
     * @return its length.
     */
    static int encode(final MutableDirectBuffer buffer, final int offset, final int producer, final long seq)
    {
        final int length = lengthOf(producer, seq);
        buffer.putInt(offset, producer);
        buffer.putInt(offset + 4, length);
        buffer.putLong(offset + 8, seq);
        final long pattern = mix(seq + 0x1234_5678L * producer);
        for (int i = 16; i < length - CHECKSUM_LENGTH; i++)
        {
            buffer.putByte(offset + i, (byte)((pattern >>> ((i & 7) << 3)) ^ i));
        }
        buffer.putLong(offset + length - CHECKSUM_LENGTH, checksum(buffer, offset, length - CHECKSUM_LENGTH));
        return length;
    }

    static long checksum(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ (buffer.getByte(offset + i) & 0xFF)) * 0x100000001B3L;
        }
        return mix(h);
    }

    /**
     * @return null if the message is whole and intact, else what is wrong with it.
     */
    static String check(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MIN_LENGTH || length > MAX_LENGTH)
        {
            return "length out of range: length=" + length;
        }
        final int producer = buffer.getInt(offset);
        final int stored = buffer.getInt(offset + 4);
        final long seq = buffer.getLong(offset + 8);
        if (stored != length || producer < 0 || producer >= SLOTS || seq < 0 || lengthOf(producer, seq) != length)
        {
            return "header wrong: " + describe(buffer, offset, length);
        }
        if (buffer.getLong(offset + length - CHECKSUM_LENGTH) != checksum(buffer, offset, length - CHECKSUM_LENGTH))
        {
            return "checksum wrong: " + describe(buffer, offset, length);
        }
        return null;
    }

    static int producerOf(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset);
    }

    static long seqOf(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + 8);
    }

    static String describe(final DirectBuffer buffer, final int offset, final int length)
    {
        return "length=" + length + ", producer=" + buffer.getInt(offset) + ", stored_length=" + buffer.getInt(offset + 4) +
            ", seq=" + buffer.getLong(offset + 8);
    }
}

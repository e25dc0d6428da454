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
import dev.mmipc.shared.SharedLong;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Stress across processes, in every {@code mvn verify}: three child JVMs hammer one MANY_TO_MANY
 * {@link MessageQueue} and one {@link SharedLong} at once, for a few seconds. Each child, after a start gate,
 * makes {@value #ADDS} additions to the counter (every other one {@code incrementAndGet}, the others
 * {@code getAndAdd(child + 2)}, each checked against the last value it saw) and, every {@value #STRIDE}th
 * addition, puts the next of its {@value #PER_PRODUCER} numbered, checksummed messages. Two consumers in two
 * processes — a thread of child 0 and a thread of this JVM — take them and count each in a shared ledger
 * ({@link Deliveries}). At the end the totals are exact: every message received exactly once, none torn, each
 * producer's order kept per consumer, and the counter exactly the sum of all additions.
 */
class CrossProcessStressTest
{
    static final int CHILDREN = 3;
    static final int PER_PRODUCER = 100_000;
    static final int STRIDE = 10;
    static final int ADDS = PER_PRODUCER * STRIDE;
    static final long GATE_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);
    static final long CONSUME_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    @Test
    void shouldCountEveryMessageOnceAndEveryAdditionFromThreeJvms() throws Exception
    {
        final Namespace ns = Namespace.of(tns.directory());
        try (MessageQueue q = MessageQueue.create(ns, "q", QueueMode.MANY_TO_MANY, 1 << 16,
                QueueOptions.defaults().withMaxMessageLength(Deliveries.MESSAGE_LENGTH));
             Deliveries ledger = Deliveries.create(tns.directory(), "ledger", CHILDREN, PER_PRODUCER);
             SharedLong counter = SharedLong.create(ns, "counter");
             SharedLong ready = SharedLong.create(ns, "ready");
             SharedLong go = SharedLong.create(ns, "go"))
        {
            final List<ChildJvm> children = new ArrayList<>();
            for (int k = 0; k < CHILDREN; k++)
            {
                children.add(tns.startChild(Hammer.class, Integer.toString(k), Boolean.toString(k == 0)));
            }
            final long gateDeadline = System.nanoTime() + GATE_TIMEOUT_NS;
            while (ready.get() < CHILDREN)
            {
                for (final ChildJvm child : children)
                {
                    if (!child.isAlive())
                    {
                        throw new AssertionError("child exited before the gate: " + child + "\n" + child.output());
                    }
                }
                if (System.nanoTime() - gateDeadline > 0)
                {
                    throw new AssertionError("children never reached the gate: ready=" + ready.get());
                }
                Thread.sleep(5);
            }

            final AtomicLong consumedHere = new AtomicLong();
            final AtomicReference<Throwable> consumerFailure = new AtomicReference<>();
            final Thread consumer = new Thread(() ->
            {
                try
                {
                    consumedHere.set(consume(q, ledger));
                }
                catch (final Throwable ex)
                {
                    consumerFailure.set(ex);
                }
            }, "stress-consumer");
            consumer.start();

            final long startNs = System.nanoTime();
            go.setRelease(1); // release store: pairs with the children's acquire loads of the gate
            for (final ChildJvm child : children)
            {
                child.awaitOutput("PRODUCED", TIMEOUT);
            }
            final long hammerMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
            q.markClosed(); // every message is in: end of stream for both consumers once the queue is empty
            consumer.join(TIMEOUT.toMillis());
            assertFalse(consumer.isAlive(), "this JVM's consumer did not reach the end of stream");
            assertNull(consumerFailure.get(), () -> "this JVM's consumer failed: " + consumerFailure.get());
            for (final ChildJvm child : children)
            {
                child.awaitSuccess(TIMEOUT);
            }
            final long consumedThere = Long.parseLong(line(children.get(0).output(), "CONSUMED "));

            assertEquals(0, ledger.checksumErrors(), "torn or invented messages");
            assertEquals(0, ledger.orderErrors(), "a producer's messages out of order at one consumer");
            assertArrayEquals(new int[]{ 0, CHILDREN * PER_PRODUCER, 0, 0 }, ledger.histogram(),
                "messages received 0, 1, 2, more times");
            assertEquals((long)CHILDREN * PER_PRODUCER, consumedHere.get() + consumedThere);
            assertEquals(expectedSum(), counter.get(), "counter after every addition of every child");
            assertEquals(CHILDREN, ready.get());
            System.out.printf("stress: %d jvms, %,d messages (%,d here, %,d in child 0) and %,d additions in %,d ms%n",
                CHILDREN, CHILDREN * PER_PRODUCER, consumedHere.get(), consumedThere, (long)CHILDREN * ADDS, hammerMs);
        }
    }

    /**
     * @return the counter's value after all children: each makes {@code ADDS / 2} additions of 1 and
     * {@code ADDS / 2} of {@code child + 2}.
     */
    static long expectedSum()
    {
        long sum = 0;
        for (int k = 0; k < CHILDREN; k++)
        {
            sum += (ADDS / 2L) * (1 + k + 2);
        }
        return sum;
    }

    /**
     * Take messages until the end of stream, recording each in the ledger.
     *
     * @return messages taken.
     */
    static long consume(final MessageQueue q, final Deliveries ledger) throws InterruptedException
    {
        final long[] last = new long[CHILDREN];
        Arrays.fill(last, -1);
        final long[] taken = new long[1];
        final MessageHandler handler = (b, o, l) ->
        {
            if (ledger.check(last, b, o, l))
            {
                taken[0]++;
            }
        };
        final long deadline = System.nanoTime() + CONSUME_TIMEOUT_NS;
        try
        {
            while (System.nanoTime() - deadline < 0)
            {
                q.take(handler, 100, TimeUnit.MILLISECONDS);
            }
        }
        catch (final QueueClosedException ex)
        {
            return taken[0]; // end of stream: closed and empty
        }
        throw new IllegalStateException("no end of stream within the bound: taken=" + taken[0]);
    }

    private static String line(final String output, final String prefix)
    {
        return output.lines().filter((l) -> l.startsWith(prefix)).findFirst()
            .orElseThrow(() -> new AssertionError("no line " + prefix + " in:\n" + output)).substring(prefix.length());
    }

    /**
     * Child: args child number, whether it also consumes. Opens the queue, the ledger and the counter, waits at
     * the gate, hammers, prints {@code PRODUCED k}; a consumer then prints {@code CONSUMED n} at the end of stream.
     * Any error is printed and exits non-zero.
     */
    static final class Hammer
    {
        private Hammer()
        {
        }

        public static void main(final String[] args) throws Exception
        {
            final int k = Integer.parseInt(args[0]);
            final boolean consumes = Boolean.parseBoolean(args[1]);
            final Namespace ns = Namespace.open();
            try (MessageQueue q = MessageQueue.open(ns, "q");
                 Deliveries ledger = Deliveries.open(ns.directory(), "ledger", CHILDREN, PER_PRODUCER);
                 SharedLong counter = SharedLong.open(ns, "counter");
                 SharedLong ready = SharedLong.open(ns, "ready");
                 SharedLong go = SharedLong.open(ns, "go"))
            {
                final AtomicLong consumed = new AtomicLong(-1);
                final AtomicReference<Throwable> failure = new AtomicReference<>();
                final Thread consumer = new Thread(() ->
                {
                    try
                    {
                        consumed.set(consume(q, ledger));
                    }
                    catch (final Throwable ex)
                    {
                        failure.set(ex);
                    }
                }, "child-consumer");
                if (consumes)
                {
                    consumer.start();
                }

                ready.incrementAndGet();
                final long gateDeadline = System.nanoTime() + GATE_TIMEOUT_NS;
                while (go.getAcquire() == 0)
                {
                    if (System.nanoTime() - gateDeadline > 0)
                    {
                        fail("gate never opened");
                    }
                    Thread.onSpinWait();
                }

                final UnsafeBuffer msg = new UnsafeBuffer(new byte[Deliveries.MESSAGE_LENGTH]);
                msg.putInt(0, k);
                final long delta = k + 2;
                long seen = 0;
                int seq = 0;
                for (int i = 0; i < ADDS; i++)
                {
                    if ((i & 1) == 0)
                    {
                        final long now = counter.incrementAndGet();
                        if (now <= seen)
                        {
                            fail("incrementAndGet went back: i=" + i + ", seen=" + seen + ", now=" + now);
                        }
                        seen = now;
                    }
                    else
                    {
                        final long before = counter.getAndAdd(delta);
                        if (before < seen)
                        {
                            fail("getAndAdd went back: i=" + i + ", seen=" + seen + ", before=" + before);
                        }
                        seen = before + delta;
                    }
                    if (i % STRIDE == 0)
                    {
                        msg.putLong(8, seq);
                        msg.putLong(16, Deliveries.checksum(k, seq));
                        q.put(msg, 0, Deliveries.MESSAGE_LENGTH, 60, TimeUnit.SECONDS);
                        seq++;
                    }
                }
                if (seq != PER_PRODUCER)
                {
                    fail("messages put: expected=" + PER_PRODUCER + ", actual=" + seq);
                }
                System.out.println("PRODUCED " + k);
                System.out.flush();

                if (consumes)
                {
                    consumer.join(TimeUnit.NANOSECONDS.toMillis(CONSUME_TIMEOUT_NS));
                    if (consumer.isAlive() || failure.get() != null)
                    {
                        if (failure.get() != null)
                        {
                            failure.get().printStackTrace(System.out);
                        }
                        fail("consumer did not finish: alive=" + consumer.isAlive() + ", failure=" + failure.get());
                    }
                    System.out.println("CONSUMED " + consumed.get());
                }
            }
            System.out.println("done");
            System.out.flush();
        }

        private static void fail(final String message)
        {
            System.out.println("ERROR " + message);
            System.out.flush();
            System.exit(2);
        }
    }
}

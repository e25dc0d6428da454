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
import dev.mmipc.exceptions.MessageTooLongException;
import dev.mmipc.exceptions.QueueClosedException;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.region.RegionFiles;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The same suite over every mode and a few capacities (JCTools QueueSanityTest, as a JUnit 5 matrix).
 */
class MessageQueueTest
{
    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    static Stream<Arguments> matrix()
    {
        final List<Arguments> list = new ArrayList<>();
        for (final QueueMode mode : QueueMode.values())
        {
            for (final int capacity : new int[]{ 256, 4096, 1 << 16 })
            {
                list.add(Arguments.of(mode, capacity));
            }
        }
        return list.stream();
    }

    private Namespace ns()
    {
        return Namespace.of(tns.directory());
    }

    private MessageQueue create(final QueueMode mode, final int capacity)
    {
        return MessageQueue.create(ns(), "q", mode, capacity);
    }

    private static byte[] message(final long seq, final int length)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(seq * 31 + i);
        }
        if (length >= Long.BYTES)
        {
            new UnsafeBuffer(bytes).putLong(0, seq);
        }
        return bytes;
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        return bytes;
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldDeliverInFifoOrder(final QueueMode mode, final int capacity)
    {
        try (MessageQueue q = create(mode, capacity))
        {
            assertEquals(mode, q.mode());
            assertEquals(capacity, q.capacity());
            assertTrue(q.isEmpty());
            assertFalse(q.poll((b, o, l) -> fail("empty queue delivered")));
            final int length = Math.min(16, q.maxMessageLength());
            for (int i = 0; i < 2; i++)
            {
                assertTrue(q.offer(message(i, length)));
            }
            assertEquals(2, q.size());
            assertFalse(q.isEmpty());
            for (int i = 0; i < 2; i++)
            {
                final byte[] expected = message(i, length);
                assertTrue(q.poll((b, o, l) -> assertArrayEquals(expected, copy(b, o, l))));
            }
            assertTrue(q.isEmpty());
            assertEquals(0, q.size());
        }
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldFillUntilFullThenDrainEverything(final QueueMode mode, final int capacity)
    {
        try (MessageQueue q = create(mode, capacity))
        {
            final int length = Math.min(8, q.maxMessageLength());
            final int empty = q.remainingCapacity();
            assertEquals(capacity, empty);
            int offered = 0;
            while (q.offer(message(offered, length)))
            {
                offered++;
                assertTrue(offered <= capacity, "never full");
            }
            assertTrue(offered > 1);
            assertEquals(offered, q.size());
            assertTrue(q.remainingCapacity() < empty);
            assertEquals(MessageQueue.INSUFFICIENT_CAPACITY, q.tryClaim(length));
            final AtomicInteger next = new AtomicInteger();
            final int drained = q.drain((b, o, l) ->
            {
                assertArrayEquals(message(next.get(), length), copy(b, o, l));
                next.incrementAndGet();
            }, Integer.MAX_VALUE);
            assertEquals(offered, drained);
            assertTrue(q.isEmpty());
            assertEquals(capacity, q.remainingCapacity());
            assertTrue(q.offer(message(0, length)), "room again after draining");
        }
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldWrapAroundWithEveryLength(final QueueMode mode, final int capacity)
    {
        try (MessageQueue q = create(mode, capacity))
        {
            final Random random = new Random(42);
            final int max = q.maxMessageLength();
            long produced = 0;
            long consumed = 0;
            long bytes = 0;
            final long[] expectedSeq = new long[1];
            final int[] expectedLength = new int[1];
            final ConcurrentLinkedQueue<int[]> lengths = new ConcurrentLinkedQueue<>();
            while (bytes < 20L * capacity)
            {
                final int burst = 1 + random.nextInt(8);
                for (int i = 0; i < burst; i++)
                {
                    final int length = random.nextInt(max + 1);
                    if (!q.offer(message(produced, length)))
                    {
                        break;
                    }
                    lengths.add(new int[]{ length });
                    produced++;
                    bytes += length + 8;
                }
                final int take = 1 + random.nextInt(8);
                for (int i = 0; i < take && consumed < produced; i++)
                {
                    expectedSeq[0] = consumed;
                    expectedLength[0] = lengths.poll()[0];
                    assertTrue(q.poll((b, o, l) ->
                    {
                        assertEquals(expectedLength[0], l);
                        assertArrayEquals(message(expectedSeq[0], l), copy(b, o, l));
                    }));
                    consumed++;
                }
            }
            while (consumed < produced)
            {
                expectedLength[0] = lengths.poll()[0];
                final long seq = consumed;
                assertTrue(q.poll((b, o, l) -> assertArrayEquals(message(seq, expectedLength[0]), copy(b, o, l))));
                consumed++;
            }
            assertTrue(q.isEmpty());
            assertFalse(q.poll((b, o, l) -> fail("drained queue delivered")));
        }
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldRefuseMessageLongerThanMaxWithoutTruncating(final QueueMode mode, final int capacity)
    {
        try (MessageQueue q = create(mode, capacity))
        {
            final int max = q.maxMessageLength();
            assertEquals(QueueDescriptor.defaultMaxMessageLength(mode, capacity), max);
            final MessageTooLongException ex = assertThrows(
                MessageTooLongException.class, () -> q.offer(new byte[max + 1]));
            assertEquals("message too long: name=q, length=" + (max + 1) + ", max=" + max, ex.getMessage());
            assertEquals(max + 1, ex.length());
            assertEquals(max, ex.maxLength());
            assertThrows(MessageTooLongException.class, () -> q.tryClaim(max + 1));
            assertThrows(MessageTooLongException.class, () -> q.put(new byte[max + 1], 1, TimeUnit.SECONDS));
            assertTrue(q.isEmpty(), "nothing enqueued");
            assertTrue(q.offer(message(7, max)));
            assertTrue(q.poll((b, o, l) -> assertArrayEquals(message(7, max), copy(b, o, l))));
        }
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldClaimCommitAndAbortInPlace(final QueueMode mode, final int capacity)
    {
        try (MessageQueue q = create(mode, capacity))
        {
            final int aborted = q.tryClaim(8);
            assertTrue(aborted >= 0);
            q.buffer().putLong(aborted, -1L);
            q.abort(aborted);
            final int committed = q.tryClaim(8);
            assertTrue(committed >= 0);
            q.buffer().putLong(committed, 1234L);
            q.commit(committed);
            assertThrows(IllegalStateException.class, () -> q.commit(committed));
            final AtomicInteger calls = new AtomicInteger();
            assertTrue(q.poll((b, o, l) ->
            {
                calls.incrementAndGet();
                assertEquals(8, l);
                assertEquals(1234L, b.getLong(o));
            }));
            assertEquals(1, calls.get());
            assertFalse(q.poll((b, o, l) -> fail("aborted claim delivered")));
            assertTrue(q.isEmpty());
        }
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldDrainUpToLimit(final QueueMode mode, final int capacity)
    {
        try (MessageQueue q = create(mode, capacity))
        {
            int offered = 0;
            while (offered < 5 && q.offer(message(offered, 8)))
            {
                offered++;
            }
            final int limit = Math.max(1, offered - 1);
            assertEquals(limit, q.drain((b, o, l) -> {}, limit));
            assertEquals(offered - limit, q.drain((b, o, l) -> {}, 100));
            assertEquals(0, q.drain((b, o, l) -> {}, 100));
            assertThrows(IllegalArgumentException.class, () -> q.drain((b, o, l) -> {}, 0));
        }
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldSignalEndOfStreamOnlyAfterDraining(final QueueMode mode, final int capacity) throws Exception
    {
        try (MessageQueue q = create(mode, capacity))
        {
            assertTrue(q.offer(message(1, 8)));
            assertTrue(q.offer(message(2, 8)));
            assertFalse(q.isMarkedClosed());
            q.markClosed();
            q.markClosed();
            assertTrue(q.isMarkedClosed());
            assertFalse(q.isEndOfStream());
            final QueueClosedException producer = assertThrows(QueueClosedException.class, () -> q.offer(message(3, 8)));
            assertEquals("queue closed: name=q", producer.getMessage());
            assertThrows(QueueClosedException.class, () -> q.tryClaim(8));
            assertThrows(QueueClosedException.class, () -> q.put(message(3, 8), 10, TimeUnit.MILLISECONDS));
            assertTrue(q.poll((b, o, l) -> assertEquals(1L, b.getLong(o))));
            assertTrue(q.take((b, o, l) -> assertEquals(2L, b.getLong(o)), 1, TimeUnit.SECONDS));
            assertTrue(q.isEndOfStream());
            final QueueClosedException consumer = assertThrows(
                QueueClosedException.class, () -> q.poll((b, o, l) -> fail("delivered after end")));
            assertEquals("queue closed and drained: name=q", consumer.getMessage());
            assertThrows(QueueClosedException.class, () -> q.take((b, o, l) -> {}, 10, TimeUnit.SECONDS));
            assertThrows(QueueClosedException.class, () -> q.drain((b, o, l) -> {}, 10));
        }
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldWakeBlockedTakeAtEndOfStream(final QueueMode mode, final int capacity) throws Exception
    {
        try (MessageQueue q = create(mode, capacity))
        {
            final AtomicReference<Throwable> outcome = new AtomicReference<>();
            final CountDownLatch done = new CountDownLatch(1);
            final Thread consumer = new Thread(() ->
            {
                try
                {
                    q.take((b, o, l) -> {}, 60, TimeUnit.SECONDS);
                }
                catch (final Throwable ex)
                {
                    outcome.set(ex);
                }
                done.countDown();
            });
            consumer.start();
            q.markClosed();
            assertTrue(done.await(30, TimeUnit.SECONDS), "take did not end");
            assertInstanceOf(QueueClosedException.class, outcome.get());
        }
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldTimeOutTakeAndPut(final QueueMode mode, final int capacity) throws Exception
    {
        try (MessageQueue q = create(mode, capacity))
        {
            long start = System.nanoTime();
            assertFalse(q.take((b, o, l) -> fail("empty queue delivered"), 50, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
            assertFalse(q.take((b, o, l) -> fail("empty queue delivered"), 0, TimeUnit.MILLISECONDS));

            while (q.offer(message(0, 8)))
            {
                // fill
            }
            start = System.nanoTime();
            final TimeoutException ex = assertThrows(
                TimeoutException.class, () -> q.put(message(0, 8), 50, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50));
            assertTrue(ex.getMessage().startsWith("queue full: name=q, length=8, remaining="), ex.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldAnswerInterrupt(final QueueMode mode, final int capacity) throws Exception
    {
        try (MessageQueue q = create(mode, capacity))
        {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> q.take((b, o, l) -> {}, 10, TimeUnit.SECONDS));
            assertFalse(Thread.currentThread().isInterrupted(), "flag cleared");

            final AtomicReference<Throwable> outcome = new AtomicReference<>();
            final CountDownLatch done = new CountDownLatch(1);
            final Thread waiter = new Thread(() ->
            {
                try
                {
                    q.take((b, o, l) -> {}, 60, TimeUnit.SECONDS);
                }
                catch (final Throwable ex)
                {
                    outcome.set(ex);
                }
                done.countDown();
            });
            waiter.start();
            waiter.interrupt();
            assertTrue(done.await(30, TimeUnit.SECONDS), "take ignored the interrupt");
            assertInstanceOf(InterruptedException.class, outcome.get());
        }
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldOpenByNameInStoredModeAndRefuseMismatch(final QueueMode mode, final int capacity)
    {
        try (MessageQueue created = create(mode, capacity);
             MessageQueue opened = MessageQueue.open(ns(), "q"))
        {
            assertEquals(mode, opened.mode());
            assertEquals(capacity, opened.capacity());
            assertEquals(created.maxMessageLength(), opened.maxMessageLength());
            assertTrue(created.offer(message(5, 8)));
            assertTrue(opened.poll((b, o, l) -> assertEquals(5L, b.getLong(o))));

            try (MessageQueue same = MessageQueue.openOrCreate(ns(), "q", mode, capacity, QueueOptions.defaults()))
            {
                assertEquals(mode, same.mode());
            }
            final QueueMode other = mode == QueueMode.ONE_TO_ONE ? QueueMode.MANY_TO_MANY : QueueMode.ONE_TO_ONE;
            final RegionParameterException ex = assertThrows(RegionParameterException.class,
                () -> MessageQueue.openOrCreate(ns(), "q", other, capacity, QueueOptions.defaults()));
            assertEquals("queue parameters mismatch: name=q, expected_mode=" + other + ", actual_mode=" + mode +
                ", expected_capacity=" + capacity + ", actual_capacity=" + capacity, ex.getMessage());
            final int wrongMax = created.maxMessageLength() - 1;
            final RegionParameterException max = assertThrows(RegionParameterException.class,
                () -> MessageQueue.open(ns(), "q", QueueOptions.defaults().withMaxMessageLength(wrongMax)));
            assertEquals("queue parameters mismatch: name=q, key=max_message_length, expected=" + wrongMax +
                ", actual=" + created.maxMessageLength(), max.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(QueueMode.class)
    void shouldNotBurnACoreInIdleTakeWithDefaultWaitStrategy(final QueueMode mode) throws Exception
    {
        try (MessageQueue q = create(mode, 4096))
        {
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            final long wallStart = System.nanoTime();
            final long cpuStart = threads.getCurrentThreadCpuTime();
            assertFalse(q.take((b, o, l) -> fail("empty queue delivered"), 300, TimeUnit.MILLISECONDS));
            final long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            final long wall = System.nanoTime() - wallStart;
            assertTrue(cpu < wall / 5, "idle take used " + (100 * cpu / wall) + "% of a core");
        }
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldThrowIllegalStateAfterClose(final QueueMode mode, final int capacity)
    {
        final MessageQueue q = create(mode, capacity);
        q.close();
        q.close();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> q.offer(message(1, 8)));
        assertTrue(ex.getMessage().startsWith("region closed: name=q"), ex.getMessage());
        assertThrows(IllegalStateException.class, () -> q.poll((b, o, l) -> {}));
        assertThrows(IllegalStateException.class, () -> q.tryClaim(8));
        assertThrows(IllegalStateException.class, q::size);
        assertThrows(IllegalStateException.class, q::markClosed);
        assertTrue(q.unlink());
    }

    /**
     * A closed handle refuses every call even while another handle of this process keeps the queue mapped (so the
     * memory is there to touch): the claim it made can be finished only through the other handle. Its name is then
     * removed once; a second unlink finds nothing to remove.
     */
    @ParameterizedTest
    @EnumSource(QueueMode.class)
    void shouldRefuseEveryCallOfAClosedHandleWhileAnotherHandleMapsTheQueue(final QueueMode mode)
    {
        try (MessageQueue other = create(mode, 4096))
        {
            final MessageQueue q = MessageQueue.open(ns(), "q");
            assertTrue(q.offer(message(1, 8)));
            final int index = q.tryClaim(8);
            assertTrue(index >= 0);
            q.buffer().putLong(index, 2L);
            assertEquals("MessageQueue{name=q, mode=" + mode + ", capacity=4096, max_message_length=" + q.maxMessageLength() +
                ", closed_handle=false}", q.toString());
            assertFalse(q.isClosed());
            q.close();
            assertTrue(q.isClosed());
            assertFalse(other.isClosed());
            assertEquals("MessageQueue{name=q, mode=" + mode + ", capacity=4096, max_message_length=" + q.maxMessageLength() +
                ", closed_handle=true}", q.toString());

            final UnsafeBuffer src = new UnsafeBuffer(message(3, 8));
            final List<Executable> calls = List.of(
                () -> q.offer(src, 0, 8),
                q::buffer,
                () -> q.commit(index),
                () -> q.abort(index),
                () -> q.drain((b, o, l) -> fail("delivered through a closed handle"), 10),
                q::isMarkedClosed,
                q::isEndOfStream,
                q::isEmpty,
                q::remainingCapacity);
            for (int i = 0; i < calls.size(); i++)
            {
                final IllegalStateException ex = assertThrows(IllegalStateException.class, calls.get(i), "call " + i);
                assertTrue(ex.getMessage().startsWith("region closed: name=q"), "call " + i + ": " + ex.getMessage());
            }

            assertEquals(2, other.size(), "nothing changed through the closed handle");
            assertFalse(other.isMarkedClosed());
            other.commit(index);
            final List<Long> got = new ArrayList<>();
            assertEquals(2, other.drain((b, o, l) -> got.add(b.getLong(o)), 10));
            assertEquals(List.of(1L, 2L), got);
            assertTrue(other.unlink());
            assertFalse(q.unlink(), "the name is gone");
        }
    }

    /**
     * {@code put} of an array into a full queue goes through once room is made while it waits (here by the wait
     * strategy itself, which takes one message on its first idle step: deterministic, no second thread).
     */
    @ParameterizedTest
    @EnumSource(QueueMode.class)
    void shouldPutAnArrayOnceRoomIsMadeWhileItWaits(final QueueMode mode) throws Exception
    {
        try (MessageQueue consumer = create(mode, 4096))
        {
            final AtomicInteger taken = new AtomicInteger();
            final IdleStrategy takeOne = new IdleStrategy()
            {
                @Override
                public void idle(final int workCount)
                {
                    idle();
                }

                @Override
                public void idle()
                {
                    if (taken.get() == 0 && consumer.poll((b, o, l) -> assertEquals(0L, b.getLong(o))))
                    {
                        taken.incrementAndGet();
                    }
                }

                @Override
                public void reset()
                {
                }
            };
            try (MessageQueue producer = MessageQueue.open(ns(), "q",
                QueueOptions.defaults().withWaitStrategy(WaitStrategy.of("take one", () -> takeOne))))
            {
                int offered = 0;
                while (producer.offer(message(offered, 8)))
                {
                    offered++;
                }
                producer.put(message(offered, 8), 2, TimeUnit.SECONDS);
                assertEquals(1, taken.get());
                final List<Long> got = new ArrayList<>();
                assertEquals(offered, consumer.drain((b, o, l) -> got.add(b.getLong(o)), Integer.MAX_VALUE));
                assertEquals(offered, got.size());
                assertEquals(1L, got.get(0));
                assertEquals((long)offered, got.get(offered - 1), "the array put last");
            }
        }
    }

    /**
     * An open or openOrCreate refused for its parameters gives the region back: nothing in this JVM holds the file.
     */
    @ParameterizedTest
    @EnumSource(QueueMode.class)
    void shouldReleaseTheRegionOfARefusedOpen(final QueueMode mode) throws Exception
    {
        create(mode, 4096).close();
        final QueueMode other = mode == QueueMode.ONE_TO_ONE ? QueueMode.MANY_TO_MANY : QueueMode.ONE_TO_ONE;
        assertThrows(RegionParameterException.class,
            () -> MessageQueue.openOrCreate(ns(), "q", other, 4096, QueueOptions.defaults()));
        assertEquals(RegionFiles.Removal.UNUSED, RegionFiles.removeIfUnused(tns.path().resolve("q"), null, true),
            "openOrCreate in another mode");
        assertThrows(RegionParameterException.class,
            () -> MessageQueue.open(ns(), "q", QueueOptions.defaults().withMaxMessageLength(7)));
        assertEquals(RegionFiles.Removal.UNUSED, RegionFiles.removeIfUnused(tns.path().resolve("q"), null, true),
            "open with another maximum message length");
        assertEquals(RegionFiles.Removal.REMOVED, RegionFiles.removeIfUnused(tns.path().resolve("q"), null, false));
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldMarkEndOfStreamOnCloseWhenAsked(final QueueMode mode, final int capacity)
    {
        try (MessageQueue consumer = create(mode, capacity))
        {
            final MessageQueue producer = MessageQueue.open(
                ns(), "q", QueueOptions.defaults().withEndOfStreamOnClose(true));
            assertTrue(producer.offer(message(9, 8)));
            producer.close();
            assertTrue(consumer.isMarkedClosed());
            assertTrue(consumer.poll((b, o, l) -> assertEquals(9L, b.getLong(o))));
            assertThrows(QueueClosedException.class, () -> consumer.poll((b, o, l) -> {}));
        }
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldCountHandlerExceptionAsConsumed(final QueueMode mode, final int capacity)
    {
        try (MessageQueue q = create(mode, capacity))
        {
            assertTrue(q.offer(message(1, 8)));
            assertTrue(q.offer(message(2, 8)));
            assertThrows(IllegalArgumentException.class,
                () -> q.poll((b, o, l) -> { throw new IllegalArgumentException("handler failed"); }));
            assertTrue(q.poll((b, o, l) -> assertEquals(2L, b.getLong(o))));
        }
    }

    @ParameterizedTest(name = "{0} capacity={1}")
    @MethodSource("matrix")
    void shouldMoveMessagesBetweenThreadsExactlyOnce(final QueueMode mode, final int capacity) throws Exception
    {
        final int producers = mode == QueueMode.ONE_TO_ONE ? 1 : 3;
        final int consumers = mode == QueueMode.MANY_TO_MANY ? 2 : 1;
        final int perProducer = 20_000;
        try (MessageQueue q = create(mode, capacity))
        {
            final int[][] seen = new int[producers][perProducer];
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++)
            {
                final int producer = p;
                threads.add(new Thread(() ->
                {
                    final UnsafeBuffer msg = new UnsafeBuffer(new byte[16]);
                    try
                    {
                        for (int i = 0; i < perProducer; i++)
                        {
                            msg.putLong(0, producer);
                            msg.putLong(8, i);
                            q.put(msg, 0, 16, 30, TimeUnit.SECONDS);
                        }
                    }
                    catch (final Throwable ex)
                    {
                        failure.compareAndSet(null, ex);
                    }
                }));
            }
            for (int c = 0; c < consumers; c++)
            {
                threads.add(new Thread(() ->
                {
                    final long[] last = new long[producers];
                    java.util.Arrays.fill(last, -1);
                    try
                    {
                        while (true)
                        {
                            q.take((b, o, l) ->
                            {
                                final int producer = (int)b.getLong(o);
                                final long seq = b.getLong(o + 8);
                                if (seq <= last[producer])
                                {
                                    throw new AssertionError("order broken: producer=" + producer + ", seq=" + seq);
                                }
                                last[producer] = seq;
                                synchronized (seen)
                                {
                                    seen[producer][(int)seq]++;
                                }
                            }, 30, TimeUnit.SECONDS);
                        }
                    }
                    catch (final QueueClosedException ex)
                    {
                        // end of stream
                    }
                    catch (final Throwable ex)
                    {
                        failure.compareAndSet(null, ex);
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (int p = 0; p < producers; p++)
            {
                threads.get(p).join(TimeUnit.SECONDS.toMillis(60));
                assertFalse(threads.get(p).isAlive(), "producer stuck");
            }
            q.markClosed();
            for (final Thread t : threads)
            {
                t.join(TimeUnit.SECONDS.toMillis(60));
                assertFalse(t.isAlive(), "thread stuck");
            }
            if (failure.get() != null)
            {
                throw new AssertionError(failure.get());
            }
            for (int p = 0; p < producers; p++)
            {
                for (int i = 0; i < perProducer; i++)
                {
                    assertEquals(1, seen[p][i], "producer " + p + " seq " + i);
                }
            }
        }
    }
}

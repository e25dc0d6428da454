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
import dev.mmipc.codec.Codecs;
import dev.mmipc.codec.SerializableCodec;
import dev.mmipc.exceptions.CodecException;
import dev.mmipc.exceptions.MessageTooLongException;
import dev.mmipc.exceptions.QueueClosedException;
import dev.mmipc.exceptions.RefusedClassException;
import dev.mmipc.test.BoundedCall;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.WorkInChildren;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.*;

class SharedQueueTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }

    @ParameterizedTest
    @EnumSource(QueueMode.class)
    void shouldRoundTripThroughEveryBlockingQueueMethod(final QueueMode mode) throws InterruptedException
    {
        try (SharedQueue<String> q = SharedQueue.create(namespace(), "q", mode, 4096, Codecs.utf8()))
        {
            assertTrue(q.isEmpty());
            assertEquals(0, q.size());
            assertNull(q.poll());
            assertNull(q.poll(10, TimeUnit.MILLISECONDS));
            assertThrows(NoSuchElementException.class, q::remove);

            assertTrue(q.offer("a"));
            assertTrue(q.add("b"));
            q.put("c");
            assertTrue(q.offer("d\u00e9\uD83D\uDE00", 1, TimeUnit.SECONDS));
            assertTrue(q.addAll(List.of("e", "f")));
            assertEquals(6, q.size());
            assertFalse(q.isEmpty());

            assertEquals("a", q.poll());
            assertEquals("b", q.take());
            assertEquals("c", q.poll(1, TimeUnit.SECONDS));
            assertEquals("d\u00e9\uD83D\uDE00", q.remove());
            final List<String> drained = new ArrayList<>();
            assertEquals(1, q.drainTo(drained, 1));
            assertEquals(1, q.drainTo(drained));
            assertEquals(List.of("e", "f"), drained);
            assertEquals(0, q.drainTo(drained));
            assertTrue(q.isEmpty());

            q.addAll(List.of("x", "y", "z"));
            q.clear();
            assertTrue(q.isEmpty());
            assertEquals("q", q.name());
            assertEquals(mode, q.mode());
        }
    }

    @ParameterizedTest
    @EnumSource(QueueMode.class)
    void shouldReportFullWithoutLosingAnything(final QueueMode mode) throws InterruptedException
    {
        try (SharedQueue<Long> q = SharedQueue.create(namespace(), "full", mode, 1024, Codecs.longs()))
        {
            final int initial = q.remainingCapacity();
            assertTrue(initial > 0, "remaining capacity " + initial);
            long added = 0;
            while (q.offer(added))
            {
                added++;
                assertTrue(added < 10_000, "queue never full");
            }
            assertTrue(added >= initial, "remainingCapacity promised " + initial + " but only " + added + " fitted");
            assertEquals(0, q.remainingCapacity());
            final IllegalStateException full = assertThrows(IllegalStateException.class, () -> q.add(-1L));
            assertTrue(full.getMessage().startsWith("queue full: name=full"), full.getMessage());
            assertFalse(q.offer(-1L, 20, TimeUnit.MILLISECONDS));
            assertEquals(added, q.size());
            for (long i = 0; i < added; i++)
            {
                assertEquals(i, q.take());
            }
            assertNull(q.poll());
        }
    }

    @Test
    void shouldThrowForEveryMethodThatCannotHoldAcrossProcesses()
    {
        try (SharedQueue<String> q = SharedQueue.create(namespace(), "u", QueueMode.MANY_TO_MANY, 4096, Codecs.utf8()))
        {
            q.add("kept");
            assertUnsupported("peek", q::peek);
            assertUnsupported("element", q::element);
            assertUnsupported("iterator", q::iterator);
            assertUnsupported("spliterator", q::spliterator);
            assertUnsupported("spliterator", q::stream);
            assertUnsupported("forEach", () -> q.forEach(s -> {}));
            assertUnsupported("contains", () -> q.contains("kept"));
            assertUnsupported("containsAll", () -> q.containsAll(List.of("kept")));
            assertUnsupported("toArray", q::toArray);
            assertUnsupported("toArray", () -> q.toArray(new String[0]));
            assertUnsupported("remove(Object)", () -> q.remove("kept"));
            assertUnsupported("removeAll", () -> q.removeAll(List.of("kept")));
            assertUnsupported("retainAll", () -> q.retainAll(List.of("kept")));
            assertUnsupported("removeIf", () -> q.removeIf(s -> true));
            assertEquals(1, q.size(), "nothing was taken by the refused calls");
            assertEquals("kept", q.poll());
            assertThrows(IllegalArgumentException.class, () -> q.drainTo(q));
            assertThrows(IllegalArgumentException.class, () -> q.addAll(q));
            assertThrows(NullPointerException.class, () -> q.offer(null));
            assertEquals("SharedQueue{name=u, codec=utf8}", q.toString());
        }
    }

    @Test
    void shouldRefuseClassFromAnotherProcessAndDeliverTheNextMessage() throws InterruptedException
    {
        final SerializableCodec<Serializable> jobsOnly = SerializableCodec.builder(Serializable.class)
            .allowClass(Job.class, String.class)
            .build();
        try (SharedQueue<Serializable> q = SharedQueue.create(namespace(), "evil", QueueMode.MANY_TO_ONE, 1 << 16, jobsOnly))
        {
            final ChildJvm producer = ns.startChild(SharedQueueChild.class, "produce-evil", "evil");
            producer.awaitSuccess(CHILD_TIMEOUT);

            final RefusedClassException refused = assertThrows(RefusedClassException.class,
                () -> q.poll(30, TimeUnit.SECONDS));
            assertEquals("dev.mmipc.queue.EvilTask", refused.className());
            assertEquals("serialized class refused: codec=serializable, class=dev.mmipc.queue.EvilTask, " +
                "reason=not in allowlist", refused.getMessage());
            assertEquals(Job.of(9, 1), q.poll(30, TimeUnit.SECONDS), "the next message still arrives");
            assertNull(q.poll());
            assertEquals(List.of(), QueueMarkers.events(), "EvilTask never initialised, constructed or read here");
        }
    }

    @Test
    void shouldSkipUndecodableMessagesInDrainAndReportThem()
    {
        try (SharedQueue<Long> q = SharedQueue.create(namespace(), "d", QueueMode.MANY_TO_MANY, 4096, Codecs.longs()))
        {
            q.add(1L);
            assertTrue(q.messageQueue().offer(new byte[3])); // not a long
            q.add(2L);
            assertTrue(q.messageQueue().offer(new byte[5]));
            q.add(3L);
            final List<Long> drained = new ArrayList<>();
            final CodecException ex = assertThrows(CodecException.class, () -> q.drainTo(drained));
            assertEquals("wrong encoded length: codec=long, expected=8, actual=3", ex.getMessage());
            assertEquals(1, ex.getSuppressed().length);
            assertEquals(List.of(1L, 2L, 3L), drained);
            assertTrue(q.isEmpty());

            assertTrue(q.messageQueue().offer(new byte[1]));
            q.add(4L);
            assertThrows(CodecException.class, q::poll);
            assertEquals(4L, q.poll());
        }
    }

    @Test
    void shouldAbortClaimWhenCodecLiesAboutLength()
    {
        final Codec<String> liar = wrapping("liar", Codecs.utf8(), value -> 2, buffer -> { });
        try (SharedQueue<String> q = SharedQueue.create(namespace(), "liar", QueueMode.ONE_TO_ONE, 4096, liar))
        {
            final CodecException tooLong = assertThrows(CodecException.class, () -> q.offer("four"));
            assertEquals("encode buffer too small: codec=utf8, offset=0, length=4, capacity=2", tooLong.getMessage());
            final CodecException tooShort = assertThrows(CodecException.class, () -> q.offer("1"));
            assertEquals("encoded length differs from encodedLength: codec=liar, queue=liar, expected=2, actual=1",
                tooShort.getMessage());
            assertTrue(q.offer("ok"));
            assertEquals("ok", q.poll(), "aborted claims are skipped");
            assertNull(q.poll());
        }
    }

    @Test
    void shouldRefuseElementLongerThanMaxMessageLength()
    {
        try (SharedQueue<byte[]> q = SharedQueue.create(namespace(), "big", QueueMode.MANY_TO_MANY, 4096,
            QueueOptions.defaults().withMaxMessageLength(100), Codecs.bytes()))
        {
            assertThrows(MessageTooLongException.class, () -> q.offer(new byte[101]));
            assertThrows(MessageTooLongException.class, () -> q.put(new byte[101]));
            assertTrue(q.offer(new byte[100]));
            assertEquals(100, q.poll().length);
        }
    }

    @Test
    void shouldEndTheStreamForConsumersAfterTheyDrainIt() throws InterruptedException
    {
        try (SharedQueue<Integer> q = SharedQueue.create(namespace(), "eos", QueueMode.ONE_TO_ONE, 4096, Codecs.integers()))
        {
            q.put(1);
            q.put(2);
            q.markClosed();
            assertTrue(q.isMarkedClosed());
            assertFalse(q.isEndOfStream());
            assertThrows(QueueClosedException.class, () -> q.offer(3));
            assertEquals(1, q.take());
            assertEquals(2, q.poll());
            assertTrue(q.isEndOfStream());
            assertThrows(QueueClosedException.class, q::poll);
            assertThrows(QueueClosedException.class, q::take);
            assertThrows(QueueClosedException.class, () -> q.drainTo(new ArrayList<>()));
            q.clear(); // quiet at end of stream
        }
    }

    @Test
    void shouldAnswerInterruptWhileTaking() throws InterruptedException
    {
        try (SharedQueue<Integer> q = SharedQueue.create(namespace(), "int", QueueMode.ONE_TO_ONE, 4096, Codecs.integers()))
        {
            final CountDownLatch started = new CountDownLatch(1);
            final AtomicReference<Throwable> outcome = new AtomicReference<>();
            final Thread taker = new Thread(() ->
            {
                started.countDown();
                try
                {
                    q.take();
                }
                catch (final Throwable ex)
                {
                    outcome.set(ex);
                }
            });
            taker.start();
            assertTrue(started.await(10, TimeUnit.SECONDS));
            taker.interrupt();
            taker.join(10_000);
            assertFalse(taker.isAlive());
            assertInstanceOf(InterruptedException.class, outcome.get());
        }
    }

    @Test
    void shouldThrowIllegalStateAfterClose()
    {
        final SharedQueue<Integer> q = SharedQueue.create(namespace(), "closed", QueueMode.ONE_TO_ONE, 4096, Codecs.integers());
        q.close();
        assertThrows(IllegalStateException.class, () -> q.offer(1));
        assertThrows(IllegalStateException.class, q::poll);
        q.close();
    }

    @WorkInChildren
    @ParameterizedTest
    @EnumSource(QueueMode.class)
    void shouldCarryObjectsBetweenTwoChildJvms(final QueueMode mode)
    {
        final int count = 10_000;
        try (SharedQueue<Job> q = SharedQueue.create(namespace(), "jobs", mode, 1 << 14, Job.codec()))
        {
            final ChildJvm consumer = ns.startChild(SharedQueueChild.class, "consume", "jobs", Integer.toString(count));
            final ChildJvm producer = ns.startChild(SharedQueueChild.class, "produce", "jobs", "1", Integer.toString(count));
            producer.awaitSuccess(CHILD_TIMEOUT);
            consumer.awaitSuccess(CHILD_TIMEOUT);
            final long sum = (long)count * (count - 1) / 2;
            assertTrue(consumer.output().contains("consumed " + count + " sum " + sum), consumer.output());
            assertTrue(q.isEmpty());
        }
    }

    @WorkInChildren
    @Test
    void shouldCarryObjectsFromThisProcessToAChild() throws InterruptedException
    {
        final int count = 2_000;
        try (SharedQueue<Job> q = SharedQueue.create(namespace(), "out", QueueMode.ONE_TO_ONE, 1 << 12, Job.codec()))
        {
            final ChildJvm consumer = ns.startChild(SharedQueueChild.class, "consume", "out", Integer.toString(count));
            for (int i = 0; i < count; i++)
            {
                assertTrue(q.offer(Job.of(0, i), 30, TimeUnit.SECONDS));
            }
            consumer.awaitSuccess(CHILD_TIMEOUT);
            assertTrue(consumer.output().contains("consumed " + count), consumer.output());
        }
    }

    @Test
    void shouldRefuseToOpenJoinableQueueAsPlain()
    {
        try (JoinableQueue<String> joinable = JoinableQueue.create(namespace(), "jq", QueueMode.MANY_TO_MANY, 4096, Codecs.utf8()))
        {
            assertEquals("jq", joinable.name());
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> SharedQueue.open(namespace(), "jq", Codecs.utf8()));
            assertEquals("queue is joinable, open it with JoinableQueue: name=jq, tasks=jq.tasks", ex.getMessage());
        }
    }

    @Test
    void shouldOpenOneQueueThroughEveryFactoryWithTheGivenCodec()
    {
        final Namespace namespace = namespace();
        final Codec<String> codec = Codecs.utf8();
        try (SharedQueue<String> created = SharedQueue.create(namespace, "f", QueueMode.MANY_TO_MANY, 4096, codec);
            SharedQueue<String> opened = SharedQueue.open(namespace, "f", codec);
            SharedQueue<String> openedWithOptions = SharedQueue.open(namespace, "f", QueueOptions.defaults(), codec);
            SharedQueue<String> openedOrCreated = SharedQueue.openOrCreate(
                namespace, "f", QueueMode.MANY_TO_MANY, 4096, QueueOptions.defaults(), codec);
            SharedQueue<String> over = SharedQueue.over(MessageQueue.open(namespace, "f"), codec))
        {
            final List<SharedQueue<String>> handles = List.of(created, opened, openedWithOptions, openedOrCreated, over);
            for (final SharedQueue<String> handle : handles)
            {
                assertSame(codec, handle.codec());
                assertEquals("f", handle.name());
                handle.add("from " + handles.indexOf(handle));
            }
            for (int i = 0; i < handles.size(); i++)
            {
                assertEquals("from " + i, handles.get((i + 1) % handles.size()).poll(), "one queue behind every handle");
            }
            assertTrue(created.isEmpty());
        }
    }

    @Test
    void shouldTellAClosedHandleFromAQueueMarkedClosed()
    {
        final Namespace namespace = namespace();
        final SharedQueue<String> q = SharedQueue.create(namespace, "s", QueueMode.ONE_TO_ONE, 4096, Codecs.utf8());
        try (SharedQueue<String> other = SharedQueue.open(namespace, "s", Codecs.utf8()))
        {
            assertFalse(q.isClosed());
            assertFalse(q.isMarkedClosed());
            assertFalse(other.isMarkedClosed());
            q.markClosed();
            assertTrue(other.isMarkedClosed(), "marked closed for every handle");
            assertFalse(q.isClosed(), "marking the stream closed does not close the handle");
            assertTrue(q.unlink());
            assertFalse(q.unlink(), "the name is already gone");
            assertFalse(other.unlink());
            assertFalse(namespace.exists("s"));
            q.close();
            assertTrue(q.isClosed());
            assertFalse(other.isClosed());
            final IllegalStateException ex = assertThrows(IllegalStateException.class, q::isMarkedClosed);
            assertTrue(ex.getMessage().startsWith("region closed: name=s"), ex.getMessage());
        }
        finally
        {
            q.close();
        }
    }

    @Test
    void shouldRefuseEveryPlainFactoryOnAJoinableQueue()
    {
        final Namespace namespace = namespace();
        final String longest = "j".repeat(JoinableQueueDescriptor.MAX_QUEUE_NAME_LENGTH);
        try (JoinableQueue<String> joinable = JoinableQueue.create(namespace, "jq", QueueMode.MANY_TO_MANY, 4096, Codecs.utf8());
            JoinableQueue<String> longName = JoinableQueue.create(namespace, longest, QueueMode.ONE_TO_ONE, 4096, Codecs.utf8()))
        {
            final String refused = "queue is joinable, open it with JoinableQueue: name=jq, tasks=jq.tasks";
            assertEquals(refused, assertThrows(IllegalStateException.class,
                () -> SharedQueue.create(namespace, "jq", QueueMode.MANY_TO_MANY, 4096, Codecs.utf8())).getMessage());
            assertEquals(refused, assertThrows(IllegalStateException.class,
                () -> SharedQueue.openOrCreate(namespace, "jq", QueueMode.MANY_TO_MANY, 4096, QueueOptions.defaults(),
                    Codecs.utf8())).getMessage());
            assertEquals(refused, assertThrows(IllegalStateException.class,
                () -> SharedQueue.open(namespace, "jq", QueueOptions.defaults(), Codecs.utf8())).getMessage());
            final IllegalStateException atLimit = assertThrows(IllegalStateException.class,
                () -> SharedQueue.open(namespace, longest, Codecs.utf8()));
            assertEquals("queue is joinable, open it with JoinableQueue: name=" + longest + ", tasks=" + longest + ".tasks",
                atLimit.getMessage());
            assertEquals(0, joinable.unfinishedTasks() + longName.unfinishedTasks(), "the refused calls put nothing");
        }
        final String tooLongToBeJoinable = "p".repeat(JoinableQueueDescriptor.MAX_QUEUE_NAME_LENGTH + 1);
        try (SharedQueue<String> plain = SharedQueue.create(namespace, tooLongToBeJoinable, QueueMode.ONE_TO_ONE, 4096,
            Codecs.utf8()))
        {
            assertEquals(tooLongToBeJoinable, plain.name());
        }
    }

    @Test
    void shouldAddAllReportWhetherAnythingWasAdded()
    {
        try (SharedQueue<String> q = SharedQueue.create(namespace(), "all", QueueMode.ONE_TO_ONE, 4096, Codecs.utf8()))
        {
            assertFalse(q.addAll(List.of()), "nothing to add: unchanged");
            assertTrue(q.isEmpty());
            assertTrue(q.addAll(List.of("a")));
            assertEquals("a", q.poll());
        }
    }

    @Test
    void shouldDrainNothingForALimitOfZeroOrLess()
    {
        try (SharedQueue<String> q = SharedQueue.create(namespace(), "lim", QueueMode.MANY_TO_ONE, 4096, Codecs.utf8()))
        {
            q.add("kept");
            final List<String> drained = new ArrayList<>();
            assertEquals(0, q.drainTo(drained, 0));
            assertEquals(0, q.drainTo(drained, -1));
            assertEquals(List.of(), drained);
            assertEquals(1, q.size());
        }
    }

    @ParameterizedTest
    @EnumSource(QueueMode.class)
    void shouldClearEverythingAcrossTheRingEndAndReturnWhenEmpty(final QueueMode mode)
    {
        try (SharedQueue<Long> q = SharedQueue.create(namespace(), "clr", mode, 1024, Codecs.longs()))
        {
            long next = 0;
            while (q.offer(next))
            {
                next++;
            }
            for (long i = 0; i < next - 1; i++)
            {
                assertEquals(i, q.poll()); // leave one: the elements added next run across the ring end
            }
            while (q.offer(next))
            {
                next++;
            }
            assertTrue(q.size() > 1, "size " + q.size());
            q.clear();
            assertTrue(q.isEmpty());
            assertEquals(0, q.size());
            assertNull(q.poll());
            BoundedCall.run("clear of an empty queue", Duration.ofSeconds(5), () ->
            {
                q.clear();
                return null;
            }).value();
        }
    }

    @Test
    void shouldEncodeInPlaceExactlyWhenTheAnnouncedLengthFitsAMessage()
    {
        try (SharedQueue<String> zero = SharedQueue.create(namespace(), "zero", QueueMode.ONE_TO_ONE, 4096,
            QueueOptions.defaults().withMaxMessageLength(100), announcing(0)))
        {
            final CodecException noRoom = assertThrows(CodecException.class, () -> zero.offer("x"));
            assertEquals("encode buffer too small: codec=utf8, offset=0, length=1, capacity=0", noRoom.getMessage(),
                "an announced length of zero is a claim of zero bytes");
            assertNull(zero.poll(), "the aborted claim is skipped");
        }
        try (SharedQueue<String> max = SharedQueue.create(namespace(), "max", QueueMode.ONE_TO_ONE, 4096,
            QueueOptions.defaults().withMaxMessageLength(100), announcing(100)))
        {
            final CodecException differs = assertThrows(CodecException.class, () -> max.offer("short"));
            assertEquals("encoded length differs from encodedLength: codec=announcing, queue=max, expected=100, actual=5",
                differs.getMessage(), "an announced length of the longest message is claimed in place");
            assertNull(max.poll(), "the aborted claim is skipped");
        }
        try (SharedQueue<String> over = SharedQueue.create(namespace(), "over", QueueMode.ONE_TO_ONE, 4096,
            QueueOptions.defaults().withMaxMessageLength(100), announcing(101)))
        {
            assertTrue(over.offer("short"), "an announced length beyond the longest message goes through the scratch");
            assertEquals("short", over.poll());
        }
    }

    @ParameterizedTest
    @EnumSource(QueueMode.class)
    void shouldOfferThroughTheScratchBufferUntilFull(final QueueMode mode)
    {
        try (SharedQueue<Long> q = SharedQueue.create(namespace(), "scratch", mode, 1024, unknownLength(Codecs.longs())))
        {
            long added = 0;
            while (q.offer(added))
            {
                added++;
                assertTrue(added < 10_000, "queue never full");
            }
            assertTrue(added > 0);
            assertEquals(added, q.size());
            for (long i = 0; i < added; i++)
            {
                assertEquals(i, q.poll());
            }
        }
    }

    @Test
    void shouldPublishAnEmptyElementThroughTheScratchBuffer() throws InterruptedException
    {
        try (SharedQueue<byte[]> q = SharedQueue.create(namespace(), "empty", QueueMode.MANY_TO_ONE, 4096,
            unknownLength(Codecs.bytes())))
        {
            assertTrue(q.offer(new byte[0]));
            q.put(new byte[0]);
            assertEquals(0, q.poll().length);
            assertEquals(0, q.take().length);
            assertTrue(q.isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(QueueMode.class)
    void shouldPromiseRoomForExactlyTheLongestElementsThatFit(final QueueMode mode)
    {
        final int max = 100;
        try (SharedQueue<byte[]> q = SharedQueue.create(namespace(), "room", mode, 4096,
            QueueOptions.defaults().withMaxMessageLength(max), Codecs.bytes()))
        {
            final int promised = q.remainingCapacity();
            int added = 0;
            while (q.offer(new byte[max]))
            {
                added++;
                assertTrue(added < 10_000, "queue never full");
            }
            assertEquals(promised, added, "remaining capacity of an empty queue, in elements of the longest length");
            assertEquals(0, q.remainingCapacity());
        }
    }

    @Test
    void shouldDropTheScratchBufferOnlyAfterAnElementLongerThanOneMebibyte() throws InterruptedException
    {
        final int keep = 1 << 20;
        try (SharedQueue<byte[]> q = SharedQueue.create(namespace(), "huge", QueueMode.MANY_TO_MANY, 1 << 22,
            QueueOptions.defaults().withMaxMessageLength(keep + 1), unknownLength(Codecs.bytes())))
        {
            final MutableDirectBuffer scratch = ElementEncoder.scratch();
            assertTrue(q.offer(new byte[16]));
            assertSame(scratch, ElementEncoder.scratch(), "kept after a small element");
            assertTrue(q.offer(new byte[keep]));
            assertSame(scratch, ElementEncoder.scratch(), "kept after an element of exactly 1 MiB");
            assertEquals(16, q.poll().length);
            assertEquals(keep, q.poll().length);

            assertTrue(q.offer(new byte[keep + 1]));
            final MutableDirectBuffer fresh = ElementEncoder.scratch();
            assertNotSame(scratch, fresh, "dropped after an element longer than 1 MiB (offer)");
            assertEquals(keep + 1, q.poll().length);
            assertTrue(q.offer(new byte[keep + 1], 1, TimeUnit.SECONDS));
            assertNotSame(fresh, ElementEncoder.scratch(), "dropped after an element longer than 1 MiB (timed offer)");
            assertEquals(keep + 1, q.poll().length);
        }
    }

    @Test
    void shouldLeaveACodecNoWayIntoTheQueueOnceOfferReturned()
    {
        final AtomicReference<MutableDirectBuffer> kept = new AtomicReference<>();
        final Codec<Long> keeping = wrapping("keeping", Codecs.longs(), value -> Long.BYTES, kept::set);
        try (SharedQueue<Long> q = SharedQueue.create(namespace(), "kept", QueueMode.ONE_TO_ONE, 4096, keeping))
        {
            assertTrue(q.offer(7L));
            final MutableDirectBuffer buffer = kept.get();
            assertEquals(0, buffer.capacity(), "the buffer the codec kept no longer views the claimed slot");
            assertThrows(IndexOutOfBoundsException.class, () -> buffer.putLong(0, 99L));
            assertEquals(7L, q.poll(), "the published element is untouched");
        }
    }

    /**
     * @return utf8, announcing every element's encoded length as {@code announced}.
     */
    private static Codec<String> announcing(final int announced)
    {
        return wrapping("announcing", Codecs.utf8(), value -> announced, buffer -> { });
    }

    /**
     * @return the codec, not knowing any element's length before encoding it: every offer goes through the scratch.
     */
    private static <E> Codec<E> unknownLength(final Codec<E> codec)
    {
        return wrapping(codec.name(), codec, value -> Codec.UNKNOWN_LENGTH, buffer -> { });
    }

    /**
     * @param name      the codec's name.
     * @param codec     what encodes and decodes.
     * @param announced the encoded length announced for an element, true or not.
     * @param onEncode  sees each buffer the codec is given to encode into.
     * @return the codec, announcing lengths of its own.
     */
    private static <E> Codec<E> wrapping(
        final String name, final Codec<E> codec, final ToIntFunction<E> announced, final Consumer<MutableDirectBuffer> onEncode)
    {
        return new Codec<>()
        {
            @Override
            public int encodedLength(final E value)
            {
                return announced.applyAsInt(value);
            }

            @Override
            public int encode(final E value, final MutableDirectBuffer buffer, final int offset)
            {
                onEncode.accept(buffer);
                return codec.encode(value, buffer, offset);
            }

            @Override
            public E decode(final DirectBuffer buffer, final int offset, final int length)
            {
                return codec.decode(buffer, offset, length);
            }

            @Override
            public String name()
            {
                return name;
            }
        };
    }

    private static void assertUnsupported(final String method, final Executable call)
    {
        final UnsupportedOperationException ex = assertThrows(UnsupportedOperationException.class, call);
        assertTrue(ex.getMessage().startsWith("not supported by a queue shared between processes: method=" + method +
            ", name=u, reason="), ex.getMessage());
    }
}

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
import dev.mmipc.counters.CountersInspector;
import dev.mmipc.counters.SharedCounter;
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.exceptions.BarrierBrokenException;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeDescriptor;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.pipe.PipeInspector;
import dev.mmipc.queue.JoinableQueue;
import dev.mmipc.queue.JoinableQueueDescriptor;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueDescriptor;
import dev.mmipc.queue.QueueInspector;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.queue.QueueOptions;
import dev.mmipc.queue.SharedQueue;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionHeader;
import dev.mmipc.region.RegionKind;
import dev.mmipc.shared.SharedBytes;
import dev.mmipc.shared.SharedDouble;
import dev.mmipc.shared.SharedDoubleArray;
import dev.mmipc.shared.SharedInspector;
import dev.mmipc.shared.SharedInt;
import dev.mmipc.shared.SharedIntArray;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.shared.SharedLongArray;
import dev.mmipc.sync.Barrier;
import dev.mmipc.sync.BoundedSemaphore;
import dev.mmipc.sync.Condition;
import dev.mmipc.sync.CountDownLatch;
import dev.mmipc.sync.Event;
import dev.mmipc.sync.Lock;
import dev.mmipc.sync.RLock;
import dev.mmipc.sync.Semaphore;
import dev.mmipc.sync.SyncInspector;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.sync.SyncType;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One entry per region kind, and per mode or sub-type where a kind has several (each queue mode, each sync
 * type): how to create a valid region of that kind and how to use one through every read operation of its
 * public API, with short bounded waits. The reliability tests (header fuzzing, truncation) run over this
 * table, so a new kind is covered by adding its entry here and removing it from {@link #PENDING}.
 */
final class RegionTargets
{
    /** Kinds whose package has not landed yet; each needs an entry in {@link #TARGETS} when it does. */
    static final Set<RegionKind> PENDING = Collections.unmodifiableSet(EnumSet.noneOf(RegionKind.class));

    /** Short waits for the fuzzed handles: a corrupt owner or claim must not cost the default 1 s each time. */
    static final SyncOptions SYNC_OPTIONS = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(20));
    static final QueueOptions QUEUE_OPTIONS = QueueOptions.defaults().withLivenessTimeout(Duration.ofMillis(20));
    static final SharedCounters.Options COUNTERS_OPTIONS = SharedCounters.Options.defaults()
        .withLivenessTimeout(Duration.ofMillis(20)).withLockTimeout(Duration.ofMillis(100));
    static final long WAIT_MS = 5;
    /** The unblock timeout of {@link #QUEUE_OPTIONS} and the liveness timeout of {@link #SYNC_OPTIONS}. */
    static final long HANDLE_TIMEOUT_MS = 20;
    /**
     * Slack on top of the longest wait a call may make, for a loaded machine and a garbage collection: every bounded
     * call must return or throw within {@code max(its own timeout, HANDLE_TIMEOUT_MS) + CALL_MARGIN_MS}.
     */
    static final long CALL_MARGIN_MS = 1_000;

    /**
     * A word of a region's payload that the fuzzer overwrites with edge values: a record length or type, a position,
     * a claim or slot word, an end state, a lease.
     *
     * @param name     names it in the case.
     * @param offset   offset in the payload.
     * @param width    4 or 8 bytes.
     * @param capacity the capacity of the ring it belongs to (its edges are among the values).
     * @param extra    values of the word's own shape, besides the edge values.
     */
    record PayloadField(String name, int offset, int width, int capacity, List<Long> extra)
    {
        PayloadField(final String name, final int offset, final int width, final int capacity)
        {
            this(name, offset, width, capacity, List.of());
        }
    }

    /** A call of the API under test that may throw anything. */
    @FunctionalInterface
    interface Call<T>
    {
        T call() throws Exception;
    }

    /** Thrown when a call overran its bound: a failure of the case, whatever the call itself ended with. */
    static final class CallTooSlowError extends AssertionError
    {
        private static final long serialVersionUID = 1L;

        CallTooSlowError(final String message, final Throwable cause)
        {
            super(message, cause);
        }
    }
    /** How a region kind (or one mode or sub-type of it) is made and used. */
    abstract static class Target
    {
        final RegionKind kind;

        Target(final RegionKind kind)
        {
            this.kind = kind;
        }

        /**
         * Create a valid region with some content, and close it.
         *
         * @param ns   namespace.
         * @param name region name.
         */
        abstract void create(Namespace ns, String name);

        /**
         * Open the region through the kind's public API and run every read operation (and, where reading
         * alone says little, a short write and a bounded wait), closing what it opens.
         *
         * @param ns   namespace.
         * @param name region name.
         */
        abstract void exercise(Namespace ns, String name) throws Exception;

        /**
         * @return the payload words the fuzzer overwrites with edge values, one case per word and value; none by
         * default.
         */
        List<PayloadField> payloadFields()
        {
            return List.of();
        }

        /**
         * @param name the name given to {@link #create}.
         * @return the region of kind {@link #kind} that the fuzzer corrupts.
         */
        String fuzzed(final String name)
        {
            return name;
        }

        /**
         * @param name the name given to {@link #create}.
         * @return every region {@link #create} makes, to remove after the case.
         */
        List<String> files(final String name)
        {
            return List.of(name);
        }
    }

    /** Targets by id: the kind's name, or kind.MODE / kind.TYPE where a kind has several layouts. */
    static final Map<String, Target> TARGETS;

    static
    {
        final Map<String, Target> targets = new LinkedHashMap<>();
        add(targets, new Target(RegionKind.BYTES)
        {
            @Override
            void create(final Namespace ns, final String name)
            {
                try (SharedBytes bytes = SharedBytes.create(ns, name, 100))
                {
                    bytes.buffer().putStringAscii(0, "hello");
                }
            }

            @Override
            void exercise(final Namespace ns, final String name)
            {
                try (SharedBytes bytes = SharedBytes.open(ns, name))
                {
                    final AtomicBuffer buffer = bytes.buffer();
                    long sum = bytes.size();
                    for (int i = 0; i < Math.min(bytes.size(), 4096); i++)
                    {
                        sum += buffer.getByte(i);
                    }
                    consume(sum + bytes.toString().length());
                }
                try (SharedBytes bytes = SharedBytes.openOrCreate(ns, name, 100))
                {
                    consume(bytes.size());
                }
            }
        });
        add(targets, new Target(RegionKind.LONG)
        {
            @Override
            void create(final Namespace ns, final String name)
            {
                SharedLong.create(ns, name, -7L).close();
            }

            @Override
            void exercise(final Namespace ns, final String name)
            {
                try (SharedLong value = SharedLong.open(ns, name))
                {
                    consume(value.get() + value.getPlain() + value.getOpaque() + value.getAcquire() +
                        value.toString().length());
                }
                try (SharedLong value = SharedLong.openOrCreate(ns, name))
                {
                    consume(value.get());
                }
            }
        });
        add(targets, new Target(RegionKind.INT)
        {
            @Override
            void create(final Namespace ns, final String name)
            {
                SharedInt.create(ns, name, -7).close();
            }

            @Override
            void exercise(final Namespace ns, final String name)
            {
                try (SharedInt value = SharedInt.open(ns, name))
                {
                    consume(value.get() + value.getPlain() + value.getOpaque() + value.getAcquire() +
                        value.toString().length());
                }
                try (SharedInt value = SharedInt.openOrCreate(ns, name))
                {
                    consume(value.get());
                }
            }
        });
        add(targets, new Target(RegionKind.DOUBLE)
        {
            @Override
            void create(final Namespace ns, final String name)
            {
                SharedDouble.create(ns, name, 2.5).close();
            }

            @Override
            void exercise(final Namespace ns, final String name)
            {
                try (SharedDouble value = SharedDouble.open(ns, name))
                {
                    consume((long)(value.get() + value.getPlain() + value.getOpaque() + value.getAcquire()) +
                        value.toString().length());
                }
                try (SharedDouble value = SharedDouble.openOrCreate(ns, name))
                {
                    consume((long)value.get());
                }
            }
        });
        add(targets, new Target(RegionKind.LONG_ARRAY)
        {
            @Override
            void create(final Namespace ns, final String name)
            {
                SharedLongArray.create(ns, name, new long[] {1, -2, 3}).close();
            }

            @Override
            void exercise(final Namespace ns, final String name)
            {
                try (SharedLongArray array = SharedLongArray.open(ns, name))
                {
                    final int length = array.length();
                    long sum = length;
                    for (int i = 0; i < Math.min(length, 512); i++)
                    {
                        sum += array.get(i) + array.getPlain(i) + array.getOpaque(i) + array.getAcquire(i);
                    }
                    final long[] copy = new long[Math.min(length, 512)];
                    array.copyTo(0, copy, 0, copy.length);
                    if (length <= 1 << 16)
                    {
                        sum += array.toArray().length;
                    }
                    consume(sum + array.toString().length());
                }
                try (SharedLongArray array = SharedLongArray.openOrCreate(ns, name, 3))
                {
                    consume(array.length());
                }
            }
        });
        add(targets, new Target(RegionKind.INT_ARRAY)
        {
            @Override
            void create(final Namespace ns, final String name)
            {
                SharedIntArray.create(ns, name, new int[] {1, -2, 3}).close();
            }

            @Override
            void exercise(final Namespace ns, final String name)
            {
                try (SharedIntArray array = SharedIntArray.open(ns, name))
                {
                    final int length = array.length();
                    long sum = length;
                    for (int i = 0; i < Math.min(length, 512); i++)
                    {
                        sum += array.get(i) + array.getPlain(i) + array.getOpaque(i) + array.getAcquire(i);
                    }
                    final int[] copy = new int[Math.min(length, 512)];
                    array.copyTo(0, copy, 0, copy.length);
                    if (length <= 1 << 16)
                    {
                        sum += array.toArray().length;
                    }
                    consume(sum + array.toString().length());
                }
                try (SharedIntArray array = SharedIntArray.openOrCreate(ns, name, 3))
                {
                    consume(array.length());
                }
            }
        });
        add(targets, new Target(RegionKind.DOUBLE_ARRAY)
        {
            @Override
            void create(final Namespace ns, final String name)
            {
                SharedDoubleArray.create(ns, name, new double[] {1.5, -2.5, 3.5}).close();
            }

            @Override
            void exercise(final Namespace ns, final String name)
            {
                try (SharedDoubleArray array = SharedDoubleArray.open(ns, name))
                {
                    final int length = array.length();
                    double sum = length;
                    for (int i = 0; i < Math.min(length, 512); i++)
                    {
                        sum += array.get(i) + array.getPlain(i) + array.getOpaque(i) + array.getAcquire(i);
                    }
                    final double[] copy = new double[Math.min(length, 512)];
                    array.copyTo(0, copy, 0, copy.length);
                    if (length <= 1 << 16)
                    {
                        sum += array.toArray().length;
                    }
                    consume((long)sum + array.toString().length());
                }
                try (SharedDoubleArray array = SharedDoubleArray.openOrCreate(ns, name, 3))
                {
                    consume(array.length());
                }
            }
        });
        add(targets, new Target(RegionKind.COUNTERS)
        {
            @Override
            void create(final Namespace ns, final String name)
            {
                try (SharedCounters counters = SharedCounters.create(ns, name, 4))
                {
                    counters.allocate("first", 7).increment();
                    counters.allocate("second");
                }
            }

            @Override
            void exercise(final Namespace ns, final String name)
            {
                try (SharedCounters counters = SharedCounters.open(ns, name, COUNTERS_OPTIONS))
                {
                    final long[] sum = {counters.capacity() + counters.allocatedCount() + counters.lockTakeovers()};
                    counters.forEach((id, typeId, label, value) -> sum[0] += id + typeId + label.length() + value);
                    sum[0] += counters.findByLabel("first") + counters.findByLabel("none");
                    for (int id = 0; id < counters.capacity(); id++)
                    {
                        try
                        {
                            sum[0] += counters.value(id) + counters.label(id).length() + counters.typeId(id);
                        }
                        catch (final IllegalStateException notAllocated)
                        {
                            // documented: "counter not allocated"
                        }
                    }
                    counters.reader().forEach((id, label) -> sum[0] += id + label.length());
                    try (SharedCounter counter = counters.allocate("third"))
                    {
                        sum[0] += counter.id() + counter.get();
                    }
                    consume(sum[0] + counters.toString().length());
                }
                try (SharedCounters counters = SharedCounters.openOrCreate(ns, name, 4))
                {
                    consume(counters.capacity());
                }
            }
        });
        addQueueTargets(targets);
        addPipeTarget(targets);
        addSyncTargets(targets);
        TARGETS = Collections.unmodifiableMap(targets);
    }

    private static void add(final Map<String, Target> targets, final Target target)
    {
        add(targets, target.kind.name(), target);
    }

    private static void add(final Map<String, Target> targets, final String id, final Target target)
    {
        if (targets.put(id, target) != null)
        {
            throw new IllegalStateException("duplicate fuzz target: id=" + id);
        }
    }

    private static void addQueueTargets(final Map<String, Target> targets)
    {
        for (final QueueMode mode : QueueMode.values())
        {
            add(targets, RegionKind.QUEUE.name() + "." + mode.name(), new Target(RegionKind.QUEUE)
            {
                @Override
                void create(final Namespace ns, final String name)
                {
                    try (MessageQueue queue = MessageQueue.create(ns, name, mode, 1024, QUEUE_OPTIONS))
                    {
                        for (int i = 0; i < 5; i++)
                        {
                            queue.offer(("message-" + i).getBytes(StandardCharsets.US_ASCII));
                        }
                        queue.poll((buffer, offset, length) -> consume(length)); // one consumed, four left
                    }
                }

                @Override
                List<PayloadField> payloadFields()
                {
                    return queuePayloadFields(mode);
                }

                @Override
                void exercise(final Namespace ns, final String name) throws Exception
                {
                    try (MessageQueue queue = MessageQueue.open(ns, name, QUEUE_OPTIONS))
                    {
                        exerciseQueue(queue);
                    }
                    try (MessageQueue queue = MessageQueue.openOrCreate(ns, name, mode, 1024, QUEUE_OPTIONS))
                    {
                        consume(bounded("size", 0, queue::size));
                    }
                    try (SharedQueue<String> queue = SharedQueue.open(ns, name, QUEUE_OPTIONS, Codecs.utf8()))
                    {
                        consume(bounded("size", 0, queue::size) + bounded("remainingCapacity", 0, queue::remainingCapacity) +
                            queue.toString().length());
                        final String first = bounded("poll(timeout)", WAIT_MS, () -> queue.poll(WAIT_MS, TimeUnit.MILLISECONDS));
                        consume(first == null ? 0 : first.length());
                        consume(bounded("offer", 0, () -> queue.offer("again")) ? 1 : 0);
                        final List<String> drained = new ArrayList<>();
                        consume(bounded("drainTo", 0, () -> queue.drainTo(drained, 16)));
                    }
                }
            });
        }
        add(targets, new Target(RegionKind.QUEUE_TASKS)
        {
            @Override
            void create(final Namespace ns, final String name)
            {
                try (JoinableQueue<String> queue = JoinableQueue.create(
                    ns, name, QueueMode.MANY_TO_MANY, 1024, QUEUE_OPTIONS, Codecs.utf8()))
                {
                    queue.offer("one");
                    queue.offer("two");
                    queue.poll();
                    queue.taskDone(); // one task left unfinished
                }
            }

            @Override
            String fuzzed(final String name)
            {
                return JoinableQueueDescriptor.tasksRegionName(name);
            }

            @Override
            List<String> files(final String name)
            {
                return List.of(name, JoinableQueueDescriptor.tasksRegionName(name));
            }

            @Override
            void exercise(final Namespace ns, final String name) throws Exception
            {
                try (JoinableQueue<String> queue = JoinableQueue.open(ns, name, QUEUE_OPTIONS, Codecs.utf8()))
                {
                    consume(queue.unfinishedTasks() + queue.size() + queue.toString().length());
                    consume(queue.join(WAIT_MS, TimeUnit.MILLISECONDS) ? 1 : 0);
                    consume(queue.offer("three") ? 1 : 0);
                    final String taken = queue.poll(WAIT_MS, TimeUnit.MILLISECONDS);
                    if (taken != null)
                    {
                        queue.taskDone();
                    }
                    consume(queue.unfinishedTasks());
                }
                try (JoinableQueue<String> queue = JoinableQueue.openOrCreate(
                    ns, name, QueueMode.MANY_TO_MANY, 1024, QUEUE_OPTIONS, Codecs.utf8()))
                {
                    consume(queue.unfinishedTasks());
                }
            }
        });
    }

    /**
     * Every read and write of a queue, each call bounded (see {@link #bounded}). After a corruption error the calls
     * go on: each must answer again, with the same error (checked by the queue's own tests), within its bound.
     */
    private static void exerciseQueue(final MessageQueue queue) throws Exception
    {
        final List<Throwable> errors = new ArrayList<>();
        consume(attempt(errors, "size", 0, queue::size) + attempt(errors, "remainingCapacity", 0, queue::remainingCapacity) +
            queue.maxMessageLength() + queue.capacity() + queue.mode().code() + queue.recoveries() +
            queue.toString().length());
        consume(attempt(errors, "isEmpty", 0, () -> queue.isEmpty() ? 1 : 0) +
            attempt(errors, "isMarkedClosed", 0, () -> queue.isMarkedClosed() ? 2 : 0) +
            attempt(errors, "isEndOfStream", 0, () -> queue.isEndOfStream() ? 4 : 0));
        final MessageHandler handler = (buffer, offset, length) ->
        {
            // as a user would: copy the message out by the length the queue gives
            final byte[] message = new byte[length];
            buffer.getBytes(offset, message);
            consume(message.length);
        };
        consume(attempt(errors, "poll", 0, () -> queue.poll(handler) ? 1 : 0));
        consume(attempt(errors, "take", WAIT_MS, () -> queue.take(handler, WAIT_MS, TimeUnit.MILLISECONDS) ? 1 : 0));
        consume(attempt(errors, "drain", 0, () -> queue.drain(handler, 16)));
        consume(attempt(errors, "offer", 0, () -> queue.offer("fuzz".getBytes(StandardCharsets.US_ASCII)) ? 1 : 0));
        consume(attempt(errors, "tryClaim", 0, () ->
        {
            final int index = queue.tryClaim(8);
            if (index >= 0)
            {
                queue.buffer().putLong(index, 42L);
                queue.commit(index);
            }
            return index;
        }));
        consume(attempt(errors, "put", WAIT_MS, () ->
        {
            try
            {
                queue.put(new byte[8], WAIT_MS, TimeUnit.MILLISECONDS);
                return 1;
            }
            catch (final TimeoutException full)
            {
                return 0; // documented: no room within the timeout
            }
        }));
        consume(attempt(errors, "drain", 0, () -> queue.drain(handler, 16)));
        consume(attempt(errors, "size", 0, queue::size));
        if (!errors.isEmpty())
        {
            final Throwable first = errors.get(0);
            for (int i = 1; i < errors.size(); i++)
            {
                first.addSuppressed(errors.get(i));
            }
            if (first instanceof Exception)
            {
                throw (Exception)first;
            }
            throw (Error)first;
        }
    }

    /**
     * A bounded call whose exception is kept for later, so that the calls after it run too; a call that overran its
     * bound is thrown at once.
     */
    private static long attempt(final List<Throwable> errors, final String what, final long timeoutMs,
        final Call<? extends Number> call)
    {
        try
        {
            return bounded(what, timeoutMs, call).longValue();
        }
        catch (final CallTooSlowError ex)
        {
            throw ex;
        }
        catch (final Throwable ex)
        {
            errors.add(ex);
            return 0;
        }
    }

    /**
     * Run one call and check the time it took: at most {@code max(timeoutMs, HANDLE_TIMEOUT_MS) + CALL_MARGIN_MS}
     * (its own timeout, or the unblock or liveness timeout it may wait behind a stalled claim or owner, and the
     * margin), whatever it returned or threw.
     *
     * @param what      names the call.
     * @param timeoutMs the call's own timeout, 0 for a call that never waits.
     * @param call      the call.
     * @param <T>       what it returns.
     * @return what it returned.
     * @throws Exception        what it threw, when it took no longer than its bound.
     * @throws CallTooSlowError when it took longer, with what it ended with as the cause.
     */
    static <T> T bounded(final String what, final long timeoutMs, final Call<T> call) throws Exception
    {
        final long boundMs = Math.max(timeoutMs, HANDLE_TIMEOUT_MS) + CALL_MARGIN_MS;
        final long startNs = System.nanoTime();
        Throwable failure = null;
        T value = null;
        try
        {
            value = call.call();
        }
        catch (final Exception | Error ex)
        {
            failure = ex;
        }
        final long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        if (tookMs > boundMs)
        {
            throw new CallTooSlowError("call too slow: call=" + what + ", took_ms=" + tookMs + ", bound_ms=" + boundMs +
                ", ended_with=" + (failure == null ? "return" : failure.toString()), failure);
        }
        if (failure instanceof Exception)
        {
            throw (Exception)failure;
        }
        if (failure != null)
        {
            throw (Error)failure;
        }
        return value;
    }

    /**
     * MANY_TO_MANY state words (lap: 40 bits, state: 2 bits, pid: 22 bits; pinned by QueueDescriptorTest) of every
     * state, for laps 0 to 3 and the last two before the wrap at 2^40, with no pid, pid 1 (alive) and the largest pid.
     */
    private static List<Long> slotWords()
    {
        final List<Long> words = new ArrayList<>();
        for (final long lap : new long[] {0, 1, 2, 3, (1L << 40) - 1, (1L << 40) - 2})
        {
            for (int state = 0; state < 4; state++)
            {
                for (final long pid : new long[] {0, 1, (1L << 22) - 1})
                {
                    words.add(lap << 24 | (long)state << 22 | pid);
                }
            }
        }
        return words;
    }

    /**
     * Ring modes (capacity 1024; the sample holds four 24-byte records from position 24, the tail at 120): the
     * control words, the record headers at the head, in the middle, at the end and after the tail, the consumed one
     * before the head, and the trailer's positions. MANY_TO_MANY (eight 128-byte slots; head 1, tail 5): the control
     * words, the state words of the consumed, head, last full, tail and last slot, two message lengths, the
     * positions.
     */
    static List<PayloadField> queuePayloadFields(final QueueMode mode)
    {
        final int capacity = 1024;
        final int ring = QueueDescriptor.RING_OFFSET;
        final List<PayloadField> fields = new ArrayList<>(List.of(
            new PayloadField("closed_flag", QueueDescriptor.CLOSED_FLAG_OFFSET, 4, capacity),
            new PayloadField("corruption_code", QueueDescriptor.CORRUPTION_CODE_OFFSET, 4, capacity),
            new PayloadField("corruption_position", QueueDescriptor.CORRUPTION_POSITION_OFFSET, 8, capacity),
            new PayloadField("process_table_0", QueueDescriptor.PROCESS_TABLE_OFFSET, 8, capacity)));
        if (mode == QueueMode.MANY_TO_MANY)
        {
            final int slot = 128;
            for (final int i : new int[] {0, 1, 4, 5, 7})
            {
                // the head (1) and tail (5) slots also get words of every state, on laps around theirs and at the wrap
                fields.add(new PayloadField("slot" + i + "_word", ring + i * slot, 8, capacity,
                    i == 1 || i == 5 ? slotWords() : List.of()));
            }
            fields.add(new PayloadField("slot1_length", ring + slot + 8, 4, capacity));
            fields.add(new PayloadField("slot4_length", ring + 4 * slot + 8, 4, capacity));
            fields.add(new PayloadField("tail", ring + capacity + 128, 8, capacity));
            fields.add(new PayloadField("head", ring + capacity + 256, 8, capacity));
            return fields;
        }
        fields.add(new PayloadField("producer_lease", QueueDescriptor.PRODUCER_LEASE_OFFSET, 8, capacity));
        fields.add(new PayloadField("consumer_lease", QueueDescriptor.CONSUMER_LEASE_OFFSET, 8, capacity));
        fields.add(new PayloadField("consumer_pending", QueueDescriptor.CONSUMER_PENDING_OFFSET, 8, capacity));
        for (final int position : new int[] {0, 24, 72, 96, 120})
        {
            fields.add(new PayloadField("record" + position + "_length", ring + position, 4, capacity));
        }
        fields.add(new PayloadField("record24_type", ring + 24 + 4, 4, capacity));
        fields.add(new PayloadField("record96_type", ring + 96 + 4, 4, capacity));
        fields.add(new PayloadField("tail", ring + capacity + RingBufferDescriptor.TAIL_POSITION_OFFSET, 8, capacity));
        fields.add(new PayloadField("head_cache", ring + capacity + RingBufferDescriptor.HEAD_CACHE_POSITION_OFFSET, 8,
            capacity));
        fields.add(new PayloadField("head", ring + capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET, 8, capacity));
        return fields;
    }

    private static void addPipeTarget(final Map<String, Target> targets)
    {
        add(targets, new Target(RegionKind.PIPE)
        {
            @Override
            void create(final Namespace ns, final String name)
            {
                Pipe.create(ns, name, true, 1024).close();
                // a message waiting in the ring of the first end, from a second end that stays attached in the file
                try (Connection<String> second = Pipe.connect(ns, name, PipeEnd.SECOND, Codecs.utf8(), SYNC_OPTIONS))
                {
                    second.sendBytes("waiting".getBytes(StandardCharsets.US_ASCII));
                }
                catch (final InterruptedException ex)
                {
                    throw new IllegalStateException(ex);
                }
            }

            @Override
            List<PayloadField> payloadFields()
            {
                final int capacity = 1024;
                final List<PayloadField> fields = new ArrayList<>();
                for (final PipeEnd end : PipeEnd.values())
                {
                    final int section = PipeDescriptor.endOffset(end);
                    final String prefix = end.name().toLowerCase(Locale.ROOT);
                    fields.add(new PayloadField(prefix + "_owner_word", section + PipeDescriptor.END_OWNER_WORD_OFFSET, 8,
                        capacity));
                    fields.add(new PayloadField(prefix + "_owner_start", section + PipeDescriptor.END_OWNER_START_OFFSET, 8,
                        capacity));
                    fields.add(new PayloadField(prefix + "_state", section + PipeDescriptor.END_STATE_OFFSET, 8, capacity));
                    final int ring = PipeDescriptor.ringOffset(end, capacity);
                    fields.add(new PayloadField("to_" + prefix + "_record0_length", ring, 4, capacity));
                    fields.add(new PayloadField("to_" + prefix + "_tail", ring + capacity +
                        RingBufferDescriptor.TAIL_POSITION_OFFSET, 8, capacity));
                    fields.add(new PayloadField("to_" + prefix + "_head", ring + capacity +
                        RingBufferDescriptor.HEAD_POSITION_OFFSET, 8, capacity));
                }
                final int toFirst = PipeDescriptor.ringOffset(PipeEnd.FIRST, capacity);
                fields.add(new PayloadField("to_first_record0_type", toFirst + 4, 4, capacity));
                fields.add(new PayloadField("to_first_record16_length", toFirst + 16, 4, capacity));
                fields.add(new PayloadField("to_first_head_cache", toFirst + capacity +
                    RingBufferDescriptor.HEAD_CACHE_POSITION_OFFSET, 8, capacity));
                return fields;
            }

            /**
             * Every call bounded (see {@link #bounded}); after {@code poll} said true, {@code recvBytes} must not block.
             */
            @Override
            void exercise(final Namespace ns, final String name) throws Exception
            {
                try (Pipe pipe = Pipe.open(ns, name))
                {
                    consume(pipe.capacity() + (pipe.isDuplex() ? 1 : 0) + pipe.toString().length());
                }
                try (Connection<String> first = bounded("connect", 0,
                    () -> Pipe.connect(ns, name, PipeEnd.FIRST, Codecs.utf8(), SYNC_OPTIONS)))
                {
                    consume(first.maxMessageLength() + first.toString().length());
                    int received = 0;
                    while (bounded("poll(timeout)", WAIT_MS, () -> first.poll(WAIT_MS, TimeUnit.MILLISECONDS)))
                    {
                        consume(bounded("recvBytes", 0, () -> first.recvBytes(first.maxMessageLength())).length);
                        if (++received > 1024 / 8)
                        {
                            throw new AssertionError("more messages than a 1 KiB ring holds: received=" + received);
                        }
                    }
                    consume(bounded("poll", 0, first::poll) ? 1 : 0);
                    consume(bounded("trySend", WAIT_MS, () -> first.trySend("reply", WAIT_MS, TimeUnit.MILLISECONDS)) ? 1 : 0);
                }
                catch (final EOFException ex)
                {
                    consume(1); // documented: the other end is closed or dead
                }
            }
        });
    }

    private static void addSyncTargets(final Map<String, Target> targets)
    {
        for (final SyncType type : SyncType.values())
        {
            add(targets, RegionKind.SYNC.name() + "." + type.name(), new Target(RegionKind.SYNC)
            {
                @Override
                void create(final Namespace ns, final String name)
                {
                    createSync(ns, name, type);
                }

                @Override
                void exercise(final Namespace ns, final String name) throws Exception
                {
                    exerciseSync(ns, name, type);
                }
            });
        }
    }

    private static void createSync(final Namespace ns, final String name, final SyncType type)
    {
        switch (type)
        {
            case LOCK -> Lock.create(ns, name, SYNC_OPTIONS).close();
            case RLOCK -> RLock.create(ns, name, SYNC_OPTIONS).close();
            case SEMAPHORE -> Semaphore.create(ns, name, 2, SYNC_OPTIONS).close();
            case BOUNDED_SEMAPHORE -> BoundedSemaphore.create(ns, name, 2, SYNC_OPTIONS).close();
            case EVENT -> Event.create(ns, name, SYNC_OPTIONS).close();
            case CONDITION -> Condition.create(ns, name, SYNC_OPTIONS).close();
            case BARRIER -> Barrier.create(ns, name, 2, SYNC_OPTIONS).close();
            case COUNT_DOWN_LATCH -> CountDownLatch.create(ns, name, 2, SYNC_OPTIONS).close();
            default -> throw new IllegalStateException("sync type without a fuzz target: type=" + type);
        }
    }

    private static void exerciseSync(final Namespace ns, final String name, final SyncType type) throws Exception
    {
        final TimeUnit ms = TimeUnit.MILLISECONDS;
        switch (type)
        {
            case LOCK ->
            {
                try (Lock lock = Lock.open(ns, name, SYNC_OPTIONS))
                {
                    consume(lock.ownerPid() + lock.recoveries() + (lock.isLocked() ? 1 : 0) + lock.toString().length());
                    if (lock.tryLock(WAIT_MS, ms))
                    {
                        consume(lock.wasRecovered() ? 1 : 0);
                        lock.unlock();
                    }
                }
            }
            case RLOCK ->
            {
                try (RLock lock = RLock.open(ns, name, SYNC_OPTIONS))
                {
                    consume(lock.ownerPid() + lock.recoveries() + lock.holdCount() + lock.toString().length());
                    if (lock.tryLock(WAIT_MS, ms))
                    {
                        if (lock.tryLock())
                        {
                            lock.unlock();
                        }
                        lock.unlock();
                    }
                }
            }
            case SEMAPHORE ->
            {
                try (Semaphore semaphore = Semaphore.open(ns, name, SYNC_OPTIONS))
                {
                    consume(semaphore.availablePermits() + semaphore.initialPermits() + semaphore.toString().length());
                    if (semaphore.tryAcquire(WAIT_MS, ms))
                    {
                        semaphore.release();
                    }
                }
            }
            case BOUNDED_SEMAPHORE ->
            {
                try (BoundedSemaphore semaphore = BoundedSemaphore.open(ns, name, SYNC_OPTIONS))
                {
                    consume(semaphore.availablePermits() + semaphore.initialPermits() + semaphore.toString().length());
                    if (semaphore.tryAcquire(WAIT_MS, ms))
                    {
                        semaphore.release();
                    }
                }
            }
            case EVENT ->
            {
                try (Event event = Event.open(ns, name, SYNC_OPTIONS))
                {
                    consume((event.isSet() ? 1 : 0) + (event.await(WAIT_MS, ms) ? 2 : 0) + event.toString().length());
                    event.set();
                    event.clear();
                }
            }
            case CONDITION ->
            {
                try (Condition condition = Condition.open(ns, name, SYNC_OPTIONS))
                {
                    consume(condition.waiters() + condition.toString().length());
                    if (condition.tryLock(WAIT_MS, ms))
                    {
                        try
                        {
                            consume(condition.await(WAIT_MS, ms) ? 1 : 0);
                            condition.signalAll();
                        }
                        finally
                        {
                            condition.unlock();
                        }
                    }
                }
            }
            case BARRIER ->
            {
                try (Barrier barrier = Barrier.open(ns, name, SYNC_OPTIONS))
                {
                    consume(barrier.parties() + barrier.numberWaiting() + (barrier.isBroken() ? 1 : 0) +
                        barrier.toString().length());
                    try
                    {
                        consume(barrier.await(WAIT_MS, ms));
                    }
                    catch (final BarrierBrokenException ex)
                    {
                        consume(ex.getMessage().length()); // documented: the wait timed out and broke it
                    }
                    barrier.reset();
                }
            }
            case COUNT_DOWN_LATCH ->
            {
                try (CountDownLatch latch = CountDownLatch.open(ns, name, SYNC_OPTIONS))
                {
                    consume(latch.getCount() + (latch.await(WAIT_MS, ms) ? 1 : 0) + latch.toString().length());
                    latch.countDown();
                }
            }
            default -> throw new IllegalStateException("sync type without a fuzz target: type=" + type);
        }
    }

    private static volatile long sink;

    private RegionTargets()
    {
    }

    /**
     * Open the region as any kind, as the tools do, and describe it: header, then the kind's inspector.
     *
     * @param ns   namespace.
     * @param name region name.
     */
    static void inspect(final Namespace ns, final String name)
    {
        final RegionHeader header = ns.header(name);
        consume(header.toString().length() + header.ownerDescription().length()); // the owner word as tools show it
        try (Region region = Region.open(ns.directory(), name, null, 0))
        {
            if (SharedInspector.supports(region.kind()))
            {
                consume(SharedInspector.describe(region).size());
            }
            else if (region.kind() == RegionKind.COUNTERS)
            {
                consume(CountersInspector.describe(region).size() + CountersInspector.snapshot(region).size());
            }
            else if (region.kind() == RegionKind.QUEUE)
            {
                consume(QueueInspector.describe(region).size());
            }
            else if (region.kind() == RegionKind.PIPE)
            {
                consume(PipeInspector.describe(region).size());
            }
            else if (region.kind() == RegionKind.SYNC)
            {
                consume(SyncInspector.describe(region).size());
            }
        }
    }

    static void consume(final long value)
    {
        sink += value;
    }
}

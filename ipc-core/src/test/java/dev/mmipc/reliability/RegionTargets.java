package dev.mmipc.reliability;

import dev.mmipc.BarrierBrokenException;
import dev.mmipc.Namespace;
import dev.mmipc.codec.Codecs;
import dev.mmipc.counters.CountersInspector;
import dev.mmipc.counters.SharedCounter;
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.pipe.PipeInspector;
import dev.mmipc.queue.JoinableQueue;
import dev.mmipc.queue.JoinableQueueDescriptor;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
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

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
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
    static final SyncOptions SYNC_OPTIONS = SyncOptions.defaults().livenessTimeout(20, TimeUnit.MILLISECONDS);
    static final QueueOptions QUEUE_OPTIONS = QueueOptions.defaults().withUnblockTimeout(20, TimeUnit.MILLISECONDS);
    static final SharedCounters.Options COUNTERS_OPTIONS = new SharedCounters.Options()
        .livenessTimeoutMs(20).lockTimeoutMs(100);
    static final long WAIT_MS = 5;

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
                void exercise(final Namespace ns, final String name) throws Exception
                {
                    try (MessageQueue queue = MessageQueue.open(ns, name, QUEUE_OPTIONS))
                    {
                        exerciseQueue(queue);
                    }
                    try (MessageQueue queue = MessageQueue.openOrCreate(ns, name, mode, 1024, QUEUE_OPTIONS))
                    {
                        consume(queue.size());
                    }
                    try (SharedQueue<String> queue = SharedQueue.open(ns, name, QUEUE_OPTIONS, Codecs.utf8()))
                    {
                        consume(queue.size() + queue.remainingCapacity() + queue.toString().length());
                        final String first = queue.poll(WAIT_MS, TimeUnit.MILLISECONDS);
                        consume(first == null ? 0 : first.length());
                        consume(queue.offer("again") ? 1 : 0);
                        final List<String> drained = new ArrayList<>();
                        consume(queue.drainTo(drained, 16));
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

    private static void exerciseQueue(final MessageQueue queue) throws Exception
    {
        consume(queue.size() + queue.remainingCapacity() + queue.maxMessageLength() + queue.capacity() +
            queue.mode().code() + queue.recoveries() + queue.toString().length());
        consume((queue.isEmpty() ? 1 : 0) + (queue.isClosed() ? 2 : 0) + (queue.isEndOfStream() ? 4 : 0));
        final MessageHandler handler = (buffer, offset, length) ->
        {
            // as a user would: copy the message out by the length the queue gives
            final byte[] message = new byte[length];
            buffer.getBytes(offset, message);
            consume(message.length);
        };
        consume(queue.poll(handler) ? 1 : 0);
        consume(queue.take(handler, WAIT_MS, TimeUnit.MILLISECONDS) ? 1 : 0);
        consume(queue.drain(handler, 16));
        consume(queue.offer("fuzz".getBytes(StandardCharsets.US_ASCII)) ? 1 : 0);
        final int index = queue.tryClaim(8);
        if (index >= 0)
        {
            queue.buffer().putLong(index, 42L);
            queue.commit(index);
        }
        try
        {
            queue.put(new byte[8], WAIT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException full)
        {
            // documented: no room within the timeout
        }
        consume(queue.drain(handler, 16));
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
            void exercise(final Namespace ns, final String name) throws Exception
            {
                try (Pipe pipe = Pipe.open(ns, name))
                {
                    consume(pipe.capacity() + (pipe.isDuplex() ? 1 : 0) + pipe.toString().length());
                }
                try (Connection<String> first = Pipe.connect(ns, name, PipeEnd.FIRST, Codecs.utf8(), SYNC_OPTIONS))
                {
                    consume(first.maxMessageLength() + first.toString().length());
                    while (first.poll(WAIT_MS, TimeUnit.MILLISECONDS))
                    {
                        consume(first.recvBytes(first.maxMessageLength()).length);
                    }
                    consume(first.poll() ? 1 : 0);
                    consume(first.trySend("reply", WAIT_MS, TimeUnit.MILLISECONDS) ? 1 : 0);
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

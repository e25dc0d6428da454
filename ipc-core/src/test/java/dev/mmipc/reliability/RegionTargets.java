package dev.mmipc.reliability;

import dev.mmipc.Namespace;
import dev.mmipc.counters.CountersInspector;
import dev.mmipc.counters.SharedCounter;
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.shared.SharedBytes;
import dev.mmipc.shared.SharedDouble;
import dev.mmipc.shared.SharedDoubleArray;
import dev.mmipc.shared.SharedInspector;
import dev.mmipc.shared.SharedInt;
import dev.mmipc.shared.SharedIntArray;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.shared.SharedLongArray;
import org.agrona.concurrent.AtomicBuffer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One entry per region kind: how to create a valid region of that kind and how to use one through every
 * read operation of its public API. The reliability tests (header fuzzing, truncation) run over this table,
 * so a new kind is covered by adding its entry here and removing it from {@link #PENDING}.
 */
final class RegionTargets
{
    /** Kinds whose package has not landed yet; each needs an entry in {@link #TARGETS} when it does. */
    static final Set<RegionKind> PENDING = Collections.unmodifiableSet(
        EnumSet.of(RegionKind.QUEUE, RegionKind.PIPE, RegionKind.SYNC, RegionKind.QUEUE_TASKS));

    /** How a region kind is made and used. */
    interface Target
    {
        /**
         * Create a valid region with some content, and close it.
         *
         * @param ns   namespace.
         * @param name region name.
         */
        void create(Namespace ns, String name);

        /**
         * Open the region through the kind's public API and run every read operation, closing what it opens.
         *
         * @param ns   namespace.
         * @param name region name.
         */
        void exercise(Namespace ns, String name);
    }

    static final Map<RegionKind, Target> TARGETS;

    static
    {
        final Map<RegionKind, Target> targets = new EnumMap<>(RegionKind.class);
        targets.put(RegionKind.BYTES, new Target()
        {
            @Override
            public void create(final Namespace ns, final String name)
            {
                try (SharedBytes bytes = SharedBytes.create(ns, name, 100))
                {
                    bytes.buffer().putStringAscii(0, "hello");
                }
            }

            @Override
            public void exercise(final Namespace ns, final String name)
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
        targets.put(RegionKind.LONG, new Target()
        {
            @Override
            public void create(final Namespace ns, final String name)
            {
                SharedLong.create(ns, name, -7L).close();
            }

            @Override
            public void exercise(final Namespace ns, final String name)
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
        targets.put(RegionKind.INT, new Target()
        {
            @Override
            public void create(final Namespace ns, final String name)
            {
                SharedInt.create(ns, name, -7).close();
            }

            @Override
            public void exercise(final Namespace ns, final String name)
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
        targets.put(RegionKind.DOUBLE, new Target()
        {
            @Override
            public void create(final Namespace ns, final String name)
            {
                SharedDouble.create(ns, name, 2.5).close();
            }

            @Override
            public void exercise(final Namespace ns, final String name)
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
        targets.put(RegionKind.LONG_ARRAY, new Target()
        {
            @Override
            public void create(final Namespace ns, final String name)
            {
                SharedLongArray.create(ns, name, new long[] {1, -2, 3}).close();
            }

            @Override
            public void exercise(final Namespace ns, final String name)
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
        targets.put(RegionKind.INT_ARRAY, new Target()
        {
            @Override
            public void create(final Namespace ns, final String name)
            {
                SharedIntArray.create(ns, name, new int[] {1, -2, 3}).close();
            }

            @Override
            public void exercise(final Namespace ns, final String name)
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
        targets.put(RegionKind.DOUBLE_ARRAY, new Target()
        {
            @Override
            public void create(final Namespace ns, final String name)
            {
                SharedDoubleArray.create(ns, name, new double[] {1.5, -2.5, 3.5}).close();
            }

            @Override
            public void exercise(final Namespace ns, final String name)
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
        targets.put(RegionKind.COUNTERS, new Target()
        {
            @Override
            public void create(final Namespace ns, final String name)
            {
                try (SharedCounters counters = SharedCounters.create(ns, name, 4))
                {
                    counters.allocate("first", 7).increment();
                    counters.allocate("second");
                }
            }

            @Override
            public void exercise(final Namespace ns, final String name)
            {
                try (SharedCounters counters = SharedCounters.open(ns, name))
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
        TARGETS = Collections.unmodifiableMap(targets);
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
        consume(ns.header(name).toString().length());
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
        }
    }

    static void consume(final long value)
    {
        sink += value;
    }
}

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

import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

/**
 * A ledger in shared memory where consumers in any process count what they received: one int per
 * (producer, sequence), plus checksum and order error counters. A consumer killed with {@code kill -9}
 * loses nothing it recorded, unlike a report file.
 */
final class Deliveries implements AutoCloseable
{
    private static final int CHECKSUM_ERRORS = 0;
    private static final int ORDER_ERRORS = 4;
    private static final int TOTAL = 8;
    private static final int COUNTS = 64;

    private final Region region;
    private final AtomicBuffer buffer;
    private final int producers;
    private final int perProducer;

    private Deliveries(final Region region, final int producers, final int perProducer)
    {
        this.region = region;
        this.buffer = region.payload();
        this.producers = producers;
        this.perProducer = perProducer;
    }

    static Deliveries create(final NamespaceDirectory ns, final String name, final int producers, final int perProducer)
    {
        return new Deliveries(Region.create(ns, name, RegionKind.BYTES,
            COUNTS + (long)producers * perProducer * Integer.BYTES, Region.ZEROED), producers, perProducer);
    }

    static Deliveries open(final NamespaceDirectory ns, final String name, final int producers, final int perProducer)
    {
        return new Deliveries(Region.open(ns, name, RegionKind.BYTES), producers, perProducer);
    }

    /** Message layout: producer id, reserved, sequence, checksum. */
    static final int MESSAGE_LENGTH = 24;

    static long checksum(final int producer, final long seq)
    {
        long h = producer * 0x9E3779B97F4A7C15L ^ seq * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    void record(final int producer, final long seq)
    {
        buffer.getAndAddInt(COUNTS + (producer * perProducer + (int)seq) * Integer.BYTES, 1);
        buffer.getAndAddLong(TOTAL, 1);
    }

    /**
     * A consumer's check of one message: its length, producer, sequence and checksum (a bad one counts a checksum
     * error and is not recorded), its order after the last one taken from its producer (kept in {@code last}, one
     * slot a producer, -1 at the start; a step back counts an order error), then its delivery.
     *
     * @return whether the message was sound and recorded.
     */
    boolean check(final long[] last, final DirectBuffer b, final int o, final int l)
    {
        final int producer = b.getInt(o);
        final long seq = b.getLong(o + 8);
        if (l != MESSAGE_LENGTH || producer < 0 || producer >= producers || seq < 0 || seq >= perProducer ||
            b.getLong(o + 16) != checksum(producer, seq))
        {
            checksumError();
            return false;
        }
        if (seq <= last[producer])
        {
            orderError();
        }
        last[producer] = seq;
        record(producer, seq);
        return true;
    }

    void checksumError()
    {
        buffer.getAndAddInt(CHECKSUM_ERRORS, 1);
    }

    void orderError()
    {
        buffer.getAndAddInt(ORDER_ERRORS, 1);
    }

    int count(final int producer, final long seq)
    {
        return buffer.getIntVolatile(COUNTS + (producer * perProducer + (int)seq) * Integer.BYTES);
    }

    int checksumErrors()
    {
        return buffer.getIntVolatile(CHECKSUM_ERRORS);
    }

    int orderErrors()
    {
        return buffer.getIntVolatile(ORDER_ERRORS);
    }

    long total()
    {
        return buffer.getLongVolatile(TOTAL);
    }

    int producers()
    {
        return producers;
    }

    int perProducer()
    {
        return perProducer;
    }

    /**
     * @return a histogram: index i holds how many messages were delivered i times (the last bucket: more).
     */
    int[] histogram()
    {
        final int[] histogram = new int[4];
        for (int p = 0; p < producers; p++)
        {
            for (int s = 0; s < perProducer; s++)
            {
                histogram[Math.min(3, count(p, s))]++;
            }
        }
        return histogram;
    }

    @Override
    public void close()
    {
        region.close();
    }
}

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
package dev.mmipc.shared;

import org.agrona.concurrent.AtomicBuffer;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * The compare-and-exchange loops behind update, accumulate and the double arithmetic. Each starts from
 * a volatile load, then retries with the value the failed exchange witnessed (no extra load), so every
 * successful step is a volatile read-modify-write. Doubles are exchanged as their raw long bits.
 */
final class SharedOps
{
    private SharedOps()
    {
    }

    static long updateLong(
        final AtomicBuffer buffer, final int offset, final LongUnaryOperator function, final boolean returnPrevious)
    {
        long previous = buffer.getLongVolatile(offset);
        while (true)
        {
            final long next = function.applyAsLong(previous);
            final long witness = buffer.compareAndExchangeLong(offset, previous, next);
            if (witness == previous)
            {
                return returnPrevious ? previous : next;
            }
            previous = witness;
        }
    }

    static long accumulateLong(
        final AtomicBuffer buffer, final int offset, final long x, final LongBinaryOperator function,
        final boolean returnPrevious)
    {
        long previous = buffer.getLongVolatile(offset);
        while (true)
        {
            final long next = function.applyAsLong(previous, x);
            final long witness = buffer.compareAndExchangeLong(offset, previous, next);
            if (witness == previous)
            {
                return returnPrevious ? previous : next;
            }
            previous = witness;
        }
    }

    static int updateInt(
        final AtomicBuffer buffer, final int offset, final IntUnaryOperator function, final boolean returnPrevious)
    {
        int previous = buffer.getIntVolatile(offset);
        while (true)
        {
            final int next = function.applyAsInt(previous);
            final int witness = buffer.compareAndExchangeInt(offset, previous, next);
            if (witness == previous)
            {
                return returnPrevious ? previous : next;
            }
            previous = witness;
        }
    }

    static int accumulateInt(
        final AtomicBuffer buffer, final int offset, final int x, final IntBinaryOperator function,
        final boolean returnPrevious)
    {
        int previous = buffer.getIntVolatile(offset);
        while (true)
        {
            final int next = function.applyAsInt(previous, x);
            final int witness = buffer.compareAndExchangeInt(offset, previous, next);
            if (witness == previous)
            {
                return returnPrevious ? previous : next;
            }
            previous = witness;
        }
    }

    static double addDouble(
        final AtomicBuffer buffer, final int offset, final double delta, final boolean returnPrevious)
    {
        long previousBits = buffer.getLongVolatile(offset);
        while (true)
        {
            final double previous = Double.longBitsToDouble(previousBits);
            final double next = previous + delta;
            final long witness = buffer.compareAndExchangeLong(offset, previousBits, Double.doubleToRawLongBits(next));
            if (witness == previousBits)
            {
                return returnPrevious ? previous : next;
            }
            previousBits = witness;
        }
    }

    static double updateDouble(
        final AtomicBuffer buffer, final int offset, final DoubleUnaryOperator function, final boolean returnPrevious)
    {
        long previousBits = buffer.getLongVolatile(offset);
        while (true)
        {
            final double previous = Double.longBitsToDouble(previousBits);
            final double next = function.applyAsDouble(previous);
            final long witness = buffer.compareAndExchangeLong(offset, previousBits, Double.doubleToRawLongBits(next));
            if (witness == previousBits)
            {
                return returnPrevious ? previous : next;
            }
            previousBits = witness;
        }
    }

    static double accumulateDouble(
        final AtomicBuffer buffer, final int offset, final double x, final DoubleBinaryOperator function,
        final boolean returnPrevious)
    {
        long previousBits = buffer.getLongVolatile(offset);
        while (true)
        {
            final double previous = Double.longBitsToDouble(previousBits);
            final double next = function.applyAsDouble(previous, x);
            final long witness = buffer.compareAndExchangeLong(offset, previousBits, Double.doubleToRawLongBits(next));
            if (witness == previousBits)
            {
                return returnPrevious ? previous : next;
            }
            previousBits = witness;
        }
    }
}

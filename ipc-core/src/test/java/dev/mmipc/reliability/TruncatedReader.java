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
import dev.mmipc.shared.SharedBytes;
import dev.mmipc.shared.SharedLongArray;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM of {@link TruncationTest}: maps a region, says so, waits until another process has truncated the file
 * under it, then touches the lost pages in one of several ways. Prints {@code caught CLASS: MESSAGE} and exits 0
 * when the access throws; prints {@code read VALUE} and exits 0 when it does not; dies with the JVM when the JVM
 * does (SIGBUS on a path HotSpot does not guard).
 * <pre>
 * TruncatedReader NAME MODE
 *   plain | volatile | ordered | copy | loop | write
 *                                            loads, stores (ordered: acquire/release, opaque) and bulk copies
 *                                            of a SharedLongArray
 *   cas | add                                compareAndSet | getAndAdd of a SharedLongArray element
 *   fill                                     a 4 KiB setMemory of a SharedBytes (Agrona fills 100 bytes or more
 *                                            with Unsafe.setMemory)
 *   async                                    plain loads, each in its own try block, all in another: prints
 *                                            how many threw, how many returned normally, and whether an
 *                                            InternalError arrived after that,
 *                                            {@code async inside=N returned=N later=yes|no}
 * </pre>
 */
public final class TruncatedReader
{
    /** Bytes one {@code fill} sets. */
    static final int FILL_BYTES = 4096;

    private static final int ASYNC_TRIALS = 20;

    private static volatile long sink;

    private TruncatedReader()
    {
    }

    /**
     * @param args name, mode.
     * @throws Exception on a harness failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final String name = args[0];
        final String mode = args[1];
        final Namespace ns = Namespace.open();
        final Path file = ns.path().resolve(name);
        final boolean bytes = mode.equals("fill");
        try (SharedLongArray array = bytes ? null : SharedLongArray.open(ns, name);
             SharedBytes shared = bytes ? SharedBytes.open(ns, name) : null)
        {
            final int length = bytes ? shared.size() / Long.BYTES : array.length();
            final int last = length - 1;
            long sum = 0;
            for (int round = 0; round < 20_000; round++) // warm: the loop mode then runs JIT-compiled code
            {
                sum += access(array, shared, mode, round % length);
            }
            final long mappedLength = Files.size(file);
            System.out.println("mapped length=" + mappedLength + " warm=" + sum);
            System.out.flush();
            awaitTruncation(file, mappedLength);
            System.out.println("truncated length=" + Files.size(file));
            System.out.flush();
            if (mode.equals("async"))
            {
                whereDoesTheErrorArrive(array, last);
            }
            else
            {
                try
                {
                    long value = 0;
                    for (int i = 0; i < 1_000; i++)
                    {
                        value += access(array, shared, mode, last - (i % 8));
                    }
                    System.out.println("read " + value);
                }
                catch (final Throwable ex)
                {
                    System.out.println("caught " + ex.getClass().getName() + ": " + ex.getMessage());
                }
            }
            System.out.flush();
        }
        System.exit(0);
    }

    private static void awaitTruncation(final Path file, final long mappedLength) throws Exception
    {
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (Files.size(file) == mappedLength)
        {
            if (System.nanoTime() - deadline > 0)
            {
                System.out.println("never truncated");
                System.exit(2);
            }
            Thread.sleep(5);
        }
    }

    /**
     * Is the {@link InternalError} thrown by the access that faulted, or later, after that call returned as if
     * nothing happened? Each faulting load has its own try block; the whole run has another.
     */
    private static void whereDoesTheErrorArrive(final SharedLongArray array, final int last)
    {
        int inside = 0;
        int returned = 0;
        try
        {
            for (int trial = 0; trial < ASYNC_TRIALS; trial++)
            {
                try
                {
                    sink += array.getPlain(last - (trial % 8));
                }
                catch (final InternalError ex)
                {
                    inside++;
                    continue;
                }
                returned++; // the faulting call returned normally (it read 0)
            }
            for (int i = 0; i < 20; i++) // give a pending error chances to arrive: calls, native transitions
            {
                Thread.sleep(1);
                System.out.flush();
            }
            System.out.println("async inside=" + inside + " returned=" + returned + " later=no");
        }
        catch (final InternalError ex)
        {
            System.out.println("async inside=" + inside + " returned=" + returned + " later=yes");
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static long access(final SharedLongArray array, final SharedBytes bytes, final String mode, final int index)
    {
        switch (mode)
        {
            case "plain":
            case "async":
                return array.getPlain(index);
            case "volatile":
                return array.get(index);
            case "ordered":
                array.setRelease(index, array.getAcquire(index) + 1);
                array.setOpaque(index, array.getOpaque(index) + 1);
                return index;
            case "copy":
            {
                final long[] copy = new long[8];
                array.copyTo(index - 7 < 0 ? 0 : index - 7, copy, 0, index - 7 < 0 ? 1 : 8);
                return copy[0];
            }
            case "loop":
            {
                long sum = 0;
                for (int i = 0; i < 64; i++)
                {
                    sum += array.getPlain(Math.max(0, index - i));
                }
                return sum;
            }
            case "write":
                array.setPlain(index, index);
                return index;
            case "cas":
                return array.compareAndSet(index, 0, index) ? 1 : 0;
            case "add":
                return array.getAndAdd(index, 1);
            case "fill":
                bytes.buffer().setMemory(Math.min(index * Long.BYTES, bytes.size() - FILL_BYTES), FILL_BYTES, (byte)1);
                return index;
            default:
                throw new IllegalArgumentException("mode unknown: mode=" + mode);
        }
    }
}

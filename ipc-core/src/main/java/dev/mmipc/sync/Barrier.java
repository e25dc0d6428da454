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
package dev.mmipc.sync;

import dev.mmipc.Namespace;
import dev.mmipc.exceptions.BarrierBrokenException;
import dev.mmipc.liveness.Timeouts;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.sync.SyncDescriptor.STATE_OFFSET;

/**
 * A barrier for a fixed number of parties in any processes: Python's {@code multiprocessing.Barrier}
 * (parties, an optional action, a default timeout, a broken state, reset).
 * <pre>{@code
 * try (Barrier barrier = Barrier.openOrCreate(ns, "round", 3).withTimeout(Duration.ofSeconds(30)))
 * {
 *     int index = barrier.await(); // 0 for the first to arrive ... parties - 1 for the last
 * }
 * }</pre>
 * The last party to arrive runs this handle's action (if any), then releases everyone and starts the next
 * generation. A party that times out or is interrupted breaks the barrier, as does a failing action or
 * {@link #abort()}: every waiting party and every later {@code await} throws {@link BarrierBrokenException}
 * until {@link #reset()}. {@link #reset()} with parties waiting breaks their wait too. The one exception: a party
 * that times out before it could arrive, because the round before its own was still running its action, throws
 * {@link BarrierBrokenException} ("barrier timed out") without breaking the barrier, since that round is not its
 * own and it never arrived in the next.
 * <p>
 * The state word packs, from the top: a 16-bit reset epoch, a 16-bit generation, a broken bit and a 31-bit
 * count of arrived parties; every change is a CAS. A party that dies while waiting stays counted: the others
 * are not released by it, and break the barrier when their timeout runs out.
 */
public final class Barrier extends SyncPrimitive
{
    private static final long ARRIVED_MASK = 0x7FFF_FFFFL;
    private static final long BROKEN_BIT = 1L << 31;
    private static final int GENERATION_SHIFT = 32;
    private static final int EPOCH_SHIFT = 48;

    private final int parties;
    private Runnable action;
    private long defaultTimeoutNs = Long.MAX_VALUE;

    private Barrier(final SyncRegion sync)
    {
        super(sync);
        this.parties = (int)sync.initial();
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param parties how many parties each generation waits for, at least 1.
     * @return a new barrier.
     */
    public static Barrier create(final Namespace ns, final String name, final int parties)
    {
        return create(ns, name, parties, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param parties how many parties each generation waits for, at least 1.
     * @param options wait strategy of this handle.
     * @return a new barrier.
     */
    public static Barrier create(final Namespace ns, final String name, final int parties, final SyncOptions options)
    {
        return new Barrier(SyncRegion.create(ns, name, SyncType.BARRIER, check(name, parties), 0, options));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return the barrier.
     */
    public static Barrier open(final Namespace ns, final String name)
    {
        return open(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options wait strategy of this handle.
     * @return the barrier.
     */
    public static Barrier open(final Namespace ns, final String name, final SyncOptions options)
    {
        return new Barrier(SyncRegion.open(ns, name, SyncType.BARRIER, options));
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param parties parties when created; an existing one must have been created with the same.
     * @return the barrier.
     */
    public static Barrier openOrCreate(final Namespace ns, final String name, final int parties)
    {
        return openOrCreate(ns, name, parties, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param parties parties when created; an existing one must have been created with the same.
     * @param options wait strategy of this handle.
     * @return the barrier.
     */
    public static Barrier openOrCreate(final Namespace ns, final String name, final int parties, final SyncOptions options)
    {
        return new Barrier(SyncRegion.openOrCreate(ns, name, SyncType.BARRIER, check(name, parties), 0, options));
    }

    /**
     * Set the action this handle runs when its process is the last to arrive. Configure before use.
     *
     * @param action run by the last party before the others are released, or null for none.
     * @return this handle.
     */
    public Barrier withAction(final Runnable action)
    {
        this.action = action;
        return this;
    }

    /**
     * Set the timeout of {@link #await()} on this handle (Python's {@code timeout} argument). Configure before use.
     *
     * @param timeout bound on each wait, positive, at most {@link Timeouts#MAX_TIMEOUT}.
     * @return this handle.
     * @throws IllegalArgumentException when null, not positive or too long.
     */
    public Barrier withTimeout(final Duration timeout)
    {
        this.defaultTimeoutNs = Timeouts.checkPositive("timeout", timeout).toNanos();
        return this;
    }

    /**
     * Wait for all parties, for at most this handle's timeout (for ever unless set).
     *
     * @return the arrival index: 0 for the first party, {@code parties - 1} for the last.
     * @throws BarrierBrokenException when the barrier is or becomes broken, or the wait times out (which breaks it).
     * @throws InterruptedException   when interrupted (which breaks it).
     */
    public int await() throws InterruptedException
    {
        return awaitNanos(defaultTimeoutNs);
    }

    /**
     * @param timeout bound on the wait.
     * @param unit    unit of {@code timeout}.
     * @return the arrival index: 0 for the first party, {@code parties - 1} for the last.
     * @throws BarrierBrokenException when the barrier is or becomes broken, or the wait times out (which breaks it).
     * @throws InterruptedException   when interrupted (which breaks it).
     */
    public int await(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return awaitNanos(unit.toNanos(timeout));
    }

    /**
     * Release every waiting party with {@link BarrierBrokenException} and make the barrier usable again.
     */
    public void reset()
    {
        sync.checkOpen();
        while (true)
        {
            final long word = word();
            final long next = ((epoch(word) + 1) & 0xFFFFL) << EPOCH_SHIFT | (long)generation(word) << GENERATION_SHIFT;
            if (sync.payload.compareAndSetLong(STATE_OFFSET, word, next))
            {
                return;
            }
        }
    }

    /**
     * Break the barrier: waiting and later parties get {@link BarrierBrokenException} until {@link #reset()}.
     */
    public void abort()
    {
        sync.checkOpen();
        breakIfSame(word() & ~BROKEN_BIT, true);
    }

    /**
     * @return true if broken.
     */
    public boolean isBroken()
    {
        sync.checkOpen();
        return (word() & BROKEN_BIT) != 0;
    }

    /**
     * @return parties waiting now (a party killed while waiting is counted).
     */
    public int numberWaiting()
    {
        sync.checkOpen();
        return (int)Math.min(parties, word() & ARRIVED_MASK);
    }

    /**
     * @return how many parties each generation waits for.
     */
    public int parties()
    {
        return parties;
    }

    @Override
    public String toString()
    {
        return "Barrier{name=" + sync.name + ", parties=" + parties + ", closed=" + isClosed() + '}';
    }

    private int awaitNanos(final long timeoutNs) throws InterruptedException
    {
        sync.checkOpen();
        final long startNs = System.nanoTime();
        while (true)
        {
            final long word = word();
            if ((word & BROKEN_BIT) != 0)
            {
                throw broken("barrier broken");
            }
            final long arrived = word & ARRIVED_MASK;
            if (arrived >= parties)
            {
                // the last party is running the action: wait for the next generation, then arrive in it
                final long remainingNs = timeoutNs - (System.nanoTime() - startNs);
                if (!sync.options.waitStrategy().awaitNanos(() -> word() != word, remainingNs))
                {
                    throw broken("barrier timed out");
                }
                continue;
            }
            if (!sync.payload.compareAndSetLong(STATE_OFFSET, word, word + 1)) // volatile: release what came before
            {
                continue;
            }
            final int index = (int)arrived;
            if (arrived + 1 == parties)
            {
                trip(word + 1);
                return index;
            }
            waitForTrip(word + 1, timeoutNs - (System.nanoTime() - startNs));
            return index;
        }
    }

    private void trip(final long full)
    {
        if (action != null)
        {
            try
            {
                action.run();
            }
            catch (final RuntimeException | Error ex)
            {
                breakIfSame(full, false);
                throw new BarrierBrokenException("barrier action failed: name=" + sync.name + ", error=" + ex, ex);
            }
        }
        final long next = (long)epoch(full) << EPOCH_SHIFT | ((generation(full) + 1) & 0xFFFFL) << GENERATION_SHIFT;
        if (!sync.payload.compareAndSetLong(STATE_OFFSET, full, next)) // volatile: release the waiters
        {
            throw broken("barrier broken while its action ran");
        }
    }

    private void waitForTrip(final long arrivedWord, final long timeoutNs) throws InterruptedException
    {
        final int epoch = epoch(arrivedWord);
        final int generation = generation(arrivedWord);
        final boolean released;
        try
        {
            released = sync.options.waitStrategy().awaitNanos(() ->
            {
                final long word = word(); // volatile: acquire what the other parties did before arriving
                return epoch(word) != epoch || generation(word) != generation || (word & BROKEN_BIT) != 0;
            }, timeoutNs);
        }
        catch (final InterruptedException ex)
        {
            breakGeneration(epoch, generation);
            throw ex;
        }
        final long word = word();
        if (!released)
        {
            breakGeneration(epoch, generation);
            throw broken("barrier timed out");
        }
        if (epoch(word) != epoch)
        {
            throw broken("barrier reset");
        }
        if (generation(word) == generation)
        {
            throw broken("barrier broken");
        }
    }

    private void breakGeneration(final int epoch, final int generation)
    {
        while (true)
        {
            final long word = word();
            if (epoch(word) != epoch || generation(word) != generation || (word & BROKEN_BIT) != 0)
            {
                return;
            }
            if (sync.payload.compareAndSetLong(STATE_OFFSET, word, word | BROKEN_BIT))
            {
                return;
            }
        }
    }

    private void breakIfSame(final long expected, final boolean retry)
    {
        long word = expected;
        while (!sync.payload.compareAndSetLong(STATE_OFFSET, word, word | BROKEN_BIT) && retry)
        {
            word = word();
            if ((word & BROKEN_BIT) != 0)
            {
                return;
            }
        }
    }

    private BarrierBrokenException broken(final String what)
    {
        return new BarrierBrokenException(what + ": name=" + sync.name + ", parties=" + parties);
    }

    private long word()
    {
        return sync.payload.getLongVolatile(STATE_OFFSET);
    }

    private static int epoch(final long word)
    {
        return (int)(word >>> EPOCH_SHIFT);
    }

    private static int generation(final long word)
    {
        return (int)((word >>> GENERATION_SHIFT) & 0xFFFFL);
    }

    private static long check(final String name, final int parties)
    {
        if (parties < 1)
        {
            throw new IllegalArgumentException("barrier parties not positive: name=" + name + ", parties=" + parties);
        }
        return parties;
    }
}

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
package dev.mmipc.wait;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How a blocking call waits for a condition that another process will make true: the one wait
 * strategy every blocking call in mmipc shares.
 * <p>
 * A strategy is an immutable factory of Agrona {@link IdleStrategy} instances. Idle strategies keep
 * state (how long they have backed off) and are not thread safe, so each wait takes a fresh one from
 * {@link #newIdleStrategy()}; the allocation happens only on the slow path, once a call has found that it
 * must wait.
 * <ul>
 *     <li>{@link #busySpin()}: {@link Thread#onSpinWait()} in a loop. Lowest wake-up latency, one core
 *     burnt per waiter. Use it only with a core to spare per waiting thread.</li>
 *     <li>{@link #yielding()}: {@link Thread#yield()} in a loop. Cheaper for neighbours than a spin, still
 *     a core's worth of system calls while idle.</li>
 *     <li>{@link #backoff()}, the default: spin, then yield, then park with an exponentially growing period
 *     from {@value #DEFAULT_MIN_PARK_NS} ns up to {@value #DEFAULT_MAX_PARK_NS} ns. An idle waiter wakes
 *     about a thousand times a second and costs well under one per cent of a core; a waiter that has
 *     backed off fully notices a change within about a millisecond.</li>
 * </ul>
 * {@link #awaitNanos(BooleanSupplier, long)} is the bounded, interruptible wait every blocking call is
 * built on: it tests the condition, idles, checks the interrupt flag and the deadline, and repeats.
 */
public final class WaitStrategy
{
    /** Spins before yielding, in the default backoff. */
    public static final int DEFAULT_MAX_SPINS = 100;

    /** Yields before parking, in the default backoff. */
    public static final int DEFAULT_MAX_YIELDS = 20;

    /** First park period of the default backoff, in nanoseconds. */
    public static final long DEFAULT_MIN_PARK_NS = 1_000L;

    /** Longest park period of the default backoff, in nanoseconds: an idle waiter wakes about 1,000 times a second. */
    public static final long DEFAULT_MAX_PARK_NS = 1_000_000L;

    private static final WaitStrategy BUSY_SPIN = new WaitStrategy("busy-spin", BusySpinIdleStrategy::new);
    private static final WaitStrategy YIELDING = new WaitStrategy("yielding", YieldingIdleStrategy::new);
    private static final WaitStrategy BACKOFF = backoff(
        DEFAULT_MAX_SPINS, DEFAULT_MAX_YIELDS, DEFAULT_MIN_PARK_NS, DEFAULT_MAX_PARK_NS);

    private final String name;
    private final Supplier<IdleStrategy> factory;

    private WaitStrategy(final String name, final Supplier<IdleStrategy> factory)
    {
        this.name = name;
        this.factory = factory;
    }

    /**
     * @return busy spin: lowest latency, burns a core per waiter.
     */
    public static WaitStrategy busySpin()
    {
        return BUSY_SPIN;
    }

    /**
     * @return yield in a loop.
     */
    public static WaitStrategy yielding()
    {
        return YIELDING;
    }

    /**
     * @return the default: spin, then yield, then park from 1 µs up to 1 ms.
     */
    public static WaitStrategy backoff()
    {
        return BACKOFF;
    }

    /**
     * @param maxSpins   spins before yielding.
     * @param maxYields  yields before parking.
     * @param minParkNs  first park period, in nanoseconds.
     * @param maxParkNs  longest park period, in nanoseconds: bounds how late an idle waiter notices a change.
     * @return spin, then yield, then park with exponential backoff.
     * @throws IllegalArgumentException when a value is negative or {@code minParkNs > maxParkNs}.
     */
    public static WaitStrategy backoff(
        final int maxSpins, final int maxYields, final long minParkNs, final long maxParkNs)
    {
        if (maxSpins < 0 || maxYields < 0 || minParkNs < 1 || maxParkNs < minParkNs)
        {
            throw new IllegalArgumentException(
                "backoff parameters invalid: max_spins=" + maxSpins + ", max_yields=" + maxYields +
                ", min_park_ns=" + minParkNs + ", max_park_ns=" + maxParkNs);
        }
        return new WaitStrategy(
            "backoff(spins=" + maxSpins + ", yields=" + maxYields + ", park_ns=" + minParkNs + ".." + maxParkNs + ")",
            () -> new BackoffIdleStrategy(maxSpins, maxYields, minParkNs, maxParkNs));
    }

    /**
     * A strategy over any Agrona idle strategy.
     *
     * @param name    for {@link #toString()}.
     * @param factory makes one idle strategy per wait; it must return a new instance unless the idle strategy
     *                is stateless and thread safe.
     * @return the strategy.
     */
    public static WaitStrategy of(final String name, final Supplier<IdleStrategy> factory)
    {
        return new WaitStrategy(Objects.requireNonNull(name, "name"), Objects.requireNonNull(factory, "factory"));
    }

    /**
     * @return a fresh idle strategy, for one wait by one thread.
     */
    public IdleStrategy newIdleStrategy()
    {
        return factory.get();
    }

    /**
     * @return the strategy's name and parameters.
     */
    public String name()
    {
        return name;
    }

    /**
     * Wait until {@code condition} is true, for at most {@code timeout}.
     *
     * @param condition tested first, then after each idle step; it may have side effects (e.g. try an offer),
     *                  and is never tested again once it returned true.
     * @param timeout   bound on the wait; zero or less tests the condition once.
     * @param unit      unit of {@code timeout}.
     * @return true if the condition became true, false on timeout.
     * @throws InterruptedException when the thread is interrupted before or during the wait; the flag is cleared.
     */
    public boolean await(final BooleanSupplier condition, final long timeout, final TimeUnit unit)
        throws InterruptedException
    {
        return awaitNanos(condition, unit.toNanos(timeout));
    }

    /**
     * Wait until {@code condition} is true, for at most {@code timeoutNs}.
     * <p>
     * Order in each round: interrupt check, condition, deadline check, idle. The deadline is measured with
     * {@link System#nanoTime()} and is overflow safe, so {@code Long.MAX_VALUE} means "for ever".
     *
     * @param condition tested first, then after each idle step.
     * @param timeoutNs bound on the wait in nanoseconds; zero or less tests the condition once.
     * @return true if the condition became true, false on timeout.
     * @throws InterruptedException when the thread is interrupted before or during the wait; the flag is cleared.
     */
    public boolean awaitNanos(final BooleanSupplier condition, final long timeoutNs) throws InterruptedException
    {
        checkInterrupted();
        if (condition.getAsBoolean())
        {
            return true;
        }
        if (timeoutNs <= 0)
        {
            return false;
        }
        final long startNs = System.nanoTime();
        final IdleStrategy idle = newIdleStrategy();
        while (true)
        {
            idle.idle();
            checkInterrupted();
            if (condition.getAsBoolean())
            {
                return true;
            }
            if (System.nanoTime() - startNs >= timeoutNs)
            {
                return false;
            }
        }
    }

    /**
     * @throws InterruptedException if the current thread was interrupted; the flag is cleared.
     */
    public static void checkInterrupted() throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException("interrupted while waiting");
        }
    }

    @Override
    public String toString()
    {
        return "WaitStrategy{" + name + '}';
    }
}

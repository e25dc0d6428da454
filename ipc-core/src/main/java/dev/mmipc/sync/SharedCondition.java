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

import java.util.Date;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.sync.SyncDescriptor.*;

/**
 * A condition over the condition word of a sync region, bound to the lock of the same region.
 * <p>
 * The word holds two 32-bit sequences, as a ticket lock does: a waiter takes a ticket from the wait sequence
 * while it holds the lock, releases the lock, waits until the wake sequence has passed its ticket, and takes
 * the lock back. {@link #signal()} advances the wake sequence by one (if anyone waits), {@link #signalAll()} up
 * to the wait sequence, so waiters are woken in arrival order and a signal is never taken by a later waiter.
 * <p>
 * A waiter that times out, is interrupted, or dies keeps its ticket unless it was the last one taken (then it
 * gives it back); a later {@code signal()} that reaches such a ticket wakes nobody. {@code signalAll()} is never
 * lost. Spurious wake-ups are allowed, as with every {@link java.util.concurrent.locks.Condition}: wait in a loop
 * or with a predicate and a timeout.
 */
final class SharedCondition implements java.util.concurrent.locks.Condition
{
    /** The lock a condition belongs to. */
    interface Owner
    {
        /** @throws IllegalMonitorStateException when the caller does not hold the lock. */
        void checkHeld();

        /** @return what {@link #reacquire(long)} needs to restore the hold. */
        long releaseFully();

        /** @param saved what {@link #releaseFully()} returned. */
        void reacquire(long saved);
    }

    private final SyncRegion sync;
    private final Owner owner;

    SharedCondition(final SyncRegion sync, final Owner owner)
    {
        this.sync = sync;
        this.owner = owner;
    }

    @Override
    public void await() throws InterruptedException
    {
        awaitCore(Long.MAX_VALUE);
    }

    @Override
    public void awaitUninterruptibly()
    {
        boolean interrupted = false;
        while (true)
        {
            try
            {
                awaitCore(Long.MAX_VALUE);
                break;
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long awaitNanos(final long nanosTimeout) throws InterruptedException
    {
        final long startNs = System.nanoTime();
        awaitCore(nanosTimeout);
        return nanosTimeout - (System.nanoTime() - startNs);
    }

    @Override
    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        return awaitCore(unit.toNanos(time));
    }

    @Override
    public boolean awaitUntil(final Date deadline) throws InterruptedException
    {
        return awaitCore(TimeUnit.MILLISECONDS.toNanos(deadline.getTime() - System.currentTimeMillis()));
    }

    @Override
    public void signal()
    {
        sync.checkOpen();
        owner.checkHeld();
        while (true)
        {
            final long word = word();
            if (conditionWaiters(word) <= 0 || sync.payload.compareAndSetLong(
                CONDITION_OFFSET, word, conditionWord(conditionWaitSeq(word), conditionWakeSeq(word) + 1)))
            {
                return;
            }
        }
    }

    @Override
    public void signalAll()
    {
        sync.checkOpen();
        owner.checkHeld();
        while (true)
        {
            final long word = word();
            if (conditionWaiters(word) <= 0 || sync.payload.compareAndSetLong(
                CONDITION_OFFSET, word, conditionWord(conditionWaitSeq(word), conditionWaitSeq(word))))
            {
                return;
            }
        }
    }

    /**
     * @return tickets not yet released (a waiter that timed out or was killed may hold one).
     */
    int waiters()
    {
        return conditionWaiters(word());
    }

    private boolean awaitCore(final long timeoutNs) throws InterruptedException
    {
        sync.checkOpen();
        owner.checkHeld();
        if (Thread.interrupted())
        {
            throw new InterruptedException("interrupted before waiting on condition: name=" + sync.name);
        }
        final int ticket = takeTicket();
        final long saved = owner.releaseFully();
        boolean signalled = false;
        try
        {
            signalled = sync.options.waitStrategy().awaitNanos(() -> released(word(), ticket), timeoutNs);
            return signalled;
        }
        finally
        {
            if (!signalled)
            {
                signalled = leave(ticket);
            }
            owner.reacquire(saved);
        }
    }

    private long word()
    {
        return sync.payload.getLongVolatile(CONDITION_OFFSET);
    }

    private int takeTicket()
    {
        while (true)
        {
            final long word = word();
            final int ticket = conditionWaitSeq(word);
            if (sync.payload.compareAndSetLong(CONDITION_OFFSET, word, conditionWord(ticket + 1, conditionWakeSeq(word))))
            {
                return ticket;
            }
        }
    }

    private static boolean released(final long word, final int ticket)
    {
        return conditionWakeSeq(word) - ticket > 0; // wrap-safe: the wake sequence has passed the ticket
    }

    /**
     * @return true if the ticket was released after all.
     */
    private boolean leave(final int ticket)
    {
        while (true)
        {
            final long word = word();
            if (released(word, ticket))
            {
                return true;
            }
            if (conditionWaitSeq(word) != ticket + 1)
            {
                return false; // not the last ticket: it stays, and may absorb one signal()
            }
            if (sync.payload.compareAndSetLong(CONDITION_OFFSET, word, conditionWord(ticket, conditionWakeSeq(word))))
            {
                return false;
            }
        }
    }
}

package dev.mmipc.sync;

import java.util.Date;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.sync.SyncDescriptor.*;

/**
 * A condition over the condition word of a sync region, bound to the lock of the same region.
 * <p>
 * The word counts waiters (high 32 bits) and pending signals (low 32). A waiter adds itself while it holds
 * the lock, releases the lock, waits until it can take a pending signal, and takes the lock back.
 * {@link #signal()} adds a signal if there are fewer signals than waiters, {@link #signalAll()} makes them
 * equal. A signal goes to some waiter, not necessarily the longest waiting. A waiter that times out removes
 * itself; a waiter killed while waiting stays counted, so one later signal may wake a later waiter early:
 * spurious wake-ups are possible, as with every {@link java.util.concurrent.locks.Condition}, so wait in a loop
 * or use a predicate.
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
            final long word = sync.payload.getLongVolatile(CONDITION_OFFSET);
            final int waiters = conditionWaiters(word);
            final int signals = conditionSignals(word);
            if (signals >= waiters ||
                sync.payload.compareAndSetLong(CONDITION_OFFSET, word, conditionWord(waiters, signals + 1)))
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
            final long word = sync.payload.getLongVolatile(CONDITION_OFFSET);
            final int waiters = conditionWaiters(word);
            if (conditionSignals(word) >= waiters ||
                sync.payload.compareAndSetLong(CONDITION_OFFSET, word, conditionWord(waiters, waiters)))
            {
                return;
            }
        }
    }

    /**
     * @return waiters counted now (a killed waiter stays counted).
     */
    int waiters()
    {
        return conditionWaiters(sync.payload.getLongVolatile(CONDITION_OFFSET));
    }

    private boolean awaitCore(final long timeoutNs) throws InterruptedException
    {
        sync.checkOpen();
        owner.checkHeld();
        if (Thread.interrupted())
        {
            throw new InterruptedException("interrupted before waiting on condition: name=" + sync.name);
        }
        add(1);
        final long saved = owner.releaseFully();
        boolean signalled = false;
        try
        {
            signalled = sync.options.waitStrategy().awaitNanos(this::takeSignal, timeoutNs);
            return signalled;
        }
        finally
        {
            if (!signalled)
            {
                leave();
            }
            owner.reacquire(saved);
        }
    }

    private void add(final int delta)
    {
        while (true)
        {
            final long word = sync.payload.getLongVolatile(CONDITION_OFFSET);
            final long next = conditionWord(conditionWaiters(word) + delta, conditionSignals(word));
            if (sync.payload.compareAndSetLong(CONDITION_OFFSET, word, next))
            {
                return;
            }
        }
    }

    private boolean takeSignal()
    {
        while (true)
        {
            final long word = sync.payload.getLongVolatile(CONDITION_OFFSET);
            final int signals = conditionSignals(word);
            if (signals <= 0)
            {
                return false;
            }
            final long next = conditionWord(Math.max(0, conditionWaiters(word) - 1), signals - 1);
            if (sync.payload.compareAndSetLong(CONDITION_OFFSET, word, next))
            {
                return true;
            }
        }
    }

    private void leave()
    {
        while (true)
        {
            final long word = sync.payload.getLongVolatile(CONDITION_OFFSET);
            final int waiters = Math.max(0, conditionWaiters(word) - 1);
            final long next = conditionWord(waiters, Math.min(conditionSignals(word), waiters));
            if (sync.payload.compareAndSetLong(CONDITION_OFFSET, word, next))
            {
                return;
            }
        }
    }
}

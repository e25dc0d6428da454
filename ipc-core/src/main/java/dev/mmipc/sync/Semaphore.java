package dev.mmipc.sync;

import dev.mmipc.Namespace;

/**
 * A counting semaphore shared between processes by name: Python's {@code multiprocessing.Semaphore}.
 * <pre>{@code
 * try (Semaphore slots = Semaphore.openOrCreate(ns, "db-slots", 2))
 * {
 *     if (slots.tryAcquire(5, TimeUnit.SECONDS))
 *     {
 *         try { query(); } finally { slots.release(); }
 *     }
 * }
 * }</pre>
 * <b>Permits of a dead process.</b> A permit is a count, not owned by anyone: as in Python, and as with a POSIX
 * named semaphore without {@code SEM_UNDO}, any process may release it, and the permits a process holds when it
 * dies are <em>not</em> given back: they stay taken until some process releases them. Use a {@link Lock} when
 * ownership must survive the death of the owner. Waiting goes through the options' wait strategy; every wait has
 * a timeout form and answers interrupts.
 */
public final class Semaphore extends SemaphoreCore
{
    private Semaphore(final SyncRegion sync)
    {
        super(sync, Long.MAX_VALUE);
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param permits initial permits.
     * @return a new semaphore.
     */
    public static Semaphore create(final Namespace ns, final String name, final int permits)
    {
        return create(ns, name, permits, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param permits initial permits.
     * @param options wait strategy of this handle.
     * @return a new semaphore.
     */
    public static Semaphore create(final Namespace ns, final String name, final int permits, final SyncOptions options)
    {
        return new Semaphore(SyncRegion.create(ns, name, SyncType.SEMAPHORE, checkPermits(name, permits), 0, options));
    }

    /**
     * @param ns   namespace.
     * @param name region name.
     * @return the semaphore.
     */
    public static Semaphore open(final Namespace ns, final String name)
    {
        return open(ns, name, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param options wait strategy of this handle.
     * @return the semaphore.
     */
    public static Semaphore open(final Namespace ns, final String name, final SyncOptions options)
    {
        return new Semaphore(SyncRegion.open(ns, name, SyncType.SEMAPHORE, options));
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param permits initial permits when created; an existing one must have been created with the same.
     * @return the semaphore.
     */
    public static Semaphore openOrCreate(final Namespace ns, final String name, final int permits)
    {
        return openOrCreate(ns, name, permits, SyncOptions.defaults());
    }

    /**
     * @param ns      namespace.
     * @param name    region name.
     * @param permits initial permits when created; an existing one must have been created with the same.
     * @param options wait strategy of this handle.
     * @return the semaphore.
     */
    public static Semaphore openOrCreate(final Namespace ns, final String name, final int permits, final SyncOptions options)
    {
        return new Semaphore(SyncRegion.openOrCreate(ns, name, SyncType.SEMAPHORE, checkPermits(name, permits), 0, options));
    }
}

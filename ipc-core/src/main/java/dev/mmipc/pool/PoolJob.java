package dev.mmipc.pool;

/**
 * What a caller submitted to the pool: a {@link SingleJob} ({@code apply}, {@code submit}) or a {@link MapJob}
 * ({@code map}, {@code imap}, {@code starmap}). Caller threads create it; the dispatcher cuts it into
 * {@link WorkUnit}s and completes it.
 */
abstract class PoolJob
{
    /** Dispatcher only: the job has been counted out of the dispatcher's active jobs. */
    boolean counted;

    /**
     * @return true once the job has failed, or delivered all it will deliver.
     */
    abstract boolean isDone();

    /**
     * @return true once every result has arrived and none failed.
     */
    abstract boolean isComplete();

    /**
     * @param failure what the caller sees; the first failure wins.
     */
    abstract void fail(Throwable failure);

    /**
     * @param failure a task's failure.
     * @return never: throws it as it is when unchecked, wrapped in {@link IllegalStateException} when checked.
     */
    static RuntimeException rethrow(final Throwable failure)
    {
        if (failure instanceof RuntimeException)
        {
            throw (RuntimeException)failure;
        }
        if (failure instanceof Error)
        {
            throw (Error)failure;
        }
        throw new IllegalStateException("pool task failed: error=" + failure, failure);
    }
}

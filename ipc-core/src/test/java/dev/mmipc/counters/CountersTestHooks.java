package dev.mmipc.counters;

/**
 * For tests in other packages: {@link SharedCounters.Options} whose allocation runs a hook inside the allocation
 * lock (after the record is published, before the high-water mark is stored).
 */
public final class CountersTestHooks
{
    private CountersTestHooks()
    {
    }

    /**
     * @param hook runs inside the allocation lock of every {@code allocate} through these options.
     * @return the options.
     */
    public static SharedCounters.Options insideAllocationLock(final Runnable hook)
    {
        return SharedCounters.Options.defaults().withAfterPublishHook(hook);
    }
}

package dev.mmipc.queue;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts, within this process, the handles that use a lease (the single producer or consumer role of a
 * queue), so that closing one handle does not give up a lease another handle of the same process still uses.
 * Leases in the file belong to the process; handles are per process too, keyed by the queue's file.
 */
final class LocalLeaseCount
{
    private static final Map<String, Integer> COUNTS = new HashMap<>();

    private LocalLeaseCount()
    {
    }

    static synchronized void acquire(final String key)
    {
        COUNTS.merge(key, 1, Integer::sum);
    }

    /**
     * @return true if no other handle of this process uses the lease any more.
     */
    static synchronized boolean release(final String key)
    {
        final Integer count = COUNTS.get(key);
        if (count == null || count <= 1)
        {
            COUNTS.remove(key);
            return true;
        }
        COUNTS.put(key, count - 1);
        return false;
    }
}

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

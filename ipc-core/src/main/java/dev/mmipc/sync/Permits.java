/*
 * Copyright © 2026 the mmipc authors (${email})
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

import dev.mmipc.SemaphoreBoundException;

import static dev.mmipc.sync.SyncDescriptor.STATE_OFFSET;

/**
 * The permit count of a semaphore region: the state word, changed only by CAS.
 */
final class Permits
{
    private Permits()
    {
    }

    static boolean tryTake(final SyncRegion sync)
    {
        while (true)
        {
            final long permits = sync.payload.getLongVolatile(STATE_OFFSET);
            if (permits <= 0)
            {
                return false;
            }
            if (sync.payload.compareAndSetLong(STATE_OFFSET, permits, permits - 1)) // volatile: acquire side
            {
                return true;
            }
        }
    }

    static boolean take(final SyncRegion sync, final long timeoutNs) throws InterruptedException
    {
        sync.checkOpen();
        return sync.options.waitStrategy().awaitNanos(() -> tryTake(sync), timeoutNs);
    }

    /**
     * @param bound most permits, or {@code Long.MAX_VALUE} for none.
     */
    static void give(final SyncRegion sync, final int n, final long bound)
    {
        sync.checkOpen();
        if (n < 1)
        {
            throw new IllegalArgumentException("semaphore release count not positive: name=" + sync.name + ", n=" + n);
        }
        while (true)
        {
            final long permits = sync.payload.getLongVolatile(STATE_OFFSET);
            if (permits > bound - n)
            {
                throw new SemaphoreBoundException(
                    "semaphore released too many times: name=" + sync.name + ", permits=" + permits + ", n=" + n +
                    ", bound=" + bound);
            }
            if (sync.payload.compareAndSetLong(STATE_OFFSET, permits, permits + n)) // volatile: release side
            {
                return;
            }
        }
    }

    static long available(final SyncRegion sync)
    {
        sync.checkOpen();
        return sync.payload.getLongVolatile(STATE_OFFSET);
    }
}

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
package dev.mmipc.stress;

import dev.mmipc.sync.Lock;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.wait.WaitStrategy;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * {@link Lock} mutual exclusion: two actors each increment a plain Java field under the lock; the arbiter
 * sees 2. A lost update (1) means both held the lock at once, or the lock's release did not publish the
 * holder's writes to the next holder.
 */
@JCStressTest
@Description("two actors: lock(); x = x + 1 (plain field); unlock(). Arbiter reads x")
@Outcome(id = "2", expect = ACCEPTABLE, desc = "both increments: the lock excluded and published")
@Outcome(id = "1", expect = FORBIDDEN, desc = "lost update: both inside at once, or a stale read after acquire")
@Outcome(expect = FORBIDDEN, desc = "anything else")
@State
public class LockExclusionTest
{
    /** Locks with spinning waiters: the actors only wait for each other for a few instructions. */
    static final RegionPool<Lock> POOL = new RegionPool<>(StressNamespace.create("LockExclusionTest"), "lock-",
        (ns, name) -> Lock.create(ns, name, SyncOptions.defaults().withWaitStrategy(WaitStrategy.busySpin())),
        Lock::unlink);

    final Lock lock = POOL.take();
    int x;

    /** First incrementer. */
    @Actor
    public void actor1()
    {
        increment();
    }

    /** Second incrementer. */
    @Actor
    public void actor2()
    {
        increment();
    }

    private void increment()
    {
        lock.lock();
        try
        {
            x = x + 1;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Read the count and give the lock back, unlocked.
     *
     * @param r the count.
     */
    @Arbiter
    public void arbiter(final I_Result r)
    {
        r.r1 = x;
        POOL.give(lock);
    }
}

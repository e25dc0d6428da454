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

import dev.mmipc.wait.WaitStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Options whose wait strategy runs an action on the first idle of each wait, in the waiting thread, while the
 * wait is under way: a deterministic way to change a primitive "while somebody waits" without a second thread.
 * Later idles park for 100 µs.
 */
final class OnIdle
{
    private OnIdle()
    {
    }

    /**
     * @param firstIdle run once per wait, on its first idle.
     * @return options with that wait strategy.
     */
    static SyncOptions options(final Runnable firstIdle)
    {
        return SyncOptions.defaults().withWaitStrategy(WaitStrategy.of("on-idle", () -> new Strategy(firstIdle)));
    }

    /**
     * Spin (park 100 µs at a time) until the condition holds, failing after the bound.
     *
     * @param what      what is awaited, for the failure message.
     * @param condition what to wait for.
     */
    static void awaitTrue(final String what, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("not reached in 20 s: " + what);
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private static final class Strategy implements IdleStrategy
    {
        private Runnable action;

        Strategy(final Runnable action)
        {
            this.action = action;
        }

        @Override
        public void idle(final int workCount)
        {
            if (workCount <= 0)
            {
                idle();
            }
        }

        @Override
        public void idle()
        {
            final Runnable first = action;
            if (first != null)
            {
                action = null;
                first.run();
            }
            else
            {
                LockSupport.parkNanos(100_000);
            }
        }

        @Override
        public void reset()
        {
        }
    }
}

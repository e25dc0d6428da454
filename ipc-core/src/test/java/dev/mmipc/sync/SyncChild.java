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

import dev.mmipc.Namespace;
import dev.mmipc.exceptions.BarrierBrokenException;
import dev.mmipc.shared.SharedLong;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM for the sync tests; the first argument picks what it does, the rest are region names and numbers.
 * Every wait is bounded; failures exit non-zero with a message.
 */
public final class SyncChild
{
    static final String HOLDING = "holding";
    static final String WAITING = "waiting";
    static final SyncOptions FAST = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(100));

    private SyncChild()
    {
    }

    /**
     * @param args mode, then its arguments.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Namespace ns = Namespace.open();
        switch (args[0])
        {
            case "lock-inc":
                try (Lock lock = Lock.open(ns, args[1]); SharedLong value = SharedLong.open(ns, args[2]))
                {
                    final int n = Integer.parseInt(args[3]);
                    for (int i = 0; i < n; i++)
                    {
                        lock.lock();
                        try
                        {
                            value.setPlain(value.getPlain() + 1); // plain, not atomic: only the lock makes it exact
                        }
                        finally
                        {
                            lock.unlock();
                        }
                    }
                }
                break;

            case "rlock-inc":
                try (RLock lock = RLock.open(ns, args[1]); SharedLong value = SharedLong.open(ns, args[2]))
                {
                    final int n = Integer.parseInt(args[3]);
                    for (int i = 0; i < n; i++)
                    {
                        lock.lock();
                        try
                        {
                            lock.lock();
                            try
                            {
                                value.setPlain(value.getPlain() + 1);
                            }
                            finally
                            {
                                lock.unlock();
                            }
                            if (lock.holdCount() != 1)
                            {
                                throw new AssertionError("hold count " + lock.holdCount());
                            }
                        }
                        finally
                        {
                            lock.unlock();
                        }
                    }
                }
                break;

            case "hold-lock":
                try (Lock lock = Lock.open(ns, args[1], FAST))
                {
                    lock.lock();
                    holdForever();
                }
                break;

            case "hold-rlock":
                try (RLock lock = RLock.open(ns, args[1], FAST))
                {
                    lock.lock();
                    lock.lock();
                    holdForever();
                }
                break;

            case "take-lock":
                try (Lock lock = Lock.open(ns, args[1], FAST))
                {
                    if (!lock.tryLock(30, TimeUnit.SECONDS))
                    {
                        System.exit(5);
                    }
                    System.out.println("recovered=" + lock.wasRecovered());
                    lock.unlock();
                }
                break;

            case "sem":
                try (Semaphore sem = Semaphore.open(ns, args[1]);
                    SharedLong current = SharedLong.open(ns, args[2]);
                    SharedLong max = SharedLong.open(ns, args[3]))
                {
                    final int rounds = Integer.parseInt(args[4]);
                    for (int i = 0; i < rounds; i++)
                    {
                        if (!sem.tryAcquire(30, TimeUnit.SECONDS))
                        {
                            System.exit(6);
                        }
                        final long now = current.incrementAndGet();
                        max.accumulateAndGet(now, Math::max);
                        Thread.sleep(1);
                        current.decrementAndGet();
                        sem.release();
                    }
                }
                break;

            case "sem-hold":
                try (Semaphore sem = Semaphore.open(ns, args[1]))
                {
                    if (!sem.tryAcquire(30, TimeUnit.SECONDS))
                    {
                        System.exit(6);
                    }
                    holdForever();
                }
                break;

            case "event-wait":
                try (Event event = Event.open(ns, args[1]))
                {
                    System.out.println(WAITING);
                    System.out.flush();
                    System.exit(event.await(60, TimeUnit.SECONDS) ? 0 : 7);
                }
                break;

            case "barrier":
                try (Barrier barrier = Barrier.open(ns, args[1]))
                {
                    System.out.println(WAITING);
                    System.out.flush();
                    try
                    {
                        System.out.println("index=" + barrier.await(Long.parseLong(args[2]), TimeUnit.MILLISECONDS));
                    }
                    catch (final BarrierBrokenException ex)
                    {
                        System.out.println("broken: " + ex.getMessage());
                        System.exit(8);
                    }
                }
                break;

            case "consume":
                try (Condition cond = Condition.open(ns, args[1]);
                    SharedLong items = SharedLong.open(ns, args[2]);
                    SharedLong consumed = SharedLong.open(ns, args[3]))
                {
                    final int n = Integer.parseInt(args[4]);
                    for (int i = 0; i < n; i++)
                    {
                        cond.lock();
                        try
                        {
                            if (!cond.awaitUntil(() -> items.get() > 0, 30, TimeUnit.SECONDS))
                            {
                                System.exit(9);
                            }
                            items.set(items.get() - 1);
                            consumed.incrementAndGet();
                            cond.signalAll(); // room for the producer
                        }
                        finally
                        {
                            cond.unlock();
                        }
                    }
                }
                break;

            case "produce-until-flag":
                try (SharedLong flag = SharedLong.open(ns, args[1]); SharedLong produced = SharedLong.open(ns, args[2]))
                {
                    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (flag.get() == 0)
                    {
                        produced.incrementAndGet();
                        if (System.nanoTime() - deadline > 0)
                        {
                            System.exit(10);
                        }
                    }
                    System.out.println("stopped at " + produced.get());
                }
                break;

            default:
                throw new IllegalArgumentException("unknown mode: " + args[0]);
        }
    }

    private static void holdForever() throws InterruptedException
    {
        System.out.println(HOLDING + " pid=" + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(120_000);
        System.exit(3); // the test kills us before this
    }
}

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
package dev.mmipc.reliability;

import dev.mmipc.Namespace;
import dev.mmipc.codec.Codecs;
import dev.mmipc.counters.CountersTestHooks;
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.sync.Lock;
import dev.mmipc.sync.RLock;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of {@link PidNamespaceTest}, run as pid 1 of a PID namespace of its own (or, for comparison, in the
 * test's): {@code PidNamespaceChild KIND NAME CMD}. It takes the object {@code NAME} of kind {@code KIND}, prints
 * {@value #HOLDING}1, waits until the {@link SharedLong} {@code CMD} is 1, releases it and prints
 * {@value #RELEASED} (or {@value #FAILED} and the error), takes it again, prints {@value #HOLDING}2, and waits to
 * be killed. It halts by itself after {@value #CAP_S} s. Kinds:
 * <ul>
 *   <li>{@code lock}: a {@link Lock}, locked; released with {@code unlock()}.</li>
 *   <li>{@code rlock}: an {@link RLock}, locked twice (nested); released with two {@code unlock()}s.</li>
 *   <li>{@code consumer}: the consumer lease of a {@code MANY_TO_ONE} queue, taken by a poll; released by closing
 *   the handle, taken again by a new handle's poll.</li>
 *   <li>{@code claim}: a claim in a {@code MANY_TO_MANY} queue, not committed; released by committing it with the
 *   text {@code from-child-N}.</li>
 *   <li>{@code pipe}: end SECOND of a pipe, attached; "released" by sending {@code ping} (the end stays attached).</li>
 *   <li>{@code counters}: the allocation lock of a counters region, held inside {@code allocate}; released by
 *   letting that allocation finish.</li>
 * </ul>
 * {@code PidNamespaceChild try-rlock NAME}: tries to take the {@link RLock} {@code NAME} from the main thread for
 * {@value #TRY_MS} ms and prints {@value #TRIED}{@code true|false held_by_me=true|false}, then exits.
 */
public final class PidNamespaceChild
{
    static final String HOLDING = "holding ";
    static final String RELEASED = "released ok";
    static final String FAILED = "release failed: ";
    static final long CAP_S = 120;
    static final String TRIED = "tried: got=";
    static final long TRY_MS = 2_000;

    private PidNamespaceChild()
    {
    }

    /**
     * What the child holds, one implementation per kind.
     */
    interface Holding extends AutoCloseable
    {
        void take() throws Exception;

        void release() throws Exception;

        @Override
        void close();
    }

    /**
     * @param args kind, object name, command value name.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Namespace ns = Namespace.open();
        System.out.println("pid=" + ProcessHandle.current().pid() + " thread=" + Thread.currentThread().getId());
        if (args[0].equals("try-rlock"))
        {
            try (RLock lock = RLock.open(ns, args[1]))
            {
                final boolean got = lock.tryLock(TRY_MS, TimeUnit.MILLISECONDS);
                say(TRIED + got + " held_by_me=" + lock.isHeldByCurrentThread());
            }
            return;
        }
        final long capNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(CAP_S);
        try (SharedLong cmd = SharedLong.open(ns, args[2]); Holding holding = holding(ns, args[0], args[1]))
        {
            holding.take();
            say(HOLDING + 1);
            while (cmd.get() != 1)
            {
                pause(capNs);
            }
            try
            {
                holding.release();
                say(RELEASED);
            }
            catch (final Exception | Error ex)
            {
                say(FAILED + ex);
            }
            holding.take();
            say(HOLDING + 2);
            while (true)
            {
                pause(capNs);
            }
        }
    }

    private static Holding holding(final Namespace ns, final String kind, final String name)
    {
        switch (kind)
        {
            case "lock":
                return lock(Lock.open(ns, name));
            case "rlock":
                return rlock(RLock.open(ns, name));
            case "consumer":
                return consumer(ns, name);
            case "claim":
                return claim(MessageQueue.open(ns, name));
            case "pipe":
                return pipe(ns, name);
            case "counters":
                return new CountersHolding(ns, name);
            default:
                throw new IllegalArgumentException("unknown kind: " + kind);
        }
    }

    private static Holding lock(final Lock lock)
    {
        return new Holding()
        {
            @Override
            public void take()
            {
                lock.lock();
            }

            @Override
            public void release()
            {
                lock.unlock();
            }

            @Override
            public void close()
            {
                lock.close();
            }
        };
    }

    private static Holding rlock(final RLock lock)
    {
        return new Holding()
        {
            @Override
            public void take()
            {
                lock.lock();
                lock.lock();
            }

            @Override
            public void release()
            {
                lock.unlock();
                lock.unlock();
                if (lock.isHeldByCurrentThread())
                {
                    throw new IllegalStateException("still held after two unlocks");
                }
            }

            @Override
            public void close()
            {
                lock.close();
            }
        };
    }

    private static Holding consumer(final Namespace ns, final String name)
    {
        return new Holding()
        {
            private MessageQueue queue;

            @Override
            public void take()
            {
                queue = MessageQueue.open(ns, name);
                queue.poll((buffer, offset, length) -> { }); // takes the consumer lease
            }

            @Override
            public void release()
            {
                queue.close(); // gives the lease back
            }

            @Override
            public void close()
            {
                queue.close();
            }
        };
    }

    private static Holding claim(final MessageQueue queue)
    {
        return new Holding()
        {
            private int claims;
            private int index;

            @Override
            public void take()
            {
                final byte[] text = ("from-child-" + (claims + 1)).getBytes(StandardCharsets.US_ASCII);
                index = queue.tryClaim(text.length);
                if (index < 0)
                {
                    throw new IllegalStateException("no room to claim: index=" + index);
                }
                queue.buffer().putBytes(index, text);
                claims++;
            }

            @Override
            public void release()
            {
                queue.commit(index);
            }

            @Override
            public void close()
            {
                queue.close();
            }
        };
    }

    private static Holding pipe(final Namespace ns, final String name)
    {
        return new Holding()
        {
            private Connection<String> end;

            @Override
            public void take()
            {
                if (end == null)
                {
                    end = Pipe.connect(ns, name, PipeEnd.SECOND, Codecs.utf8());
                }
            }

            @Override
            public void release() throws InterruptedException
            {
                end.send("ping");
            }

            @Override
            public void close()
            {
                end.close();
            }
        };
    }

    /**
     * Holds the allocation lock from a thread that stops inside {@code allocate} until released.
     */
    private static final class CountersHolding implements Holding
    {
        private final SharedCounters counters;
        private CountDownLatch inside;
        private CountDownLatch leave;
        private Thread allocator;
        private int allocations;

        CountersHolding(final Namespace ns, final String name)
        {
            counters = SharedCounters.open(ns, name, CountersTestHooks.insideAllocationLock(() ->
            {
                inside.countDown();
                await(leave);
            }));
        }

        @Override
        public void take() throws InterruptedException
        {
            inside = new CountDownLatch(1);
            leave = new CountDownLatch(1);
            final String label = "child-" + ++allocations;
            allocator = new Thread(() -> counters.allocate(label), "allocator");
            allocator.start();
            if (!inside.await(30, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("allocation lock not taken within 30 s");
            }
        }

        @Override
        public void release() throws InterruptedException
        {
            leave.countDown();
            allocator.join(30_000);
            if (allocator.isAlive())
            {
                throw new IllegalStateException("allocation did not finish within 30 s");
            }
        }

        @Override
        public void close()
        {
            counters.close();
        }

        private static void await(final CountDownLatch latch)
        {
            try
            {
                if (!latch.await(CAP_S, TimeUnit.SECONDS))
                {
                    throw new IllegalStateException("not released within " + CAP_S + " s");
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void say(final String line)
    {
        System.out.println(line);
        System.out.flush();
    }

    private static void pause(final long capNs) throws InterruptedException
    {
        if (System.nanoTime() - capNs > 0)
        {
            say("cap reached: halting");
            Runtime.getRuntime().halt(3);
        }
        Thread.sleep(5);
    }
}

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
package dev.mmipc.bench;

import dev.mmipc.Namespace;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.sync.Lock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Acquire/release of a {@link Lock}, and a Python-style locked increment (plain {@link SharedLong} get and set
 * under the lock), with {@code peer=none} (uncontended: no other process touches the lock) or
 * {@code peer=jvm} (contended: a peer JVM does the same operation on the same lock as fast as it can).
 * <p>
 * The score is the benchmark JVM's own operations per microsecond; with a peer, the peer's rate over the trial
 * is printed at teardown ({@code peer ops/us}), and for the increment the final value is checked against the
 * sum of both sides' operations, so the lock's exclusion is verified on every run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx512m" })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class LockBenchmark
{
    /** A lock and a value in a private namespace, and perhaps a peer JVM hammering them. */
    @State(Scope.Benchmark)
    public static class Shared
    {
        /** {@code none}: uncontended; {@code jvm}: a peer JVM contends. */
        @Param({ "none", "jvm" })
        public String peer;

        Path dir;
        Lock lock;
        SharedLong value;
        SharedLong stop;
        SharedLong peerOps;
        SharedLong peerNs;
        SharedLong mode;
        PeerProcess process;
        long ownOps;

        /** Create the regions; start the peer when asked, and wait until it runs. */
        @Setup(Level.Trial)
        public void setUp(final org.openjdk.jmh.infra.BenchmarkParams params)
        {
            dir = PeerProcess.tempNamespace();
            final Namespace ns = Namespace.at(dir);
            lock = Lock.create(ns, "lock");
            value = SharedLong.create(ns, "value");
            stop = SharedLong.create(ns, "stop");
            peerOps = SharedLong.create(ns, "peer-ops");
            peerNs = SharedLong.create(ns, "peer-ns");
            mode = SharedLong.create(ns, "mode", params.getBenchmark().endsWith("lockedIncrement") ? 1 : 0);
            if ("jvm".equals(peer))
            {
                process = PeerProcess.start(Peer.class, dir.toString());
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (peerOps.get() == 0)
                {
                    if (!process.isAlive() || System.nanoTime() > deadline)
                    {
                        tearDown();
                        throw new IllegalStateException("lock peer did not start: dir=" + dir);
                    }
                    Thread.onSpinWait();
                }
            }
        }

        /** Stop the peer, report its rate, check the increments, remove everything. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            stop.set(1);
            if (process != null)
            {
                final int exit = process.stop(10_000);
                final long ops = peerOps.get();
                final long ns = peerNs.get();
                if (exit == 0 && ns > 0)
                {
                    System.out.printf("%npeer ops/us: %.3f (%d ops in %.2f s)%n", ops * 1e3 / ns, ops, ns / 1e9);
                }
            }
            if (mode.get() == 1 && (process == null || peerNs.get() > 0))
            {
                final long expected = ownOps + (process == null ? 0 : peerOps.get());
                if (value.get() != expected)
                {
                    System.out.printf("%nLOST UPDATES: value=%d expected=%d%n", value.get(), expected);
                }
            }
            lock.close();
            value.close();
            stop.close();
            peerOps.close();
            peerNs.close();
            mode.close();
            PeerProcess.deleteRecursively(dir);
        }
    }

    /**
     * @param state the lock.
     */
    @Benchmark
    public void acquireRelease(final Shared state)
    {
        state.lock.lock();
        state.lock.unlock();
    }

    /**
     * @param state the lock and the value.
     * @return the value written.
     */
    @Benchmark
    public long lockedIncrement(final Shared state)
    {
        final Lock lock = state.lock;
        lock.lock();
        try
        {
            final long next = state.value.getPlain() + 1;
            state.value.setPlain(next); // plain: the lock's CAS and release order it
            state.ownOps++;
            return next;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The peer JVM: the same operation as the benchmark ({@code mode} 0 acquire/release, 1 locked increment) until
     * {@code stop} is set. Arguments: {@code DIR}.
     */
    public static final class Peer
    {
        private Peer()
        {
        }

        /**
         * @param args the namespace directory.
         */
        public static void main(final String[] args)
        {
            final Namespace ns = Namespace.at(Path.of(args[0]));
            try (Lock lock = Lock.open(ns, "lock");
                SharedLong value = SharedLong.open(ns, "value");
                SharedLong stop = SharedLong.open(ns, "stop");
                SharedLong peerOps = SharedLong.open(ns, "peer-ops");
                SharedLong peerNs = SharedLong.open(ns, "peer-ns");
                SharedLong mode = SharedLong.open(ns, "mode"))
            {
                final boolean increment = mode.get() == 1;
                final long start = System.nanoTime();
                long ops = 0;
                while (stop.getOpaque() == 0)
                {
                    for (int i = 0; i < 256; i++)
                    {
                        lock.lock();
                        if (increment)
                        {
                            value.setPlain(value.getPlain() + 1);
                        }
                        lock.unlock();
                    }
                    ops += 256;
                    peerOps.setOpaque(ops); // lets setup see the peer running
                }
                peerNs.set(System.nanoTime() - start);
                peerOps.set(ops);
            }
        }
    }
}

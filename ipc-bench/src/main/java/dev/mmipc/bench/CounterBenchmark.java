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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Contended increments of one counter: two threads of one JVM on an {@link AtomicLong} and on a
 * {@link SharedLong}, and one thread in each of two JVMs on the same {@link SharedLong}.
 * <p>
 * {@code crossJvm} reports the increments/s of the benchmark JVM while a peer JVM increments the same
 * counter; the peer's own rate over the whole trial is printed at teardown
 * ({@code peer increments/s}), so the two-JVM total is their sum.
 * <p>
 * The Python-style locked value (a plain value under mmipc's {@code Lock}, incremented by both JVMs) is
 * {@link LockBenchmark#lockedIncrement} with {@code peer=jvm}; the report puts it in the counters table and reads
 * {@code sharedLongCrossJvm} against it (target: 20x or more).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = { "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx512m" })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CounterBenchmark
{
    /** In-process baseline: a heap {@link AtomicLong}. */
    @State(Scope.Group)
    public static class HeapCounter
    {
        final AtomicLong counter = new AtomicLong();
    }

    /** A {@link SharedLong} in a private namespace, used by threads of this JVM only. */
    @State(Scope.Group)
    public static class InProcessShared
    {
        Path dir;
        SharedLong counter;

        /** Create the namespace and the counter. */
        @Setup(Level.Trial)
        public void setUp()
        {
            dir = PeerProcess.tempNamespace();
            counter = SharedLong.create(Namespace.at(dir), "counter");
        }

        /** Unmap and remove everything. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            counter.close();
            PeerProcess.deleteRecursively(dir);
        }
    }

    /** A {@link SharedLong} incremented at the same time by a peer JVM. */
    @State(Scope.Benchmark)
    public static class CrossJvmShared
    {
        Path dir;
        SharedLong counter;
        SharedLong stop;
        SharedLong peerOps;
        SharedLong peerNs;
        PeerProcess peer;

        /** Create the regions and start the peer; wait until it increments. */
        @Setup(Level.Trial)
        public void setUp()
        {
            dir = PeerProcess.tempNamespace();
            final Namespace ns = Namespace.at(dir);
            counter = SharedLong.create(ns, "counter");
            stop = SharedLong.create(ns, "stop");
            peerOps = SharedLong.create(ns, "peer-ops");
            peerNs = SharedLong.create(ns, "peer-ns");
            peer = PeerProcess.start(CounterPeer.class, dir.toString());
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (counter.get() == 0)
            {
                if (!peer.isAlive() || System.nanoTime() > deadline)
                {
                    tearDown();
                    throw new IllegalStateException("counter peer did not start: dir=" + dir);
                }
                Thread.onSpinWait();
            }
        }

        /** Stop the peer (killed past 10 s), report its rate, remove everything. */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            stop.set(1);
            final int exit = peer.stop(10_000);
            final long ops = peerOps.get();
            final long ns = peerNs.get();
            if (exit == 0 && ns > 0)
            {
                System.out.printf("%npeer increments/s: %.0f (%d increments in %.2f s)%n",
                    ops * 1e9 / ns, ops, ns / 1e9);
            }
            counter.close();
            stop.close();
            peerOps.close();
            peerNs.close();
            PeerProcess.deleteRecursively(dir);
        }
    }

    /**
     * @param state the heap counter.
     * @return the new value.
     */
    @Benchmark
    @Group("atomicLong2Threads")
    @GroupThreads(2)
    public long atomicLong(final HeapCounter state)
    {
        return state.counter.incrementAndGet();
    }

    /**
     * @param state the shared counter.
     * @return the new value.
     */
    @Benchmark
    @Group("sharedLong2Threads")
    @GroupThreads(2)
    public long sharedLongInProcess(final InProcessShared state)
    {
        return state.counter.incrementAndGet();
    }

    /**
     * @param state the shared counter, also incremented by the peer JVM.
     * @return the new value.
     */
    @Benchmark
    public long sharedLongCrossJvm(final CrossJvmShared state)
    {
        return state.counter.incrementAndGet();
    }
}

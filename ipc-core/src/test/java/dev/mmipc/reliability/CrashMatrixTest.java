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
import dev.mmipc.exceptions.BrokenPipeException;
import dev.mmipc.exceptions.QueueClosedException;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.queue.QueueOptions;
import dev.mmipc.shared.SharedIntArray;
import dev.mmipc.shared.SharedLongArray;
import dev.mmipc.sync.Lock;
import dev.mmipc.sync.RLock;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.ThreadDumps;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static dev.mmipc.reliability.CrashChild.ACK;
import static dev.mmipc.reliability.CrashChild.AUX;
import static dev.mmipc.reliability.CrashChild.ERRORS;
import static dev.mmipc.reliability.CrashChild.GO;
import static dev.mmipc.reliability.CrashChild.READY;
import static dev.mmipc.reliability.CrashChild.RECOVERED;
import static dev.mmipc.reliability.CrashChild.REDELIVERED;
import static dev.mmipc.reliability.CrashChild.REPAIRS;
import static dev.mmipc.reliability.CrashChild.STATE_A;
import static dev.mmipc.reliability.CrashChild.STATE_B;
import static dev.mmipc.reliability.CrashChild.STOP;
import static dev.mmipc.reliability.CrashChild.WINDOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash matrix (issue #7): queue producers and consumers of every mode, lock and rlock holders, and pipe
 * senders and receivers, each killed with {@code kill -9} at seeded random moments while the system is under load,
 * {@value #DEFAULT_KILLS} times per case (restarted each time, from what was acknowledged, as an application would),
 * and checked against what the Javadoc promises:
 * <ul>
 *   <li><b>queue producer</b>: every acknowledged message arrives, in order per producer, intact (checksums); at
 *   most the one message committed but not yet acknowledged at each kill arrives twice; messages of a producer that
 *   lives keep arriving within the unblock timeout (plus the time to confirm the death) of any torn claim;</li>
 *   <li><b>queue consumer</b>: ring modes ({@code ONE_TO_ONE}, {@code MANY_TO_ONE}) lose nothing and deliver at
 *   most the message being handled at each kill twice; {@code MANY_TO_MANY} never delivers twice and loses at most
 *   that message, and its producer waits at most the unblock timeout behind the dead consumer's slot;</li>
 *   <li><b>queue producer and consumer</b>, killed in turn, every process a child: the same promises together
 *   (a consumer may now die with a dead producer's torn claim in its batch);</li>
 *   <li><b>lock holder</b>: the survivors take the lock within the liveness timeout of a holder's death, see
 *   {@code wasRecovered()} exactly when they took over from a dead owner, repair the two-word invariant, and the
 *   final count is the acknowledged increments plus at most one per kill;</li>
 *   <li><b>pipe peer</b>: the receiver gets every message the dead sender sent, intact and in order, then EOF
 *   within the liveness timeout; a sender to a dead receiver gets {@link BrokenPipeException} within it.</li>
 * </ul>
 * <b>When kills land.</b> A restarted incarnation is started ahead, and waits for its go, so it resumes within
 * milliseconds. One kill in four lands within 5 ms of a go (while the child starts, takes over a dead one's lease,
 * repairs its torn claims or finishes its batch); the others at a random time after the victim is under load;
 * every other producer and lock-holder kill waits until the victim dwells in its crash window (a claim held
 * between claim and commit; the lock held with A written and B not). Queue and pipe capacities are 1 KiB, 4 KiB
 * or 64 KiB by seed, so small rings wrap every few messages.
 * <p>
 * The seed ({@code -Dmmipc.crash.seed}, default {@value #DEFAULT_SEED}) fixes the schedule (kill and restart
 * delays, capacities, the children's choices), not where in the code a kill lands; it is printed in every failure.
 * The number of kills per case is {@code -Dmmipc.crash.kills}. Each case prints one {@code crash-matrix} summary
 * line. Every wait is bounded: on timeout the threads of this JVM and of the children are dumped and the test
 * fails.
 */
class CrashMatrixTest
{
    static final long DEFAULT_SEED = 20_240_607L;
    static final int DEFAULT_KILLS = 5;
    static final long SEED = Long.getLong("mmipc.crash.seed", DEFAULT_SEED);
    static final int KILLS = Integer.getInteger("mmipc.crash.kills", DEFAULT_KILLS);

    /** Queue unblock timeout and lock/pipe liveness timeout of every handle in the matrix. */
    static final long TIMEOUT_MS = 200;
    /** Added to {@link #TIMEOUT_MS} in every bound: scheduling on a loaded 2-core machine, GC, JIT. */
    static final long SLACK_MS = 2_500;
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Queue and pipe capacities, one picked per case by the seed: small ones wrap (and pad) every few messages. */
    static final int[] CAPACITIES = {1024, 4 * 1024, 64 * 1024};
    static final int LEDGER_LENGTH = 1 << 21;

    private static final ConcurrentLinkedQueue<String> SUMMARIES = new ConcurrentLinkedQueue<>();

    /**
     * What is killed.
     */
    enum CrashCase
    {
        PRODUCER_ONE_TO_ONE(QueueMode.ONE_TO_ONE),
        PRODUCER_MANY_TO_ONE(QueueMode.MANY_TO_ONE),
        PRODUCER_MANY_TO_MANY(QueueMode.MANY_TO_MANY),
        CONSUMER_ONE_TO_ONE(QueueMode.ONE_TO_ONE),
        CONSUMER_MANY_TO_ONE(QueueMode.MANY_TO_ONE),
        CONSUMER_MANY_TO_MANY(QueueMode.MANY_TO_MANY),
        PRODUCER_AND_CONSUMER_ONE_TO_ONE(QueueMode.ONE_TO_ONE),
        PRODUCER_AND_CONSUMER_MANY_TO_ONE(QueueMode.MANY_TO_ONE),
        PRODUCER_AND_CONSUMER_MANY_TO_MANY(QueueMode.MANY_TO_MANY),
        LOCK_HOLDER(null),
        RLOCK_HOLDER(null),
        PIPE_SENDER(null),
        PIPE_RECEIVER(null);

        final QueueMode mode;

        CrashCase(final QueueMode mode)
        {
            this.mode = mode;
        }
    }

    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    @AfterAll
    static void printSummaries()
    {
        System.out.println("crash-matrix summary (seed=" + SEED + ", kills per case=" + KILLS + "):");
        SUMMARIES.forEach((line) -> System.out.println("  " + line));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(CrashCase.class)
    void shouldKeepPromisesWhenKilledAtRandomMomentsUnderLoad(final CrashCase crashCase) throws Exception
    {
        final long caseSeed = CrashChild.mix(SEED ^ crashCase.name().hashCode());
        try (Run run = new Run(caseSeed))
        {
            final String summary;
            switch (crashCase)
            {
                case PRODUCER_ONE_TO_ONE:
                case PRODUCER_MANY_TO_ONE:
                case PRODUCER_MANY_TO_MANY:
                    summary = killProducers(run, crashCase.mode);
                    break;

                case CONSUMER_ONE_TO_ONE:
                case CONSUMER_MANY_TO_ONE:
                case CONSUMER_MANY_TO_MANY:
                    summary = killConsumers(run, crashCase.mode);
                    break;

                case PRODUCER_AND_CONSUMER_ONE_TO_ONE:
                case PRODUCER_AND_CONSUMER_MANY_TO_ONE:
                case PRODUCER_AND_CONSUMER_MANY_TO_MANY:
                    summary = killProducersAndConsumers(run, crashCase.mode);
                    break;

                case LOCK_HOLDER:
                case RLOCK_HOLDER:
                    summary = killLockHolders(run, crashCase == CrashCase.RLOCK_HOLDER);
                    break;

                case PIPE_SENDER:
                    summary = killPipeSenders(run);
                    break;

                default:
                    summary = killPipeReceivers(run);
                    break;
            }
            final String capacity = crashCase.name().contains("LOCK") ? "" : ", capacity=" + run.capacity;
            final String line = "crash-matrix " + crashCase + ": seed=" + SEED + capacity + ", kills=" + KILLS +
                " (early " + run.earlyKills + ", in window " + run.windowKills + "), " + summary;
            System.out.println(line);
            SUMMARIES.add(line);
        }
        catch (final AssertionError | Exception ex)
        {
            throw new AssertionError("crash matrix case " + crashCase + " failed (seed=" + SEED +
                ", rerun with -Dmmipc.crash.seed=" + SEED + "): " + ex.getMessage(), ex);
        }
    }

    // ---- queue producers ----

    /**
     * Producer 0 is killed and restarted from its acknowledged count; in the many-producer modes producer 1 streams
     * throughout. The consumer is this JVM.
     */
    private String killProducers(final Run run, final QueueMode mode) throws Exception
    {
        final boolean survivor = mode != QueueMode.ONE_TO_ONE;
        try (MessageQueue q = MessageQueue.create(run.ns, "q", mode, run.capacity, queueOptions()))
        {
            final List<Child> victims = new ArrayList<>();
            for (int i = 0; i <= KILLS; i++)
            {
                victims.add(run.start("produce", "q", "0", Long.toString(TIMEOUT_MS), run.childSeed()));
            }
            final Child other = survivor ?
                run.start("produce", "q", "1", Long.toString(TIMEOUT_MS), run.childSeed()) : null;
            final StreamCheck check = new StreamCheck();
            final Future<Long> consumer = run.executor.submit(() -> consumeUntilEnd(q, check));
            final Set<Long> inFlightAtKill = new TreeSet<>();
            try
            {
                if (other != null)
                {
                    run.go(other);
                    run.await("survivor producer streaming", () -> check.delivered(1) > 0, other);
                    check.measuring = true;
                }
                Child current = victims.get(0);
                run.go(current);
                for (int k = 0; k < KILLS; k++)
                {
                    final long resumedAt = run.ctl.getAcquire(ACK);
                    final Child running = current;
                    run.aimKill("producer under load", () -> run.ctl.getAcquire(ACK) > resumedAt + 10, running, k % 2 == 1);
                    current.jvm.kill9();
                    final long acked = run.ctl.getAcquire(ACK);
                    inFlightAtKill.add(acked); // committed and not acknowledged: the one that may arrive twice
                    run.pauseMs(0, 2 * TIMEOUT_MS + 100);
                    current = victims.get(k + 1);
                    run.go(current);
                    check.expectRestart(acked, System.nanoTime()); // the next kill may come before, when early
                }
                final long lastAcked = run.ctl.getAcquire(ACK);
                final Child last = current;
                run.await("last producer under load", () -> run.ctl.getAcquire(ACK) > lastAcked + 10, last);
                check.measuring = false;
                run.ctl.setRelease(STOP, 1);
                current.jvm.awaitSuccess(WAIT);
                if (other != null)
                {
                    other.jvm.awaitSuccess(WAIT);
                }
                q.markClosed(); // every producer has stopped: fine in ONE_TO_ONE too
                ThreadDumps.get("consumer to reach the end of stream", WAIT, consumer, run.jvms());
            }
            finally
            {
                run.stopThreads();
            }

            run.assertNoChildErrors();
            assertTrue(check.errors.isEmpty(), () -> check.errorCount + " errors, first: " + check.errors);
            final int producers = survivor ? 2 : 1;
            long messages = 0;
            for (int p = 0; p < producers; p++)
            {
                // the last incarnation stopped cleanly: everything it committed was acknowledged
                assertEquals(run.ctl.get(ACK + p), check.delivered(p),
                    "producer " + p + ": acknowledged messages and messages delivered in order without gaps");
                messages += check.delivered(p);
            }
            assertEquals(0, check.duplicates[1], "duplicates from the producer that was never killed");
            assertTrue(check.duplicates[0] <= KILLS, "more duplicates than kills: " + check.duplicates[0]);
            assertTrue(inFlightAtKill.containsAll(check.duplicateSeqs),
                () -> "duplicated " + check.duplicateSeqs + ", but in flight at the kills were only " + inFlightAtKill);
            long tornClaims = q.recoveries();
            for (final Child victim : victims)
            {
                tornClaims += run.ctl.get(AUX + victim.slot); // ONE_TO_ONE: repaired by the next producer
            }
            final long boundMs = TIMEOUT_MS + SLACK_MS;
            final long worstResumeMs = TimeUnit.NANOSECONDS.toMillis(check.worstRestartNs);
            final long worstStallMs = TimeUnit.NANOSECONDS.toMillis(check.worstSurvivorGapNs);
            assertTrue(worstResumeMs <= boundMs, "a restarted producer's messages were delivered only after " +
                worstResumeMs + " ms, bound " + boundMs + " ms");
            assertTrue(worstStallMs <= boundMs, "the surviving producer's messages stalled for " + worstStallMs +
                " ms, bound " + boundMs + " ms");
            return "messages=" + messages + ", torn_claims_recovered=" + tornClaims + ", duplicates=" +
                check.duplicates[0] + ", lost=0, worst_stall_ms=" + (survivor ? worstStallMs + " (surviving producer)" :
                "n/a") + ", worst_restart_to_delivery_ms=" + worstResumeMs + ", unblock_timeout_ms=" + TIMEOUT_MS;
        }
    }

    private static long consumeUntilEnd(final MessageQueue q, final StreamCheck check) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        try
        {
            while (System.nanoTime() - deadlineNs < 0)
            {
                q.take(check, 100, TimeUnit.MILLISECONDS);
            }
            throw new AssertionError("no end of stream within 150 s");
        }
        catch (final QueueClosedException ex)
        {
            return check.delivered(0) + check.delivered(1);
        }
    }

    /**
     * Checks, in this JVM, the stream of producers 0 and 1: intact, in order, a duplicate only of the message before.
     */
    static final class StreamCheck implements MessageHandler
    {
        final long[] next = new long[2];
        final long[] duplicates = new long[2];
        final List<Long> duplicateSeqs = new ArrayList<>();
        final List<String> errors = new ArrayList<>();
        long errorCount;
        volatile boolean measuring;
        long lastSurvivorNs;
        volatile long worstSurvivorGapNs;
        volatile long worstRestartNs;
        private volatile long restartGoNs;
        private volatile long restartAfter = Long.MAX_VALUE;
        private final AtomicLong delivered0 = new AtomicLong();
        private final AtomicLong delivered1 = new AtomicLong();

        long delivered(final int producer)
        {
            return (producer == 0 ? delivered0 : delivered1).get();
        }

        /**
         * Time the next restart of producer 0: from its go to the delivery of its second message, the first that
         * its killed predecessor cannot have committed.
         */
        void expectRestart(final long acked, final long goNs)
        {
            restartGoNs = goNs;
            restartAfter = acked + 1;
        }

        @Override
        public void onMessage(final DirectBuffer buffer, final int offset, final int length)
        {
            final String bad = CrashChild.check(buffer, offset, length);
            final int producer = bad == null ? CrashChild.producerOf(buffer, offset) : -1;
            if (bad != null || producer > 1)
            {
                error(bad != null ? bad : "unknown producer: " + CrashChild.describe(buffer, offset, length));
                return;
            }
            final long seq = CrashChild.seqOf(buffer, offset);
            if (seq == next[producer])
            {
                next[producer]++;
                (producer == 0 ? delivered0 : delivered1).set(next[producer]);
                if (producer == 0 && next[0] > restartAfter)
                {
                    worstRestartNs = Math.max(worstRestartNs, System.nanoTime() - restartGoNs);
                    restartAfter = Long.MAX_VALUE;
                }
            }
            else if (seq == next[producer] - 1)
            {
                duplicates[producer]++;
                if (producer == 0)
                {
                    duplicateSeqs.add(seq);
                }
            }
            else
            {
                error("order: producer=" + producer + ", expected=" + next[producer] + ", seq=" + seq);
            }
            if (producer == 1)
            {
                final long nowNs = System.nanoTime();
                if (measuring)
                {
                    if (lastSurvivorNs != 0)
                    {
                        worstSurvivorGapNs = Math.max(worstSurvivorGapNs, nowNs - lastSurvivorNs);
                    }
                    lastSurvivorNs = nowNs;
                }
            }
        }

        private void error(final String what)
        {
            errorCount++;
            if (errors.size() < 10)
            {
                errors.add(what);
            }
        }
    }

    // ---- queue consumers ----

    /**
     * This JVM produces; consumer 0 is killed and restarted; in MANY_TO_MANY consumer 1 takes throughout.
     */
    private String killConsumers(final Run run, final QueueMode mode) throws Exception
    {
        final boolean ring = mode.singleConsumer();
        try (MessageQueue q = MessageQueue.create(run.ns, "q", mode, run.capacity, queueOptions());
             SharedIntArray ledger = SharedIntArray.create(run.ns, "ledger", LEDGER_LENGTH))
        {
            final List<Child> victims = new ArrayList<>();
            for (int i = 0; i <= KILLS; i++)
            {
                victims.add(run.start("consume", "q", "0", Long.toString(TIMEOUT_MS), run.childSeed(), "ledger",
                    Boolean.toString(ring), "1"));
            }
            final Child other = ring ? null :
                run.start("consume", "q", "1", Long.toString(TIMEOUT_MS), run.childSeed(), "ledger", "false", "1");
            final AtomicBoolean stop = new AtomicBoolean();
            final AtomicBoolean measuring = new AtomicBoolean();
            final AtomicLong worstPutNs = new AtomicLong();
            final long sent;
            try
            {
                if (other != null)
                {
                    run.go(other);
                }
                Child current = victims.get(0);
                run.go(current);
                final Future<Long> producer = run.executor.submit(() -> produceUntilStopped(q, stop, measuring, worstPutNs));
                measuring.set(true);
                for (int k = 0; k < KILLS; k++)
                {
                    final Child running = current;
                    run.aimKill("consumer under load", () -> run.ctl.getAcquire(AUX + running.slot) > 10, running);
                    current.jvm.kill9();
                    run.pauseMs(0, 2 * TIMEOUT_MS + 100);
                    current = victims.get(k + 1);
                    run.go(current);
                }
                final Child last = current;
                run.await("last consumer under load", () -> run.ctl.getAcquire(AUX + last.slot) > 10, last);
                measuring.set(false);
                stop.set(true);
                sent = ThreadDumps.get("producer to stop", WAIT, producer, run.jvms()); // then it marks the end
                current.jvm.awaitSuccess(WAIT);
                if (other != null)
                {
                    other.jvm.awaitSuccess(WAIT);
                }
            }
            finally
            {
                stop.set(true);
                run.stopThreads();
            }

            run.assertNoChildErrors();
            assertTrue(sent < LEDGER_LENGTH, "the ledger was too short: " + sent);
            final int[] counts = ledger.toArray();
            long lost = 0;
            long duplicates = 0;
            long deliveries = 0;
            final List<Long> lostSeqs = new ArrayList<>();
            for (int seq = 0; seq < counts.length; seq++)
            {
                final int count = counts[seq];
                deliveries += count;
                if (seq >= sent)
                {
                    assertEquals(0, count, "delivered a message never sent: seq=" + seq);
                }
                else if (count == 0)
                {
                    lost++;
                    if (lostSeqs.size() < 10)
                    {
                        lostSeqs.add((long)seq);
                    }
                }
                else
                {
                    duplicates += count - 1;
                }
            }
            final long processed = run.ctl.get(ACK) + run.ctl.get(ACK + 1);
            assertTrue(deliveries >= processed && deliveries - processed <= KILLS,
                "recorded " + deliveries + " deliveries, acknowledged " + processed + ": at most one a kill between them");
            final long worstPutMs = TimeUnit.NANOSECONDS.toMillis(worstPutNs.get());
            final long boundMs = TIMEOUT_MS + SLACK_MS;
            if (ring)
            {
                assertEquals(0, lost, "messages lost: " + lostSeqs);
                assertTrue(duplicates <= KILLS, "more duplicates than kills: " + duplicates);
                // seen arriving as "the message before": a kill between the ledger and that count may hide one
                assertTrue(run.ctl.get(REDELIVERED) <= duplicates, "redeliveries seen " + run.ctl.get(REDELIVERED) +
                    ", duplicates in the ledger " + duplicates);
            }
            else
            {
                assertEquals(0, duplicates, "MANY_TO_MANY delivered a message twice");
                assertTrue(lost <= KILLS, "lost more than the message each killed consumer held: " + lost + " " + lostSeqs);
                assertTrue(worstPutMs <= boundMs, "the producer waited " + worstPutMs + " ms behind a dead consumer's " +
                    "slot, bound " + boundMs + " ms");
            }
            return "messages=" + sent + ", deliveries=" + deliveries + ", duplicates=" + duplicates + ", lost=" + lost +
                ", worst_producer_wait_ms=" + worstPutMs + (ring ? " (includes the restart delay)" : "") +
                ", unblock_timeout_ms=" + TIMEOUT_MS;
        }
    }

    /**
     * Producers and consumers killed in turn, all in child JVMs: producer 0 and consumer 2 are killed and
     * restarted; in the many-producer modes producer 1 streams throughout, in MANY_TO_MANY consumer 3 takes
     * throughout. Here a consumer may die with a dead producer's torn claim in its batch.
     */
    private String killProducersAndConsumers(final Run run, final QueueMode mode) throws Exception
    {
        final boolean ring = mode.singleConsumer();
        final int producers = mode == QueueMode.ONE_TO_ONE ? 1 : 2;
        final int producerKills = (KILLS + 1) / 2;
        final int consumerKills = KILLS / 2;
        final String unblock = Long.toString(TIMEOUT_MS);
        final String producerCount = Integer.toString(producers);
        try (MessageQueue q = MessageQueue.create(run.ns, "q", mode, run.capacity, queueOptions());
             SharedIntArray ledger = SharedIntArray.create(run.ns, "ledger", LEDGER_LENGTH))
        {
            final List<Child> producerVictims = new ArrayList<>();
            for (int i = 0; i <= producerKills; i++)
            {
                producerVictims.add(run.start("produce", "q", "0", unblock, run.childSeed()));
            }
            final List<Child> consumerVictims = new ArrayList<>();
            for (int i = 0; i <= consumerKills; i++)
            {
                consumerVictims.add(run.start("consume", "q", "2", unblock, run.childSeed(), "ledger",
                    Boolean.toString(ring), producerCount));
            }
            final Child otherProducer = producers == 2 ? run.start("produce", "q", "1", unblock, run.childSeed()) : null;
            final Child otherConsumer = ring ? null :
                run.start("consume", "q", "3", unblock, run.childSeed(), "ledger", "false", producerCount);
            Child producer = producerVictims.get(0);
            Child consumer = consumerVictims.get(0);
            try
            {
                for (final Child child : new Child[] {otherConsumer, consumer, otherProducer, producer})
                {
                    if (child != null)
                    {
                        run.go(child);
                    }
                }
                int producerRestarts = 0;
                int consumerRestarts = 0;
                for (int k = 0; k < KILLS; k++)
                {
                    final Child running = k % 2 == 0 ? producer : consumer;
                    if (running == producer)
                    {
                        final long from = run.ctl.getAcquire(ACK);
                        run.aimKill("producer under load", () -> run.ctl.getAcquire(ACK) > from + 10, running,
                            k % 4 == 2);
                    }
                    else
                    {
                        run.aimKill("consumer under load", () -> run.ctl.getAcquire(AUX + running.slot) > 10, running);
                    }
                    running.jvm.kill9();
                    run.pauseMs(0, 2 * TIMEOUT_MS + 100);
                    if (running == producer)
                    {
                        producer = producerVictims.get(++producerRestarts);
                        run.go(producer);
                    }
                    else
                    {
                        consumer = consumerVictims.get(++consumerRestarts);
                        run.go(consumer);
                    }
                }
                final long from = run.ctl.getAcquire(ACK);
                final Child lastProducer = producer;
                final Child lastConsumer = consumer;
                run.await("last producer under load", () -> run.ctl.getAcquire(ACK) > from + 10, lastProducer);
                run.await("last consumer under load", () -> run.ctl.getAcquire(AUX + lastConsumer.slot) > 10, lastConsumer);
                run.ctl.setRelease(STOP, 1);
                producer.jvm.awaitSuccess(WAIT);
                if (otherProducer != null)
                {
                    otherProducer.jvm.awaitSuccess(WAIT);
                }
                q.markClosed(); // every producer has stopped: fine in ONE_TO_ONE too
                consumer.jvm.awaitSuccess(WAIT);
                if (otherConsumer != null)
                {
                    otherConsumer.jvm.awaitSuccess(WAIT);
                }
            }
            finally
            {
                run.stopThreads();
            }

            run.assertNoChildErrors();
            final int[] counts = ledger.toArray();
            final int perProducer = LEDGER_LENGTH / producers;
            long messages = 0;
            long lost = 0;
            long duplicates = 0;
            long deliveries = 0;
            final List<String> lostMessages = new ArrayList<>();
            for (int p = 0; p < producers; p++)
            {
                final long acked = run.ctl.get(ACK + p); // the last incarnation stopped cleanly: all acknowledged
                assertTrue(acked < perProducer, "the ledger was too short: " + acked);
                messages += acked;
                for (int seq = 0; seq < perProducer; seq++)
                {
                    final int count = counts[p * perProducer + seq];
                    deliveries += count;
                    if (seq >= acked)
                    {
                        assertEquals(0, count, "delivered a message never acknowledged: producer=" + p + ", seq=" + seq);
                    }
                    else if (count == 0)
                    {
                        lost++;
                        if (lostMessages.size() < 10)
                        {
                            lostMessages.add(p + "/" + seq);
                        }
                    }
                    else
                    {
                        duplicates += count - 1;
                    }
                }
            }
            final long processed = run.ctl.get(ACK + 2) + run.ctl.get(ACK + 3);
            assertTrue(deliveries >= processed && deliveries - processed <= consumerKills,
                "recorded " + deliveries + " deliveries, acknowledged " + processed + ": at most one a consumer kill");
            if (ring)
            {
                assertEquals(0, lost, "acknowledged messages lost: " + lostMessages);
                assertTrue(duplicates <= KILLS, "more duplicates than kills: " + duplicates);
            }
            else
            {
                assertTrue(lost <= consumerKills, "lost more than the message each killed consumer held: " + lost +
                    " " + lostMessages);
                assertTrue(duplicates <= producerKills, "more duplicates than producer kills: " + duplicates);
            }
            return "messages=" + messages + ", deliveries=" + deliveries + ", duplicates=" + duplicates + ", lost=" +
                lost + ", producer_kills=" + producerKills + ", consumer_kills=" + consumerKills;
        }
    }

    private static long produceUntilStopped(
        final MessageQueue q, final AtomicBoolean stop, final AtomicBoolean measuring, final AtomicLong worstPutNs)
        throws Exception
    {
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[CrashChild.MAX_LENGTH]);
        long seq = 0;
        while (!stop.get() && seq < LEDGER_LENGTH - 1)
        {
            final int length = CrashChild.encode(scratch, 0, 0, seq);
            final long startNs = System.nanoTime();
            q.put(scratch, 0, length, 30, TimeUnit.SECONDS);
            if (measuring.get())
            {
                worstPutNs.accumulateAndGet(System.nanoTime() - startNs, Math::max);
            }
            seq++;
        }
        q.markClosed(); // by the one producer: right in ONE_TO_ONE too
        return seq;
    }

    // ---- locks ----

    /**
     * Workers 0 and 1 run throughout; worker 2 is killed (every other kill waits until it holds the lock) and
     * restarted.
     */
    private String killLockHolders(final Run run, final boolean reentrant) throws Exception
    {
        final SyncOptions options = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(TIMEOUT_MS));
        final String kind = reentrant ? "rlock" : "lock";
        final Lock lock = reentrant ? null : Lock.create(run.ns, "lock", options);
        final RLock rlock = reentrant ? RLock.create(run.ns, "lock", options) : null;
        final java.util.function.LongSupplier ownerPid = reentrant ? rlock::ownerPid : lock::ownerPid;
        final java.util.function.LongSupplier recoveries = reentrant ? rlock::recoveries : lock::recoveries;
        try
        {
            final List<Child> workers = new ArrayList<>();
            for (int id = 0; id < 2; id++)
            {
                workers.add(run.start("lock", kind, "lock", Integer.toString(id), Long.toString(TIMEOUT_MS), run.childSeed()));
            }
            final List<Child> victims = new ArrayList<>();
            for (int i = 0; i <= KILLS; i++)
            {
                victims.add(run.start("lock", kind, "lock", "2", Long.toString(TIMEOUT_MS), run.childSeed()));
            }
            for (final Child worker : workers)
            {
                run.go(worker);
            }
            Child current = victims.get(0);
            run.go(current);
            long expectedRecoveries = 0;
            long worstRecoveryNs = 0;
            for (int k = 0; k < KILLS; k++)
            {
                final long from = run.ctl.getAcquire(ACK + 2);
                final Child running = current;
                run.aimKill("victim incrementing", () -> run.ctl.getAcquire(ACK + 2) > from + 10, running, k % 2 == 1);
                final long before = recoveries.getAsLong();
                final long deadPid = current.jvm.pid();
                current.jvm.kill9();
                final long killNs = System.nanoTime();
                final boolean heldAtDeath = ownerPid.getAsLong() == deadPid || recoveries.getAsLong() > before;
                if (heldAtDeath)
                {
                    expectedRecoveries++;
                    final long expected = expectedRecoveries;
                    run.await("a survivor to take the lock over", () -> recoveries.getAsLong() >= expected);
                    worstRecoveryNs = Math.max(worstRecoveryNs, System.nanoTime() - killNs);
                    run.await("the new holder to report wasRecovered()", () -> run.ctl.getAcquire(RECOVERED) >= expected);
                }
                assertEquals(expectedRecoveries, recoveries.getAsLong(), "recoveries after kill " + (k + 1) +
                    " (died holding the lock: " + heldAtDeath + ")");
                assertEquals(expectedRecoveries, run.ctl.getAcquire(RECOVERED), "acquisitions with wasRecovered() " +
                    "after kill " + (k + 1) + " (died holding the lock: " + heldAtDeath + ")");
                run.pauseMs(0, 300);
                current = victims.get(k + 1);
                run.go(current);
            }
            final long from = run.ctl.getAcquire(ACK + 2);
            final Child last = current;
            run.await("last victim incrementing", () -> run.ctl.getAcquire(ACK + 2) > from + 10, last);
            run.ctl.setRelease(STOP, 1);
            for (final Child worker : workers)
            {
                worker.jvm.awaitSuccess(WAIT);
            }
            current.jvm.awaitSuccess(WAIT);

            run.assertNoChildErrors();
            final long a = run.ctl.get(STATE_A);
            final long b = run.ctl.get(STATE_B);
            final long acked = run.ctl.get(ACK) + run.ctl.get(ACK + 1) + run.ctl.get(ACK + 2);
            assertEquals(a, b, "invariant after a clean stop");
            assertTrue(a >= acked && a - acked <= KILLS,
                "increments " + a + ", acknowledged " + acked + ": at most one unacknowledged a kill");
            assertEquals(expectedRecoveries, recoveries.getAsLong(), "recoveries");
            assertEquals(expectedRecoveries, run.ctl.get(RECOVERED), "acquisitions that said wasRecovered()");
            final long worstRecoveryMs = TimeUnit.NANOSECONDS.toMillis(worstRecoveryNs);
            final long boundMs = TIMEOUT_MS + SLACK_MS;
            assertTrue(worstRecoveryMs <= boundMs, "a survivor took the lock " + worstRecoveryMs +
                " ms after its holder died, bound " + boundMs + " ms");
            return "increments=" + a + ", acknowledged=" + acked + ", killed_holding=" + expectedRecoveries +
                ", recovered=" + expectedRecoveries + ", invariant_repairs=" + run.ctl.get(REPAIRS) +
                ", worst_takeover_ms=" + worstRecoveryMs + ", liveness_timeout_ms=" + TIMEOUT_MS;
        }
        finally
        {
            if (reentrant)
            {
                rlock.close();
            }
            else
            {
                lock.close();
            }
        }
    }

    // ---- pipes ----

    /**
     * Each round a child streams through a fresh one-way pipe to this JVM and is killed.
     */
    private String killPipeSenders(final Run run) throws Exception
    {
        final SyncOptions options = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(TIMEOUT_MS));
        final List<Child> senders = new ArrayList<>();
        final List<Pipe> pipes = new ArrayList<>();
        try
        {
            for (int i = 0; i < KILLS; i++)
            {
                pipes.add(Pipe.create(run.ns, "p" + i, false, run.capacity));
                senders.add(run.start("pipe-send", "p" + i, Integer.toString(i), Long.toString(TIMEOUT_MS)));
            }
            long messages = 0;
            long inFlight = 0;
            long worstEofNs = 0;
            for (int i = 0; i < KILLS; i++)
            {
                final Child sender = senders.get(i);
                final int id = i;
                try (Connection<byte[]> first = Pipe.connect(run.ns, "p" + i, PipeEnd.FIRST, Codecs.bytes(), options))
                {
                    final List<String> errors = new ArrayList<>();
                    run.go(sender);
                    final Future<CrashChild.Received> receiver = run.executor.submit(() -> CrashChild.receiveUntilEof(first, id,
                        wrong -> keepFirstTen(errors, wrong), count -> { }));
                    run.aimKill("sender streaming", () -> run.ctl.getAcquire(ACK + id) > 10, sender);
                    sender.jvm.kill9();
                    final long killNs = System.nanoTime();
                    final long acked = run.ctl.getAcquire(ACK + id);
                    final CrashChild.Received result = ThreadDumps.get("receiver to reach EOF", WAIT, receiver, run.jvms());
                    assertTrue(errors.isEmpty(), () -> "round " + id + ": " + errors);
                    assertTrue(result.count() >= acked && result.count() <= acked + 1, "round " + id + ": received " +
                        result.count() + ", the sender had sent " + acked + " (and at most one more in flight)");
                    assertEquals("pipe peer gone: name=p" + id + ", end=SECOND, state=dead, pid=" + sender.jvm.pid(),
                        result.eofMessage(), "EOF message");
                    messages += result.count();
                    inFlight += result.count() - acked;
                    worstEofNs = Math.max(worstEofNs, result.eofNs() - killNs);
                }
            }
            final long worstEofMs = TimeUnit.NANOSECONDS.toMillis(worstEofNs);
            final long boundMs = TIMEOUT_MS + SLACK_MS;
            assertTrue(worstEofMs <= boundMs, "EOF " + worstEofMs + " ms after the sender died, bound " + boundMs + " ms");
            return "messages=" + messages + ", in_flight_delivered=" + inFlight + ", lost=0, worst_kill_to_eof_ms=" +
                worstEofMs + ", liveness_timeout_ms=" + TIMEOUT_MS;
        }
        finally
        {
            run.stopThreads();
            pipes.forEach(Pipe::close);
        }
    }

    private static void keepFirstTen(final List<String> errors, final String error)
    {
        if (errors.size() < 10)
        {
            errors.add(error);
        }
    }

    /**
     * Each round this JVM streams through a fresh one-way pipe to a child, which is killed.
     */
    private String killPipeReceivers(final Run run) throws Exception
    {
        final SyncOptions options = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(TIMEOUT_MS));
        final List<Child> receivers = new ArrayList<>();
        final List<Pipe> pipes = new ArrayList<>();
        try
        {
            for (int i = 0; i < KILLS; i++)
            {
                pipes.add(Pipe.create(run.ns, "r" + i, false, run.capacity));
                receivers.add(run.start("pipe-recv", "r" + i, Integer.toString(i), Long.toString(TIMEOUT_MS)));
            }
            long messages = 0;
            long worstBrokenNs = 0;
            for (int i = 0; i < KILLS; i++)
            {
                final Child receiver = receivers.get(i);
                final int id = i;
                run.go(receiver); // attached before it said ready
                try (Connection<byte[]> second = Pipe.connect(run.ns, "r" + i, PipeEnd.SECOND, Codecs.bytes(), options))
                {
                    final Future<SendResult> sender = run.executor.submit(() -> sendUntilBroken(second, id));
                    run.aimKill("receiver receiving", () -> run.ctl.getAcquire(ACK + id) > 10, receiver);
                    receiver.jvm.kill9();
                    final long killNs = System.nanoTime();
                    final long received = run.ctl.getAcquire(ACK + id);
                    final SendResult result = ThreadDumps.get("sender to see the broken pipe", WAIT, sender, run.jvms());
                    assertEquals("pipe peer gone: name=r" + id + ", end=FIRST, state=dead, pid=" + receiver.jvm.pid(),
                        result.message, "broken pipe message");
                    assertTrue(result.sent >= received, "round " + id + ": the receiver acknowledged " + received +
                        " of " + result.sent + " sent");
                    messages += received;
                    worstBrokenNs = Math.max(worstBrokenNs, result.brokenNs - killNs);
                }
            }
            run.assertNoChildErrors();
            final long worstBrokenMs = TimeUnit.NANOSECONDS.toMillis(worstBrokenNs);
            final long boundMs = TIMEOUT_MS + SLACK_MS;
            assertTrue(worstBrokenMs <= boundMs, "broken pipe " + worstBrokenMs + " ms after the receiver died, bound " +
                boundMs + " ms");
            return "messages_received_intact=" + messages + ", worst_kill_to_broken_pipe_ms=" + worstBrokenMs +
                ", liveness_timeout_ms=" + TIMEOUT_MS;
        }
        finally
        {
            run.stopThreads();
            pipes.forEach(Pipe::close);
        }
    }

    private record SendResult(long sent, long brokenNs, String message)
    {
    }

    private static SendResult sendUntilBroken(final Connection<byte[]> end, final int id) throws InterruptedException
    {
        long seq = 0;
        while (true)
        {
            final byte[] message = new byte[CrashChild.lengthOf(id, seq)];
            CrashChild.encode(new UnsafeBuffer(message), 0, id, seq);
            try
            {
                if (!end.trySend(message, 30, TimeUnit.SECONDS))
                {
                    throw new AssertionError("send timed out after 30 s: seq=" + seq);
                }
            }
            catch (final BrokenPipeException ex)
            {
                return new SendResult(seq, System.nanoTime(), ex.getMessage());
            }
            seq++;
        }
    }

    // ---- harness ----

    private static QueueOptions queueOptions()
    {
        return QueueOptions.defaults()
            .withMaxMessageLength(CrashChild.MAX_LENGTH)
            .withLivenessTimeout(Duration.ofMillis(TIMEOUT_MS));
    }

    private record Child(ChildJvm jvm, int slot)
    {
    }

    /**
     * One case: the control array, the children (started ahead, each waiting for its go), threads of this JVM,
     * and the seeded schedule.
     */
    private final class Run implements AutoCloseable
    {
        final SplittableRandom random;
        final Namespace ns;
        final SharedLongArray ctl;
        final List<Child> children = new ArrayList<>();
        final int capacity;
        int earlyKills;
        int windowKills;
        final ExecutorService executor = Executors.newCachedThreadPool((r) ->
        {
            final Thread thread = new Thread(r, "crash-matrix");
            thread.setDaemon(true);
            return thread;
        });

        Run(final long seed)
        {
            this.random = new SplittableRandom(seed);
            this.capacity = CAPACITIES[random.nextInt(CAPACITIES.length)];
            this.ns = Namespace.of(tns.directory());
            this.ctl = SharedLongArray.create(ns, "ctl", CrashChild.LENGTH);
        }

        String childSeed()
        {
            return Long.toString(random.nextLong());
        }

        Child start(final String role, final String... args)
        {
            final int slot = children.size();
            final String[] all = new String[args.length + 3];
            all[0] = role;
            all[1] = "ctl";
            all[2] = Integer.toString(slot);
            System.arraycopy(args, 0, all, 3, args.length);
            final Child child = new Child(tns.startChild(CrashChild.class, all), slot);
            children.add(child);
            return child;
        }

        void go(final Child child)
        {
            await("child ready: " + child.jvm, () -> ctl.getAcquire(READY + child.slot) == 1, child);
            ctl.setRelease(GO + child.slot, 1);
        }

        /**
         * Wait for a condition, failing at once if the child it depends on exits, and with thread dumps on timeout.
         */
        void await(final String what, final BooleanSupplier condition, final Child child)
        {
            ThreadDumps.await(what, WAIT, () ->
            {
                if (condition.getAsBoolean())
                {
                    return true;
                }
                if (!child.jvm.isAlive())
                {
                    throw new AssertionError(what + ": child exited with " + child.jvm.process().exitValue() + ": " +
                        child.jvm + "\n" + child.jvm.output());
                }
                return false;
            }, jvms());
        }

        void await(final String what, final BooleanSupplier condition)
        {
            ThreadDumps.await(what, WAIT, condition, jvms());
        }

        /**
         * Wait for the moment of the next kill: one time in four within 5 ms of the go (while the child starts, takes
         * over leases, repairs what the last one left), else at a random time after it is under load.
         *
         * @return true for an early kill.
         */
        boolean aimKill(final String underLoad, final BooleanSupplier condition, final Child child)
        {
            return aimKill(underLoad, condition, child, false);
        }

        /**
         * Wait for the moment of the next kill, as {@link #aimKill(String, BooleanSupplier, Child)} does, or, when
         * aimed at its window, until the child is under load and then in its crash window.
         *
         * @return true for an early kill.
         */
        boolean aimKill(final String underLoad, final BooleanSupplier condition, final Child child, final boolean window)
        {
            if (window)
            {
                windowKills++;
                await(underLoad, condition, child);
                await("child in its crash window", () -> ctl.getAcquire(WINDOW + child.slot) == 1, child);
                return false;
            }
            if (random.nextInt(4) == 0)
            {
                earlyKills++;
                pauseMs(0, 5);
                return true;
            }
            await(underLoad, condition, child);
            pauseMs(10, 300);
            return false;
        }

        /**
         * Sleep for a random time: the seeded schedule of kills and restarts.
         */
        void pauseMs(final long min, final long max)
        {
            CrashChild.sleepMs(min + random.nextLong(max - min + 1));
        }

        ChildJvm[] jvms()
        {
            return children.stream().map(Child::jvm).filter(ChildJvm::isAlive).toArray(ChildJvm[]::new);
        }

        void assertNoChildErrors()
        {
            final long errors = ctl.get(ERRORS);
            if (errors != 0)
            {
                final StringBuilder out = new StringBuilder();
                for (final Child child : children)
                {
                    if (child.jvm.output().contains("ERROR"))
                    {
                        out.append("\n--- ").append(child.jvm).append(" ---\n").append(child.jvm.output());
                    }
                }
                throw new AssertionError(errors + " errors found by the children:" + out);
            }
        }

        void stopThreads()
        {
            executor.shutdownNow();
            try
            {
                if (!executor.awaitTermination(10, TimeUnit.SECONDS))
                {
                    ThreadDumps.dumpOwnThreads("crash-matrix threads did not stop");
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close()
        {
            stopThreads();
            ctl.close();
        }
    }
}

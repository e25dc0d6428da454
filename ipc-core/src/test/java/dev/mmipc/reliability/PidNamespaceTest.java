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
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.exceptions.CountersLockException;
import dev.mmipc.liveness.Liveness;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.queue.QueueOptions;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.sync.Lock;
import dev.mmipc.sync.RLock;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.PidNamespaces;
import dev.mmipc.test.PidNamespaces.ProcView;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.reliability.PidNamespaceChild.HOLDING;
import static dev.mmipc.reliability.PidNamespaceChild.RELEASED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Owners in another PID namespace (containers sharing {@code /dev/shm}, issue #11): a holder runs as pid 1 of a
 * PID namespace of its own ({@code unshare --pid --fork --kill-child}, with {@code --mount-proc} and without it,
 * where pid 1 reads the host init's start time) while this JVM, on the host, tries to take what it holds with a
 * liveness timeout of {@value #LIVENESS_MS} ms, for {@value #TRY_WHILE_ALIVE_MS} ms. A live holder is never
 * taken over and its own release succeeds. Then its JVM is killed with {@code kill -9} and a host waiter takes over
 * within the staleness limit (the liveness timeout, but at least {@value Liveness#STALE_FLOOR_PERIODS} heartbeat
 * periods: 500 ms), plus the time between two judgements (one heartbeat period for locks and pipes, the unblock
 * timeout for queues), plus {@value #MARGIN_MS} ms for a loaded 2-core machine. Lock, RLock, a MANY_TO_ONE
 * consumer lease, a MANY_TO_MANY claim, a pipe end and the counters allocation lock. Needs root ({@code unshare
 * --pid}); skipped otherwise.
 */
@EnabledOnOs(OS.LINUX)
class PidNamespaceTest
{
    private static final long LIVENESS_MS = 200;
    private static final SyncOptions FAST = SyncOptions.defaults().withLivenessTimeout(Duration.ofMillis(LIVENESS_MS));
    private static final QueueOptions FAST_QUEUE = QueueOptions.defaults()
        .withLivenessTimeout(Duration.ofMillis(LIVENESS_MS));
    /** How long host waiters try while the holder lives: ten liveness timeouts, four staleness limits. */
    private static final long TRY_WHILE_ALIVE_MS = 2_000;
    private static final long MARGIN_MS = 1_000;
    /** Kill to takeover: staleness limit + longest time between two judgements + margin. */
    private static final long TAKEOVER_BOUND_MS =
        Liveness.staleLimitMs(LIVENESS_MS, Liveness.DEFAULT_HEARTBEAT_MS) + LIVENESS_MS + MARGIN_MS;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @FunctionalInterface
    interface Attempt
    {
        boolean run() throws Exception;
    }

    @ParameterizedTest
    @EnumSource(ProcView.class)
    void shouldNeverTakeOverALiveLockHolderInAnotherPidNamespaceAndTakeOverAKilledOne(final ProcView view)
        throws Exception
    {
        PidNamespaces.assumeRoot();
        try (Lock lock = Lock.create(namespace(), "lock", FAST); SharedLong cmd = SharedLong.create(namespace(), "cmd"))
        {
            final ChildJvm holder = startHolder(view, "lock", "lock");
            assertEquals(1, lock.ownerPid(), "the holder is pid 1 of its namespace");

            final long startNs = System.nanoTime();
            assertFalse(lock.tryLock(TRY_WHILE_ALIVE_MS, TimeUnit.MILLISECONDS),
                "a live holder in another pid namespace is never taken over");
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(TRY_WHILE_ALIVE_MS));
            assertEquals(0, lock.recoveries());

            releaseAndTakeAgain(holder, cmd);
            final long tookOverMs = killAndTime(holder, () -> lock.tryLock(30, TimeUnit.SECONDS));
            assertTrue(lock.wasRecovered(), "taken from a dead owner");
            assertEquals(1, lock.recoveries());
            assertEquals(ProcessHandle.current().pid(), lock.ownerPid());
            assertTakenOverInTime("lock", view, tookOverMs);
            lock.unlock();
        }
    }

    @ParameterizedTest
    @EnumSource(ProcView.class)
    void shouldNeverTakeOverALiveRLockHolderInAnotherPidNamespace(final ProcView view) throws Exception
    {
        PidNamespaces.assumeRoot();
        try (RLock lock = RLock.create(namespace(), "rlock", FAST);
             SharedLong cmd = SharedLong.create(namespace(), "cmd"))
        {
            final ChildJvm holder = startHolder(view, "rlock", "rlock");
            assertFalse(lock.isHeldByCurrentThread(), "pid 1 there, thread 1 there: not this process's main thread");
            assertEquals(1, lock.ownerPid());
            assertFalse(lock.tryLock(TRY_WHILE_ALIVE_MS, TimeUnit.MILLISECONDS), "never taken over");
            assertEquals(0, lock.holdCount());

            releaseAndTakeAgain(holder, cmd);
            final long tookOverMs = killAndTime(holder, () -> lock.tryLock(30, TimeUnit.SECONDS));
            assertTrue(lock.wasRecovered());
            assertEquals(1, lock.holdCount());
            assertTakenOverInTime("rlock", view, tookOverMs);
            lock.unlock();
            assertEquals(0, lock.ownerPid());
        }
    }

    @Test
    void shouldNotTakeTheRLockOfPidOneMainThreadOfAnotherContainerForAReentry() throws Exception
    {
        PidNamespaces.assumeRoot();
        try (RLock lock = RLock.create(namespace(), "rlock", FAST);
             SharedLong cmd = SharedLong.create(namespace(), "cmd"))
        {
            final ChildJvm holder = startHolder(ProcView.PRIVATE_PROC, "rlock", "rlock");
            // another container: also pid 1, also thread 1 ("main"), another process (another start time)
            final ChildJvm twin = PidNamespaces.start(ns, ProcView.PRIVATE_PROC, PidNamespaceChild.class, "try-rlock",
                "rlock");
            twin.awaitSuccess(START_TIMEOUT);
            // the same pid and the same thread id (the main thread's: 1 on JDK 17, 3 on JDK 25) in both containers
            final java.util.regex.Pattern who = java.util.regex.Pattern.compile("pid=1 thread=(\\d+)");
            final java.util.regex.Matcher twinWho = who.matcher(twin.output());
            final java.util.regex.Matcher holderWho = who.matcher(holder.output());
            assertTrue(twinWho.find(), twin::output);
            assertTrue(holderWho.find(), holder::output);
            assertEquals(holderWho.group(1), twinWho.group(1), "the twin must run on the holder's thread id");
            assertTrue(twin.output().contains(PidNamespaceChild.TRIED + "false held_by_me=false"),
                "pid 1, thread 1 of another pid namespace is not the holder: " + twin.output());
            assertEquals(1, lock.ownerPid());
            releaseAndTakeAgain(holder, cmd);
        }
    }

    @Test
    void shouldRefuseASecondPidOneThatCannotBeToldFromTheFirst() throws Exception
    {
        PidNamespaces.assumeRoot();
        try (RLock lock = RLock.create(namespace(), "rlock", FAST);
             SharedLong cmd = SharedLong.create(namespace(), "cmd"))
        {
            // with the host's /proc, every pid 1 reads the host init's start time: the same pid, the same start
            final ChildJvm holder = startHolder(ProcView.HOST_PROC, "rlock", "rlock");
            final ChildJvm twin = PidNamespaces.start(
                ns, ProcView.HOST_PROC, PidNamespaceChild.class, "try-rlock", "rlock");
            assertEquals(1, twin.waitFor(START_TIMEOUT), twin::output);
            assertTrue(twin.output().contains("dev.mmipc.exceptions.LivenessException: process identity ambiguous across pid " +
                "namespaces: file=" + ns.path().resolve(".liveness") + ", pid=1, start_ms="), twin::output);
            assertTrue(twin.output().contains(", hint=give each pid namespace its own /proc"), twin::output);
            assertFalse(twin.output().contains(PidNamespaceChild.TRIED), "refused before it could touch the lock");
            assertEquals(1, lock.ownerPid());
            releaseAndTakeAgain(holder, cmd);
        }
    }

    @ParameterizedTest
    @EnumSource(ProcView.class)
    void shouldNeverTakeTheConsumerLeaseOfALiveConsumerInAnotherPidNamespace(final ProcView view) throws Exception
    {
        PidNamespaces.assumeRoot();
        try (MessageQueue queue = MessageQueue.create(namespace(), "q", QueueMode.MANY_TO_ONE, 4096, FAST_QUEUE);
             SharedLong cmd = SharedLong.create(namespace(), "cmd"))
        {
            final ChildJvm holder = startHolder(view, "consumer", "q");
            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TRY_WHILE_ALIVE_MS);
            int refused = 0;
            while (System.nanoTime() - deadlineNs < 0)
            {
                final IllegalStateException busy = assertThrows(IllegalStateException.class,
                    () -> queue.poll((buffer, offset, length) -> { }), "never a second consumer");
                assertTrue(busy.getMessage().startsWith("queue consumer busy: name=q, mode=MANY_TO_ONE, holder_pid=1"),
                    busy.getMessage());
                refused++;
                Thread.sleep(10);
            }
            assertTrue(refused > 10);

            releaseAndTakeAgain(holder, cmd);
            assertTrue(queue.offer("one".getBytes(StandardCharsets.US_ASCII)));
            final List<String> received = new ArrayList<>();
            final long tookOverMs = killAndTime(holder, () ->
            {
                while (true)
                {
                    try
                    {
                        queue.poll((buffer, offset, length) -> received.add(text(buffer, offset, length)));
                        return true;
                    }
                    catch (final IllegalStateException stillBusy)
                    {
                        Thread.sleep(1);
                    }
                }
            });
            assertTakenOverInTime("consumer lease", view, tookOverMs);
            assertEquals(List.of("one"), received, "the message the dead consumer never took");
        }
    }

    @ParameterizedTest
    @EnumSource(ProcView.class)
    void shouldNeverSkipTheClaimOfALiveProducerInAnotherPidNamespace(final ProcView view) throws Exception
    {
        PidNamespaces.assumeRoot();
        try (MessageQueue queue = MessageQueue.create(namespace(), "q", QueueMode.MANY_TO_MANY, 4096, FAST_QUEUE);
             SharedLong cmd = SharedLong.create(namespace(), "cmd"))
        {
            final ChildJvm holder = startHolder(view, "claim", "q");
            assertTrue(queue.offer("host-1".getBytes(StandardCharsets.US_ASCII)));
            final List<String> received = new ArrayList<>();
            final MessageHandler collect = (buffer, offset, length) -> received.add(text(buffer, offset, length));
            assertFalse(queue.take(collect, TRY_WHILE_ALIVE_MS, TimeUnit.MILLISECONDS),
                "blocked behind the live producer's claim");
            assertEquals(0, queue.recoveries(), "a live producer's claim is never skipped");

            releaseAndTakeAgain(holder, cmd);
            assertTrue(queue.take(collect, 10, TimeUnit.SECONDS));
            assertTrue(queue.take(collect, 10, TimeUnit.SECONDS));
            assertEquals(List.of("from-child-1", "host-1"), received, "the committed claim, then the message after it");
            assertTrue(queue.offer("host-2".getBytes(StandardCharsets.US_ASCII)));

            final long tookOverMs = killAndTime(holder, () -> queue.take(collect, 30, TimeUnit.SECONDS));
            assertEquals(1, queue.recoveries(), "the dead producer's claim skipped");
            assertEquals(List.of("from-child-1", "host-1", "host-2"), received);
            assertTakenOverInTime("many-to-many claim", view, tookOverMs);
        }
    }

    @ParameterizedTest
    @EnumSource(ProcView.class)
    void shouldNeverReportEndOfFileFromALivePeerInAnotherPidNamespace(final ProcView view) throws Exception
    {
        PidNamespaces.assumeRoot();
        try (Pipe pipe = Pipe.create(namespace(), "pipe");
             Connection<String> first = Pipe.connect(namespace(), "pipe", PipeEnd.FIRST, Codecs.utf8(), FAST);
             SharedLong cmd = SharedLong.create(namespace(), "cmd"))
        {
            assertEquals("pipe", pipe.name());
            final ChildJvm holder = startHolder(view, "pipe", "pipe");
            assertFalse(first.poll(TRY_WHILE_ALIVE_MS, TimeUnit.MILLISECONDS), "nothing sent, and no end of file");
            final IllegalStateException inUse = assertThrows(IllegalStateException.class,
                () -> Pipe.connect(namespace(), "pipe", PipeEnd.SECOND, Codecs.utf8(), FAST), "the end is attached");
            assertEquals("pipe end in use: name=pipe, end=SECOND, pid=1", inUse.getMessage());

            releaseAndTakeAgain(holder, cmd);
            assertEquals("ping", first.recv());
            final long tookOverMs = killAndTime(holder, () ->
            {
                final EOFException eof = assertThrows(EOFException.class, first::recv);
                assertEquals("pipe peer gone: name=pipe, end=SECOND, state=dead, pid=1", eof.getMessage());
                return true;
            });
            assertTakenOverInTime("pipe end of file", view, tookOverMs);
        }
    }

    @ParameterizedTest
    @EnumSource(ProcView.class)
    void shouldNeverTakeTheCountersLockOfALiveHolderInAnotherPidNamespace(final ProcView view) throws Exception
    {
        PidNamespaces.assumeRoot();
        final SharedCounters.Options options = SharedCounters.Options.defaults()
            .withLivenessTimeout(Duration.ofMillis(LIVENESS_MS)).withLockTimeout(Duration.ofMillis(TRY_WHILE_ALIVE_MS));
        try (SharedCounters counters = SharedCounters.create(namespace(), "counters", 16, options);
             SharedLong cmd = SharedLong.create(namespace(), "cmd"))
        {
            final ChildJvm holder = startHolder(view, "counters", "counters");
            final CountersLockException busy = assertThrows(
                CountersLockException.class, () -> counters.allocate("host-1"));
            assertTrue(busy.getMessage().startsWith(
                "counters lock not acquired: name=counters, holder_pid=1, waited_ms="), busy.getMessage());
            assertEquals(0, counters.lockTakeovers());

            releaseAndTakeAgain(holder, cmd);
            assertTrue(counters.findByLabel("child-1") >= 0, "the child's allocation completed");
            final long tookOverMs = killAndTime(holder, () -> counters.allocate("host-2") != null);
            assertEquals(1, counters.lockTakeovers());
            assertTrue(counters.findByLabel("host-2") >= 0);
            assertTakenOverInTime("counters lock", view, tookOverMs);
        }
    }

    @Test
    void shouldKeepAStoppedHolderOfThisPidNamespaceAndTakeOverAStoppedOneOfAnother() throws Exception
    {
        PidNamespaces.assumeRoot();
        try (Lock lock = Lock.create(namespace(), "lock", FAST); SharedLong cmd = SharedLong.create(namespace(), "cmd"))
        {
            final ChildJvm sameNamespace = ns.startChild(PidNamespaceChild.class, "lock", "lock", "cmd");
            sameNamespace.awaitOutput(HOLDING + 1, START_TIMEOUT);
            PidNamespaces.signal("STOP", sameNamespace.pid());
            try
            {
                assertFalse(lock.tryLock(TRY_WHILE_ALIVE_MS, TimeUnit.MILLISECONDS), "stopped, but the OS says alive");
            }
            finally
            {
                PidNamespaces.signal("CONT", sameNamespace.pid());
            }
            releaseAndTakeAgain(sameNamespace, cmd);
            sameNamespace.kill9();
            assertTrue(lock.tryLock(30, TimeUnit.SECONDS));
            lock.unlock();

            final ChildJvm otherNamespace = startHolder(ProcView.PRIVATE_PROC, "lock", "lock");
            final long jvm = PidNamespaces.jvmHostPid(otherNamespace);
            PidNamespaces.signal("STOP", jvm);
            try
            {
                final long stoppedNs = System.nanoTime();
                assertTrue(lock.tryLock(30, TimeUnit.SECONDS), "a stopped process in another namespace stops beating");
                final long tookOverMs = (System.nanoTime() - stoppedNs) / 1_000_000;
                assertTrue(lock.wasRecovered());
                assertTakenOverInTime("lock of a stopped holder", ProcView.PRIVATE_PROC, tookOverMs);
                lock.unlock();
            }
            finally
            {
                PidNamespaces.signal("CONT", jvm);
            }
        }
    }

    private static String text(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        return buffer.getStringWithoutLengthAscii(offset, length);
    }

    private ChildJvm startHolder(final ProcView view, final String kind, final String name)
    {
        final ChildJvm holder = PidNamespaces.start(ns, view, PidNamespaceChild.class, kind, name, "cmd");
        holder.awaitOutput(HOLDING + 1, START_TIMEOUT);
        assertTrue(holder.output().contains("pid=1 "), holder::output);
        return holder;
    }

    /**
     * The holder's own release must work (it was never taken over), then it takes the object again.
     */
    private static void releaseAndTakeAgain(final ChildJvm holder, final SharedLong cmd)
    {
        cmd.set(1);
        holder.awaitOutput(HOLDING + 2, START_TIMEOUT);
        assertTrue(holder.output().contains(RELEASED), holder::output);
    }

    private static void assertTakenOverInTime(final String what, final ProcView view, final long tookOverMs)
    {
        System.out.println(what + " (" + view + ") taken over " + tookOverMs + " ms after the kill");
        assertTrue(tookOverMs < TAKEOVER_BOUND_MS,
            what + " taken over " + tookOverMs + " ms after the kill, bound " + TAKEOVER_BOUND_MS + " ms");
    }

    /**
     * Kill the holder's JVM (its host pid) with SIGKILL, then time the attempt, which must succeed.
     *
     * @return milliseconds from the kill to the attempt's success.
     */
    private static long killAndTime(final ChildJvm holder, final Attempt attempt) throws Exception
    {
        final long killNs = PidNamespaces.killJvm(holder);
        assertTrue(attempt.run(), "taken over after the kill");
        final long tookOverMs = (System.nanoTime() - killNs) / 1_000_000;
        holder.waitFor(Duration.ofSeconds(30)); // unshare exits once its namespace's init has died
        return tookOverMs;
    }

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }
}

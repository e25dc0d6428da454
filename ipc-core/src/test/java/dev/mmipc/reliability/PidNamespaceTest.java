package dev.mmipc.reliability;

import dev.mmipc.Namespace;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.sync.Lock;
import dev.mmipc.sync.SyncOptions;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import dev.mmipc.test.ThreadDumps;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.reliability.PidNamespaceChild.HOLDING;
import static dev.mmipc.reliability.PidNamespaceChild.RELEASED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Owners in another PID namespace (containers sharing {@code /dev/shm}): a holder runs as pid 1 of its own PID
 * namespace ({@code unshare --pid --fork --kill-child}, with and without {@code --mount-proc}) while this JVM, on
 * the host, waits with a short liveness timeout. A live holder is never taken over and its release succeeds; once
 * it is killed with {@code kill -9}, a waiter takes over within the liveness timeout and one heartbeat period.
 * Needs root (for {@code unshare --pid}); skipped otherwise.
 */
@EnabledOnOs(OS.LINUX)
class PidNamespaceTest
{
    private static final long LIVENESS_MS = 200;
    private static final SyncOptions FAST = SyncOptions.defaults().livenessTimeout(LIVENESS_MS, TimeUnit.MILLISECONDS);
    /** How long host waiters try while the holder lives. */
    private static final long TRY_WHILE_ALIVE_MS = 3_000;
    /** Takeover bound after the kill: staleness (at least 5 heartbeat periods) + one period + margin (2 cores). */
    private static final long TAKEOVER_BOUND_MS = 500 + 100 + 1_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    /**
     * The two forms of a PID namespace: with a /proc of its own, and with the host's /proc, where the JVM's
     * pid 1 reads the host init's start time.
     */
    enum ProcView
    {
        PRIVATE_PROC("--mount-proc "),
        HOST_PROC("");

        final String option;

        ProcView(final String option)
        {
            this.option = option;
        }
    }

    @ParameterizedTest
    @EnumSource(ProcView.class)
    void shouldNeverTakeOverALiveLockHolderInAnotherPidNamespaceAndTakeOverAKilledOne(final ProcView view)
        throws Exception
    {
        assumeRoot();
        try (Lock lock = Lock.create(namespace(), "lock", FAST); SharedLong cmd = SharedLong.create(namespace(), "cmd"))
        {
            final ChildJvm holder = startInPidNamespace(view, "lock", "lock", "cmd");
            holder.awaitOutput(HOLDING + 1, START_TIMEOUT);
            assertEquals(1, lock.ownerPid(), "the holder is pid 1 of its namespace");

            final long startNs = System.nanoTime();
            assertFalse(lock.tryLock(TRY_WHILE_ALIVE_MS, TimeUnit.MILLISECONDS),
                "a live holder in another pid namespace is never taken over");
            assertTrue(System.nanoTime() - startNs >= TimeUnit.MILLISECONDS.toNanos(TRY_WHILE_ALIVE_MS));
            assertEquals(0, lock.recoveries());

            cmd.set(1);
            holder.awaitOutput(HOLDING + 2, START_TIMEOUT);
            assertTrue(holder.output().contains(RELEASED), holder::output);

            final long tookOverMs = killAndTime(holder, () -> lock.tryLock(30, TimeUnit.SECONDS));
            assertTrue(lock.wasRecovered(), "taken from a dead owner");
            assertEquals(1, lock.recoveries());
            assertEquals(ProcessHandle.current().pid(), lock.ownerPid());
            assertTrue(tookOverMs < TAKEOVER_BOUND_MS, "taken over " + tookOverMs + " ms after the kill");
            System.out.println("lock (" + view + ") taken over " + tookOverMs + " ms after the kill");
            lock.unlock();
        }
    }

    interface Attempt
    {
        boolean run() throws Exception;
    }

    /**
     * Kill the holder's JVM (its host pid) with SIGKILL, then time the attempt, which must succeed.
     *
     * @return milliseconds from the kill to the attempt's success.
     */
    private static long killAndTime(final ChildJvm holder, final Attempt attempt) throws Exception
    {
        final long jvm = jvmHostPid(holder);
        final ProcessHandle handle = ProcessHandle.of(jvm).orElseThrow();
        final long killNs = System.nanoTime();
        assertTrue(handle.destroyForcibly(), "kill -9 of the holder jvm, host pid " + jvm);
        assertTrue(attempt.run(), "taken over after the kill");
        final long tookOverMs = (System.nanoTime() - killNs) / 1_000_000;
        holder.waitFor(Duration.ofSeconds(30)); // unshare exits once its namespace's init has died
        return tookOverMs;
    }

    /**
     * The child process is {@code unshare}; the JVM is its only child, pid 1 of the new namespace.
     */
    static long jvmHostPid(final ChildJvm child)
    {
        final Path children = Path.of("/proc", Long.toString(child.pid()), "task", Long.toString(child.pid()), "children");
        final long[] pid = new long[1];
        ThreadDumps.await("the jvm under unshare", Duration.ofSeconds(30), () ->
        {
            final Optional<String> first = readFirstWord(children);
            first.ifPresent(p -> pid[0] = Long.parseLong(p));
            return first.isPresent();
        }, child);
        return pid[0];
    }

    private static Optional<String> readFirstWord(final Path path)
    {
        try
        {
            final String text = Files.readString(path).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(text.split("\\s+")[0]);
        }
        catch (final IOException ex)
        {
            return Optional.empty();
        }
    }

    ChildJvm startInPidNamespace(final ProcView view, final String... args)
    {
        // the shell replaces itself with unshare, which runs the JVM command ("$@") as pid 1 of a new PID
        // namespace; --kill-child: killing unshare kills the JVM, and the JVM's death ends unshare
        return ns.startChild(new ChildJvm.Options().shellPrelude(
            "exec unshare --pid --fork --kill-child " + view.option + "\"$@\""), PidNamespaceChild.class, args);
    }

    static void assumeRoot() throws IOException
    {
        assumeTrue((Integer)Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0, "unshare --pid needs root");
    }

    private Namespace namespace()
    {
        return Namespace.of(ns.directory());
    }
}

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
package dev.mmipc.liveness;

import dev.mmipc.exceptions.LivenessException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether the owner recorded in a namespace directory's shared memory lives: the one judgement behind every lock,
 * lease, claim, pipe end and region creator of mmipc.
 * <p>
 * <b>Registration.</b> A process that opens or creates a region in a directory first {@link #register}s there: it
 * claims a slot in the directory's liveness table ({@link LivenessDescriptor}) recording its pid, start time and PID
 * namespace, and the daemon thread {@code mmipc-heartbeat} renews the slot's heartbeat every
 * {@link #heartbeatPeriodMs()} (system property {@value #HEARTBEAT_PROPERTY}, default {@value #DEFAULT_HEARTBEAT_MS}
 * ms). The slot is kept for the life of the process: there is no shutdown hook, because hooks run while other
 * threads may still hold locks, and a freed slot would let another PID namespace take them. A dead process's slot
 * is reused once it is judged dead. A table full of live processes, or a live process in another PID namespace
 * with this process's pid and start time, is a {@link LivenessException}: a process never runs unregistered.
 * <p>
 * <b>Judgement</b> ({@link #isAlive}) of an owner recorded as (pid, start time), over the slots that record them:
 * <ul>
 *   <li>a slot of the judge's own PID namespace (with a {@code /proc} of that namespace): alive if the OS says a
 *   process with that pid and start time runs. A stopped process ({@code SIGSTOP}) is alive.</li>
 *   <li>a slot of another PID namespace: alive while its heartbeat is younger than the caller's liveness timeout,
 *   and never judged dead sooner than {@value #STALE_FLOOR_PERIODS} of the owner's heartbeat periods (500 ms by
 *   default), so that a scheduling delay or a short GC pause never makes a live owner look dead. A pid that this
 *   namespace cannot see is not a sign of death. A stopped process stops beating and is judged dead after that
 *   time; so is a process whose JVM pauses longer (choose the liveness timeout above the longest pause).</li>
 *   <li>several slots (one pid and start time in two namespaces): alive if any is.</li>
 *   <li>no slot (a process that never registered, or whose slot was reused after its death): the OS check.</li>
 * </ul>
 * A killed owner in another PID namespace is thus judged dead between {@code max(timeout, floor)} and
 * {@code max(timeout, floor) + period} after its death. The heartbeat is an epoch-clock time, as Aeron's client
 * heartbeat is: a step of the wall clock forward by more than that time makes live owners in other namespaces look
 * dead (a step back only delays recovery).
 * <p>
 * A JVM keeps the table of every directory it used mapped, and beating, until it exits ({@value
 * LivenessDescriptor#SLOT_COUNT} slots: 64 KiB per directory). Tools that only read ({@link #of}) do not register.
 */
public final class Liveness
{
    /** System property: the heartbeat period of this JVM, in milliseconds. */
    public static final String HEARTBEAT_PROPERTY = "mmipc.liveness.heartbeat.ms";
    /** Heartbeat period when the property is not set. */
    public static final long DEFAULT_HEARTBEAT_MS = 100;
    /** Shortest heartbeat period accepted. */
    public static final long MIN_HEARTBEAT_MS = 10;
    /** Longest heartbeat period accepted. */
    public static final long MAX_HEARTBEAT_MS = 10_000;
    /** An owner in another PID namespace is never judged dead before this many of its heartbeat periods. */
    public static final int STALE_FLOOR_PERIODS = 5;
    /** Liveness timeout of judgements made without one (tools, inspectors, region creators). */
    public static final long DEFAULT_STALE_AFTER_NS = TimeUnit.SECONDS.toNanos(1);

    private static final ConcurrentHashMap<Path, Liveness> DIRECTORIES = new ConcurrentHashMap<>();

    private final Path directory;
    private final Path tableFile;
    private final Viewpoint viewpoint;
    private volatile LivenessTable table;
    private volatile Heartbeat.Registration registration;

    Liveness(final Path directory, final Viewpoint viewpoint)
    {
        this.directory = directory;
        this.tableFile = directory.resolve(LivenessDescriptor.FILE_NAME);
        this.viewpoint = viewpoint;
    }

    /**
     * Register this process in the directory's liveness table, creating the table if needed, unless it is
     * registered there already (in the table now at that name); start the heartbeat thread on first use.
     *
     * @param directory a checked namespace directory.
     * @return the directory's judge.
     * @throws LivenessException when the table is full of live processes, not a valid table, not creatable, this
     *                           process cannot be told apart from a live one in another PID namespace, or the
     *                           heartbeat property is out of range.
     */
    public static Liveness register(final Path directory)
    {
        final Liveness liveness = of(directory);
        liveness.join();
        return liveness;
    }

    /**
     * The judge of a directory, for processes that only read (tools, inspectors): registers nothing. In a
     * process that registered there, the registered judge.
     *
     * @param directory a namespace directory.
     * @return its judge.
     */
    public static Liveness of(final Path directory)
    {
        return DIRECTORIES.computeIfAbsent(
            directory.toAbsolutePath().normalize(), dir -> new Liveness(dir, Viewpoint.CURRENT));
    }

    /**
     * @return the heartbeat period of this JVM in milliseconds, from {@value #HEARTBEAT_PROPERTY}.
     * @throws LivenessException when the property is not a number in [{@value #MIN_HEARTBEAT_MS},
     *                           {@value #MAX_HEARTBEAT_MS}].
     */
    public static long heartbeatPeriodMs()
    {
        final String value = System.getProperty(HEARTBEAT_PROPERTY);
        if (value == null || value.isBlank())
        {
            return DEFAULT_HEARTBEAT_MS;
        }
        long periodMs = -1;
        try
        {
            periodMs = Long.parseLong(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            // reported below
        }
        if (periodMs < MIN_HEARTBEAT_MS || periodMs > MAX_HEARTBEAT_MS)
        {
            throw new LivenessException("heartbeat period out of range: property=" + HEARTBEAT_PROPERTY +
                ", value=\"" + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "\", min_ms=" +
                MIN_HEARTBEAT_MS + ", max_ms=" + MAX_HEARTBEAT_MS);
        }
        return periodMs;
    }

    /**
     * How often a waiter that found an owner alive asks again: its liveness timeout, but at least once per
     * heartbeat period, so that an owner in another PID namespace is taken over within one period of its
     * heartbeat going stale.
     *
     * @param livenessTimeoutNs the waiter's liveness timeout.
     * @return nanoseconds between two judgements of the same owner.
     */
    public static long recheckIntervalNs(final long livenessTimeoutNs)
    {
        long periodMs;
        try
        {
            periodMs = heartbeatPeriodMs();
        }
        catch (final LivenessException ex)
        {
            periodMs = DEFAULT_HEARTBEAT_MS;
        }
        return Math.max(1, Math.min(livenessTimeoutNs, TimeUnit.MILLISECONDS.toNanos(periodMs)));
    }

    /**
     * @param staleAfterMs the caller's liveness timeout, ms.
     * @param periodMs     the owner's heartbeat period as its slot records it (clamped into the accepted range).
     * @return the age in ms past which that owner's heartbeat means it is dead.
     */
    public static long staleLimitMs(final long staleAfterMs, final long periodMs)
    {
        final long period = Math.max(MIN_HEARTBEAT_MS, Math.min(MAX_HEARTBEAT_MS, periodMs));
        // at most ~292 years: the caller subtracts it from the epoch time now without overflow
        return Math.min(Long.MAX_VALUE / 1_000_000, Math.max(staleAfterMs, STALE_FLOOR_PERIODS * period));
    }

    /**
     * @param ns nanoseconds; negative counts as 0.
     * @return milliseconds, rounded up, without overflow at {@code Long.MAX_VALUE}.
     */
    static long toMsRoundingUp(final long ns)
    {
        return ns <= 0 ? 0 : ns / 1_000_000 + (ns % 1_000_000 == 0 ? 0 : 1);
    }

    /**
     * @return the namespace directory judged.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * Is the owner recorded as (pid, start time) alive? See the class documentation for the rules.
     *
     * @param pid          the owner's pid as recorded (its own PID namespace's number); 0 or less is nobody.
     * @param startMs      its start time as recorded, or {@link ProcessIdentity#UNKNOWN_START} when not recorded.
     * @param staleAfterNs the caller's liveness timeout: how old a heartbeat may be.
     * @return true if alive; false for nobody.
     * @throws LivenessException when the directory's table file is not a valid table.
     */
    public boolean isAlive(final long pid, final long startMs, final long staleAfterNs)
    {
        if (pid <= 0)
        {
            return false;
        }
        if (pid == viewpoint.self.pid() &&
            (startMs == viewpoint.self.startTimeMs() || startMs == ProcessIdentity.UNKNOWN_START))
        {
            return true; // this process, or one no judge could tell from it: alive
        }
        final LivenessTable table = table();
        if (table != null)
        {
            final int verdict = table.judge(viewpoint, pid, startMs, toMsRoundingUp(staleAfterNs));
            if (verdict != LivenessTable.NO_SLOT)
            {
                return verdict == LivenessTable.ALIVE;
            }
        }
        return viewpoint.os.isAlive(pid, startMs);
    }

    /**
     * Is the owner recorded as an identity word ({@link OwnerWords}) alive?
     *
     * @param identity     an identity word; 0 is nobody.
     * @param staleAfterNs the caller's liveness timeout: how old a heartbeat may be.
     * @return true if alive (same pid, and same start time where recorded); false for nobody.
     * @throws LivenessException when the directory's table file is not a valid table.
     */
    public boolean isOwnerAlive(final long identity, final long staleAfterNs)
    {
        return identity != 0 &&
            isAlive(OwnerWords.identityPid(identity), OwnerWords.identityStartMs(identity), staleAfterNs);
    }

    /**
     * For tools and inspectors: an identity word in words.
     *
     * @param identity an identity word; 0 is nobody.
     * @return {@code none}, or {@code pid N (alive)} / {@code pid N (dead)}, judged with
     * {@link #DEFAULT_STALE_AFTER_NS}.
     */
    public String describeOwner(final long identity)
    {
        if (identity == 0)
        {
            return "none";
        }
        return "pid " + OwnerWords.identityPid(identity) +
            (isOwnerAlive(identity, DEFAULT_STALE_AFTER_NS) ? " (alive)" : " (dead)");
    }

    /**
     * For tools: the PID namespace recorded for an owner, where the table has it.
     *
     * @param pid     the owner's pid as recorded.
     * @param startMs its start time as recorded, or {@link ProcessIdentity#UNKNOWN_START}.
     * @return the inode of its PID namespace, {@link PidNamespace#UNKNOWN} when no slot records it (or when two
     * slots in different namespaces do).
     */
    public long pidNamespaceOf(final long pid, final long startMs)
    {
        final LivenessTable table = table();
        if (table == null || pid <= 0)
        {
            return PidNamespace.UNKNOWN;
        }
        final List<LivenessTable.SlotView> slots = table.find(pid, startMs);
        long namespace = PidNamespace.UNKNOWN;
        for (final LivenessTable.SlotView slot : slots)
        {
            if (namespace != PidNamespace.UNKNOWN && namespace != slot.pidNamespace())
            {
                return PidNamespace.UNKNOWN;
            }
            namespace = slot.pidNamespace();
        }
        return namespace;
    }

    /**
     * @return true once this process is registered in the directory's table.
     */
    public boolean isRegistered()
    {
        return registration != null;
    }

    /**
     * @return this process's registration, null before {@link #register}.
     */
    Heartbeat.Registration registration()
    {
        return registration;
    }

    private LivenessTable table()
    {
        LivenessTable current = table;
        if (current == null)
        {
            synchronized (this)
            {
                current = table;
                if (current == null)
                {
                    current = LivenessTable.openIfExists(directory);
                    table = current;
                }
            }
        }
        return current;
    }

    private void join()
    {
        final Object fileKey = fileKey(tableFile);
        final Heartbeat.Registration joined = registration;
        if (joined != null && Objects.equals(fileKey, joined.table().fileKey()))
        {
            return;
        }
        synchronized (this)
        {
            final Heartbeat.Registration again = registration;
            if (again != null && Objects.equals(fileKey, again.table().fileKey()))
            {
                return;
            }
            final long periodMs = Heartbeat.periodMs(heartbeatPeriodMs());
            LivenessTable current = table;
            if (current == null || fileKey == null || !fileKey.equals(current.fileKey()))
            {
                // none mapped yet, or the file was replaced (the directory removed and made again): the one at the
                // name now; a table mapped before stays mapped and beating for processes that still share it
                current = LivenessTable.openOrCreate(directory, viewpoint.clock.time());
                table = current;
            }
            final Heartbeat.Registration fresh = new Heartbeat.Registration(current, viewpoint, periodMs);
            registration = fresh;
            Heartbeat.add(fresh, periodMs);
        }
    }

    private static Object fileKey(final Path file)
    {
        try
        {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        }
        catch (final IOException ex)
        {
            return null;
        }
    }

    @Override
    public String toString()
    {
        return "Liveness{dir=" + directory + ", registered=" + isRegistered() + '}';
    }
}

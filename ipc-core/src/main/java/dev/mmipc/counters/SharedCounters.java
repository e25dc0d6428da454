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
package dev.mmipc.counters;

import dev.mmipc.Namespace;
import dev.mmipc.exceptions.CountersFullException;
import dev.mmipc.exceptions.CountersLockException;
import dev.mmipc.exceptions.RegionExistsException;
import dev.mmipc.exceptions.RegionNotFoundException;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.liveness.Timeouts;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionHandle;
import dev.mmipc.region.RegionKind;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import static dev.mmipc.counters.CountersDescriptor.*;
import static org.agrona.concurrent.status.CountersReader.*;

/**
 * Labelled counters shared between processes: one region of kind {@link RegionKind#COUNTERS} holding
 * Agrona's counters metadata and values buffers (see {@link CountersDescriptor}). Any process allocates
 * counters ({@link #allocate(String)}), updates them through {@link SharedCounter}, and reads them all, live,
 * through Agrona's {@link CountersReader} ({@link #reader()}), {@link #forEach(CounterVisitor)},
 * {@link #findByLabel(String)} and friends. Freed ids are reused, lowest first.
 * <pre>{@code
 * try (SharedCounters counters = SharedCounters.openOrCreate(ns, "stats", 1024);
 *      SharedCounter sent = counters.allocate("messages sent"))
 * {
 *     sent.increment();
 *     counters.forEach((id, typeId, label, value) -> System.out.println(id + " " + label + " = " + value));
 * }
 * }</pre>
 * <b>Why allocation does not use Agrona's {@code CountersManager}.</b> {@code CountersManager} keeps its
 * high-water mark and its free list in private fields of the Java object, not in the buffers. Two processes,
 * each with a {@code CountersManager} over the same buffers, therefore hand out the same ids. Taking a
 * cross-process lock around each allocation does not help: a {@code CountersManager} built fresh under the
 * lock starts from high-water mark -1 and an empty free list (there is no way to seed either), so it hands
 * out id 0 every time and overwrites live counters; a long-lived one never learns of other processes'
 * allocations and frees. Its private state cannot be reached without reflection on private fields. So
 * allocation and free are written here ({@code CounterRecords}) in <em>exactly</em> Agrona's record format
 * and store order, with the allocation state (high-water mark, number of reclaimed records) in the region's
 * allocation section, guarded by a lock word taken with CAS. A test writes the same allocations through a
 * {@code CountersManager} and through this class and compares the metadata byte for byte. Reading is
 * Agrona's {@code CountersReader}; value updates are Agrona's {@code AtomicCounter}. Beyond what
 * {@code CountersManager.allocate(label, typeId)} writes, each allocation stores a registration id (unique
 * per region, from 1) and the allocating pid as owner id in the counter's values record.
 * <p>
 * <b>A dead lock holder</b> (kill -9 inside allocate or free) does not wedge allocation: a waiter that saw
 * the same holder for the liveness timeout asks whether it lives (pid and process start time through the OS in its
 * own PID namespace, its heartbeat in another, see {@link dev.mmipc.liveness.Liveness}), and if not takes the lock
 * over with a CAS and repairs the allocation state from the records. A live holder is never overridden, whatever
 * PID namespace it runs in; one that keeps the lock past the lock timeout makes
 * {@code allocate} throw {@link CountersLockException}.
 * <p>
 * <b>Labels</b> are UTF-8, at most {@link CountersDescriptor#MAX_LABEL_LENGTH} bytes; longer labels are refused
 * (Agrona would truncate them silently). When every counter is allocated, {@code allocate} throws
 * {@link CountersFullException}.
 * <p>
 * <b>Lifetime.</b> Closing a {@code SharedCounters} unmaps the region; counters it allocated stay allocated
 * in the region (other processes may be reading them) until freed. Every later call through this handle, its
 * {@link SharedCounter}s or its {@link #reader()} throws {@link IllegalStateException}. A handle may be used by
 * several threads; close must not race with their calls.
 */
public final class SharedCounters implements RegionHandle
{
    /**
     * Timeouts of a handle. Immutable: every {@code withX} returns a copy. Defaults: liveness timeout one second,
     * lock timeout 30 s, free-to-reuse timeout 0 (a freed id may be reused at once).
     */
    public static final class Options
    {
        /** Default time the same holder may keep the allocation lock before a waiter checks it is alive. */
        public static final Duration DEFAULT_LIVENESS_TIMEOUT = Timeouts.DEFAULT_LIVENESS_TIMEOUT;

        /** Default time {@code allocate} and {@code free} wait for a live holder before giving up. */
        public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

        private static final Options DEFAULTS =
            new Options(DEFAULT_LIVENESS_TIMEOUT, DEFAULT_LOCK_TIMEOUT, Duration.ZERO, null);

        private final Duration livenessTimeout;
        private final Duration lockTimeout;
        private final Duration freeToReuseTimeout;
        final Runnable afterPublishHook; // tests only: runs inside the lock between publishing a record and the hwm

        private Options(
            final Duration livenessTimeout, final Duration lockTimeout, final Duration freeToReuseTimeout,
            final Runnable afterPublishHook)
        {
            this.livenessTimeout = livenessTimeout;
            this.lockTimeout = lockTimeout;
            this.freeToReuseTimeout = freeToReuseTimeout;
            this.afterPublishHook = afterPublishHook;
        }

        /**
         * @return the defaults.
         */
        public static Options defaults()
        {
            return DEFAULTS;
        }

        /**
         * @param livenessTimeout how long a waiter lets the same holder keep the allocation lock before asking
         *                        whether it is alive (the OS in its own PID namespace; in another, how old its
         *                        heartbeat may be, at least 5 heartbeat periods); from
         *                        {@link Timeouts#MIN_LIVENESS_TIMEOUT} to {@link Timeouts#MAX_TIMEOUT}.
         * @return a copy with this liveness timeout.
         * @throws IllegalArgumentException when null or out of range.
         */
        public Options withLivenessTimeout(final Duration livenessTimeout)
        {
            return new Options(
                Timeouts.checkLivenessTimeout(livenessTimeout), lockTimeout, freeToReuseTimeout, afterPublishHook);
        }

        /**
         * @param lockTimeout how long to wait in all for a live holder of the allocation lock; positive, at most
         *                    {@link Timeouts#MAX_TIMEOUT}.
         * @return a copy with this lock timeout.
         * @throws IllegalArgumentException when null or out of range.
         */
        public Options withLockTimeout(final Duration lockTimeout)
        {
            return new Options(
                livenessTimeout, Timeouts.checkPositive("lockTimeout", lockTimeout),
                freeToReuseTimeout, afterPublishHook);
        }

        /**
         * @param freeToReuseTimeout how long a freed id stays unused before it may be handed out again, as Agrona's
         *                           {@code freeToReuseTimeoutMs} (kept in milliseconds); zero or more, at most
         *                           {@link Timeouts#MAX_TIMEOUT}.
         * @return a copy with this free-to-reuse timeout.
         * @throws IllegalArgumentException when null or out of range.
         */
        public Options withFreeToReuseTimeout(final Duration freeToReuseTimeout)
        {
            return new Options(livenessTimeout, lockTimeout,
                Timeouts.check("freeToReuseTimeout", freeToReuseTimeout, Duration.ZERO, Timeouts.MAX_TIMEOUT),
                afterPublishHook);
        }

        /**
         * Tests only.
         *
         * @param hook runs inside the allocation lock between publishing a record and the high-water mark.
         * @return a copy with this hook.
         */
        Options withAfterPublishHook(final Runnable hook)
        {
            return new Options(livenessTimeout, lockTimeout, freeToReuseTimeout, hook);
        }

        /**
         * @return the liveness timeout.
         */
        public Duration livenessTimeout()
        {
            return livenessTimeout;
        }

        /**
         * @return the lock timeout.
         */
        public Duration lockTimeout()
        {
            return lockTimeout;
        }

        /**
         * @return the free-to-reuse timeout.
         */
        public Duration freeToReuseTimeout()
        {
            return freeToReuseTimeout;
        }

        @Override
        public String toString()
        {
            return "SharedCounters.Options{liveness_timeout=" + livenessTimeout + ", lock_timeout=" + lockTimeout +
                ", free_to_reuse_timeout=" + freeToReuseTimeout + '}';
        }
    }

    private final Region region;
    private final String name;
    private final int capacity;
    private final UnsafeBuffer allocation;
    private final UnsafeBuffer metadata;
    private final UnsafeBuffer values;
    private final RegionCountersReader reader;
    private final AllocationLock lock;
    private final long livenessTimeoutNs;
    private final long lockTimeoutNs;
    private final long freeToReuseTimeoutMs;
    private final Runnable afterPublishHook;
    private final EpochClock epochClock = SystemEpochClock.INSTANCE;

    private SharedCounters(final CountersLayout layout, final Options options)
    {
        this.region = layout.region;
        this.name = region.name();
        this.capacity = layout.capacity;
        this.allocation = layout.allocation;
        this.metadata = layout.metadata;
        this.values = layout.values;
        this.reader = new RegionCountersReader(region, metadata, values);
        this.lock = new AllocationLock(name, region.liveness(), allocation);
        this.livenessTimeoutNs = options.livenessTimeout().toNanos();
        this.lockTimeoutNs = options.lockTimeout().toNanos();
        this.freeToReuseTimeoutMs = options.freeToReuseTimeout().toMillis();
        this.afterPublishHook = options.afterPublishHook;
    }

    /**
     * Create a counters region with default {@link Options}.
     *
     * @param ns          namespace.
     * @param name        region name.
     * @param maxCounters how many counters it can hold at once, at least 1.
     * @return the open handle.
     * @throws RegionExistsException    when the name is taken.
     * @throws IllegalArgumentException when {@code maxCounters} is out of range.
     */
    public static SharedCounters create(final Namespace ns, final String name, final int maxCounters)
    {
        return create(ns, name, maxCounters, Options.defaults());
    }

    /**
     * Create a counters region.
     *
     * @param ns          namespace.
     * @param name        region name.
     * @param maxCounters how many counters it can hold at once, at least 1.
     * @param options     timeouts of this handle.
     * @return the open handle.
     * @throws RegionExistsException    when the name is taken.
     * @throws IllegalArgumentException when {@code maxCounters} is out of range.
     */
    public static SharedCounters create(
        final Namespace ns, final String name, final int maxCounters, final Options options)
    {
        checkMaxCounters(name, maxCounters);
        Objects.requireNonNull(options, "options");
        final Region region = Region.create(
            ns.directory(), name, RegionKind.COUNTERS, payloadLength(maxCounters),
            (params, payload) -> CountersLayout.writeParams(params, maxCounters));
        return wrap(region, options);
    }

    /**
     * Open an existing counters region with default {@link Options}.
     *
     * @param ns   namespace.
     * @param name region name.
     * @return the open handle.
     * @throws RegionNotFoundException  when no region has that name.
     * @throws RegionParameterException when its parameters are not a valid counters layout.
     */
    public static SharedCounters open(final Namespace ns, final String name)
    {
        return open(ns, name, Options.defaults());
    }

    /**
     * Open an existing counters region.
     *
     * @param ns      namespace.
     * @param name    region name.
     * @param options timeouts of this handle.
     * @return the open handle.
     * @throws RegionNotFoundException  when no region has that name.
     * @throws RegionParameterException when its parameters are not a valid counters layout.
     */
    public static SharedCounters open(final Namespace ns, final String name, final Options options)
    {
        Objects.requireNonNull(options, "options");
        return wrap(Region.open(ns.directory(), name, RegionKind.COUNTERS), options);
    }

    /**
     * Open the counters region if it exists, else create it, with default {@link Options}.
     *
     * @param ns          namespace.
     * @param name        region name.
     * @param maxCounters capacity when created; an existing region must have the same.
     * @return the open handle.
     * @throws RegionParameterException when an existing region has another capacity.
     */
    public static SharedCounters openOrCreate(final Namespace ns, final String name, final int maxCounters)
    {
        return openOrCreate(ns, name, maxCounters, Options.defaults());
    }

    /**
     * Open the counters region if it exists, else create it.
     *
     * @param ns          namespace.
     * @param name        region name.
     * @param maxCounters capacity when created; an existing region must have the same.
     * @param options     timeouts of this handle.
     * @return the open handle.
     * @throws RegionParameterException when an existing region has another capacity.
     */
    public static SharedCounters openOrCreate(
        final Namespace ns, final String name, final int maxCounters, final Options options)
    {
        checkMaxCounters(name, maxCounters);
        Objects.requireNonNull(options, "options");
        final Region region = Region.openOrCreate(
            ns.directory(), name, RegionKind.COUNTERS, payloadLength(maxCounters),
            (params, payload) -> CountersLayout.writeParams(params, maxCounters));
        final SharedCounters counters = wrap(region, options);
        if (counters.capacity != maxCounters)
        {
            counters.close();
            throw new RegionParameterException(
                "counters capacity mismatch: name=" + name + ", expected=" + maxCounters + ", actual=" +
                counters.capacity);
        }
        return counters;
    }

    private static SharedCounters wrap(final Region region, final Options options)
    {
        try
        {
            return new SharedCounters(CountersLayout.of(region), options);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    /**
     * @return the region's name.
     */
    @Override
    public String name()
    {
        return name;
    }

    /**
     * @return how many counters the region holds at once.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * Allocate a counter of type {@link CountersReader#DEFAULT_TYPE_ID}, value 0.
     *
     * @param label what it counts, at most {@link CountersDescriptor#MAX_LABEL_LENGTH} bytes in UTF-8.
     * @return the counter; close or free it to give the id back.
     * @throws IllegalArgumentException when the label is too long.
     * @throws CountersFullException    when every counter is allocated.
     * @throws CountersLockException    when a live process keeps the allocation lock past the lock timeout.
     * @throws IllegalStateException    when closed.
     */
    public SharedCounter allocate(final String label)
    {
        return allocate(label, DEFAULT_TYPE_ID);
    }

    /**
     * Allocate a counter, value 0.
     *
     * @param label  what it counts, at most {@link CountersDescriptor#MAX_LABEL_LENGTH} bytes in UTF-8.
     * @param typeId a type id of the application's choosing, stored in the metadata record.
     * @return the counter; close or free it to give the id back.
     * @throws IllegalArgumentException when the label is too long.
     * @throws CountersFullException    when every counter is allocated.
     * @throws CountersLockException    when a live process keeps the allocation lock past the lock timeout.
     * @throws IllegalStateException    when closed.
     */
    public SharedCounter allocate(final String label, final int typeId)
    {
        Objects.requireNonNull(label, "label");
        checkOpen();
        final byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
        if (labelBytes.length > CountersDescriptor.MAX_LABEL_LENGTH)
        {
            throw new IllegalArgumentException(
                "counter label too long: name=" + name + ", length=" + labelBytes.length + ", max=" + CountersDescriptor.MAX_LABEL_LENGTH);
        }

        final int counterId;
        final long registrationId;
        final long held = lock.acquire(livenessTimeoutNs, lockTimeoutNs);
        try
        {
            if (AllocationLock.tookOver(held))
            {
                CounterRecords.repair(allocation, metadata, capacity, epochClock.time());
            }
            counterId = CounterRecords.allocate(
                allocation, metadata, values, capacity, typeId, labelBytes, ProcessIdentity.current().pid(),
                epochClock.time(), afterPublishHook);
            registrationId = counterId == NULL_COUNTER_ID ?
                DEFAULT_REGISTRATION_ID : values.getLong(counterOffset(counterId) + REGISTRATION_ID_OFFSET);
        }
        finally
        {
            lock.release(held);
        }

        if (counterId == NULL_COUNTER_ID)
        {
            throw new CountersFullException("counters full: name=" + name + ", capacity=" + capacity);
        }
        return new SharedCounter(this, values, counterId, registrationId, typeId, label);
    }

    /**
     * Free a counter by id, whoever allocated it; its id may be handed out again.
     *
     * @param counterId the counter.
     * @throws IllegalArgumentException when the id is out of range.
     * @throws IllegalStateException    when that counter is not allocated, or this handle is closed.
     */
    public void free(final int counterId)
    {
        checkOpen();
        checkId(counterId);
        if (!freeRecord(counterId, DEFAULT_REGISTRATION_ID))
        {
            throw new IllegalStateException("counter not allocated: name=" + name + ", id=" + counterId);
        }
    }

    /**
     * @return Agrona's reader over the region's buffers, live; it throws {@link IllegalStateException} once
     * this handle is closed (except through the raw buffers it exposes, which must not be used after close).
     * @throws IllegalStateException when closed.
     */
    public CountersReader reader()
    {
        checkOpen();
        return reader;
    }

    /**
     * Visit every allocated counter, in id order, as Agrona's reader iterates them.
     *
     * @param visitor called with id, type id, label and value (volatile load) of each.
     * @throws IllegalStateException when closed.
     */
    public void forEach(final CounterVisitor visitor)
    {
        Objects.requireNonNull(visitor, "visitor");
        reader.forEach((CountersReader.MetaData)(counterId, typeId, keyBuffer, label) ->
            visitor.accept(counterId, typeId, label, reader.getCounterValue(counterId)));
    }

    /**
     * @param label a label.
     * @return the lowest id of an allocated counter with exactly that label, or -1.
     * @throws IllegalStateException when closed.
     */
    public int findByLabel(final String label)
    {
        Objects.requireNonNull(label, "label");
        checkOpen();
        final byte[] wanted = label.getBytes(StandardCharsets.UTF_8);
        for (int counterId = 0; counterId < capacity; counterId++)
        {
            final int recordOffset = metaDataOffset(counterId);
            final int state = metadata.getIntVolatile(recordOffset); // volatile: pairs with the allocator's release
            if (RECORD_UNUSED == state)
            {
                break;
            }
            if (RECORD_ALLOCATED == state &&
                metadata.getIntVolatile(recordOffset + LABEL_OFFSET) == wanted.length &&
                labelEquals(recordOffset + LABEL_OFFSET + Integer.BYTES, wanted))
            {
                return counterId;
            }
        }
        return NULL_COUNTER_ID;
    }

    /**
     * @param counterId an allocated counter.
     * @return its value (volatile load).
     * @throws IllegalArgumentException when the id is out of range.
     * @throws IllegalStateException    when that counter is not allocated, or this handle is closed.
     */
    public long value(final int counterId)
    {
        checkAllocated(counterId);
        return reader.getCounterValue(counterId);
    }

    /**
     * @param counterId an allocated counter.
     * @return its label.
     * @throws IllegalArgumentException when the id is out of range.
     * @throws IllegalStateException    when that counter is not allocated, or this handle is closed.
     */
    public String label(final int counterId)
    {
        checkAllocated(counterId);
        return reader.getCounterLabel(counterId);
    }

    /**
     * @param counterId an allocated counter.
     * @return its type id.
     * @throws IllegalArgumentException when the id is out of range.
     * @throws IllegalStateException    when that counter is not allocated, or this handle is closed.
     */
    public int typeId(final int counterId)
    {
        checkAllocated(counterId);
        return reader.getCounterTypeId(counterId);
    }

    /**
     * @return how many counters are allocated now.
     * @throws IllegalStateException when closed.
     */
    public int allocatedCount()
    {
        checkOpen();
        return CounterRecords.allocatedCount(metadata, capacity);
    }

    /**
     * @return how many times the allocation lock was taken over from a dead holder, over the region's life.
     * @throws IllegalStateException when closed.
     */
    public long lockTakeovers()
    {
        checkOpen();
        return allocation.getLongVolatile(LOCK_TAKEOVERS_OFFSET);
    }

    /**
     * @return true once closed.
     */
    @Override
    public boolean isClosed()
    {
        return region.isClosed();
    }

    /**
     * Remove the region's name; processes that map it, this handle included, keep working. Allowed after close.
     *
     * @return true if this call removed the name.
     */
    @Override
    public boolean unlink()
    {
        return region.unlink();
    }

    /**
     * Unmap. Counters stay allocated in the region. Idempotent.
     */
    @Override
    public void close()
    {
        region.close();
    }

    @Override
    public String toString()
    {
        return "SharedCounters{name=" + name + ", capacity=" + capacity + ", closed=" + isClosed() + '}';
    }

    void checkOpen()
    {
        region.checkOpen();
    }

    boolean freeRecord(final int counterId, final long registrationId)
    {
        final long held = lock.acquire(livenessTimeoutNs, lockTimeoutNs);
        try
        {
            if (AllocationLock.tookOver(held))
            {
                CounterRecords.repair(allocation, metadata, capacity, epochClock.time());
            }
            return CounterRecords.free(
                allocation, metadata, values, counterId, registrationId, epochClock.time() + freeToReuseTimeoutMs);
        }
        finally
        {
            lock.release(held);
        }
    }

    private void checkId(final int counterId)
    {
        if (counterId < 0 || counterId >= capacity)
        {
            throw new IllegalArgumentException(
                "counter id out of range: name=" + name + ", id=" + counterId + ", capacity=" + capacity);
        }
    }

    private void checkAllocated(final int counterId)
    {
        checkOpen();
        checkId(counterId);
        if (RECORD_ALLOCATED != metadata.getIntVolatile(metaDataOffset(counterId)))
        {
            throw new IllegalStateException("counter not allocated: name=" + name + ", id=" + counterId);
        }
    }

    private boolean labelEquals(final int offset, final byte[] wanted)
    {
        for (int i = 0; i < wanted.length; i++)
        {
            if (metadata.getByte(offset + i) != wanted[i])
            {
                return false;
            }
        }
        return true;
    }
}

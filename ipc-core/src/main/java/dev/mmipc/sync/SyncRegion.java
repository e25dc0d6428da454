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
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.liveness.LockWord;
import dev.mmipc.region.JvmFlags;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import org.agrona.concurrent.AtomicBuffer;

import java.util.Objects;

import static dev.mmipc.sync.SyncDescriptor.*;

/**
 * One opened and checked sync region with its owner word and options: what every primitive of this package
 * is built on.
 */
final class SyncRegion
{
    final Region region;
    final String name;
    final SyncType type;
    final AtomicBuffer payload;
    final LockWord owner;
    final SyncOptions options;

    private SyncRegion(final Region region, final SyncType type, final SyncOptions options)
    {
        this.region = region;
        this.name = region.name();
        this.type = type;
        this.payload = region.payload();
        this.owner = new LockWord(
            name, type.name(), region.liveness(), payload, OWNER_WORD_OFFSET, OWNER_START_OFFSET, OWNER_CONFIRM_OFFSET);
        this.options = options;
    }

    static SyncRegion create(
        final Namespace ns, final String name, final SyncType type, final long initial, final long bound,
        final SyncOptions options)
    {
        JvmFlags.ensureAgronaAccessible();
        Objects.requireNonNull(ns, "ns");
        Objects.requireNonNull(options, "options");
        return wrap(Region.create(ns.directory(), name, RegionKind.SYNC, PAYLOAD_LENGTH, initializer(type, initial, bound)),
            type, options);
    }

    static SyncRegion open(final Namespace ns, final String name, final SyncType type, final SyncOptions options)
    {
        JvmFlags.ensureAgronaAccessible();
        Objects.requireNonNull(ns, "ns");
        Objects.requireNonNull(options, "options");
        return wrap(Region.open(ns.directory(), name, RegionKind.SYNC), type, options);
    }

    static SyncRegion openOrCreate(
        final Namespace ns, final String name, final SyncType type, final long initial, final long bound,
        final SyncOptions options)
    {
        JvmFlags.ensureAgronaAccessible();
        Objects.requireNonNull(ns, "ns");
        Objects.requireNonNull(options, "options");
        final SyncRegion sync = wrap(Region.openOrCreate(
            ns.directory(), name, RegionKind.SYNC, PAYLOAD_LENGTH, initializer(type, initial, bound)), type, options);
        final long actual = sync.initial(); // read before the close below: params() refuses a closed region
        if (actual != initial)
        {
            sync.region.close();
            throw new RegionParameterException(
                "sync initial value mismatch: name=" + name + ", type=" + type + ", expected=" + initial +
                ", actual=" + actual);
        }
        return sync;
    }

    /**
     * Check a region's parameters without taking ownership of it (for inspectors).
     *
     * @param region an open region of kind SYNC.
     * @return its type.
     */
    static SyncType checkParams(final Region region)
    {
        final AtomicBuffer params = region.params();
        final long version = params.getLong(VERSION_PARAM_OFFSET);
        if (version != LAYOUT_VERSION)
        {
            throw new RegionParameterException(
                "sync layout version unsupported: name=" + region.name() + ", expected=" + LAYOUT_VERSION +
                ", actual=" + version);
        }
        final long code = params.getLong(TYPE_PARAM_OFFSET);
        final SyncType type = SyncType.fromCodeOrNull(code);
        if (type == null)
        {
            throw new RegionParameterException("sync type unknown: name=" + region.name() + ", code=" + code);
        }
        if (region.payload().capacity() < PAYLOAD_LENGTH)
        {
            throw new RegionParameterException(
                "sync payload too short: name=" + region.name() + ", length=" + region.payload().capacity() +
                ", required=" + PAYLOAD_LENGTH);
        }
        return type;
    }

    private static SyncRegion wrap(final Region region, final SyncType expected, final SyncOptions options)
    {
        try
        {
            final SyncType actual = checkParams(region);
            if (actual != expected)
            {
                throw new RegionParameterException(
                    "sync type mismatch: name=" + region.name() + ", expected=" + expected + ", actual=" + actual);
            }
            return new SyncRegion(region, actual, options);
        }
        catch (final RuntimeException ex)
        {
            region.close();
            throw ex;
        }
    }

    private static Region.Initializer initializer(final SyncType type, final long initial, final long bound)
    {
        Objects.requireNonNull(type, "type");
        return (params, payload) ->
        {
            params.putLong(TYPE_PARAM_OFFSET, type.code());
            params.putLong(VERSION_PARAM_OFFSET, LAYOUT_VERSION);
            params.putLong(INITIAL_PARAM_OFFSET, initial);
            params.putLong(BOUND_PARAM_OFFSET, bound);
            payload.putLong(STATE_OFFSET, type == SyncType.BARRIER ? 0 : initial); // barrier: arrived count
        };
    }

    long initial()
    {
        return region.params().getLong(INITIAL_PARAM_OFFSET);
    }

    long bound()
    {
        return region.params().getLong(BOUND_PARAM_OFFSET);
    }

    void checkOpen()
    {
        region.checkOpen();
    }

    /**
     * Take the owner word, counting a takeover from a dead owner.
     *
     * @param timeoutNs bound on the wait.
     * @return the word held (see {@link LockWord#tookOver(long)}), 0 on timeout.
     */
    long acquireOwner(final long timeoutNs) throws InterruptedException
    {
        checkOpen();
        final long held = owner.acquire(options.waitStrategy(), options.livenessTimeoutNs(), timeoutNs);
        if (LockWord.tookOver(held))
        {
            // written only by the owner
            payload.putLongVolatile(RECOVERIES_OFFSET, payload.getLong(RECOVERIES_OFFSET) + 1);
        }
        return held;
    }

    /**
     * Take the owner word, waiting as long as it takes; an interrupt is remembered and restored after.
     *
     * @return the word held.
     */
    long acquireOwnerUninterruptibly()
    {
        boolean interrupted = false;
        try
        {
            while (true)
            {
                try
                {
                    return acquireOwner(Long.MAX_VALUE);
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    long recoveries()
    {
        checkOpen();
        return payload.getLongVolatile(RECOVERIES_OFFSET);
    }

    boolean unlink()
    {
        return region.unlink();
    }

    void close()
    {
        region.close();
    }
}

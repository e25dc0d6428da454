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
package dev.mmipc.pool;

import dev.mmipc.Namespace;
import dev.mmipc.process.ShutdownCleanup;
import dev.mmipc.shared.SharedLongArray;

import java.util.HashSet;
import java.util.Set;

/**
 * The regions of one pool: its slots array ({@code POOL-slots}) and each live worker's {@link WorkerChannel},
 * all made in a namespace that marks them internal to the pool; and their removal if the JVM exits before the
 * pool is terminated, through one {@link ShutdownCleanup} registration.
 * <p>
 * The dispatcher creates and releases channels; the shutdown hook, on any thread and at any time, unlinks every
 * name still live and refuses new regions from then on. Both go through one lock, which the hook only holds while
 * it unlinks names: it never waits for the dispatcher, which may be anywhere, or for a {@code close()} in
 * another thread.
 */
final class PoolRegions
{
    private final String pool;
    private final Namespace ns;
    private final int queueCapacityBytes;
    private final ShutdownCleanup.Registration atExit;
    private final SharedLongArray slots;

    // guarded by this: the dispatcher and the shutdown hook
    private final Set<WorkerChannel> liveChannels = new HashSet<>();
    private SharedLongArray liveSlots;
    private boolean exiting;

    /**
     * Register the exit cleanup, then create the slots array: from the registration on, a JVM exit either finds the
     * slots and unlinks them, or makes their creation fail.
     *
     * @param pool               the pool's name, the prefix of every region name.
     * @param ns                 the namespace that marks regions internal to the pool.
     * @param queueCapacityBytes capacity of each queue of each channel.
     * @param workers            worker count: the slots array's size.
     */
    PoolRegions(final String pool, final Namespace ns, final int queueCapacityBytes, final int workers)
    {
        this.pool = pool;
        this.ns = ns;
        this.queueCapacityBytes = queueCapacityBytes;
        this.atExit = ShutdownCleanup.register(pool, this::unlinkAtExit);
        final SharedLongArray made;
        try
        {
            synchronized (this)
            {
                refuseIfExiting("slots");
                made = SharedLongArray.create(ns, pool + "-slots", WorkerChannel.slotsLength(workers));
                liveSlots = made;
            }
        }
        catch (final RuntimeException ex)
        {
            atExit.cancel();
            throw ex;
        }
        this.slots = made;
    }

    /**
     * @return the pool's slots array.
     */
    SharedLongArray slots()
    {
        return slots;
    }

    /**
     * @param channelName the channel's base name, {@code POOL-wI-gG}.
     * @param index       the worker index.
     * @return a new channel, registered for removal at exit.
     * @throws IllegalStateException when the JVM is exiting.
     */
    WorkerChannel createChannel(final String channelName, final int index)
    {
        synchronized (this)
        {
            refuseIfExiting(channelName);
            final WorkerChannel channel = WorkerChannel.create(ns, channelName, queueCapacityBytes, slots, index);
            liveChannels.add(channel);
            return channel;
        }
    }

    /**
     * Unmap and remove a channel's queues.
     *
     * @param channel a channel from {@link #createChannel}.
     */
    void releaseChannel(final WorkerChannel channel)
    {
        channel.close();
        channel.unlink();
        synchronized (this)
        {
            liveChannels.remove(channel);
        }
    }

    /**
     * Last step of the pool's life: unmap and remove the slots, after every channel; the shutdown hook has nothing
     * left to do.
     */
    void releaseSlots()
    {
        slots.close();
        slots.unlink();
        synchronized (this)
        {
            liveSlots = null;
        }
        atExit.cancel();
    }

    private void refuseIfExiting(final String region)
    {
        if (exiting)
        {
            throw new IllegalStateException(
                "pool exiting with the jvm, no new region: pool=" + pool + ", region=" + region);
        }
    }

    /**
     * The shutdown hook's part, when the JVM exits before the pool is terminated: remove every region name of the
     * pool and let no new one be made. Only unlinks (workers that still map the regions keep working until the
     * JVM's daemon-children hook stops them).
     */
    private void unlinkAtExit()
    {
        synchronized (this)
        {
            exiting = true;
            for (final WorkerChannel channel : liveChannels)
            {
                channel.unlink();
            }
            if (liveSlots != null)
            {
                liveSlots.unlink();
            }
        }
    }
}

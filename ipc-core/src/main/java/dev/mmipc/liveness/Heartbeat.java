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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one daemon thread per JVM, {@value #THREAD_NAME}, that renews the heartbeat of every slot this process
 * claimed, once per heartbeat period. A slot found taken (this process was stopped for longer than another PID
 * namespace's judges allow, judged dead, and its slot reused) is claimed anew at once.
 */
final class Heartbeat implements Runnable
{
    /** Name of the heartbeat thread. */
    static final String THREAD_NAME = "mmipc-heartbeat";

    private static final List<Registration> REGISTRATIONS = new CopyOnWriteArrayList<>();
    private static Thread thread;
    private static long threadPeriodMs;

    private final long periodNs;

    private Heartbeat(final long periodMs)
    {
        this.periodNs = TimeUnit.MILLISECONDS.toNanos(periodMs);
    }

    /**
     * @param requestedMs the period asked for now.
     * @return the period the thread beats at: the one it was started with, else the one asked for. Slots record
     * this one, so that judges never expect beats more often than they come.
     */
    static synchronized long periodMs(final long requestedMs)
    {
        return thread == null ? requestedMs : threadPeriodMs;
    }

    /**
     * Renew a registration from now on, starting the thread on first use.
     *
     * @param registration a claimed slot.
     * @param periodMs     what {@link #periodMs(long)} returned.
     */
    static synchronized void add(final Registration registration, final long periodMs)
    {
        REGISTRATIONS.add(registration);
        if (thread == null)
        {
            threadPeriodMs = periodMs;
            thread = new Thread(new Heartbeat(periodMs), THREAD_NAME);
            thread.setDaemon(true);
            thread.setPriority(Thread.MAX_PRIORITY);
            thread.start();
        }
    }

    @Override
    public void run()
    {
        long nextNs = System.nanoTime() + periodNs;
        while (true)
        {
            final long waitNs = nextNs - System.nanoTime();
            if (waitNs > 0)
            {
                LockSupport.parkNanos(this, waitNs);
                continue;
            }
            for (final Registration registration : REGISTRATIONS)
            {
                try
                {
                    registration.renew();
                }
                catch (final RuntimeException | Error ex)
                {
                    registration.warn(ex); // and beat on: a heartbeat thread that died would make us look dead
                }
            }
            nextNs += periodNs;
            final long nowNs = System.nanoTime();
            if (nowNs - nextNs > 0)
            {
                nextNs = nowNs + periodNs; // late (a pause): beat on from now rather than catch up
            }
        }
    }

    /**
     * This process's claim in one table, kept and renewed.
     */
    static final class Registration
    {
        private final LivenessTable table;
        private final Viewpoint viewpoint;
        private final long periodMs;
        private volatile LivenessTable.Claim claim;
        private volatile boolean warned;

        /**
         * Claim a slot.
         *
         * @throws LivenessException when the table is full or this identity is ambiguous.
         */
        Registration(final LivenessTable table, final Viewpoint viewpoint, final long periodMs)
        {
            this.table = table;
            this.viewpoint = viewpoint;
            this.periodMs = periodMs;
            this.claim = table.claim(viewpoint, periodMs);
        }

        LivenessTable table()
        {
            return table;
        }

        LivenessTable.Claim claim()
        {
            return claim;
        }

        void renew()
        {
            final LivenessTable.Claim current = claim;
            if (current == null || !table.renew(current, viewpoint.clock.time()))
            {
                claim = table.claim(viewpoint, periodMs); // lost (or never regained): claim again
                warned = false;
            }
        }

        void warn(final Throwable ex)
        {
            claim = null;
            if (!warned)
            {
                warned = true;
                System.err.println("mmipc liveness: heartbeat not renewed: file=" + table.file() + ", error=" + ex);
            }
        }
    }
}

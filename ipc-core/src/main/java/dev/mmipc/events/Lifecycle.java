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
package dev.mmipc.events;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Lifecycle lines at {@code DEBUG}, one per event, {@code what: key=value, ...}: regions created, opened and
 * unlinked ({@code dev.mmipc.region}), pools started and closed and workers started ({@code dev.mmipc.process}).
 * Each is one {@code isLoggable} check when the level is off (the default); no text is built then. No method
 * throws.
 */
public final class Lifecycle
{
    /** Logger of region lifecycle. */
    public static final String REGION_LOGGER = "dev.mmipc.region";

    private static final Logger REGION = System.getLogger(REGION_LOGGER);
    private static final Logger PROCESS = System.getLogger(Recoveries.PROCESS_LOGGER);

    private Lifecycle()
    {
    }

    /**
     * @param name region name.
     * @param kind its kind.
     * @param dir  its namespace directory.
     */
    public static void regionCreated(final String name, final Object kind, final Object dir)
    {
        region("region created: name=", name, kind, dir);
    }

    /**
     * @param name region name.
     * @param kind its kind.
     * @param dir  its namespace directory.
     */
    public static void regionOpened(final String name, final Object kind, final Object dir)
    {
        region("region opened: name=", name, kind, dir);
    }

    /**
     * @param name region name.
     * @param dir  its namespace directory.
     */
    public static void regionUnlinked(final String name, final Object dir)
    {
        try
        {
            if (REGION.isLoggable(Level.DEBUG))
            {
                REGION.log(Level.DEBUG, "region unlinked: name=" + name + ", dir=" + dir);
            }
        }
        catch (final RuntimeException ex)
        {
            // logging never fails the call it describes
        }
    }

    /**
     * @param pool    the pool's name.
     * @param workers its number of workers.
     */
    public static void poolStarted(final String pool, final int workers)
    {
        process("pool started: pool=", pool, ", workers=", workers);
    }

    /**
     * @param pool the pool's name.
     */
    public static void poolClosed(final String pool)
    {
        try
        {
            if (PROCESS.isLoggable(Level.DEBUG))
            {
                PROCESS.log(Level.DEBUG, "pool closed: pool=" + pool);
            }
        }
        catch (final RuntimeException ex)
        {
            // logging never fails the call it describes
        }
    }

    /**
     * @param pool   the pool's name.
     * @param worker the worker's index.
     * @param pid    its pid.
     */
    public static void workerStarted(final String pool, final int worker, final long pid)
    {
        try
        {
            if (PROCESS.isLoggable(Level.DEBUG))
            {
                PROCESS.log(Level.DEBUG, "pool worker started: pool=" + pool + ", worker=" + worker + ", pid=" + pid);
            }
        }
        catch (final RuntimeException ex)
        {
            // logging never fails the call it describes
        }
    }

    private static void region(final String what, final String name, final Object kind, final Object dir)
    {
        try
        {
            if (REGION.isLoggable(Level.DEBUG))
            {
                REGION.log(Level.DEBUG, what + name + ", kind=" + kind + ", dir=" + dir);
            }
        }
        catch (final RuntimeException ex)
        {
            // logging never fails the call it describes
        }
    }

    private static void process(final String what, final String pool, final String key, final int value)
    {
        try
        {
            if (PROCESS.isLoggable(Level.DEBUG))
            {
                PROCESS.log(Level.DEBUG, what + pool + key + value);
            }
        }
        catch (final RuntimeException ex)
        {
            // logging never fails the call it describes
        }
    }
}

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
package dev.mmipc.tools;

import dev.mmipc.liveness.PidNamespace;
import dev.mmipc.region.RegionHeader;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the tools print times, sizes and flags.
 */
final class Formats
{
    private static final DateTimeFormatter LOCAL_TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final String[] UNITS = { "B", "KiB", "MiB", "GiB", "TiB" };

    private Formats()
    {
    }

    /**
     * @param epochMs time in epoch ms.
     * @return local time to the second, or "-" for 0 (not recorded).
     */
    static String time(final long epochMs)
    {
        return epochMs == 0 ? "-" : LOCAL_TIME.format(Instant.ofEpochMilli(epochMs));
    }

    /**
     * @param epochMs time in epoch ms.
     * @return ISO-8601 instant (UTC), for JSON.
     */
    static String isoTime(final long epochMs)
    {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    /**
     * @param bytes a size.
     * @return e.g. "136 B", "4.0 KiB", "1.5 MiB".
     */
    static String humanBytes(final long bytes)
    {
        if (bytes < 1024)
        {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1)
        {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /**
     * @param flag a boolean.
     * @return "yes" or "no".
     */
    static String yesNo(final boolean flag)
    {
        return flag ? "yes" : "no";
    }

    /**
     * @param header a region's header.
     * @return whether its creator is alive, "yes" or "no", followed by {@code (pidns N)} when the namespace's
     * liveness table records the creator in another PID namespace than this tool's (it was judged by its
     * heartbeat, and its pid means another process, or none, here).
     */
    static String creatorAlive(final RegionHeader header)
    {
        final String alive = yesNo(header.creatorAlive());
        final long pidNamespace = header.creatorPidNamespace();
        return pidNamespace == PidNamespace.UNKNOWN || pidNamespace == PidNamespace.current() ?
            alive : alive + " (pidns " + pidNamespace + ")";
    }
}

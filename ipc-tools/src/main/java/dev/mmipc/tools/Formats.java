package dev.mmipc.tools;

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
}

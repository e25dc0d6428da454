package dev.mmipc.tools;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ordered key/value lines printed with the values aligned.
 */
final class KeyValues
{
    private final Map<String, String> entries = new LinkedHashMap<>();

    /**
     * @param key   label.
     * @param value value.
     * @return this.
     */
    KeyValues put(final String key, final String value)
    {
        entries.put(key, value);
        return this;
    }

    /**
     * @param more entries to add in their order.
     * @return this.
     */
    KeyValues putAll(final Map<String, String> more)
    {
        entries.putAll(more);
        return this;
    }

    /**
     * @param out    where to print.
     * @param indent prefix of every line.
     */
    void print(final PrintWriter out, final String indent)
    {
        int width = 0;
        for (final String key : entries.keySet())
        {
            width = Math.max(width, key.length());
        }
        for (final Map.Entry<String, String> entry : entries.entrySet())
        {
            final StringBuilder line = new StringBuilder(indent).append(entry.getKey());
            line.append(" ".repeat(width - entry.getKey().length() + 2)).append(entry.getValue());
            out.println(line.toString().stripTrailing());
        }
    }
}

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

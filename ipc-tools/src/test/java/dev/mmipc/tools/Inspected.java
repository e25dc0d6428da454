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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kind-specific section of an {@code mmipc inspect} output ({@code KIND state:} and the indented key/value
 * lines after it), read back into ordered key/values.
 */
final class Inspected
{
    private Inspected()
    {
    }

    /**
     * @param result an inspect run.
     * @param kind   the kind whose section is read.
     * @return the section's keys and values, in order; fails when the output has no such section.
     */
    static Map<String, String> state(final Cli.Result result, final String kind)
    {
        final List<String> lines = result.out().lines().toList();
        final int start = lines.indexOf(kind + " state:");
        if (start < 0)
        {
            throw new AssertionError("no " + kind + " state section: " + result);
        }
        final Map<String, String> state = new LinkedHashMap<>();
        for (int i = start + 1; i < lines.size() && lines.get(i).startsWith("  "); i++)
        {
            final String line = lines.get(i).substring(2);
            final int gap = line.indexOf("  ");
            if (gap < 0)
            {
                state.put(line, ""); // an empty value: the line is the key alone
                continue;
            }
            state.put(line.substring(0, gap), line.substring(gap).strip());
        }
        return state;
    }
}

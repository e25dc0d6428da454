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

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Just enough JSON for {@code --json} output: quoted, escaped strings, numbers as numbers, and a small object
 * builder. Every command's {@code --json} prints through here.
 */
final class Json
{
    /** A JSON number, as the grammar has it: such text is printed as a number, anything else as a string. */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private Json()
    {
    }

    /**
     * A value an inspector gave as text, typed: a number is a JSON number, {@code true}/{@code false} a boolean,
     * anything else a string.
     *
     * @param text a value as text, or null.
     * @return its JSON form.
     */
    static String value(final String text)
    {
        if (text == null)
        {
            return "null";
        }
        if (text.equals("true") || text.equals("false") || NUMBER.matcher(text).matches())
        {
            return text;
        }
        return quote(text);
    }

    /**
     * @param entries keys and text values in their order (values typed by {@link #value}).
     * @return a JSON object.
     */
    static String object(final Map<String, String> entries)
    {
        final Obj obj = new Obj();
        entries.forEach(obj::value);
        return obj.toString();
    }

    /**
     * @param elements JSON values.
     * @param indent   prefix of each element's line, or null for one line.
     * @return a JSON array.
     */
    static String array(final List<String> elements, final String indent)
    {
        if (elements.isEmpty())
        {
            return "[]";
        }
        if (indent == null)
        {
            return "[" + String.join(", ", elements) + "]";
        }
        return "[\n" + indent + String.join(",\n" + indent, elements) + "\n]";
    }

    /**
     * A JSON object built key by key, in order.
     */
    static final class Obj
    {
        private final StringBuilder sb = new StringBuilder("{");

        Obj raw(final String key, final String json)
        {
            if (sb.length() > 1)
            {
                sb.append(", ");
            }
            sb.append(quote(key)).append(": ").append(json);
            return this;
        }

        Obj put(final String key, final String text)
        {
            return raw(key, quote(text));
        }

        Obj put(final String key, final long number)
        {
            return raw(key, Long.toString(number));
        }

        Obj put(final String key, final boolean flag)
        {
            return raw(key, Boolean.toString(flag));
        }

        /** A value given as text, typed by {@link Json#value}. */
        Obj value(final String key, final String text)
        {
            return raw(key, Json.value(text));
        }

        @Override
        public String toString()
        {
            return sb + "}";
        }
    }

    /**
     * @param value any text, or null.
     * @return a JSON string literal, or {@code null}.
     */
    static String quote(final String value)
    {
        if (value == null)
        {
            return "null";
        }
        final StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        sb.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

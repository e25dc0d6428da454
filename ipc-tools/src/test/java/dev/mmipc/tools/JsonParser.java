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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON parser for tests of {@code --json}: objects become {@code LinkedHashMap}, arrays {@code ArrayList},
 * integers {@code Long}, other numbers {@code Double}, and text, booleans and null as themselves. Anything outside
 * the grammar (a trailing comma, an unquoted word, text after the value) throws {@link IllegalArgumentException}.
 */
final class JsonParser
{
    private final String text;
    private int pos;

    private JsonParser(final String text)
    {
        this.text = text;
    }

    /**
     * @param text one JSON value, with surrounding white space.
     * @return the value.
     */
    static Object parse(final String text)
    {
        final JsonParser parser = new JsonParser(text);
        final Object value = parser.value();
        parser.space();
        if (parser.pos != text.length())
        {
            throw parser.error("text after the value");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(final String text)
    {
        return (Map<String, Object>)parse(text);
    }

    @SuppressWarnings("unchecked")
    static List<Object> array(final String text)
    {
        return (List<Object>)parse(text);
    }

    private Object value()
    {
        space();
        if (pos >= text.length())
        {
            throw error("end of text");
        }
        final char c = text.charAt(pos);
        if (c == '{')
        {
            pos++;
            final Map<String, Object> map = new LinkedHashMap<>();
            space();
            if (peek('}'))
            {
                return map;
            }
            do
            {
                space();
                final String key = string();
                space();
                expect(':');
                if (map.put(key, value()) != null)
                {
                    throw error("duplicate key " + key);
                }
                space();
            }
            while (accept(','));
            expect('}');
            return map;
        }
        if (c == '[')
        {
            pos++;
            final List<Object> list = new ArrayList<>();
            space();
            if (peek(']'))
            {
                return list;
            }
            do
            {
                list.add(value());
                space();
            }
            while (accept(','));
            expect(']');
            return list;
        }
        if (c == '"')
        {
            return string();
        }
        if (text.startsWith("true", pos))
        {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("false", pos))
        {
            pos += 5;
            return Boolean.FALSE;
        }
        if (text.startsWith("null", pos))
        {
            pos += 4;
            return null;
        }
        final java.util.regex.Matcher m = java.util.regex.Pattern
            .compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?").matcher(text).region(pos, text.length());
        if (m.lookingAt())
        {
            pos = m.end();
            final String number = m.group();
            return m.group(2) == null && m.group(3) == null ? (Object)Long.parseLong(number) : Double.parseDouble(number);
        }
        throw error("unexpected character '" + c + "'");
    }

    private String string()
    {
        expect('"');
        final StringBuilder sb = new StringBuilder();
        while (true)
        {
            if (pos >= text.length())
            {
                throw error("unterminated string");
            }
            final char c = text.charAt(pos++);
            if (c == '"')
            {
                return sb.toString();
            }
            if (c < 0x20)
            {
                throw error("control character in string");
            }
            if (c != '\\')
            {
                sb.append(c);
                continue;
            }
            final char e = text.charAt(pos++);
            switch (e)
            {
                case '"', '\\', '/' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' ->
                {
                    sb.append((char)Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> throw error("bad escape \\" + e);
            }
        }
    }

    private void space()
    {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0)
        {
            pos++;
        }
    }

    private boolean peek(final char c)
    {
        if (pos < text.length() && text.charAt(pos) == c)
        {
            pos++;
            return true;
        }
        return false;
    }

    private boolean accept(final char c)
    {
        return peek(c);
    }

    private void expect(final char c)
    {
        if (!peek(c))
        {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(final String what)
    {
        return new IllegalArgumentException("invalid json: " + what + ", position=" + pos + ", text=" + text);
    }
}

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
package dev.mmipc.codec;

import dev.mmipc.exceptions.CodecException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Strings as strict UTF-8, with no length prefix (the message length is the string's).
 * <p>
 * Strict both ways, so that what arrives is exactly what was sent: a string holding an unpaired surrogate is
 * refused on encode (where {@link String#getBytes} would silently write {@code ?}), and ill-formed UTF-8 (bad
 * continuation bytes, overlong forms, encoded surrogates, code points beyond U+10FFFF, truncated sequences)
 * is refused on decode (where {@code new String(bytes, UTF_8)} would silently write U+FFFD). Both are a
 * {@link CodecException} naming the index of the offending char or byte.
 * <p>
 * Encoding writes straight into the buffer, allocating nothing. Decoding allocates one scratch array of
 * the message length besides the string.
 */
public final class StringCodec implements Codec<String>
{
    /** The shared instance. */
    public static final StringCodec INSTANCE = new StringCodec();

    private StringCodec()
    {
    }

    @Override
    public int encodedLength(final String value)
    {
        return utf8Length(value);
    }

    @Override
    public int encode(final String value, final MutableDirectBuffer buffer, final int offset)
    {
        final int length = utf8Length(value);
        Codecs.ensureRoom(name(), buffer, offset, length);
        final int chars = value.length();
        int index = offset;
        for (int i = 0; i < chars; i++)
        {
            final char c = value.charAt(i);
            if (c < 0x80)
            {
                buffer.putByte(index++, (byte)c);
            }
            else if (c < 0x800)
            {
                buffer.putByte(index++, (byte)(0xC0 | (c >>> 6)));
                buffer.putByte(index++, (byte)(0x80 | (c & 0x3F)));
            }
            else if (Character.isHighSurrogate(c))
            {
                final int cp = Character.toCodePoint(c, value.charAt(++i)); // paired: utf8Length checked it
                buffer.putByte(index++, (byte)(0xF0 | (cp >>> 18)));
                buffer.putByte(index++, (byte)(0x80 | ((cp >>> 12) & 0x3F)));
                buffer.putByte(index++, (byte)(0x80 | ((cp >>> 6) & 0x3F)));
                buffer.putByte(index++, (byte)(0x80 | (cp & 0x3F)));
            }
            else
            {
                buffer.putByte(index++, (byte)(0xE0 | (c >>> 12)));
                buffer.putByte(index++, (byte)(0x80 | ((c >>> 6) & 0x3F)));
                buffer.putByte(index++, (byte)(0x80 | (c & 0x3F)));
            }
        }
        return length;
    }

    @Override
    public String decode(final DirectBuffer buffer, final int offset, final int length)
    {
        Codecs.checkDecodeRange(name(), buffer, offset, length);
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes, 0, length);
        final int bad = firstMalformedIndex(bytes);
        if (bad >= 0)
        {
            throw new CodecException(
                "malformed utf-8: codec=" + name() + ", index=" + bad + ", byte=0x" +
                Integer.toHexString(bytes[bad] & 0xFF) + ", length=" + length);
        }
        return new String(bytes, StandardCharsets.UTF_8); // well-formed: decoded exactly, nothing replaced
    }

    @Override
    public String name()
    {
        return "utf8";
    }

    @Override
    public String toString()
    {
        return "StringCodec";
    }

    /**
     * @param value a string.
     * @return its length in UTF-8 bytes.
     * @throws CodecException when it holds an unpaired surrogate.
     */
    static int utf8Length(final String value)
    {
        final int chars = value.length();
        long length = chars;
        for (int i = 0; i < chars; i++)
        {
            final char c = value.charAt(i);
            if (c >= 0x80)
            {
                if (c < 0x800)
                {
                    length += 1;
                }
                else if (Character.isSurrogate(c))
                {
                    if (!Character.isHighSurrogate(c) || i + 1 >= chars || !Character.isLowSurrogate(value.charAt(i + 1)))
                    {
                        throw new CodecException(
                            "string not encodable as utf-8: codec=utf8, reason=unpaired surrogate, index=" + i);
                    }
                    length += 2; // two chars, four bytes
                    i++;
                }
                else
                {
                    length += 2;
                }
            }
        }
        if (length > Integer.MAX_VALUE)
        {
            throw new CodecException("string too long for utf-8 encoding: codec=utf8, bytes=" + length);
        }
        return (int)length;
    }

    /**
     * Check well-formed UTF-8 as the Unicode standard's table 3-7 defines it.
     *
     * @param bytes the bytes.
     * @return the index of the first byte of the first ill-formed sequence, or -1 when well-formed.
     */
    static int firstMalformedIndex(final byte[] bytes)
    {
        final int length = bytes.length;
        int i = 0;
        while (i < length)
        {
            final int b = bytes[i] & 0xFF;
            if (b < 0x80)
            {
                i++;
                continue;
            }
            final int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (b >= 0xC2 && b <= 0xDF)
            {
                need = 1;
            }
            else if (b >= 0xE0 && b <= 0xEF)
            {
                need = 2;
                if (b == 0xE0)
                {
                    lo = 0xA0; // no overlong forms
                }
                else if (b == 0xED)
                {
                    hi = 0x9F; // no encoded surrogates
                }
            }
            else if (b >= 0xF0 && b <= 0xF4)
            {
                need = 3;
                if (b == 0xF0)
                {
                    lo = 0x90; // no overlong forms
                }
                else if (b == 0xF4)
                {
                    hi = 0x8F; // nothing beyond U+10FFFF
                }
            }
            else
            {
                return i; // continuation byte without a lead, C0/C1 (overlong) or F5..FF
            }
            if (i + need >= length)
            {
                return i; // truncated sequence
            }
            final int second = bytes[i + 1] & 0xFF;
            if (second < lo || second > hi)
            {
                return i;
            }
            for (int k = 2; k <= need; k++)
            {
                final int next = bytes[i + k] & 0xFF;
                if (next < 0x80 || next > 0xBF)
                {
                    return i;
                }
            }
            i += need + 1;
        }
        return -1;
    }
}

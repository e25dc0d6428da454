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
import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class CodecsTest
{
    private static final int OFFSET = 5;
    private static final byte GUARD = (byte)0x5A;

    static Stream<Arguments> samples()
    {
        return Stream.of(
            Arguments.of(Codecs.bytes(), new byte[0]),
            Arguments.of(Codecs.bytes(), new byte[]{ 1, 2, 3, -1, 0, 127 }),
            Arguments.of(Codecs.utf8(), ""),
            Arguments.of(Codecs.utf8(), "hello"),
            Arguments.of(Codecs.utf8(), "h\u00e9llo \u20ac \u4e16\u754c \uD83D\uDE00 \u0000 end"),
            Arguments.of(Codecs.longs(), 0L),
            Arguments.of(Codecs.longs(), Long.MIN_VALUE),
            Arguments.of(Codecs.longs(), 0x0102030405060708L),
            Arguments.of(Codecs.integers(), Integer.MAX_VALUE),
            Arguments.of(Codecs.integers(), -7),
            Arguments.of(Codecs.doubles(), Math.PI),
            Arguments.of(Codecs.doubles(), -0.0d),
            Arguments.of(Codecs.doubles(), Double.NaN),
            Arguments.of(Codecs.doubles(), Double.NEGATIVE_INFINITY),
            Arguments.of(Codecs.byteBuffers(), ByteBuffer.wrap(new byte[]{ 9, 8, 7 })),
            Arguments.of(Codecs.byteBuffers(), ByteBuffer.allocate(0)));
    }

    static List<MutableDirectBuffer> buffers()
    {
        return List.of(
            new UnsafeBuffer(new byte[256]),
            new UnsafeBuffer(ByteBuffer.allocateDirect(256)),
            new ExpandableArrayBuffer(1),
            new ExpandableDirectByteBuffer(1));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @MethodSource("samples")
    void shouldRoundTripInEveryKindOfBuffer(final Codec<?> codec, final Object value)
    {
        final Codec<Object> c = (Codec<Object>)codec;
        for (final MutableDirectBuffer buffer : buffers())
        {
            final int length = c.encode(value, buffer, OFFSET);
            final int expected = c.encodedLength(value);
            assertEquals(expected, length, codec.name() + " encodedLength");
            final Object decoded = c.decode(buffer, OFFSET, length);
            assertSameValue(value, decoded);
        }
    }

    @Test
    void shouldWriteLittleEndianFixedLengths()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        assertEquals(8, Codecs.longs().encode(0x0102030405060708L, buffer, 0));
        assertEquals(8, buffer.getByte(0));
        assertEquals(1, buffer.getByte(7));
        assertEquals(4, Codecs.integers().encode(0x01020304, buffer, 8));
        assertEquals(0x01020304, buffer.getInt(8, ByteOrder.LITTLE_ENDIAN));
        final long nanBits = 0x7ff8_0000_dead_beefL;
        Codecs.doubles().encode(Double.longBitsToDouble(nanBits), buffer, 0);
        assertEquals(nanBits, buffer.getLong(0, ByteOrder.LITTLE_ENDIAN));
        assertEquals(nanBits, Double.doubleToRawLongBits(Codecs.doubles().decode(buffer, 0, 8)));
    }

    @Test
    void shouldRefuseWrongLengthForFixedSizeTypes()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        final CodecException longEx = assertThrows(CodecException.class, () -> Codecs.longs().decode(buffer, 0, 5));
        assertEquals("wrong encoded length: codec=long, expected=8, actual=5", longEx.getMessage());
        final CodecException longerEx = assertThrows(CodecException.class, () -> Codecs.longs().decode(buffer, 0, 9));
        assertEquals("wrong encoded length: codec=long, expected=8, actual=9", longerEx.getMessage());
        final CodecException intEx = assertThrows(CodecException.class, () -> Codecs.integers().decode(buffer, 0, 8));
        assertEquals("wrong encoded length: codec=int, expected=4, actual=8", intEx.getMessage());
        final CodecException doubleEx = assertThrows(CodecException.class, () -> Codecs.doubles().decode(buffer, 0, 0));
        assertEquals("wrong encoded length: codec=double, expected=8, actual=0", doubleEx.getMessage());
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @MethodSource("samples")
    void shouldRefuseDecodeRangeOutsideBuffer(final Codec<?> codec, final Object value)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        final CodecException ex = assertThrows(CodecException.class, () -> codec.decode(buffer, 12, 8));
        assertEquals("decode range outside buffer: codec=" + codec.name() + ", offset=12, length=8, capacity=16",
            ex.getMessage());
        assertThrows(CodecException.class, () -> codec.decode(buffer, -1, 4));
        assertThrows(CodecException.class, () -> codec.decode(buffer, 0, -1));
        assertThrows(CodecException.class, () -> codec.decode(buffer, Integer.MAX_VALUE, 8));
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest
    @MethodSource("samples")
    void shouldRefuseEncodeIntoTooSmallFixedBufferWithoutWritingPastIt(final Codec<?> codec, final Object value)
    {
        final Codec<Object> c = (Codec<Object>)codec;
        final int length = c.encodedLength(value);
        if (length == 0)
        {
            return; // an empty value fits anywhere
        }
        final byte[] backing = new byte[OFFSET + length + 8];
        Arrays.fill(backing, GUARD);
        final UnsafeBuffer fixed = new UnsafeBuffer(backing, 0, OFFSET + length - 1);
        final CodecException ex = assertThrows(CodecException.class, () -> c.encode(value, fixed, OFFSET));
        assertEquals("encode buffer too small: codec=" + codec.name() + ", offset=" + OFFSET + ", length=" + length +
            ", capacity=" + (OFFSET + length - 1), ex.getMessage());
        for (int i = OFFSET + length - 1; i < backing.length; i++)
        {
            assertEquals(GUARD, backing[i], "byte past the buffer written at " + i);
        }
    }

    @Test
    void shouldRefuseNull()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        assertThrows(NullPointerException.class, () -> Codecs.longs().encode(null, buffer, 0));
        assertThrows(NullPointerException.class, () -> Codecs.utf8().encode(null, buffer, 0));
        assertThrows(NullPointerException.class, () -> Codecs.bytes().encode(null, buffer, 0));
    }

    @Test
    void shouldEncodeUtf8ExactlyAsTheJdkDoesForWellFormedStrings()
    {
        final Random random = new Random(42);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        for (int n = 0; n < 2_000; n++)
        {
            final StringBuilder sb = new StringBuilder();
            final int chars = random.nextInt(40);
            for (int i = 0; i < chars; i++)
            {
                final int kind = random.nextInt(4);
                final int cp = kind == 0 ? random.nextInt(0x80) : kind == 1 ? 0x80 + random.nextInt(0x780) :
                    kind == 2 ? 0xE000 + random.nextInt(0x2000) : 0x10000 + random.nextInt(0x100000);
                sb.appendCodePoint(cp);
            }
            final String s = sb.toString();
            final int length = Codecs.utf8().encode(s, buffer, 0);
            final byte[] actual = new byte[length];
            buffer.getBytes(0, actual);
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), actual);
            assertEquals(s, Codecs.utf8().decode(buffer, 0, length));
        }
    }

    @Test
    void shouldRefuseUnpairedSurrogateOnEncode()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(16);
        final CodecException high = assertThrows(CodecException.class, () -> Codecs.utf8().encode("ab\uD83D", buffer, 0));
        assertEquals("string not encodable as utf-8: codec=utf8, reason=unpaired surrogate, index=2", high.getMessage());
        final CodecException low = assertThrows(CodecException.class, () -> Codecs.utf8().encode("a\uDE00b", buffer, 0));
        assertEquals("string not encodable as utf-8: codec=utf8, reason=unpaired surrogate, index=1", low.getMessage());
        assertThrows(CodecException.class, () -> Codecs.utf8().encodedLength("\uD83Dx"));
    }

    @Test
    void shouldRefuseMalformedUtf8OnDecode()
    {
        assertMalformed(0, 0x80);                          // continuation without lead
        assertMalformed(1, 'a', 0xC0, 0x80);               // overlong two-byte NUL
        assertMalformed(0, 0xC1, 0xBF);                    // overlong
        assertMalformed(0, 0xE0, 0x80, 0x80);              // overlong three-byte
        assertMalformed(0, 0xED, 0xA0, 0x80);              // encoded surrogate U+D800
        assertMalformed(0, 0xF0, 0x80, 0x80, 0x80);        // overlong four-byte
        assertMalformed(0, 0xF4, 0x90, 0x80, 0x80);        // beyond U+10FFFF
        assertMalformed(0, 0xF5, 0x80, 0x80, 0x80);        // invalid lead
        assertMalformed(0, 0xFF);                          // invalid byte
        assertMalformed(2, 'o', 'k', 0xE2, 0x82);          // truncated euro sign
        assertMalformed(0, 0xC3, 'A');                     // bad continuation
        assertMalformed(0, 0xE2, 0x82, 'A');               // bad third byte
        final UnsafeBuffer buffer = bufferOf(0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80);
        assertEquals("\u20ac\uD83D\uDE00", Codecs.utf8().decode(buffer, 0, 7)); // boundaries of the valid forms
        final CodecException ex = assertThrows(CodecException.class, () -> Codecs.utf8().decode(buffer, 0, 6));
        assertEquals("malformed utf-8: codec=utf8, index=3, byte=0xf0, length=6", ex.getMessage());
    }

    @Test
    void shouldLeaveSourceByteBufferUntouchedAndHandleReadOnlyAndDirect()
    {
        final ByteBuffer heap = ByteBuffer.wrap(new byte[]{ 0, 1, 2, 3, 4, 5 });
        heap.position(2).limit(5);
        final ByteBuffer readOnly = heap.asReadOnlyBuffer();
        final ByteBuffer direct = ByteBuffer.allocateDirect(6).put(new byte[]{ 0, 1, 2, 3, 4, 5 });
        direct.position(2).limit(5);
        for (final ByteBuffer source : List.of(heap, readOnly, direct))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
            assertEquals(3, Codecs.byteBuffers().encode(source, buffer, 1));
            assertEquals(2, source.position());
            assertEquals(5, source.limit());
            final ByteBuffer decoded = Codecs.byteBuffers().decode(buffer, 1, 3);
            assertEquals(ByteBuffer.wrap(new byte[]{ 2, 3, 4 }), decoded);
            assertEquals(0, decoded.position());
            assertEquals(3, decoded.capacity());
        }
    }

    @Test
    void shouldRefuseNegativeEncodeOffset()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        final CodecException ex = assertThrows(CodecException.class, () -> Codecs.longs().encode(1L, buffer, -1));
        assertEquals("encode range invalid: codec=long, offset=-1, length=8", ex.getMessage());
    }

    private static void assertMalformed(final int index, final int... bytes)
    {
        final UnsafeBuffer buffer = bufferOf(bytes);
        final CodecException ex = assertThrows(CodecException.class,
            () -> Codecs.utf8().decode(buffer, 0, bytes.length), () -> Arrays.toString(bytes));
        assertTrue(ex.getMessage().startsWith("malformed utf-8: codec=utf8, index=" + index + ","), ex.getMessage());
    }

    private static UnsafeBuffer bufferOf(final int... bytes)
    {
        final byte[] array = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++)
        {
            array[i] = (byte)bytes[i];
        }
        return new UnsafeBuffer(array);
    }

    private static void assertSameValue(final Object expected, final Object actual)
    {
        if (expected instanceof byte[])
        {
            assertArrayEquals((byte[])expected, (byte[])actual);
        }
        else if (expected instanceof Double)
        {
            assertEquals(Double.doubleToRawLongBits((Double)expected), Double.doubleToRawLongBits((Double)actual));
        }
        else
        {
            assertEquals(expected, actual);
        }
    }
}

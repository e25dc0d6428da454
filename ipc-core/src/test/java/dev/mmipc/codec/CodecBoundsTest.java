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
import dev.mmipc.exceptions.RefusedClassException;
import dev.mmipc.exceptions.RefusedLimitException;
import dev.mmipc.exceptions.RefusedMessageException;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.Serializable;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The codecs at their bounds: {@link SerializableCodec}'s limits at exactly the limit and one either side,
 * limits of 0 and 1, every primitive array type, and {@link StringCodec} at the first and last code point of
 * each UTF-8 length, with well-formed and ill-formed bytes at a non-zero offset of a larger buffer.
 */
class CodecBoundsTest
{
    private static final int OFFSET = 11;
    /** Not UTF-8 at all, so a decode that reads outside its range fails. */
    private static final byte GUARD = (byte)0xFF;
    private static final Class<?>[] PRIMITIVES = {
        boolean.class, byte.class, char.class, short.class, int.class, long.class, float.class, double.class };

    @Test
    void shouldEncodeAndDecodeAMessageOfExactlyMaxBytesAndRefuseOneByteMore()
    {
        final int overhead = SerializableCodecTest.serialize(new byte[0]).length;
        final int maxBytes = overhead + 40;
        final SerializableCodec<byte[]> codec = SerializableCodec.builder(byte[].class).maxBytes(maxBytes).build();
        assertEquals(maxBytes, codec.maxBytes());
        for (final int length : new int[]{ maxBytes - 1, maxBytes })
        {
            final byte[] value = payload(length - overhead);
            assertEquals(length, SerializableCodecTest.serialize(value).length, "serialized length of the payload");
            final byte[] backing = new byte[OFFSET + length];
            final UnsafeBuffer exactlyFits = new UnsafeBuffer(backing);
            assertEquals(length, codec.encode(value, exactlyFits, OFFSET), "encoded length at " + length);
            assertArrayEquals(value, codec.decode(exactlyFits, OFFSET, length));
            final ExpandableArrayBuffer growable = new ExpandableArrayBuffer(1);
            assertEquals(length, codec.encode(value, growable, OFFSET));
            assertArrayEquals(value, codec.decode(growable, OFFSET, length));
        }

        final int tooLong = maxBytes + 1;
        final byte[] value = payload(tooLong - overhead);
        final RefusedLimitException onEncode = assertThrows(RefusedLimitException.class,
            () -> codec.encode(value, new ExpandableArrayBuffer(1), OFFSET));
        assertEquals("serialized message too large: codec=serializable, class=[B, limit=maxBytes, value=" + tooLong +
            ", max=" + maxBytes, onEncode.getMessage());
        assertEquals("maxBytes", onEncode.limit());
        assertEquals(tooLong, onEncode.value());
        assertEquals(maxBytes, onEncode.max());

        final byte[] bytes = SerializableCodecTest.serialize(value);
        assertEquals(tooLong, bytes.length);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + tooLong]);
        buffer.putBytes(OFFSET, bytes);
        final RefusedLimitException onDecode = assertThrows(RefusedLimitException.class,
            () -> codec.decode(buffer, OFFSET, tooLong));
        assertEquals("serialized message refused: codec=serializable, limit=maxBytes, value=" + tooLong + ", max=" +
            maxBytes, onDecode.getMessage());
        assertEquals("maxBytes", onDecode.limit());
        assertEquals(tooLong, onDecode.value());
        assertEquals(maxBytes, onDecode.max());
        assertArrayEquals(value, SerializableCodec.builder(byte[].class).maxBytes(tooLong).build()
            .decode(buffer, OFFSET, tooLong), "the same bytes decode under a limit one higher");
    }

    @Test
    void shouldRefuseAMaxBytesOfZeroAndKeepALimitOfOneByte()
    {
        final SerializableCodec.Builder<byte[]> builder = SerializableCodec.builder(byte[].class);
        for (final int bad : new int[]{ 0, -1, Integer.MIN_VALUE })
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> builder.maxBytes(bad));
            assertEquals("limit out of range: limit=maxBytes, value=" + bad, ex.getMessage());
        }

        final SerializableCodec<byte[]> one = builder.maxBytes(1).build();
        assertEquals(1, one.maxBytes());
        final int length = SerializableCodecTest.serialize(new byte[0]).length;
        final RefusedLimitException onEncode = assertThrows(RefusedLimitException.class,
            () -> one.encode(new byte[0], new ExpandableArrayBuffer(1), OFFSET));
        assertEquals("serialized message too large: codec=serializable, class=[B, limit=maxBytes, value=" + length +
            ", max=1", onEncode.getMessage());

        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + 2]);
        buffer.putByte(OFFSET, (byte)0xAC);
        buffer.putByte(OFFSET + 1, (byte)0xED);
        final CodecException oneByte = assertThrows(CodecException.class, () -> one.decode(buffer, OFFSET, 1));
        assertFalse(oneByte instanceof RefusedLimitException, "one byte is within a limit of one byte");
        assertTrue(oneByte.getMessage().startsWith("malformed serialized message: codec=serializable, length=1, error="),
            oneByte.getMessage());
        final RefusedLimitException twoBytes = assertThrows(RefusedLimitException.class,
            () -> one.decode(buffer, OFFSET, 2));
        assertEquals("serialized message refused: codec=serializable, limit=maxBytes, value=2, max=1",
            twoBytes.getMessage());
    }

    @Test
    void shouldRefuseADepthLimitOfZeroAndKeepOneOfOne()
    {
        final SerializableCodec.Builder<SerializableCodecTest.Node> builder =
            SerializableCodec.builder(SerializableCodecTest.Node.class);
        final IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> builder.maxDepth(0));
        assertEquals("limit out of range: limit=maxDepth, value=0", zero.getMessage());
        final IllegalArgumentException noReferences = assertThrows(IllegalArgumentException.class,
            () -> builder.maxReferences(0));
        assertEquals("limit out of range: limit=maxReferences, value=0", noReferences.getMessage());

        final SerializableCodec<SerializableCodecTest.Node> one = builder.maxDepth(1).build();
        assertEquals(1, one.maxDepth());
        final SerializableCodecTest.Node single = new SerializableCodecTest.Node();
        assertNull(((SerializableCodecTest.Node)decodeAny(one, single)).next, "a lone object is depth 1");
        final SerializableCodecTest.Node two = new SerializableCodecTest.Node();
        two.next = new SerializableCodecTest.Node();
        final RefusedLimitException ex = assertThrows(RefusedLimitException.class, () -> decodeAny(one, two));
        assertEquals("serialized message refused: codec=serializable, limit=maxDepth, value=2, max=1", ex.getMessage());
        assertEquals("filter status: REJECTED", ex.getCause().getMessage(), "the filter said REJECTED, not null");
    }

    @Test
    void shouldKeepArrayLengthLimitsOfZeroAndOneForEveryPrimitiveType()
    {
        final SerializableCodec.Builder<Serializable> builder = SerializableCodec.builder(Serializable.class);
        final IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
            () -> builder.maxArrayLength(-1));
        assertEquals("limit out of range: limit=maxArrayLength, value=-1", negative.getMessage());
        final SerializableCodec<Serializable> zero = SerializableCodec.builder(Serializable.class).maxArrayLength(0).build();
        final SerializableCodec<Serializable> one = SerializableCodec.builder(Serializable.class).maxArrayLength(1).build();
        assertEquals(0, zero.maxArrayLength());
        assertEquals(1, one.maxArrayLength());
        for (final Class<?> component : PRIMITIVES)
        {
            final Serializable empty = (Serializable)Array.newInstance(component, 0);
            final Serializable single = (Serializable)Array.newInstance(component, 1);
            final Serializable pair = (Serializable)Array.newInstance(component, 2);
            assertTrue(Objects.deepEquals(empty, roundTrip(zero, empty)), component + "[0] within 0");
            assertRefusedArrayLength(zero, single, 1, 0);
            assertTrue(Objects.deepEquals(single, roundTrip(one, single)), component + "[1] within 1");
            assertRefusedArrayLength(one, pair, 2, 1);
        }
    }

    static Stream<Arguments> primitiveArrays()
    {
        return Stream.of(
            Arguments.of("[Z", new boolean[]{ true, false, true, true }),
            Arguments.of("[B", new byte[]{ Byte.MIN_VALUE, -1, 0, 1, Byte.MAX_VALUE }),
            Arguments.of("[C", new char[]{ 'a', '\u0000', '\u07FF', '\uFFFF' }),
            Arguments.of("[S", new short[]{ Short.MIN_VALUE, -1, 0, Short.MAX_VALUE }),
            Arguments.of("[I", new int[]{ Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE }),
            Arguments.of("[J", new long[]{ Long.MIN_VALUE, -1L, 0L, Long.MAX_VALUE }),
            Arguments.of("[F", new float[]{ Float.MIN_VALUE, -0.0f, Float.NaN, Float.NEGATIVE_INFINITY }),
            Arguments.of("[D", new double[]{ Double.MAX_VALUE, -0.0d, Double.NaN, Math.PI }),
            Arguments.of("[[Z", new boolean[][]{ { true }, {}, { false, true } }),
            Arguments.of("[[D", new double[][]{ { 1.5 }, { -2.5, 0.0 } }));
    }

    @ParameterizedTest
    @MethodSource("primitiveArrays")
    void shouldAllowAndRoundTripEveryPrimitiveArrayType(final String className, final Serializable value)
    {
        assertEquals(className, value.getClass().getName());
        final SerializableCodec<Serializable> codec = SerializableCodec.builder(Serializable.class).build();
        assertEquals(List.of("java.io.Serializable"), codec.allowlist(), "nothing but the top-level type");
        assertTrue(codec.isAllowed(className), className + ": arrays of primitives are always allowed");
        assertTrue(Objects.deepEquals(value, roundTrip(codec, value)), className);

        final SerializableCodec<?> typed = SerializableCodec.builder(value.getClass()).build();
        assertTrue(Objects.deepEquals(value, decodeAny(typed, value)), className + " as the top-level type");
    }

    @ParameterizedTest
    @MethodSource("primitiveArrays")
    void shouldRefuseAnotherArrayTypeThanTheTopLevelType(final String className, final Serializable value)
    {
        final boolean bools = className.endsWith("Z");
        final Class<? extends Serializable> other = bools ? int[].class : boolean[].class;
        final SerializableCodec<? extends Serializable> codec = SerializableCodec.builder(other).build();
        final CodecException ex = assertThrows(CodecException.class, () -> decodeAny(codec, value));
        assertEquals("serialized object of unexpected type: codec=serializable, expected=" + other.getName() +
            ", actual=" + className, ex.getMessage());
    }

    @Test
    void shouldRefuseArraysOfBoxedPrimitivesUnlessAllowed()
    {
        final SerializableCodec<Serializable> strict = SerializableCodec.builder(Serializable.class).build();
        final SerializableCodec<Serializable> basic = SerializableCodec.builder(Serializable.class).allowBasicJdkTypes()
            .build();
        final Serializable[] boxed = {
            new Boolean[]{ true }, new Byte[]{ 1 }, new Character[]{ 'c' }, new Short[]{ 2 }, new Integer[]{ 3 },
            new Long[]{ 4L }, new Float[]{ 5f }, new Double[]{ 6d } };
        for (final Serializable value : boxed)
        {
            final byte[] bytes = SerializableCodecTest.serialize(value);
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + bytes.length]);
            buffer.putBytes(OFFSET, bytes);
            final RefusedClassException ex = assertThrows(RefusedClassException.class,
                () -> strict.decode(buffer, OFFSET, bytes.length));
            assertEquals(value.getClass().getName(), ex.className());
            assertEquals("serialized class refused: codec=serializable, class=" + value.getClass().getName() +
                ", reason=not in allowlist", ex.getMessage());
            assertTrue(Objects.deepEquals(value, basic.decode(buffer, OFFSET, bytes.length)), value.getClass().getName());
        }
    }

    @Test
    void shouldJudgeArrayClassNamesByTheirElement()
    {
        final SerializableCodec<Serializable> codec = SerializableCodec.builder(Serializable.class).build();
        for (final String primitive : new String[]{ "[Z", "[B", "[C", "[S", "[I", "[J", "[F", "[D", "[[[Z", "[[D" })
        {
            assertTrue(codec.isAllowed(primitive), primitive);
        }
        for (final String refused : new String[]{ "[V", "[[V", "[ZZ", "[L", "[Ljava.lang.String", "[Ljava.lang.String;",
            "Z", "I", "", "[", "[[" })
        {
            assertFalse(codec.isAllowed(refused), refused);
        }
        assertTrue(codec.isAllowed("[Ljava.io.Serializable;"));
        assertTrue(codec.isAllowed("[[Ljava.io.Serializable;"));
    }

    static Stream<Arguments> boundaryCharacters()
    {
        return Stream.of(
            Arguments.of("U+007F, last 1-byte", "\u007F", bytes(0x7F)),
            Arguments.of("U+0080, first 2-byte", "\u0080", bytes(0xC2, 0x80)),
            Arguments.of("U+07FF, last 2-byte", "\u07FF", bytes(0xDF, 0xBF)),
            Arguments.of("U+0800, first 3-byte", "\u0800", bytes(0xE0, 0xA0, 0x80)),
            Arguments.of("U+D7FF, last before the surrogates", "\uD7FF", bytes(0xED, 0x9F, 0xBF)),
            Arguments.of("U+E000, first after the surrogates", "\uE000", bytes(0xEE, 0x80, 0x80)),
            Arguments.of("U+FFFF, last 3-byte", "\uFFFF", bytes(0xEF, 0xBF, 0xBF)),
            Arguments.of("U+10000, first 4-byte", "\uD800\uDC00", bytes(0xF0, 0x90, 0x80, 0x80)),
            Arguments.of("U+10FFFF, last code point", "\uDBFF\uDFFF", bytes(0xF4, 0x8F, 0xBF, 0xBF)),
            Arguments.of("all of them between ASCII", "a\u0080b\u07FFc\u0800d\uFFFFe\uD800\uDC00f",
                bytes('a', 0xC2, 0x80, 'b', 0xDF, 0xBF, 'c', 0xE0, 0xA0, 0x80, 'd', 0xEF, 0xBF, 0xBF, 'e',
                    0xF0, 0x90, 0x80, 0x80, 'f')));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaryCharacters")
    void shouldRoundTripBoundaryCharactersAtAnOffsetOfALargerBuffer(
        final String what, final String value, final byte[] expected)
    {
        final Codec<String> codec = Codecs.utf8();
        assertEquals(expected.length, codec.encodedLength(value), what);
        final byte[] backing = new byte[OFFSET + expected.length + 8];
        Arrays.fill(backing, GUARD);
        final UnsafeBuffer buffer = new UnsafeBuffer(backing);
        assertEquals(expected.length, codec.encode(value, buffer, OFFSET), what);
        assertArrayEquals(expected, Arrays.copyOfRange(backing, OFFSET, OFFSET + expected.length), what);
        for (int i = 0; i < backing.length; i++)
        {
            if (i < OFFSET || i >= OFFSET + expected.length)
            {
                assertEquals(GUARD, backing[i], what + ": byte outside the encoding written at " + i);
            }
        }
        assertEquals(value, codec.decode(buffer, OFFSET, expected.length), what);

        final UnsafeBuffer exactlyFits = new UnsafeBuffer(new byte[OFFSET + expected.length]);
        assertEquals(expected.length, codec.encode(value, exactlyFits, OFFSET), what);
        assertEquals(value, codec.decode(exactlyFits, OFFSET, expected.length), what);
        final UnsafeBuffer oneShort = new UnsafeBuffer(new byte[OFFSET + expected.length - 1]);
        final CodecException ex = assertThrows(CodecException.class, () -> codec.encode(value, oneShort, OFFSET));
        assertEquals("encode buffer too small: codec=utf8, offset=" + OFFSET + ", length=" + expected.length +
            ", capacity=" + (OFFSET + expected.length - 1), ex.getMessage());
    }

    static Stream<Arguments> malformed()
    {
        return Stream.of(
            // truncated multi-byte sequences; the bytes after the range would complete them
            Arguments.of("truncated 2-byte", 0, bytes(0xC2)),
            Arguments.of("truncated 2-byte after ASCII", 1, bytes('a', 0xDF)),
            Arguments.of("truncated 3-byte, lead only", 0, bytes(0xE0)),
            Arguments.of("truncated 3-byte E0", 0, bytes(0xE0, 0xA0)),
            Arguments.of("truncated 3-byte EF", 0, bytes(0xEF, 0xBF)),
            Arguments.of("truncated 4-byte F0", 0, bytes(0xF0, 0x90, 0x80)),
            Arguments.of("truncated 4-byte F4", 0, bytes(0xF4, 0x8F, 0xBF)),
            Arguments.of("truncated after a 3-byte character", 3, bytes(0xE0, 0xA0, 0x80, 0xF0, 0x90, 0x80)),
            Arguments.of("truncated after a 2-byte character", 2, bytes(0xC2, 0x80, 0xE1, 0x80)),
            // bad lead bytes
            Arguments.of("continuation 80 without lead", 0, bytes(0x80)),
            Arguments.of("continuation BF without lead", 1, bytes('x', 0xBF)),
            Arguments.of("C0: overlong 2-byte", 0, bytes(0xC0, 0x80)),
            Arguments.of("C1: overlong 2-byte", 0, bytes(0xC1, 0xBF)),
            Arguments.of("F5: beyond U+10FFFF", 0, bytes(0xF5, 0x80, 0x80, 0x80)),
            Arguments.of("F8", 0, bytes(0xF8, 0x88, 0x80, 0x80, 0x80)),
            Arguments.of("FE", 0, bytes(0xFE)),
            Arguments.of("FF", 0, bytes(0xFF)),
            // E0 and EF: the bounds of the 3-byte leads and of their second byte
            Arguments.of("E0 80: overlong 3-byte", 0, bytes(0xE0, 0x80, 0x80)),
            Arguments.of("E0 9F: overlong U+07FF", 0, bytes(0xE0, 0x9F, 0xBF)),
            Arguments.of("E0 C0: second byte above BF", 0, bytes(0xE0, 0xC0, 0x80)),
            Arguments.of("EF 7F: second byte below 80", 0, bytes(0xEF, 0x7F, 0x80)),
            Arguments.of("EF C0: second byte above BF", 0, bytes(0xEF, 0xC0, 0x80)),
            Arguments.of("EF BF 7F: third byte below 80", 0, bytes(0xEF, 0xBF, 0x7F)),
            Arguments.of("EF BF C0: third byte above BF", 0, bytes(0xEF, 0xBF, 0xC0)),
            Arguments.of("ED A0: surrogate U+D800", 0, bytes(0xED, 0xA0, 0x80)),
            Arguments.of("ED BF: surrogate U+DFFF", 0, bytes(0xED, 0xBF, 0xBF)),
            Arguments.of("DF C0: second byte above BF", 0, bytes(0xDF, 0xC0)),
            Arguments.of("C2 7F: second byte below 80", 0, bytes(0xC2, 0x7F)),
            // 4-byte bounds
            Arguments.of("F0 8F: overlong 4-byte", 0, bytes(0xF0, 0x8F, 0xBF, 0xBF)),
            Arguments.of("F4 90: beyond U+10FFFF", 0, bytes(0xF4, 0x90, 0x80, 0x80)),
            Arguments.of("F0 90 C0: third byte above BF", 0, bytes(0xF0, 0x90, 0xC0, 0x80)),
            Arguments.of("F1 80 80 C0: fourth byte above BF", 0, bytes(0xF1, 0x80, 0x80, 0xC0)),
            Arguments.of("F1 80 80 7F: fourth byte below 80", 0, bytes(0xF1, 0x80, 0x80, 0x7F)),
            Arguments.of("bad after 4-byte character", 4, bytes(0xF4, 0x8F, 0xBF, 0xBF, 0xC1, 0x81)),
            // the second, third and fourth byte refused after a well-formed start, not at index 0
            Arguments.of("E0 9F after ASCII: second byte below A0", 1, bytes('a', 0xE0, 0x9F, 0xBF)),
            Arguments.of("F4 90 after a 2-byte character", 2, bytes(0xC2, 0x80, 0xF4, 0x90, 0x80, 0x80)),
            Arguments.of("EF BF C0 after ASCII: third byte above BF", 2, bytes('a', 'b', 0xEF, 0xBF, 0xC0)),
            Arguments.of("F1 80 80 7F after ASCII: fourth byte below 80", 3, bytes('a', 'b', 'c', 0xF1, 0x80, 0x80, 0x7F)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void shouldRefuseMalformedUtf8AtAnOffsetNamingTheIndexWithinTheMessage(
        final String what, final int index, final byte[] message)
    {
        final byte[] backing = new byte[OFFSET + message.length + 4];
        Arrays.fill(backing, (byte)'A');
        System.arraycopy(message, 0, backing, OFFSET, message.length);
        Arrays.fill(backing, OFFSET + message.length, backing.length, (byte)0x80); // would complete a truncated one
        final UnsafeBuffer buffer = new UnsafeBuffer(backing);
        final CodecException ex = assertThrows(CodecException.class,
            () -> Codecs.utf8().decode(buffer, OFFSET, message.length), what);
        assertEquals("malformed utf-8: codec=utf8, index=" + index + ", byte=0x" +
            Integer.toHexString(message[index] & 0xFF) + ", length=" + message.length, ex.getMessage(), what);
        assertEquals(-1, StringCodec.firstMalformedIndex(Arrays.copyOfRange(message, 0, index)),
            what + ": the bytes before the index are well-formed");
    }

    @Test
    void shouldNameEveryBuiltInCodec()
    {
        final Object[][] expected = {
            { Codecs.bytes(), "bytes", "BytesCodec" },
            { Codecs.utf8(), "utf8", "StringCodec" },
            { Codecs.longs(), "long", "LongCodec" },
            { Codecs.integers(), "int", "IntegerCodec" },
            { Codecs.doubles(), "double", "DoubleCodec" },
            { Codecs.byteBuffers(), "bytebuffer", "ByteBufferCodec" } };
        for (final Object[] row : expected)
        {
            final Codec<?> codec = (Codec<?>)row[0];
            assertEquals(row[1], codec.name());
            assertEquals(row[2], codec.toString());
        }
    }

    @Test
    void shouldBuildThroughCodecsWithEveryOptionAndReportIt() throws Exception
    {
        final ClassLoader loader = new ClassLoader(CodecBoundsTest.class.getClassLoader())
        {
        };
        final SerializableCodec<SerializableCodecTest.Node> codec = Codecs.serializable(SerializableCodecTest.Node.class)
            .allow(List.of("dev.mmipc.other.*"))
            .allow("dev.mmipc.more.**")
            .classLoader(loader)
            .maxBytes(5000)
            .maxDepth(7)
            .maxReferences(9)
            .maxArrayLength(11)
            .build();
        assertEquals("serializable", codec.name());
        assertEquals(9, codec.maxReferences());
        assertEquals(List.of(SerializableCodecTest.Node.class.getName(), "dev.mmipc.other.*", "dev.mmipc.more.**"),
            codec.allowlist());
        assertEquals("SerializableCodec{type=" + SerializableCodecTest.Node.class.getName() + ", allowlist=[" +
            SerializableCodecTest.Node.class.getName() + ", dev.mmipc.other.*, dev.mmipc.more.**], maxBytes=5000, " +
            "maxDepth=7, maxReferences=9, maxArrayLength=11}", codec.toString());
        final SerializableCodecTest.Node node = new SerializableCodecTest.Node();
        node.next = new SerializableCodecTest.Node();
        final SerializableCodecTest.Node decoded = (SerializableCodecTest.Node)decodeAny(codec, node);
        assertEquals(SerializableCodecTest.Node.class, decoded.next.getClass(), "resolved through the class loader");
        assertNull(decoded.next.next);
    }

    @Test
    void shouldReportAnIncompatibleClassAsInvalidNotRefused()
    {
        final byte[] bytes = SerializableCodecTest.serialize(new Twin1(5));
        final byte[] name = Twin1.class.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = -1;
        for (int i = 0; i + name.length <= bytes.length; i++)
        {
            if (Arrays.equals(bytes, i, i + name.length, name, 0, name.length))
            {
                at = i + name.length; // the serialVersionUID follows the class name, big-endian
            }
        }
        assertTrue(at > 0);
        assertEquals(1, bytes[at + 7], "serialVersionUID 1");
        bytes[at + 7] = 2;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + bytes.length]);
        buffer.putBytes(OFFSET, bytes);
        final SerializableCodec<Twin1> codec = SerializableCodec.builder(Twin1.class).build();
        final CodecException ex = assertThrows(CodecException.class, () -> codec.decode(buffer, OFFSET, bytes.length));
        assertFalse(ex instanceof RefusedMessageException, ex.getMessage());
        assertTrue(ex.getMessage().startsWith("serialized class invalid: codec=serializable, error=java.io.InvalidClassException: " +
            Twin1.class.getName() + "; local class incompatible"), ex.getMessage());
    }

    @Test
    void shouldGrowOrRefuseTheStreamBufferOneByteAtATime()
    {
        final UnsafeBuffer fixed = new UnsafeBuffer(new byte[OFFSET + 3]);
        final BufferOutputStream out = new BufferOutputStream("test", fixed, OFFSET);
        out.write(0x41);
        out.write(new byte[]{ 9, 0x42, 0x43, 9 }, 1, 2);
        assertEquals(3, out.length());
        assertEquals(0x41, fixed.getByte(OFFSET));
        assertEquals(0x42, fixed.getByte(OFFSET + 1));
        assertEquals(0x43, fixed.getByte(OFFSET + 2));
        final CodecException full = assertThrows(CodecException.class, () -> out.write(0x44));
        assertEquals("encode buffer too small: codec=test, offset=" + (OFFSET + 3) + ", length=1, capacity=" + (OFFSET + 3),
            full.getMessage());
        assertThrows(CodecException.class, () -> out.write(new byte[1], 0, 1));
        assertEquals(3, out.length(), "nothing written past the buffer");

        final ExpandableArrayBuffer growable = new ExpandableArrayBuffer(1);
        final BufferOutputStream grows = new BufferOutputStream("test", growable, OFFSET);
        for (int i = 0; i < 100; i++)
        {
            grows.write(i);
        }
        assertEquals(100, grows.length());
        assertEquals(99, growable.getByte(OFFSET + 99));
    }

    @Test
    void shouldTellAnEncodeEndingAtTheLargestIntFromOneBeyondIt()
    {
        final UnsafeBuffer small = new UnsafeBuffer(new byte[16]);
        final CodecException atMax = assertThrows(CodecException.class,
            () -> Codecs.ensureRoom("test", small, Integer.MAX_VALUE - 4, 4));
        assertEquals("encode buffer too small: codec=test, offset=" + (Integer.MAX_VALUE - 4) + ", length=4, capacity=16",
            atMax.getMessage(), "a range ending exactly at Integer.MAX_VALUE is a range, just not one that fits");
        final CodecException beyond = assertThrows(CodecException.class,
            () -> Codecs.ensureRoom("test", small, Integer.MAX_VALUE - 4, 5));
        assertEquals("encode range invalid: codec=test, offset=" + (Integer.MAX_VALUE - 4) + ", length=5",
            beyond.getMessage());
        Codecs.ensureRoom("test", small, 12, 4);
        assertThrows(CodecException.class, () -> Codecs.ensureRoom("test", small, 12, 5));
    }

    private static Serializable roundTrip(final SerializableCodec<Serializable> codec, final Serializable value)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1);
        final int length = codec.encode(value, buffer, OFFSET);
        return codec.decode(buffer, OFFSET, length);
    }

    private static Object decodeAny(final SerializableCodec<?> codec, final Serializable value)
    {
        final byte[] bytes = SerializableCodecTest.serialize(value);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[OFFSET + bytes.length + 3]);
        buffer.putBytes(OFFSET, bytes);
        return codec.decode(buffer, OFFSET, bytes.length);
    }

    private static void assertRefusedArrayLength(
        final SerializableCodec<Serializable> codec, final Serializable value, final int length, final int max)
    {
        final RefusedLimitException ex = assertThrows(RefusedLimitException.class, () -> decodeAny(codec, value),
            value.getClass().getName());
        assertEquals("serialized message refused: codec=serializable, limit=maxArrayLength, value=" + length +
            ", max=" + max, ex.getMessage());
        assertEquals("maxArrayLength", ex.limit());
        assertEquals("filter status: REJECTED", ex.getCause().getMessage(), "the filter said REJECTED, not null");
    }

    private static byte[] payload(final int length)
    {
        final byte[] value = new byte[length];
        for (int i = 0; i < length; i++)
        {
            value[i] = (byte)(i * 31 + 7);
        }
        return value;
    }

    private static byte[] bytes(final int... values)
    {
        final byte[] array = new byte[values.length];
        for (int i = 0; i < values.length; i++)
        {
            array[i] = (byte)values[i];
        }
        return array;
    }
}

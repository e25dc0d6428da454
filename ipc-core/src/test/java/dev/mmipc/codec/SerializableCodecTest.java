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
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SerializableCodecTest
{
    enum Side
    {
        BUY, SELL
    }

    record Line(String sku, int quantity) implements Serializable
    {
    }

    record Order(String id, long quantity, Side side, Line line, int[] codes, Line[] more) implements Serializable
    {
    }

    static final class Holder implements Serializable
    {
        private static final long serialVersionUID = 1L;
        Serializable inner;
    }

    static final class Node implements Serializable
    {
        private static final long serialVersionUID = 1L;
        Node next;
    }

    private static final String OWN = "dev.mmipc.codec.SerializableCodecTest$*";

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldRoundTripAnAllowedGraph()
    {
        final SerializableCodec<Order> codec = SerializableCodec.builder(Order.class)
            .allow(OWN)
            .allowBasicJdkTypes()
            .build();
        final Order order = new Order("o-1", 42, Side.SELL, new Line("sku-9", 3), new int[]{ 1, 2, 3 },
            new Line[]{ new Line("a", 1), new Line("b", 2) });
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(8);
        final int length = codec.encode(order, buffer, 3);
        final Order decoded = codec.decode(buffer, 3, length);
        assertEquals("o-1", decoded.id());
        assertEquals(42, decoded.quantity());
        assertEquals(Side.SELL, decoded.side());
        assertEquals(new Line("sku-9", 3), decoded.line());
        assertArrayEquals(new int[]{ 1, 2, 3 }, decoded.codes());
        assertEquals(List.of(new Line("a", 1), new Line("b", 2)), Arrays.asList(decoded.more()));
        assertEquals(Codec.UNKNOWN_LENGTH, codec.encodedLength(order));
    }

    @Test
    void shouldRefuseClassOutsideAllowlistWithoutInitialisingOrConstructingIt()
    {
        final byte[] evil = renamed(serialize(new Twin1(7)), "dev.mmipc.codec.Twin1", "dev.mmipc.codec.Evil1");
        final SerializableCodec<Serializable> codec = SerializableCodec.builder(Serializable.class)
            .allowClass(Twin1.class)
            .build();

        final RefusedClassException ex = assertThrows(RefusedClassException.class,
            () -> codec.decode(new UnsafeBuffer(evil), 0, evil.length));
        assertEquals("serialized class refused: codec=serializable, class=dev.mmipc.codec.Evil1, reason=not in allowlist",
            ex.getMessage());
        assertEquals("dev.mmipc.codec.Evil1", ex.className());
        assertEquals(List.of(), Markers.events("Evil1"), "no static initialiser, constructor or readObject ran");

        final byte[] next = serialize(new Twin1(8));
        assertEquals(8, ((Twin1)codec.decode(new UnsafeBuffer(next), 0, next.length)).payload, "next message decodes");

        // control: the markers do fire when the class is allowed, so their silence above means something
        final SerializableCodec<Serializable> permissive = SerializableCodec.builder(Serializable.class)
            .allowClass(Evil1.class)
            .build();
        final Serializable value = permissive.decode(new UnsafeBuffer(evil), 0, evil.length);
        assertEquals("dev.mmipc.codec.Evil1", value.getClass().getName());
        assertEquals(List.of("Evil1.<clinit>", "Evil1.readObject", "Evil1.readResolve"), Markers.events("Evil1"));
    }

    @Test
    void shouldRefuseNestedClassOutsideAllowlist()
    {
        final Holder holder = new Holder();
        holder.inner = new Twin2(1);
        final byte[] evil = renamed(serialize(holder), "dev.mmipc.codec.Twin2", "dev.mmipc.codec.Evil2");
        final SerializableCodec<Holder> codec = SerializableCodec.builder(Holder.class).allowClass(Twin2.class).build();

        final RefusedClassException ex = assertThrows(RefusedClassException.class,
            () -> codec.decode(new UnsafeBuffer(evil), 0, evil.length));
        assertEquals("dev.mmipc.codec.Evil2", ex.className());
        assertEquals(List.of(), Markers.events("Evil2"));
    }

    @Test
    void shouldCheckSerializableSuperclasses()
    {
        final SerializableCodec<Integer> strict = SerializableCodec.builder(Integer.class).build();
        final byte[] bytes = serialize(12345);
        final RefusedClassException ex = assertThrows(RefusedClassException.class,
            () -> strict.decode(new UnsafeBuffer(bytes), 0, bytes.length));
        assertEquals("java.lang.Number", ex.className());

        final SerializableCodec<Integer> basic = SerializableCodec.builder(Integer.class).allowBasicJdkTypes().build();
        assertEquals(12345, basic.decode(new UnsafeBuffer(bytes), 0, bytes.length));
    }

    @Test
    void shouldRefuseArrayWhoseElementClassIsNotAllowed()
    {
        final SerializableCodec<Serializable> codec = SerializableCodec.builder(Serializable.class).build();
        final byte[] strings = serialize(new String[]{ "a" });
        final RefusedClassException ex = assertThrows(RefusedClassException.class,
            () -> codec.decode(new UnsafeBuffer(strings), 0, strings.length));
        assertEquals("[Ljava.lang.String;", ex.className());

        final byte[] ints = serialize(new int[]{ 1, 2 });
        assertArrayEquals(new int[]{ 1, 2 }, (int[])codec.decode(new UnsafeBuffer(ints), 0, ints.length));
    }

    @Test
    void shouldMatchAllowlistPatterns()
    {
        final SerializableCodec<Serializable> codec = SerializableCodec.builder(Serializable.class)
            .allow("com.acme.Order", "com.acme.model.*", "org.tree.**", "net.pre.Fix*")
            .build();
        assertTrue(codec.isAllowed("java.io.Serializable"));
        assertTrue(codec.isAllowed("com.acme.Order"));
        assertFalse(codec.isAllowed("com.acme.Order2"));
        assertFalse(codec.isAllowed("com.acme.Other"));
        assertTrue(codec.isAllowed("com.acme.model.Line"));
        assertTrue(codec.isAllowed("com.acme.model.Line$Part"));
        assertFalse(codec.isAllowed("com.acme.model.sub.Line"));
        assertTrue(codec.isAllowed("org.tree.A"));
        assertTrue(codec.isAllowed("org.tree.deep.er.A"));
        assertFalse(codec.isAllowed("org.treeish.A"));
        assertTrue(codec.isAllowed("net.pre.Fixed"));
        assertFalse(codec.isAllowed("net.pre.Other"));
        assertTrue(codec.isAllowed("[Lcom.acme.Order;"));
        assertTrue(codec.isAllowed("[[Lcom.acme.model.Line;"));
        assertFalse(codec.isAllowed("[Lcom.acme.Other;"));
        assertTrue(codec.isAllowed("[[J"));
        assertFalse(codec.isAllowed("[X"));
        assertEquals(List.of("java.io.Serializable", "com.acme.Order", "com.acme.model.*", "org.tree.**", "net.pre.Fix*"),
            codec.allowlist());
    }

    @Test
    void shouldRefusePatternsThatAllowEverythingOrAreNotClassPatterns()
    {
        final SerializableCodec.Builder<Serializable> builder = SerializableCodec.builder(Serializable.class);
        for (final String pattern : List.of("*", "**", ".**", ".*", ""))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> builder.allow(pattern));
            assertEquals("allowlist pattern allows every class: pattern=" + pattern, ex.getMessage());
        }
        for (final String pattern : List.of("!com.acme.*", "java.base/*", "maxdepth=5", "a;b", "com.*.x", "a b"))
        {
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> builder.allow(pattern));
            assertTrue(ex.getMessage().startsWith("allowlist pattern invalid: pattern=" + pattern), ex.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> builder.maxDepth(0));
        assertThrows(IllegalArgumentException.class, () -> builder.maxArrayLength(-1));
    }

    @Test
    void shouldRefuseDepthBeyondLimit()
    {
        final SerializableCodec<Node> codec = SerializableCodec.builder(Node.class).maxDepth(10).build();
        final byte[] ok = serialize(chain(10));
        assertNotNull(codec.decode(new UnsafeBuffer(ok), 0, ok.length));
        final byte[] deep = serialize(chain(50));
        final RefusedLimitException ex = assertThrows(RefusedLimitException.class,
            () -> codec.decode(new UnsafeBuffer(deep), 0, deep.length));
        assertEquals("serialized message refused: codec=serializable, limit=maxDepth, value=11, max=10", ex.getMessage());
        assertEquals("maxDepth", ex.limit());
        assertEquals(11, ex.value());
        assertEquals(10, ex.max());
    }

    @Test
    void shouldRefuseArrayLengthBeyondLimit()
    {
        final SerializableCodec<long[]> codec = SerializableCodec.builder(long[].class).maxArrayLength(100).build();
        final byte[] ok = serialize(new long[100]);
        assertEquals(100, codec.decode(new UnsafeBuffer(ok), 0, ok.length).length);
        final byte[] big = serialize(new long[101]);
        final RefusedLimitException ex = assertThrows(RefusedLimitException.class,
            () -> codec.decode(new UnsafeBuffer(big), 0, big.length));
        assertEquals("serialized message refused: codec=serializable, limit=maxArrayLength, value=101, max=100",
            ex.getMessage());
    }

    @Test
    void shouldRefuseReferencesBeyondLimit()
    {
        final SerializableCodec<Node[]> codec = SerializableCodec.builder(Node[].class).allowClass(Node.class)
            .maxReferences(50).build();
        final Node[] nodes = new Node[100];
        Arrays.setAll(nodes, i -> new Node());
        final byte[] many = serialize(nodes);
        final RefusedLimitException ex = assertThrows(RefusedLimitException.class,
            () -> codec.decode(new UnsafeBuffer(many), 0, many.length));
        assertEquals("maxReferences", ex.limit());
        assertTrue(ex.value() > 50, "references counted by ObjectInputStream: " + ex.value());
        assertEquals(50, ex.max());
        assertEquals("filter status: REJECTED", ex.getCause().getMessage(), "the filter said REJECTED, not null");
    }

    @Test
    void shouldRefuseMessagesLongerThanMaxBytesOnBothSides()
    {
        final SerializableCodec<byte[]> codec = SerializableCodec.builder(byte[].class).maxBytes(200).build();
        final byte[] big = serialize(new byte[300]);
        final RefusedLimitException ex = assertThrows(RefusedLimitException.class,
            () -> codec.decode(new UnsafeBuffer(big), 0, big.length));
        assertEquals("serialized message refused: codec=serializable, limit=maxBytes, value=" + big.length + ", max=200",
            ex.getMessage());
        final RefusedLimitException encodeEx = assertThrows(RefusedLimitException.class,
            () -> codec.encode(new byte[300], new ExpandableArrayBuffer(), 0));
        assertEquals("serialized message too large: codec=serializable, class=[B, limit=maxBytes, value=" + big.length +
            ", max=200", encodeEx.getMessage());
    }

    @Test
    void shouldRefuseMalformedInput()
    {
        final SerializableCodec<Line> codec = SerializableCodec.builder(Line.class).allowBasicJdkTypes().build();
        final byte[] good = serialize(new Line("x", 1));

        final CodecException empty = assertThrows(CodecException.class, () -> codec.decode(new UnsafeBuffer(good), 0, 0));
        assertTrue(empty.getMessage().startsWith("malformed serialized message: codec=serializable, length=0, error="),
            empty.getMessage());
        for (final int cut : new int[]{ 2, 4, 10, good.length / 2, good.length - 1 })
        {
            final CodecException truncated = assertThrows(CodecException.class,
                () -> codec.decode(new UnsafeBuffer(good), 0, cut));
            assertTrue(truncated.getMessage().startsWith("malformed serialized message: codec=serializable, length=" + cut),
                truncated.getMessage());
        }
        final byte[] garbage = "definitely not a java serialization stream".getBytes(StandardCharsets.US_ASCII);
        final CodecException bad = assertThrows(CodecException.class,
            () -> codec.decode(new UnsafeBuffer(garbage), 0, garbage.length));
        assertTrue(bad.getMessage().startsWith("malformed serialized message: codec=serializable"), bad.getMessage());

        assertEquals(new Line("x", 1), codec.decode(new UnsafeBuffer(good), 0, good.length), "still works");
    }

    @Test
    void shouldRefuseAllowedObjectOfTheWrongType()
    {
        final SerializableCodec<Line> codec = SerializableCodec.builder(Line.class).allowBasicJdkTypes().build();
        final byte[] text = serialize(Long.valueOf(5));
        final CodecException ex = assertThrows(CodecException.class, () -> codec.decode(new UnsafeBuffer(text), 0, text.length));
        assertEquals("serialized object of unexpected type: codec=serializable, " +
            "expected=dev.mmipc.codec.SerializableCodecTest$Line, actual=java.lang.Long", ex.getMessage());
    }

    @Test
    void shouldReportUnserializableValueOnEncode()
    {
        final SerializableCodec<Holder> codec = SerializableCodec.builder(Holder.class).build();
        final Holder holder = new Holder();
        holder.inner = new Serializable[]{ new Object[]{ new Object() } };
        final CodecException ex = assertThrows(CodecException.class,
            () -> codec.encode(holder, new ExpandableArrayBuffer(), 0));
        assertTrue(ex.getMessage().startsWith("serialization failed: codec=serializable, " +
            "class=dev.mmipc.codec.SerializableCodecTest$Holder, error=java.io.NotSerializableException: java.lang.Object"),
            ex.getMessage());
    }

    @Test
    void shouldRefuseEncodeIntoTooSmallFixedBuffer()
    {
        final SerializableCodec<Line> codec = SerializableCodec.builder(Line.class).allowBasicJdkTypes().build();
        final CodecException ex = assertThrows(CodecException.class,
            () -> codec.encode(new Line("x", 1), new UnsafeBuffer(new byte[16]), 0));
        assertTrue(ex.getMessage().contains("encode buffer too small: codec=serializable"), ex.getMessage());
    }

    @Test
    void shouldLetJvmWideSerialFilterRefuseMoreButNotAdmitMore()
    {
        final ChildJvm refusing = ns.startChild(new ChildJvm.Options().jvmArgs("-Djdk.serialFilter=!dev.mmipc.codec.Twin1"),
            SerialFilterChild.class, "allow");
        final ChildJvm admitting = ns.startChild(new ChildJvm.Options().jvmArgs("-Djdk.serialFilter=dev.mmipc.**"),
            SerialFilterChild.class, "deny");
        refusing.awaitSuccess(Duration.ofSeconds(60));
        admitting.awaitSuccess(Duration.ofSeconds(60));
        assertTrue(refusing.output().contains("refused RefusedClassException: serialized class refused: " +
            "codec=serializable, class=dev.mmipc.codec.Twin1, reason=jdk.serialFilter"), refusing.output());
        assertTrue(admitting.output().contains("refused RefusedClassException: serialized class refused: " +
            "codec=serializable, class=dev.mmipc.codec.Twin1, reason=not in allowlist"), admitting.output());
    }

    @Test
    void shouldKeepTheAllowlistWhenAFilterFactoryReplacesTheFilter()
    {
        final ChildJvm child = ns.startChild(new ChildJvm.Options().jvmArgs(
            "-Djdk.serialFilterFactory=dev.mmipc.codec.SerialFilterChild$PermissiveFactory"), SerialFilterChild.class, "deny");
        child.awaitSuccess(Duration.ofSeconds(60));
        assertTrue(child.output().contains("refused RefusedClassException: serialized class refused: " +
            "codec=serializable, class=dev.mmipc.codec.Twin1, reason=not in allowlist"), child.output());
    }

    private static Node chain(final int length)
    {
        Node head = null;
        for (int i = 0; i < length; i++)
        {
            final Node node = new Node();
            node.next = head;
            head = node;
        }
        return head;
    }

    static byte[] serialize(final Object value)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(value);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /**
     * Replace a class name by another of the same length in serialized bytes.
     */
    static byte[] renamed(final byte[] bytes, final String from, final String to)
    {
        assertEquals(from.length(), to.length());
        final byte[] f = from.getBytes(StandardCharsets.UTF_8);
        final byte[] t = to.getBytes(StandardCharsets.UTF_8);
        final byte[] out = bytes.clone();
        int replaced = 0;
        for (int i = 0; i + f.length <= out.length; i++)
        {
            if (Arrays.equals(out, i, i + f.length, f, 0, f.length))
            {
                System.arraycopy(t, 0, out, i, t.length);
                replaced++;
            }
        }
        assertTrue(replaced > 0, "class name not found in bytes: " + from);
        return out;
    }
}

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
package dev.mmipc.shared;

import dev.mmipc.Namespace;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link SharedInspector#describe(Region)} over a region opened without knowing its kind, as the CLI opens it.
 */
class SharedInspectorTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace;

    @BeforeEach
    void before()
    {
        namespace = Namespace.of(ns.directory());
    }

    @Test
    void shouldDescribeValues()
    {
        try (SharedLong l = SharedLong.create(namespace, "l", -42);
            SharedInt i = SharedInt.create(namespace, "i", 7);
            SharedDouble d = SharedDouble.create(namespace, "d", 2.5))
        {
            assertEquals(List.of("value=-42"), describe("l"));
            assertEquals(List.of("value=7"), describe("i"));
            assertEquals(List.of("value=2.5"), describe("d"));
            l.set(Long.MAX_VALUE);
            i.set(Integer.MIN_VALUE);
            d.set(Double.NaN);
            assertEquals(List.of("value=9223372036854775807"), describe("l"), "reads the current value");
            assertEquals(List.of("value=-2147483648"), describe("i"));
            assertEquals(List.of("value=NaN"), describe("d"));
        }
    }

    @Test
    void shouldDescribeArraysShowingAtMostSixteenElements()
    {
        final long[] twenty = new long[20];
        for (int k = 0; k < twenty.length; k++)
        {
            twenty[k] = k * 10L;
        }
        try (SharedLongArray l = SharedLongArray.create(namespace, "l", twenty);
            SharedIntArray i = SharedIntArray.create(namespace, "i", new int[]{ 1, -2, 3 });
            SharedDoubleArray d = SharedDoubleArray.create(namespace, "d", new double[]{ 0.5, -1.0 }))
        {
            assertEquals(List.of(
                "length=20", "element_bytes=8", "size_bytes=160",
                "elements=0,10,20,30,40,50,60,70,80,90,100,110,120,130,140,150", "elements_shown=16"), describe("l"));
            assertEquals(List.of(
                "length=3", "element_bytes=4", "size_bytes=12", "elements=1,-2,3", "elements_shown=3"), describe("i"));
            assertEquals(List.of(
                "length=2", "element_bytes=8", "size_bytes=16", "elements=0.5,-1.0", "elements_shown=2"), describe("d"));
            l.set(15, -1);
            l.set(16, -1);
            assertEquals("elements=0,10,20,30,40,50,60,70,80,90,100,110,120,130,140,-1", describe("l").get(3));
            assertEquals(3, i.length());
            assertEquals(2, d.length());
        }
    }

    @Test
    void shouldDescribeBytes()
    {
        try (SharedBytes small = SharedBytes.create(namespace, "small", 3);
            SharedBytes big = SharedBytes.create(namespace, "big", 1000))
        {
            small.buffer().putByte(0, (byte)0xAB);
            small.buffer().putByte(2, (byte)0x01);
            for (int k = 0; k < 20; k++)
            {
                big.buffer().putByte(k, (byte)k);
            }
            assertEquals(List.of("size_bytes=3", "head_hex=ab0001"), describe("small"));
            assertEquals(List.of("size_bytes=1000", "head_hex=000102030405060708090a0b0c0d0e0f"), describe("big"));
        }
    }

    @Test
    void shouldRefuseOtherKindsCorruptParametersAndClosedRegions()
    {
        assertFalse(SharedInspector.supports(RegionKind.QUEUE));
        assertFalse(SharedInspector.supports(null));
        assertTrue(SharedInspector.supports(RegionKind.BYTES));
        try (Region queue = Region.create(ns.directory(), "q", RegionKind.QUEUE, 64, Region.ZEROED))
        {
            final IllegalArgumentException ex = assertThrows(
                IllegalArgumentException.class, () -> SharedInspector.describe(queue));
            assertEquals("region kind not a shared value: name=q, kind=QUEUE", ex.getMessage());
        }
        try (Region corrupt = Region.create(ns.directory(), "c", RegionKind.LONG_ARRAY, 64, Region.ZEROED))
        {
            final RegionParameterException ex = assertThrows(
                RegionParameterException.class, () -> SharedInspector.describe(corrupt));
            assertEquals("shared element size mismatch: name=c, kind=LONG_ARRAY, expected=8, actual=0", ex.getMessage());
            assertFalse(corrupt.isClosed(), "the caller's region stays open");
        }
        SharedLong.create(namespace, "l").close();
        final Region closed = Region.open(ns.directory(), "l", null);
        closed.close();
        assertThrows(IllegalStateException.class, () -> SharedInspector.describe(closed));
    }

    private List<String> describe(final String name)
    {
        try (Region region = Region.open(ns.directory(), name, null))
        {
            final Map<String, String> map = SharedInspector.describe(region);
            final List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(k + "=" + v));
            return entries;
        }
    }
}

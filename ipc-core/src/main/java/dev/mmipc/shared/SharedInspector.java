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

import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import org.agrona.concurrent.AtomicBuffer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Describes the contents of a shared value, array or bytes region for tools ({@code mmipc stat},
 * {@code mmipc inspect}), without a typed handle. Reads with volatile loads; takes no lock, so an
 * array being written may show a mix of old and new elements.
 * <p>
 * Keys, in order:
 * <ul>
 *     <li>{@link RegionKind#LONG}, {@link RegionKind#INT}, {@link RegionKind#DOUBLE}: {@code value}.</li>
 *     <li>the arrays: {@code length}, {@code element_bytes}, {@code size_bytes}, {@code elements} (the first
 *     up to {@value #MAX_SHOWN} elements, comma-separated, no spaces), {@code elements_shown}.</li>
 *     <li>{@link RegionKind#BYTES}: {@code size_bytes}, {@code head_hex} (the first up to {@value #MAX_SHOWN}
 *     bytes as lower-case hex, two digits each, no separators).</li>
 * </ul>
 */
public final class SharedInspector
{
    /** Most elements (or bytes) listed. */
    public static final int MAX_SHOWN = 16;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SharedInspector()
    {
    }

    /**
     * @param kind a region kind.
     * @return true if {@link #describe(Region)} handles it.
     */
    public static boolean supports(final RegionKind kind)
    {
        return kind != null && SharedDescriptor.isSharedKind(kind);
    }

    /**
     * @param region an open region of a kind this package lays out.
     * @return its contents as ordered key/value pairs.
     * @throws IllegalArgumentException           for another kind.
     * @throws dev.mmipc.exceptions.RegionParameterException when its parameters are invalid.
     * @throws IllegalStateException              when the region is closed.
     */
    public static Map<String, String> describe(final Region region)
    {
        final RegionKind kind = region.kind();
        if (!supports(kind))
        {
            throw new IllegalArgumentException(
                "region kind not a shared value: name=" + region.name() + ", kind=" + kind);
        }
        final int count = SharedRegions.checkParams(region, SharedRegions.ANY_COUNT);
        final AtomicBuffer payload = region.payload();
        final int elementSize = SharedDescriptor.elementSize(kind);
        final Map<String, String> map = new LinkedHashMap<>();
        switch (kind)
        {
            case LONG:
            case INT:
            case DOUBLE:
                map.put("value", element(kind, payload, 0));
                break;

            case BYTES:
                map.put("size_bytes", Integer.toString(count));
                map.put("head_hex", hex(payload, Math.min(count, MAX_SHOWN)));
                break;

            default:
                final int shown = Math.min(count, MAX_SHOWN);
                final StringBuilder elements = new StringBuilder();
                for (int i = 0; i < shown; i++)
                {
                    if (i > 0)
                    {
                        elements.append(',');
                    }
                    elements.append(element(kind, payload, SharedDescriptor.elementOffset(i, elementSize)));
                }
                map.put("length", Integer.toString(count));
                map.put("element_bytes", Integer.toString(elementSize));
                map.put("size_bytes", Long.toString((long)count * elementSize));
                map.put("elements", elements.toString());
                map.put("elements_shown", Integer.toString(shown));
                break;
        }
        return map;
    }

    private static String element(final RegionKind kind, final AtomicBuffer payload, final int offset)
    {
        switch (kind)
        {
            case INT:
            case INT_ARRAY:
                return Integer.toString(payload.getIntVolatile(offset));
            case DOUBLE:
            case DOUBLE_ARRAY:
                return Double.toString(Double.longBitsToDouble(payload.getLongVolatile(offset)));
            default:
                return Long.toString(payload.getLongVolatile(offset));
        }
    }

    private static String hex(final AtomicBuffer payload, final int count)
    {
        final StringBuilder sb = new StringBuilder(count * 2);
        for (int i = 0; i < count; i++)
        {
            final int b = payload.getByteVolatile(i) & 0xFF;
            sb.append(HEX[b >>> 4]).append(HEX[b & 0xF]);
        }
        return sb.toString();
    }
}

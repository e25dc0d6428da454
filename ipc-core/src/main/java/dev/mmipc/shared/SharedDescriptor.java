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

import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.region.RegionKind;

/**
 * Layout of the shared value and array regions ({@link RegionKind#LONG}, {@link RegionKind#INT},
 * {@link RegionKind#DOUBLE}, {@link RegionKind#LONG_ARRAY}, {@link RegionKind#INT_ARRAY},
 * {@link RegionKind#DOUBLE_ARRAY}, {@link RegionKind#BYTES}) inside the common region file of
 * {@link RegionDescriptor}.
 * <p>
 * Kind-specific parameters (slots of {@link RegionDescriptor#paramOffset(int)}):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |              Element Count (64), param slot 0                 |  64
 *  |        1 for a single value, the length of an array,          |
 *  |        the size in bytes of raw bytes                         |
 *  +---------------------------------------------------------------+
 *  |          Element Size in bytes (64), param slot 1             |  72
 *  |        8 long/double, 4 int, 1 bytes                          |
 *  +---------------------------------------------------------------+
 *  |            Reserved, zero (param slots 2 to 7)               ...  80
 *  +---------------------------------------------------------------+
 * </pre>
 * Payload, from the header length ({@link RegionDescriptor#HEADER_LENGTH}, a multiple of
 * {@link RegionDescriptor#PAYLOAD_ALIGNMENT} = 128 bytes from the page-aligned start of the mapping):
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                 Element 0 (element size bytes)                | 128
 *  +---------------------------------------------------------------+
 *  |                 Element 1                                     | 128 + size
 *  +---------------------------------------------------------------+
 *  |                 ...                                          ...
 *  +---------------------------------------------------------------+
 *  |                 Element count - 1                             | 128 + (count - 1) * size
 *  +---------------------------------------------------------------+
 * </pre>
 * Payload length is exactly count * size. Element {@code i} lives at payload offset {@code i * size},
 * so, as the payload is 128-byte aligned, every element is naturally aligned and is read and written
 * whole by the atomic operations. All values are in native byte order.
 */
public final class SharedDescriptor
{
    /** Offset of the element count in the region file: param slot 0. */
    public static final int ELEMENT_COUNT_OFFSET;

    /** Offset of the element size in bytes in the region file: param slot 1. */
    public static final int ELEMENT_SIZE_OFFSET;

    /** First reserved parameter byte in the region file: param slot 2 onwards stays zero. */
    public static final int RESERVED_PARAMS_OFFSET;

    /** Offset of the element count within the 64-byte parameter buffer of {@code Region.params()}. */
    public static final int ELEMENT_COUNT_PARAM_OFFSET;

    /** Offset of the element size within the 64-byte parameter buffer of {@code Region.params()}. */
    public static final int ELEMENT_SIZE_PARAM_OFFSET;

    /** Alignment every shared payload must start on: two cache lines. */
    public static final int PAYLOAD_ALIGNMENT = RegionDescriptor.PAYLOAD_ALIGNMENT;

    static
    {
        ELEMENT_COUNT_OFFSET = RegionDescriptor.paramOffset(0);
        ELEMENT_SIZE_OFFSET = RegionDescriptor.paramOffset(1);
        RESERVED_PARAMS_OFFSET = RegionDescriptor.paramOffset(2);
        ELEMENT_COUNT_PARAM_OFFSET = ELEMENT_COUNT_OFFSET - RegionDescriptor.PARAMS_OFFSET;
        ELEMENT_SIZE_PARAM_OFFSET = ELEMENT_SIZE_OFFSET - RegionDescriptor.PARAMS_OFFSET;
    }

    private SharedDescriptor()
    {
    }

    /**
     * @param kind a shared value, array or bytes kind.
     * @return bytes per element: 8 for long and double, 4 for int, 1 for bytes.
     * @throws IllegalArgumentException for any other kind.
     */
    public static int elementSize(final RegionKind kind)
    {
        switch (kind)
        {
            case LONG:
            case DOUBLE:
            case LONG_ARRAY:
            case DOUBLE_ARRAY:
                return Long.BYTES;
            case INT:
            case INT_ARRAY:
                return Integer.BYTES;
            case BYTES:
                return 1;
            default:
                throw new IllegalArgumentException("region kind not a shared value: kind=" + kind);
        }
    }

    /**
     * @param kind any region kind.
     * @return true for the kinds this package lays out.
     */
    public static boolean isSharedKind(final RegionKind kind)
    {
        switch (kind)
        {
            case LONG:
            case INT:
            case DOUBLE:
            case LONG_ARRAY:
            case INT_ARRAY:
            case DOUBLE_ARRAY:
            case BYTES:
                return true;
            default:
                return false;
        }
    }

    /**
     * @param kind any region kind.
     * @return true for the single-value kinds (element count always 1).
     */
    public static boolean isScalarKind(final RegionKind kind)
    {
        return kind == RegionKind.LONG || kind == RegionKind.INT || kind == RegionKind.DOUBLE;
    }

    /**
     * @param index       element index.
     * @param elementSize bytes per element.
     * @return the element's offset from the start of the payload.
     */
    public static int elementOffset(final int index, final int elementSize)
    {
        return index * elementSize;
    }

    /**
     * @param elementSize bytes per element.
     * @return the largest element count whose payload fits one mapping (2 GiB less the header).
     */
    public static int maxElementCount(final int elementSize)
    {
        return (Integer.MAX_VALUE - RegionDescriptor.HEADER_LENGTH) / elementSize;
    }
}

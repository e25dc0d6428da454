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
package dev.mmipc.region;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegionDescriptorTest
{
    @Test
    void shouldMatchTheDiagram()
    {
        assertEquals(0, RegionDescriptor.MAGIC_OFFSET);
        assertEquals(8, RegionDescriptor.MAJOR_VERSION_OFFSET);
        assertEquals(10, RegionDescriptor.MINOR_VERSION_OFFSET);
        assertEquals(12, RegionDescriptor.KIND_OFFSET);
        assertEquals(14, RegionDescriptor.STATE_OFFSET);
        assertEquals(16, RegionDescriptor.HEADER_LENGTH_OFFSET);
        assertEquals(24, RegionDescriptor.PAYLOAD_LENGTH_OFFSET);
        assertEquals(32, RegionDescriptor.CREATOR_PID_OFFSET);
        assertEquals(40, RegionDescriptor.CREATOR_START_OFFSET);
        assertEquals(48, RegionDescriptor.CREATED_MS_OFFSET);
        assertEquals(56, RegionDescriptor.OWNER_OFFSET);
        assertEquals(64, RegionDescriptor.FIXED_LENGTH);
        assertEquals(64, RegionDescriptor.PARAMS_OFFSET);
        assertEquals(64, RegionDescriptor.PARAMS_LENGTH);
        assertEquals(128, RegionDescriptor.HEADER_LENGTH);
        assertEquals(0, RegionDescriptor.HEADER_LENGTH % RegionDescriptor.PAYLOAD_ALIGNMENT);
    }

    @Test
    void shouldPlaceParamSlots()
    {
        assertEquals(64, RegionDescriptor.paramOffset(0));
        assertEquals(120, RegionDescriptor.paramOffset(7));
        assertThrows(IndexOutOfBoundsException.class, () -> RegionDescriptor.paramOffset(8));
        assertThrows(IndexOutOfBoundsException.class, () -> RegionDescriptor.paramOffset(-1));
    }

    @Test
    void shouldPackTheOwnerWordAndRefuseValuesOutsideIt()
    {
        assertEquals(0x0001_0000_0000_0007L, RegionDescriptor.ownerWord(1, 7));
        final long top = RegionDescriptor.ownerWord(0xFFFF, (1L << 48) - 1);
        assertEquals(-1L, top);
        assertEquals(0xFFFF, RegionDescriptor.ownerType(top));
        assertEquals((1L << 48) - 1, RegionDescriptor.ownerNumber(top));
        assertEquals(0, RegionDescriptor.ownerType(0));
        assertEquals(2, RegionDescriptor.ownerType(RegionDescriptor.ownerWord(2, 0)));
        assertEquals(Integer.MAX_VALUE + 1L, RegionDescriptor.ownerNumber(RegionDescriptor.ownerWord(1, Integer.MAX_VALUE + 1L)));
        assertEquals(0x8000, RegionDescriptor.ownerType(Long.MIN_VALUE), "any stored value decodes, negative included");

        assertEquals("owner number out of range: number=281474976710656, min=0, max=281474976710655",
            assertThrows(IllegalArgumentException.class, () -> RegionDescriptor.ownerWord(1, 1L << 48)).getMessage());
        assertEquals("owner number out of range: number=-1, min=0, max=281474976710655",
            assertThrows(IllegalArgumentException.class, () -> RegionDescriptor.ownerWord(1, -1)).getMessage());
        assertEquals("owner number out of range: number=9223372036854775807, min=0, max=281474976710655",
            assertThrows(IllegalArgumentException.class, () -> RegionDescriptor.ownerWord(1, Long.MAX_VALUE)).getMessage());
        assertEquals("owner type out of range: type=0, min=1, max=65535",
            assertThrows(IllegalArgumentException.class, () -> RegionDescriptor.ownerWord(0, 1)).getMessage());
        assertEquals("owner type out of range: type=65536, min=1, max=65535",
            assertThrows(IllegalArgumentException.class, () -> RegionDescriptor.ownerWord(0x10000, 1)).getMessage());
        assertEquals("owner type out of range: type=-2147483648, min=1, max=65535",
            assertThrows(IllegalArgumentException.class, () -> RegionDescriptor.ownerWord(Integer.MIN_VALUE, 1)).getMessage());
    }

    @Test
    void shouldSpellMagic()
    {
        final byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++)
        {
            bytes[i] = (byte)(RegionDescriptor.MAGIC >>> (8 * i));
        }
        assertEquals("MMIPC-RG", new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
    }
}

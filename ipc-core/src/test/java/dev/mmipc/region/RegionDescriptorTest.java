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
        assertEquals(56, RegionDescriptor.RESERVED_OFFSET);
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

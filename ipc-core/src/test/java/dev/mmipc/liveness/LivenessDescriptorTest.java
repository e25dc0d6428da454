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
package dev.mmipc.liveness;

import dev.mmipc.region.NamespaceDirectory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LivenessDescriptorTest
{
    @Test
    void shouldMatchTheDiagram()
    {
        assertEquals(0, LivenessDescriptor.MAGIC_OFFSET);
        assertEquals(8, LivenessDescriptor.VERSION_OFFSET);
        assertEquals(12, LivenessDescriptor.SLOT_COUNT_OFFSET);
        assertEquals(16, LivenessDescriptor.SLOT_LENGTH_OFFSET);
        assertEquals(24, LivenessDescriptor.CREATED_MS_OFFSET);
        assertEquals(64, LivenessDescriptor.HIGH_WATER_MARK_OFFSET);
        assertEquals(128, LivenessDescriptor.HEADER_LENGTH);

        assertEquals(0, LivenessDescriptor.STATE_WORD_OFFSET);
        assertEquals(8, LivenessDescriptor.PID_OFFSET);
        assertEquals(16, LivenessDescriptor.START_MS_OFFSET);
        assertEquals(24, LivenessDescriptor.PID_NAMESPACE_OFFSET);
        assertEquals(32, LivenessDescriptor.HEARTBEAT_MS_OFFSET);
        assertEquals(40, LivenessDescriptor.HEARTBEAT_PERIOD_MS_OFFSET);
        assertEquals(48, LivenessDescriptor.CLAIMED_MS_OFFSET);
        assertEquals(64, LivenessDescriptor.SLOT_LENGTH);

        assertEquals(128, LivenessDescriptor.slotOffset(0));
        assertEquals(128 + 64 * 1023, LivenessDescriptor.slotOffset(1023));
        assertEquals(128 + 64 * 1024L, LivenessDescriptor.fileLength(LivenessDescriptor.SLOT_COUNT));
    }

    @Test
    void shouldPackStateWords()
    {
        final long word = LivenessDescriptor.stateWord(7, LivenessDescriptor.LIVE);
        assertEquals(30, word);
        assertEquals(LivenessDescriptor.LIVE, LivenessDescriptor.state(word));
        assertEquals(7, LivenessDescriptor.generation(word));
        assertEquals(0, LivenessDescriptor.stateWord(0, LivenessDescriptor.FREE));
        final long high = LivenessDescriptor.stateWord((1L << 62) - 1, LivenessDescriptor.CLAIMING);
        assertEquals(LivenessDescriptor.CLAIMING, LivenessDescriptor.state(high));
        assertEquals((1L << 62) - 1, LivenessDescriptor.generation(high));
    }

    @Test
    void shouldSpellMagicAndNeverCollideWithARegionName()
    {
        final byte[] bytes = new byte[8];
        for (int i = 0; i < 8; i++)
        {
            bytes[i] = (byte)(LivenessDescriptor.MAGIC >>> (8 * i));
        }
        assertEquals("MMIPC-LV", new String(bytes, StandardCharsets.US_ASCII));
        assertFalse(NamespaceDirectory.isValidName(LivenessDescriptor.FILE_NAME), "no region can be named so");
    }
}

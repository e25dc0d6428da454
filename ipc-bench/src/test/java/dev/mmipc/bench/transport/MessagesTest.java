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
package dev.mmipc.bench.transport;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.mmipc.bench.transport.MessageDescriptor.CHECKSUM_OFFSET;
import static dev.mmipc.bench.transport.MessageDescriptor.HEADER_LENGTH;
import static dev.mmipc.bench.transport.MessageDescriptor.KIND_OFFSET;
import static dev.mmipc.bench.transport.MessageDescriptor.LENGTH_OFFSET;
import static dev.mmipc.bench.transport.MessageDescriptor.MIN_LENGTH;
import static dev.mmipc.bench.transport.MessageDescriptor.SEQUENCE_OFFSET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The message layout and its checksum: every offset of {@link MessageDescriptor}'s diagram where {@link Messages}
 * writes, payloads that depend on the sequence number, and a checksum that no single flipped bit, swapped pair of
 * words or foreign header survives.
 */
class MessagesTest
{
    @Test
    void shouldWriteEveryHeaderFieldWhereTheDiagramSays()
    {
        assertEquals(0, KIND_OFFSET);
        assertEquals(4, LENGTH_OFFSET);
        assertEquals(8, SEQUENCE_OFFSET);
        assertEquals(16, CHECKSUM_OFFSET);
        assertEquals(24, HEADER_LENGTH);
        assertEquals(32, MIN_LENGTH);
        final UnsafeBuffer m = new UnsafeBuffer(new byte[64]);
        Messages.fill(m, 64, MessageDescriptor.DATA, 0x0102030405060708L);
        assertEquals(MessageDescriptor.DATA, m.getInt(KIND_OFFSET));
        assertEquals(64, m.getInt(LENGTH_OFFSET));
        assertEquals(0x0102030405060708L, m.getLong(SEQUENCE_OFFSET));
        assertEquals(Messages.checksum(m, 0, 64), m.getLong(CHECKSUM_OFFSET));
        assertEquals(0x0102030405060708L * Messages.SEQUENCE_STEP + Messages.WORD_STEP, m.getLong(HEADER_LENGTH),
            "first payload word");
    }

    @Test
    void shouldDeriveEveryPayloadWordFromTheSequenceNumber()
    {
        final UnsafeBuffer a = new UnsafeBuffer(new byte[256]);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[256]);
        Messages.fill(a, 256, MessageDescriptor.DATA, 41);
        Messages.fill(b, 256, MessageDescriptor.DATA, 42);
        for (int i = HEADER_LENGTH; i < 256; i += 8)
        {
            assertNotEquals(a.getLong(i), b.getLong(i), "word at " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = { 32, 33, 39, 100, 256 })
    void shouldChangeTheChecksumForEverySingleBitFlipped(final int length)
    {
        final UnsafeBuffer m = new UnsafeBuffer(new byte[length]);
        Messages.fill(m, length, MessageDescriptor.DATA, 7);
        final long stored = m.getLong(CHECKSUM_OFFSET);
        for (int i = 0; i < length; i++)
        {
            if (i >= CHECKSUM_OFFSET && i < HEADER_LENGTH)
            {
                continue;
            }
            for (int bit = 0; bit < 8; bit++)
            {
                m.putByte(i, (byte)(m.getByte(i) ^ (1 << bit)));
                assertNotEquals(stored, Messages.checksum(m, 0, length), "byte " + i + " bit " + bit);
                m.putByte(i, (byte)(m.getByte(i) ^ (1 << bit)));
            }
        }
        assertEquals(stored, Messages.checksum(m, 0, length), "restored");
    }

    @Test
    void shouldChangeTheChecksumWhenTwoPayloadWordsSwapOrAHeaderMeetsAnotherPayload()
    {
        final UnsafeBuffer m = new UnsafeBuffer(new byte[128]);
        Messages.fill(m, 128, MessageDescriptor.DATA, 9);
        final long stored = m.getLong(CHECKSUM_OFFSET);
        final long w0 = m.getLong(HEADER_LENGTH);
        m.putLong(HEADER_LENGTH, m.getLong(HEADER_LENGTH + 8));
        m.putLong(HEADER_LENGTH + 8, w0);
        assertNotEquals(stored, Messages.checksum(m, 0, 128), "swapped words");
        final UnsafeBuffer other = new UnsafeBuffer(new byte[128]);
        Messages.fill(other, 128, MessageDescriptor.DATA, 10);
        other.putLong(SEQUENCE_OFFSET, 9);
        other.putLong(CHECKSUM_OFFSET, stored);
        assertNotEquals(stored, Messages.checksum(other, 0, 128), "message 9's header on message 10's payload");
    }

    @Test
    void shouldStampARoundTripHeaderWithoutTouchingThePayload()
    {
        final UnsafeBuffer m = new UnsafeBuffer(new byte[96]);
        Messages.fill(m, 96, MessageDescriptor.ECHO, 0);
        final long payloadSum = Messages.payloadSum(m, 0, 96);
        final long word = m.getLong(HEADER_LENGTH);
        Messages.stamp(m, 96, MessageDescriptor.ECHO, 12345, payloadSum);
        assertEquals(12345, m.getLong(SEQUENCE_OFFSET));
        assertEquals(word, m.getLong(HEADER_LENGTH));
        assertEquals(Messages.checksum(m, 0, 96), m.getLong(CHECKSUM_OFFSET));
    }

    @Test
    void shouldReadAMessageAtAnOffset()
    {
        final UnsafeBuffer a = new UnsafeBuffer(new byte[40]);
        Messages.fill(a, 40, MessageDescriptor.DATA, 3);
        final UnsafeBuffer b = new UnsafeBuffer(new byte[100]);
        b.putBytes(17, a, 0, 40);
        assertEquals(a.getLong(CHECKSUM_OFFSET), Messages.checksum(b, 17, 40));
    }

    @Test
    void shouldRefuseLengthsOutsideTheTransportsRangeNamingThem()
    {
        final IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
            () -> MessageDescriptor.checkLength("agrona", 31, 1000));
        assertEquals("message length out of range: transport=agrona, length=31, min=32, max=1000", tooShort.getMessage());
        final IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
            () -> MessageDescriptor.checkLength("agrona", Integer.MAX_VALUE, 1000));
        assertTrue(tooLong.getMessage().contains("length=2147483647"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MessageDescriptor.checkLength("agrona", Integer.MIN_VALUE, 1000));
    }
}

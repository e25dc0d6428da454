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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The receiving side's checks in one JVM: a correct stream passes and is counted; each kind of fault fails with a
 * message that names it and is not counted.
 */
class DeliveryCheckTest
{
    private static final int LENGTH = 64;

    private static UnsafeBuffer message(final long sequence)
    {
        final UnsafeBuffer m = new UnsafeBuffer(new byte[LENGTH]);
        Messages.fill(m, LENGTH, MessageDescriptor.DATA, sequence);
        return m;
    }

    @Test
    void shouldCountAnUnbrokenStream()
    {
        final DeliveryCheck check = new DeliveryCheck("t", LENGTH, MessageDescriptor.DATA, 1);
        for (long s = 1; s <= 1000; s++)
        {
            check.onMessage(message(s), 0, LENGTH);
        }
        assertEquals(1000, check.delivered());
        assertEquals(1001, check.expected());
    }

    @Test
    void shouldFailALostMessage()
    {
        final DeliveryCheck check = new DeliveryCheck("t", LENGTH, MessageDescriptor.DATA, 1);
        check.onMessage(message(1), 0, LENGTH);
        final DeliveryCheckException ex = assertThrows(DeliveryCheckException.class, () -> check.onMessage(message(3), 0, LENGTH));
        assertEquals("sequence", ex.check());
        assertEquals("delivery check failed: check=sequence, transport=t, expected=2, actual=3, meaning=lost or reordered, " +
            "delivered=1", ex.getMessage());
        assertEquals(1, check.delivered());
    }

    @Test
    void shouldFailARepeatedMessage()
    {
        final DeliveryCheck check = new DeliveryCheck("t", LENGTH, MessageDescriptor.DATA, 1);
        check.onMessage(message(1), 0, LENGTH);
        final DeliveryCheckException ex = assertThrows(DeliveryCheckException.class, () -> check.onMessage(message(1), 0, LENGTH));
        assertEquals("delivery check failed: check=sequence, transport=t, expected=2, actual=1, meaning=repeated or reordered, " +
            "delivered=1", ex.getMessage());
    }

    @Test
    void shouldFailACorruptedByteWithItsSequence()
    {
        final DeliveryCheck check = new DeliveryCheck("t", LENGTH, MessageDescriptor.DATA, 5);
        final UnsafeBuffer m = message(5);
        m.putByte(40, (byte)(m.getByte(40) ^ 1));
        final DeliveryCheckException ex = assertThrows(DeliveryCheckException.class, () -> check.onMessage(m, 0, LENGTH));
        assertEquals("checksum", ex.check());
        assertEquals(true, ex.getMessage().startsWith("delivery check failed: check=checksum, transport=t, sequence=5, expected="),
            ex.getMessage());
        assertEquals(0, check.delivered());
    }

    @Test
    void shouldFailAMessageOfAnotherLengthOrKind()
    {
        final DeliveryCheck check = new DeliveryCheck("t", LENGTH, MessageDescriptor.DATA, 1);
        final DeliveryCheckException shorter = assertThrows(DeliveryCheckException.class, () -> check.onMessage(message(1), 0, 40));
        assertEquals("delivery check failed: check=length, transport=t, expected=64, received=40, header=64, delivered=0",
            shorter.getMessage());
        final UnsafeBuffer echo = new UnsafeBuffer(new byte[LENGTH]);
        Messages.fill(echo, LENGTH, MessageDescriptor.ECHO, 1);
        final DeliveryCheckException kind = assertThrows(DeliveryCheckException.class, () -> check.onMessage(echo, 0, LENGTH));
        assertEquals("delivery check failed: check=kind, transport=t, expected=1, actual=2, delivered=0", kind.getMessage());
        final UnsafeBuffer zeros = new UnsafeBuffer(new byte[LENGTH]);
        assertEquals("length", assertThrows(DeliveryCheckException.class, () -> check.onMessage(zeros, 0, LENGTH)).check(),
            "zeroed memory is no message");
    }
}

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

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static dev.mmipc.bench.transport.MessageDescriptor.CHECKSUM_OFFSET;
import static dev.mmipc.bench.transport.MessageDescriptor.HEADER_LENGTH;
import static dev.mmipc.bench.transport.MessageDescriptor.KIND_OFFSET;
import static dev.mmipc.bench.transport.MessageDescriptor.LENGTH_OFFSET;
import static dev.mmipc.bench.transport.MessageDescriptor.SEQUENCE_OFFSET;

/**
 * Writing and checking messages of {@link MessageDescriptor}'s layout; the C ring ({@code bench/limit/cring.c})
 * does the same arithmetic.
 * <p>
 * <b>Payload.</b> Word {@code i} of a streamed message with sequence {@code s} is
 * {@code s * SEQUENCE_STEP + (i + 1) * WORD_STEP}: every byte depends on the sequence number.
 * <p>
 * <b>Checksum.</b> Fletcher's sums over the payload's 64-bit words, {@code a += w; b += a}, folded as
 * {@code a ^ rotateLeft(b, 32)} (a last partial word is zero-padded), then xor-ed with a mix of kind, length and
 * sequence. A flipped bit, a lost, repeated or swapped word, or a header joined to another message's payload
 * changes it; one pass, one dependent add per word.
 */
public final class Messages
{
    /** Multiplier of the sequence number in the payload and the header mix (the golden ratio, 64 bits). */
    public static final long SEQUENCE_STEP = 0x9E3779B97F4A7C15L;
    /** Step between payload words. */
    public static final long WORD_STEP = 0xD1B54A32D192ED03L;

    private Messages()
    {
    }

    /**
     * Write a whole message whose payload is derived from its sequence number, as a streaming producer does.
     *
     * @param buffer   where to write, from offset 0.
     * @param length   the message length, at least {@link MessageDescriptor#MIN_LENGTH}.
     * @param kind     its kind.
     * @param sequence its sequence number.
     */
    public static void fill(final MutableDirectBuffer buffer, final int length, final int kind, final long sequence)
    {
        long word = sequence * SEQUENCE_STEP;
        long a = 0;
        long b = 0;
        final int words = (length - HEADER_LENGTH) >> 3;
        int offset = HEADER_LENGTH;
        for (int i = 0; i < words; i++)
        {
            word += WORD_STEP;
            buffer.putLong(offset, word);
            a += word;
            b += a;
            offset += 8;
        }
        for (int i = offset; i < length; i++)
        {
            buffer.putByte(i, (byte)(sequence + i));
        }
        if (offset < length)
        {
            a += tail(buffer, offset, length);
            b += a;
        }
        stamp(buffer, length, kind, sequence, a ^ Long.rotateLeft(b, 32));
    }

    /**
     * Write the header of a message whose payload is already in place and summed, as a round trip does for
     * each sample: O(1), the payload stays as it was.
     *
     * @param buffer      the message, from offset 0.
     * @param length      its length.
     * @param kind        its kind.
     * @param sequence    its sequence number.
     * @param payloadSum  {@link #payloadSum} of its payload.
     */
    public static void stamp(
        final MutableDirectBuffer buffer, final int length, final int kind, final long sequence, final long payloadSum)
    {
        buffer.putInt(KIND_OFFSET, kind);
        buffer.putInt(LENGTH_OFFSET, length);
        buffer.putLong(SEQUENCE_OFFSET, sequence);
        buffer.putLong(CHECKSUM_OFFSET, payloadSum ^ mix(kind, length, sequence));
    }

    /**
     * @param buffer a message.
     * @param offset where it starts.
     * @param length its length.
     * @return the folded Fletcher sums of its payload, every byte read.
     */
    public static long payloadSum(final DirectBuffer buffer, final int offset, final int length)
    {
        long a = 0;
        long b = 0;
        final int end = offset + length;
        final int wordsEnd = offset + HEADER_LENGTH + ((length - HEADER_LENGTH) & ~7);
        for (int i = offset + HEADER_LENGTH; i < wordsEnd; i += 8)
        {
            a += buffer.getLong(i);
            b += a;
        }
        if (wordsEnd < end)
        {
            a += tail(buffer, wordsEnd, end);
            b += a;
        }
        return a ^ Long.rotateLeft(b, 32);
    }

    /**
     * @param buffer a message.
     * @param offset where it starts.
     * @param length its length.
     * @return the checksum its header should carry.
     */
    public static long checksum(final DirectBuffer buffer, final int offset, final int length)
    {
        return payloadSum(buffer, offset, length) ^
            mix(buffer.getInt(offset + KIND_OFFSET), buffer.getInt(offset + LENGTH_OFFSET), buffer.getLong(offset + SEQUENCE_OFFSET));
    }

    /**
     * @param kind     a kind.
     * @param length   a length.
     * @param sequence a sequence number.
     * @return the header's share of the checksum.
     */
    static long mix(final int kind, final int length, final long sequence)
    {
        return sequence * SEQUENCE_STEP ^ ((long)length << 32 | (kind & 0xFFFF_FFFFL));
    }

    /** The bytes from {@code from} to {@code end} (fewer than 8) as a little-endian word, zero-padded. */
    private static long tail(final DirectBuffer buffer, final int from, final int end)
    {
        long w = 0;
        for (int i = end - 1; i >= from; i--)
        {
            w = (w << 8) | (buffer.getByte(i) & 0xFF);
        }
        return w;
    }
}

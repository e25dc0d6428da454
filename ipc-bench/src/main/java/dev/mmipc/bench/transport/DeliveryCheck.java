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

import static dev.mmipc.bench.transport.MessageDescriptor.CHECKSUM_OFFSET;
import static dev.mmipc.bench.transport.MessageDescriptor.KIND_OFFSET;
import static dev.mmipc.bench.transport.MessageDescriptor.LENGTH_OFFSET;
import static dev.mmipc.bench.transport.MessageDescriptor.SEQUENCE_OFFSET;

/**
 * The receiving side of a trial: checks every message it is given, in order, and counts those that pass.
 * <p>
 * Each message must have the trial's length (as delivered and as written in its header), the expected kind, the
 * next sequence number ({@link #expect} sets it; it then advances by one per message), and a checksum that
 * matches every one of its bytes. The first message that fails throws {@link DeliveryCheckException}; it is not
 * counted. So a lost message shows as a sequence ahead of the expected one, a repeated one as a sequence behind,
 * a reordered pair as the first of those, and a corrupted byte as a checksum mismatch.
 */
public final class DeliveryCheck implements MessageSink
{
    private final String transport;
    private final int length;
    private final int kind;
    private long expected;
    private long delivered;

    /**
     * @param transport     the transport's name, for the messages.
     * @param length        the length every message must have.
     * @param kind          the kind every message must have.
     * @param firstSequence the sequence number of the first message.
     */
    public DeliveryCheck(final String transport, final int length, final int kind, final long firstSequence)
    {
        this.transport = transport;
        this.length = length;
        this.kind = kind;
        this.expected = firstSequence;
    }

    /**
     * @param sequence the sequence number the next message must carry.
     */
    public void expect(final long sequence)
    {
        expected = sequence;
    }

    /**
     * @return the sequence number the next message must carry.
     */
    public long expected()
    {
        return expected;
    }

    /**
     * @return messages delivered and checked so far.
     */
    public long delivered()
    {
        return delivered;
    }

    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final int headerLength = buffer.getInt(offset + LENGTH_OFFSET);
        if (length != this.length || headerLength != this.length)
        {
            throw failure("length", "expected=" + this.length + ", received=" + length + ", header=" + headerLength);
        }
        final int kind = buffer.getInt(offset + KIND_OFFSET);
        if (kind != this.kind)
        {
            throw failure("kind", "expected=" + this.kind + ", actual=" + kind);
        }
        final long sequence = buffer.getLong(offset + SEQUENCE_OFFSET);
        if (sequence != expected)
        {
            throw failure("sequence", "expected=" + expected + ", actual=" + sequence + ", meaning=" +
                (sequence > expected ? "lost or reordered" : "repeated or reordered"));
        }
        final long checksum = Messages.checksum(buffer, offset, length);
        if (checksum != buffer.getLong(offset + CHECKSUM_OFFSET))
        {
            throw failure("checksum", "sequence=" + sequence + ", expected=" + Long.toHexString(checksum) +
                ", actual=" + Long.toHexString(buffer.getLong(offset + CHECKSUM_OFFSET)));
        }
        expected++;
        delivered++;
    }

    private DeliveryCheckException failure(final String check, final String details)
    {
        return new DeliveryCheckException(check, "delivery check failed: check=" + check + ", transport=" + transport +
            ", " + details + ", delivered=" + delivered);
    }
}

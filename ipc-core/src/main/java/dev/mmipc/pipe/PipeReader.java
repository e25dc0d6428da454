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
package dev.mmipc.pipe;

import dev.mmipc.codec.Codec;
import dev.mmipc.queue.RingRecords;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.util.function.BooleanSupplier;

import static org.agrona.BitUtil.align;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.ALIGNMENT;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.HEADER_LENGTH;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.lengthOffset;
import static org.agrona.concurrent.ringbuffer.RecordDescriptor.typeOffset;
import static org.agrona.concurrent.ringbuffer.RingBuffer.PADDING_MSG_TYPE_ID;

/**
 * The receiving side of one {@link Connection}: reads one message at a time from the ring this end reads, with every
 * length bounded before use, in the mode the caller set (decode, copy out, copy into, or peek). As a wait condition,
 * true once a message was taken (or refused as too long), or the peer is gone with nothing left to read. The caller
 * sets the mode and inputs, waits, then reads the outcome from the fields; all under the connection's receive lock.
 *
 * @param <E> the type of objects decoded.
 */
final class PipeReader<E> implements ControlledMessageHandler, BooleanSupplier
{
    static final int DECODE = 0;
    static final int BYTES = 1;
    static final int INTO = 2;
    static final int PEEK = 3;

    private final OneToOneRingBuffer in;
    private final Codec<E> codec;
    private final int maxRecordLength;
    private final PipeEnds ends;
    private final PipeIntegrity integrity;
    private final PipeEnd end;
    private int emptyReads;

    int mode;
    int limit;
    byte[] target;
    int targetOffset;
    E decoded;
    byte[] bytes;
    int length;
    int tooShort;
    boolean got;
    boolean eof;
    boolean peeked;
    RuntimeException failure;

    /**
     * @param in              the ring this end reads, or null on the send-only end (then never used).
     * @param codec           decodes objects.
     * @param maxRecordLength a header and the longest message.
     * @param ends            tells whether the peer is gone.
     * @param integrity       where corruption is recorded.
     * @param end             this connection's end.
     */
    PipeReader(
        final OneToOneRingBuffer in, final Codec<E> codec, final int maxRecordLength, final PipeEnds ends,
        final PipeIntegrity integrity, final PipeEnd end)
    {
        this.in = in;
        this.codec = codec;
        this.maxRecordLength = maxRecordLength;
        this.ends = ends;
        this.integrity = integrity;
        this.end = end;
    }

    @Override
    public boolean getAsBoolean()
    {
        if (readOne() || tooShort >= 0 || emptyRead())
        {
            return true;
        }
        if (ends.peerGone())
        {
            // the peer's state was read (volatile) after its last message: read once more before saying EOF
            if (readOne() || tooShort >= 0)
            {
                return true;
            }
            eof = true;
            return true;
        }
        return false;
    }

    /**
     * @return true if a committed message is at the head (looked at through the same checked read as {@code recv},
     * left in place), or the peer is gone: {@code recv} would not block.
     */
    boolean receivable()
    {
        mode = PEEK;
        peeked = false;
        return readOne() || peeked || emptyRead() || ends.peerGone();
    }

    /**
     * Called by {@link #readOne()} with a length it has bounded: at most the longest message.
     */
    @Override
    public Action onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (mode == PEEK)
        {
            peeked = true;
            return Action.ABORT; // leave it for recv
        }
        try
        {
            switch (mode)
            {
                case DECODE:
                    decoded = codec.decode(buffer, index, length);
                    break;

                case BYTES:
                    if (length > limit)
                    {
                        tooShort = length;
                        return Action.ABORT; // leave the message in the ring
                    }
                    bytes = new byte[length];
                    buffer.getBytes(index, bytes);
                    break;

                default:
                    if (length > limit)
                    {
                        tooShort = length;
                        return Action.ABORT;
                    }
                    buffer.getBytes(index, target, targetOffset, length);
                    break;
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex; // consume the malformed message, throw after the read completes
        }
        this.length = length;
        got = true;
        return Action.COMMIT;
    }

    /**
     * Nothing was ready: look at the positions of the ring this end reads, on every
     * {@value PipeIntegrity#EMPTY_LOOK_MASK} + 1st empty read only (reading the tail pulls the writer's cache line
     * over).
     *
     * @return false.
     */
    private boolean emptyRead()
    {
        if ((emptyReads++ & PipeIntegrity.EMPTY_LOOK_MASK) == 0)
        {
            integrity.checkPositions(in, end);
        }
        return false;
    }

    /**
     * The first message at the head of the ring this end reads, as Agrona's {@code controlledRead(handler, 1)} reads
     * it (same record format and order of effects: the head is stored with release after the message was handed
     * over), with every length bounded before use: a record whose length is shorter than a header, runs past the
     * end of the buffer, or is longer than a header and the longest message without being padding, and a negative
     * length that no record being written has ({@link RingRecords#isClaimLength}), are refused before anything is
     * consumed. Agrona aligned and handed over such lengths: a length within 7 of {@code Integer.MAX_VALUE}
     * overflowed {@code align} and moved the head back by 2^31, a negative one was waited on for ever. Committed
     * lengths are stored with release, and the header at the head was pre-zeroed by the claim before it: a length
     * read here is never torn or stale. At most two records are read: a padding to the end, then one message.
     *
     * @return true if a message was handed to {@link #onMessage} and consumed.
     */
    private boolean readOne()
    {
        final AtomicBuffer buffer = in.buffer();
        final int capacity = in.capacity();
        final int headPositionIndex = capacity + RingBufferDescriptor.HEAD_POSITION_OFFSET;
        final long head = buffer.getLong(headPositionIndex); // plain: only this end's holder writes it
        final int headIndex = (int)head & (capacity - 1);
        final int contiguousLength = capacity - headIndex;
        int bytesRead = 0;
        boolean consumed = false;
        try
        {
            while (bytesRead < contiguousLength)
            {
                final int recordIndex = headIndex + bytesRead;
                final int room = contiguousLength - bytesRead;
                final int recordLength = buffer.getIntVolatile(lengthOffset(recordIndex)); // acquire: pairs with commit
                if (recordLength <= 0)
                {
                    // not written yet, or being written (its tail is not read here: a claim may run to the end)
                    if (recordLength < 0 && !RingRecords.isClaimLength(recordLength, room, room, maxRecordLength))
                    {
                        throw integrity.corruptRecord(head + bytesRead, recordLength, capacity);
                    }
                    break;
                }
                if (recordLength < HEADER_LENGTH || recordLength > room) // before align, which could overflow
                {
                    throw integrity.corruptRecord(head + bytesRead, recordLength, capacity);
                }
                final int alignedLength = align(recordLength, ALIGNMENT);
                final int typeId = buffer.getInt(typeOffset(recordIndex));
                if (typeId == PADDING_MSG_TYPE_ID)
                {
                    bytesRead += alignedLength;
                    continue;
                }
                if (recordLength > maxRecordLength)
                {
                    throw integrity.corruptRecord(head + bytesRead, recordLength, capacity);
                }
                if (onMessage(typeId, buffer, recordIndex + HEADER_LENGTH, recordLength - HEADER_LENGTH) !=
                    ControlledMessageHandler.Action.ABORT)
                {
                    bytesRead += alignedLength;
                    consumed = true;
                }
                break;
            }
        }
        finally
        {
            if (bytesRead > 0)
            {
                buffer.putLongRelease(headPositionIndex, head + bytesRead); // release: the reads above happen before
            }
        }
        return consumed;
    }
}

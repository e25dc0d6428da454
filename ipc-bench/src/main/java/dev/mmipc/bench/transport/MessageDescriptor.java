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

/**
 * The layout of every benchmark message, on every transport and in the C ring ({@code bench/limit/cring.c}):
 * a header that says what the message is and which one it is, then a payload derived from its sequence number.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                           Kind (32)                           |  0
 *  +---------------------------------------------------------------+
 *  |                          Length (32)                          |  4
 *  +---------------------------------------------------------------+
 *  |                         Sequence (64)                         |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                         Checksum (64)                         | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  Payload, length - 24 bytes                  ...| 24
 *  +---------------------------------------------------------------+
 * </pre>
 * Words are in native byte order. Length is the whole message's, header included, so a receiver checks it
 * against what the transport delivered. The checksum covers every payload byte and is tied to the header
 * ({@link Messages#checksum}); the sequence numbers of a stream are 1, 2, 3, ... with no gap.
 */
public final class MessageDescriptor
{
    /** Offset of the kind ({@link #DATA}, {@link #ECHO}, {@link #START}, {@link #STOP}). */
    public static final int KIND_OFFSET = 0;
    /** Offset of the message length, header included. */
    public static final int LENGTH_OFFSET = 4;
    /** Offset of the sequence number. */
    public static final int SEQUENCE_OFFSET = 8;
    /** Offset of the checksum. */
    public static final int CHECKSUM_OFFSET = 16;
    /** Length of the header; the payload starts here. */
    public static final int HEADER_LENGTH = 24;
    /** The shortest message: a header and one payload word. */
    public static final int MIN_LENGTH = HEADER_LENGTH + 8;

    /** Streaming data: the consumer checks and counts it. Kind 0 is none, so zeroed memory is no message. */
    public static final int DATA = 1;
    /** Round trip: the peer sends it back unchanged. */
    public static final int ECHO = 2;
    /** Streaming: the peer starts producing. */
    public static final int START = 3;
    /** The peer closes its end and exits 0. */
    public static final int STOP = 4;

    private MessageDescriptor()
    {
    }

    /**
     * @param transport the transport, for the message.
     * @param length    a message length.
     * @param max       the longest message the transport carries.
     * @throws IllegalArgumentException when the length is below {@link #MIN_LENGTH} or above {@code max}.
     */
    public static void checkLength(final String transport, final int length, final int max)
    {
        if (length < MIN_LENGTH || length > max)
        {
            throw new IllegalArgumentException("message length out of range: transport=" + transport + ", length=" +
                length + ", min=" + MIN_LENGTH + ", max=" + max);
        }
    }
}

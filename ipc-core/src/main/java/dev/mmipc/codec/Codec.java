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
package dev.mmipc.codec;

import dev.mmipc.exceptions.CodecException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Turns objects into bytes and back, for queues and other shared objects that carry messages.
 * <p>
 * <b>Encoding</b> writes straight into an Agrona {@link MutableDirectBuffer} at an offset and returns the
 * number of bytes written. The buffer is either a fixed region (a slot claimed in a ring buffer, which must
 * already be large enough: see {@link #encodedLength(Object)}) or a reusable growable buffer such as
 * {@link org.agrona.ExpandableArrayBuffer} or {@link org.agrona.ExpandableDirectByteBuffer}, which grows as
 * needed. A codec never writes outside {@code [offset, capacity)} of a fixed buffer, even when Agrona's
 * bounds checks are disabled: it throws {@link CodecException} instead.
 * <p>
 * <b>Decoding</b> reads exactly {@code length} bytes at {@code offset} and returns a new object. Malformed
 * input (truncated bytes, a wrong length for a fixed-size type, invalid UTF-8, a refused class) is a
 * {@link CodecException}; it never returns a half-made object and never reads outside the given range.
 * <p>
 * Codecs allocate nothing beyond the object they return where the format allows; the built-in ones are
 * stateless and safe to share between threads. Null values are not encodable ({@link NullPointerException}),
 * as {@link java.util.concurrent.BlockingQueue} refuses null elements.
 *
 * @param <E> the type of object encoded.
 * @see Codecs for the built-in codecs.
 */
public interface Codec<E>
{
    /** Returned by {@link #encodedLength(Object)} when the length is not known before encoding. */
    int UNKNOWN_LENGTH = -1;

    /**
     * The exact number of bytes {@link #encode} will write for a value, when the codec knows it cheaply
     * before writing (fixed-size types, byte arrays, strings). A queue uses it to claim a slot of the right
     * size and encode in place, with no intermediate copy.
     *
     * @param value the value to encode.
     * @return its encoded length in bytes, or {@link #UNKNOWN_LENGTH}.
     */
    default int encodedLength(final E value)
    {
        return UNKNOWN_LENGTH;
    }

    /**
     * Encode a value at an offset of a buffer.
     *
     * @param value  the value; not null.
     * @param buffer where to write; grown when it is expandable.
     * @param offset where the encoding starts.
     * @return the number of bytes written.
     * @throws CodecException       when the value cannot be encoded or a fixed buffer is too small.
     * @throws NullPointerException when the value is null.
     */
    int encode(E value, MutableDirectBuffer buffer, int offset);

    /**
     * Decode one value from exactly {@code length} bytes at {@code offset}.
     *
     * @param buffer where to read.
     * @param offset where the encoding starts.
     * @param length how many bytes it has.
     * @return the decoded value, a new object (or a cached immutable one, such as a small {@code Long}).
     * @throws CodecException when the bytes are malformed, refused, or the range lies outside the buffer.
     */
    E decode(DirectBuffer buffer, int offset, int length);

    /**
     * @return a short lower-case name for messages, e.g. {@code long} or {@code utf8}.
     */
    String name();
}

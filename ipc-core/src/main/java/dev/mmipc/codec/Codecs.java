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

import java.io.Serializable;
import java.nio.ByteBuffer;

/**
 * The built-in codecs, and the range checks every codec (built-in or yours) should make.
 * <pre>{@code
 * Codec<String> text = Codecs.utf8();
 * Codec<Long> ids = Codecs.longs();
 * Codec<Order> orders = Codecs.serializable(Order.class).allow("com.acme.orders.*").maxBytes(64 * 1024).build();
 * }</pre>
 */
public final class Codecs
{
    private Codecs()
    {
    }

    /**
     * @return the codec of byte arrays: the bytes as they are.
     */
    public static Codec<byte[]> bytes()
    {
        return BytesCodec.INSTANCE;
    }

    /**
     * @return the codec of strings as strict UTF-8.
     */
    public static Codec<String> utf8()
    {
        return StringCodec.INSTANCE;
    }

    /**
     * @return the codec of longs: 8 bytes, little-endian.
     */
    public static Codec<Long> longs()
    {
        return LongCodec.INSTANCE;
    }

    /**
     * @return the codec of integers: 4 bytes, little-endian.
     */
    public static Codec<Integer> integers()
    {
        return IntegerCodec.INSTANCE;
    }

    /**
     * @return the codec of doubles: their 8 raw IEEE 754 bytes, little-endian.
     */
    public static Codec<Double> doubles()
    {
        return DoubleCodec.INSTANCE;
    }

    /**
     * @return the codec of byte buffers: the remaining bytes in, a heap buffer out.
     */
    public static Codec<ByteBuffer> byteBuffers()
    {
        return ByteBufferCodec.INSTANCE;
    }

    /**
     * @param type the type of the messages' top-level objects.
     * @param <E>  that type.
     * @return a builder of a Java serialization codec that refuses every class outside the allowlist given to it.
     */
    public static <E extends Serializable> SerializableCodec.Builder<E> serializable(final Class<E> type)
    {
        return SerializableCodec.builder(type);
    }

    /**
     * Make sure {@code length} bytes can be written at {@code offset}: grow an expandable buffer, or refuse
     * when a fixed buffer is too small. Agrona's own bounds checks can be switched off; this check cannot.
     *
     * @param codec  the codec's name, for the message.
     * @param buffer the buffer about to be written.
     * @param offset where writing starts.
     * @param length how many bytes will be written.
     * @throws CodecException when a fixed buffer is too small or the range is negative.
     */
    public static void ensureRoom(
        final String codec, final MutableDirectBuffer buffer, final int offset, final int length)
    {
        final long limit = (long)offset + length;
        if (offset < 0 || length < 0 || limit > Integer.MAX_VALUE)
        {
            throw new CodecException(
                "encode range invalid: codec=" + codec + ", offset=" + offset + ", length=" + length);
        }
        if (buffer.isExpandable())
        {
            buffer.checkLimit((int)limit); // grows the buffer
        }
        else if (limit > buffer.capacity())
        {
            throw new CodecException(
                "encode buffer too small: codec=" + codec + ", offset=" + offset + ", length=" + length +
                ", capacity=" + buffer.capacity());
        }
    }

    /**
     * Make sure {@code [offset, offset + length)} lies inside the buffer before decoding from it.
     *
     * @param codec  the codec's name, for the message.
     * @param buffer the buffer about to be read.
     * @param offset where the encoding starts.
     * @param length how many bytes it has.
     * @throws CodecException when the range lies outside the buffer.
     */
    public static void checkDecodeRange(
        final String codec, final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || length < 0 || (long)offset + length > buffer.capacity())
        {
            throw new CodecException(
                "decode range outside buffer: codec=" + codec + ", offset=" + offset + ", length=" + length +
                ", capacity=" + buffer.capacity());
        }
    }

    /**
     * Check the range, then that a fixed-size encoding has exactly its length.
     *
     * @param codec    the codec's name, for the message.
     * @param buffer   the buffer about to be read.
     * @param offset   where the encoding starts.
     * @param length   how many bytes it has.
     * @param expected how many bytes it must have.
     * @throws CodecException when the range lies outside the buffer or the length is wrong.
     */
    public static void checkFixedLength(
        final String codec, final DirectBuffer buffer, final int offset, final int length, final int expected)
    {
        checkDecodeRange(codec, buffer, offset, length);
        if (length != expected)
        {
            throw new CodecException(
                "wrong encoded length: codec=" + codec + ", expected=" + expected + ", actual=" + length);
        }
    }
}

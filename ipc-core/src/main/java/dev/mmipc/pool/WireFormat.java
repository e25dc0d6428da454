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
package dev.mmipc.pool;

import dev.mmipc.codec.SerializableCodec;
import dev.mmipc.exceptions.RemoteTaskException;
import dev.mmipc.process.TaskCodecs;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How the pool writes values and exceptions into its messages, at the places {@link PoolMessageDescriptor} draws.
 * <p>
 * Values are tagged: {@code null}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code String}, {@code byte[]} and {@code Object[]} (starmap arguments) have compact forms written without
 * Java serialization; every other value is a {@link Serializable} written with {@link SerializableCodec} and
 * read back under the pool's allowlist. Exceptions travel as class name, message and frames, cause by cause.
 * Integers are little-endian, as Agrona writes them.
 */
final class WireFormat
{
    private static final byte NULL = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte BOOLEAN = 4;
    private static final byte STRING = 5;
    private static final byte BYTES = 6;
    private static final byte ARRAY = 7;
    private static final byte SERIAL = 8;

    private static final int MAX_CAUSES = 16;
    private static final int MAX_FRAMES = 256;

    private WireFormat()
    {
    }

    static int putValue(final MutableDirectBuffer buffer, final int offset, final Object value)
    {
        int at = offset;
        if (value == null)
        {
            buffer.putByte(at, NULL);
            return 1;
        }
        final Class<?> type = value.getClass();
        if (type == Integer.class)
        {
            buffer.putByte(at++, INT);
            buffer.putInt(at, (Integer)value);
            return 5;
        }
        if (type == Long.class)
        {
            buffer.putByte(at++, LONG);
            buffer.putLong(at, (Long)value);
            return 9;
        }
        if (type == Double.class)
        {
            buffer.putByte(at++, DOUBLE);
            buffer.putDouble(at, (Double)value);
            return 9;
        }
        if (type == Boolean.class)
        {
            buffer.putByte(at++, BOOLEAN);
            buffer.putByte(at, (byte)((Boolean)value ? 1 : 0));
            return 2;
        }
        if (type == String.class)
        {
            buffer.putByte(at++, STRING);
            return 1 + buffer.putStringUtf8(at, (String)value);
        }
        if (type == byte[].class)
        {
            final byte[] bytes = (byte[])value;
            buffer.putByte(at++, BYTES);
            buffer.putInt(at, bytes.length);
            buffer.putBytes(at + 4, bytes);
            return 5 + bytes.length;
        }
        if (type == Object[].class)
        {
            final Object[] array = (Object[])value;
            buffer.putByte(at++, ARRAY);
            buffer.putInt(at, array.length);
            at += 4;
            for (final Object element : array)
            {
                at += putValue(buffer, at, element);
            }
            return at - offset;
        }
        if (!(value instanceof Serializable))
        {
            throw new IllegalArgumentException("value not serializable: class=" + type.getName());
        }
        buffer.putByte(at++, SERIAL);
        final int length = TaskCodecs.encodeObject((Serializable)value, buffer, at + 4);
        buffer.putInt(at, length);
        return 5 + length;
    }

    /**
     * Reads values one after another; {@link #offset} moves past each.
     */
    static final class Reader
    {
        private final SerializableCodec<Serializable> codec;
        DirectBuffer buffer;
        int offset;

        Reader(final SerializableCodec<Serializable> codec)
        {
            this.codec = codec;
        }

        Reader wrap(final DirectBuffer buffer, final int offset)
        {
            this.buffer = buffer;
            this.offset = offset;
            return this;
        }

        int getInt()
        {
            final int value = buffer.getInt(offset);
            offset += 4;
            return value;
        }

        long getLong()
        {
            final long value = buffer.getLong(offset);
            offset += 8;
            return value;
        }

        byte getByte()
        {
            return buffer.getByte(offset++);
        }

        String getString()
        {
            final int length = buffer.getInt(offset);
            final String value = buffer.getStringUtf8(offset);
            offset += 4 + length;
            return value;
        }

        String getNullableString()
        {
            return getByte() == 0 ? null : getString();
        }

        Object getValue()
        {
            final byte tag = buffer.getByte(offset++);
            switch (tag)
            {
                case NULL:
                    return null;
                case INT:
                    return getInt();
                case LONG:
                    return getLong();
                case DOUBLE:
                {
                    final double value = buffer.getDouble(offset);
                    offset += 8;
                    return value;
                }
                case BOOLEAN:
                    return getByte() != 0;
                case STRING:
                    return getString();
                case BYTES:
                {
                    final byte[] bytes = new byte[getInt()];
                    buffer.getBytes(offset, bytes);
                    offset += bytes.length;
                    return bytes;
                }
                case ARRAY:
                {
                    final Object[] array = new Object[getInt()];
                    for (int i = 0; i < array.length; i++)
                    {
                        array[i] = getValue();
                    }
                    return array;
                }
                case SERIAL:
                {
                    final int length = getInt();
                    final Object value = codec.decode(buffer, offset, length);
                    offset += length;
                    return value;
                }
                default:
                    throw new IllegalStateException("pool message malformed: tag=" + tag + ", offset=" + (offset - 1));
            }
        }

        RemoteTaskException getThrowable(final String pool, final long pid)
        {
            final int count = getInt();
            final List<String[]> heads = new ArrayList<>(count);
            final List<StackTraceElement[]> traces = new ArrayList<>(count);
            for (int i = 0; i < count; i++)
            {
                final String className = getString();
                final String message = getNullableString();
                heads.add(new String[]{className, message});
                final StackTraceElement[] frames = new StackTraceElement[getInt()];
                for (int f = 0; f < frames.length; f++)
                {
                    final String declaring = getString();
                    final String method = getString();
                    final String file = getNullableString();
                    final int line = getInt();
                    frames[f] = new StackTraceElement(declaring, method, file, line);
                }
                traces.add(frames);
            }
            RemoteTaskException cause = null;
            for (int i = count - 1; i >= 0; i--)
            {
                final String className = heads.get(i)[0];
                final String message = heads.get(i)[1];
                cause = new RemoteTaskException(
                    "task failed in worker: pool=" + pool + ", pid=" + pid + ", exception=" + className +
                    ", message=" + message, className, message, pid, traces.get(i), cause);
            }
            return cause;
        }
    }

    static int putString(final MutableDirectBuffer buffer, final int offset, final String value)
    {
        return buffer.putStringUtf8(offset, value);
    }

    static int putNullableString(final MutableDirectBuffer buffer, final int offset, final String value)
    {
        if (value == null)
        {
            buffer.putByte(offset, (byte)0);
            return 1;
        }
        buffer.putByte(offset, (byte)1);
        return 1 + buffer.putStringUtf8(offset + 1, value);
    }

    static int putThrowable(final MutableDirectBuffer buffer, final int offset, final Throwable throwable)
    {
        final List<Throwable> chain = new ArrayList<>();
        for (Throwable t = throwable; t != null && chain.size() < MAX_CAUSES && !chain.contains(t); t = t.getCause())
        {
            chain.add(t);
        }
        int at = offset;
        buffer.putInt(at, chain.size());
        at += 4;
        for (final Throwable t : chain)
        {
            at += putString(buffer, at, t.getClass().getName());
            at += putNullableString(buffer, at, t.getMessage());
            final StackTraceElement[] frames = t.getStackTrace();
            final int count = Math.min(frames.length, MAX_FRAMES);
            buffer.putInt(at, count);
            at += 4;
            for (int f = 0; f < count; f++)
            {
                at += putString(buffer, at, frames[f].getClassName());
                at += putString(buffer, at, frames[f].getMethodName());
                at += putNullableString(buffer, at, frames[f].getFileName());
                buffer.putInt(at, frames[f].getLineNumber());
                at += 4;
            }
        }
        return at - offset;
    }
}

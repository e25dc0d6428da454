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

import org.agrona.MutableDirectBuffer;

import java.io.OutputStream;

/**
 * An output stream writing into a {@link MutableDirectBuffer} from an offset, growing an expandable buffer
 * and refusing to write past the end of a fixed one. Not thread safe; for one encode.
 */
final class BufferOutputStream extends OutputStream
{
    private final String codec;
    private final MutableDirectBuffer buffer;
    private final int offset;
    private int position;

    BufferOutputStream(final String codec, final MutableDirectBuffer buffer, final int offset)
    {
        this.codec = codec;
        this.buffer = buffer;
        this.offset = offset;
        this.position = offset;
    }

    @Override
    public void write(final int b)
    {
        Codecs.ensureRoom(codec, buffer, position, 1);
        buffer.putByte(position, (byte)b);
        position++;
    }

    @Override
    public void write(final byte[] bytes, final int from, final int length)
    {
        Codecs.ensureRoom(codec, buffer, position, length);
        buffer.putBytes(position, bytes, from, length);
        position += length;
    }

    /**
     * @return bytes written so far.
     */
    int length()
    {
        return position - offset;
    }
}

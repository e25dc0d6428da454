/*
 * Copyright © 2026 the mmipc authors (${email})
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
package dev.mmipc.process;

import dev.mmipc.codec.SerializableCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.Serializable;
import java.util.Collection;

/**
 * The serializable codecs processes and the pool use for tasks, functions and values.
 */
final class TaskCodecs
{
    /** Largest serialized task, function or value. */
    static final int MAX_OBJECT_BYTES = 64 << 20;

    /** Encoding never consults the allowlist, so one codec serves every writer. */
    private static final SerializableCodec<Serializable> WRITER = SerializableCodec.builder(Serializable.class)
        .maxBytes(MAX_OBJECT_BYTES).build();

    private TaskCodecs()
    {
    }

    static int encodeObject(final Serializable value, final MutableDirectBuffer buffer, final int offset)
    {
        return WRITER.encode(value, buffer, offset);
    }

    /**
     * @param patterns allowlist patterns.
     * @return a reader that admits exactly them (plus what every task needs: none implicitly).
     */
    static SerializableCodec<Serializable> reader(final Collection<String> patterns)
    {
        return SerializableCodec.builder(Serializable.class)
            .allow(patterns)
            .maxBytes(MAX_OBJECT_BYTES)
            .maxArrayLength(Integer.MAX_VALUE - 8)
            .maxReferences(Integer.MAX_VALUE)
            .maxDepth(1_000)
            .build();
    }

    static Serializable decodeObject(
        final SerializableCodec<Serializable> reader, final DirectBuffer buffer, final int offset, final int length)
    {
        return reader.decode(buffer, offset, length);
    }
}

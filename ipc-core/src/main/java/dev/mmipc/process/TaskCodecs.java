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
package dev.mmipc.process;

import dev.mmipc.codec.SerializableCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The serializable codecs with which objects travel to another JVM: a {@link JvmProcess}'s task, and the tasks,
 * functions and values of {@code dev.mmipc.pool}. The writer never consults an allowlist; a reader admits exactly
 * the patterns it is given, and {@link #classesOf(Serializable)} says which classes a reader must admit to decode
 * a given object. Allowlists cross a command line joined by commas ({@link #splitAllow(String)}).
 * <p>
 * Public for {@code dev.mmipc.pool}, which sits above this package; not meant for applications.
 */
public final class TaskCodecs
{
    /** Largest serialized task, function or value. */
    public static final int MAX_OBJECT_BYTES = 64 << 20;

    /** Nesting bound of a decoded object graph. */
    private static final int MAX_DEPTH = 1_000;

    /** Encoding never consults the allowlist, so one codec serves every writer. */
    private static final SerializableCodec<Serializable> WRITER = SerializableCodec.builder(Serializable.class)
        .maxBytes(MAX_OBJECT_BYTES).build();

    private TaskCodecs()
    {
    }

    /**
     * @param value  the object.
     * @param buffer where to write it.
     * @param offset where it starts.
     * @return bytes written.
     */
    public static int encodeObject(final Serializable value, final MutableDirectBuffer buffer, final int offset)
    {
        return WRITER.encode(value, buffer, offset);
    }

    /**
     * @param patterns allowlist patterns.
     * @return a reader that admits exactly them (plus what every task needs: none implicitly).
     */
    public static SerializableCodec<Serializable> reader(final Collection<String> patterns)
    {
        return SerializableCodec.builder(Serializable.class)
            .allow(patterns)
            .maxBytes(MAX_OBJECT_BYTES)
            .maxArrayLength(Integer.MAX_VALUE - 8)
            .maxReferences(Integer.MAX_VALUE)
            .maxDepth(MAX_DEPTH)
            .build();
    }

    /**
     * @param reader a reader from {@link #reader(Collection)}.
     * @param buffer holds the bytes.
     * @param offset where they start.
     * @param length how many.
     * @return the decoded object.
     */
    public static Serializable decodeObject(
        final SerializableCodec<Serializable> reader, final DirectBuffer buffer, final int offset, final int length)
    {
        return reader.decode(buffer, offset, length);
    }

    /**
     * @param value an object to serialize.
     * @return allowlist patterns: the names of the classes its serialized form holds (arrays as their element
     * class, primitives omitted), and {@code Capturing$$Lambda*} for each lambda.
     * @throws IllegalArgumentException when the object is not serializable.
     */
    public static Set<String> classesOf(final Serializable value)
    {
        return ClassCollector.classesOf(value);
    }

    /**
     * @param joined allowlist patterns joined by commas, as they cross a command line; null or empty for none.
     * @return the patterns.
     */
    public static List<String> splitAllow(final String joined)
    {
        if (joined == null || joined.isEmpty())
        {
            return Collections.emptyList();
        }
        return Arrays.asList(joined.split(","));
    }
}

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

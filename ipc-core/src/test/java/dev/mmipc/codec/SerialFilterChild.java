package dev.mmipc.codec;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.util.function.BinaryOperator;

/**
 * Child JVM started with a {@code -Djdk.serialFilter}: decodes a {@link Twin1} with a codec whose allowlist
 * admits it (argument {@code allow}) or not (argument {@code deny}) and prints the outcome.
 */
public final class SerialFilterChild
{
    private SerialFilterChild()
    {
    }

    /**
     * A process-wide filter factory that throws away the filter a stream asks for and allows everything:
     * the worst a {@code -Djdk.serialFilterFactory} can do.
     */
    public static final class PermissiveFactory implements BinaryOperator<ObjectInputFilter>
    {
        @Override
        public ObjectInputFilter apply(final ObjectInputFilter current, final ObjectInputFilter requested)
        {
            return info -> ObjectInputFilter.Status.ALLOWED;
        }
    }

    /**
     * @param args {@code allow} or {@code deny}.
     */
    public static void main(final String[] args)
    {
        final byte[] bytes = SerializableCodecTest.serialize(new Twin1(3));
        final SerializableCodec.Builder<Serializable> builder = SerializableCodec.builder(Serializable.class);
        if ("allow".equals(args[0]))
        {
            builder.allowClass(Twin1.class);
        }
        final SerializableCodec<Serializable> codec = builder.build();
        try
        {
            System.out.println("decoded " + codec.decode(new UnsafeBuffer(bytes), 0, bytes.length));
        }
        catch (final CodecException ex)
        {
            System.out.println("refused " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
    }
}

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

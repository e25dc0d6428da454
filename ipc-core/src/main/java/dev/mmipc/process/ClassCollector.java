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

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Serializes an object into nowhere and records every class the stream describes: the exact classes a
 * reader must admit to decode it. Used by the parent, from the object itself (never from bytes another
 * process wrote), to build the child's allowlist.
 */
final class ClassCollector extends ObjectOutputStream
{
    private final Set<String> names = new LinkedHashSet<>();

    private ClassCollector() throws IOException
    {
        super(OutputStream.nullOutputStream());
        enableReplaceObject(true);
    }

    /**
     * @param value an object to serialize.
     * @return allowlist patterns: the names of the classes its serialized form holds (arrays as their element
     * class, primitives omitted), and {@code Capturing$$Lambda*} for each lambda.
     * @throws IllegalArgumentException when the object is not serializable.
     */
    static Set<String> classesOf(final Serializable value)
    {
        try (ClassCollector collector = new ClassCollector())
        {
            collector.writeObject(value);
            collector.flush();
            return collector.names;
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException(
                "task not serializable: class=" + value.getClass().getName() + ", error=" + ex, ex);
        }
    }

    /**
     * A lambda is written as a {@link SerializedLambda} whose {@code readResolve} yields an instance of a
     * hidden class named {@code CapturingClass$$Lambda...}, which the reader's filter checks too.
     */
    @Override
    protected Object replaceObject(final Object obj)
    {
        if (obj instanceof SerializedLambda)
        {
            names.add(((SerializedLambda)obj).getCapturingClass().replace('/', '.') + "$$Lambda*");
        }
        return obj;
    }

    @Override
    protected void annotateClass(final Class<?> cl)
    {
        Class<?> element = cl;
        while (element.isArray())
        {
            element = element.getComponentType();
        }
        if (!element.isPrimitive())
        {
            names.add(element.getName());
        }
    }

    @Override
    protected void annotateProxyClass(final Class<?> cl)
    {
        for (final Class<?> iface : cl.getInterfaces())
        {
            names.add(iface.getName());
        }
    }
}

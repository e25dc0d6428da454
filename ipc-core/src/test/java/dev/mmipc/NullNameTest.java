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
package dev.mmipc;

import dev.mmipc.codec.Codec;
import dev.mmipc.codec.Codecs;
import dev.mmipc.exceptions.InvalidNameException;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A {@code null} name is an {@link InvalidNameException} from every public factory of every kind, and from
 * {@link Namespace}'s by-name calls, before anything is created. The factories are found by scanning mmipc's
 * classes for public static methods that take a namespace followed by a name, so a new factory is covered the
 * day it is written; a guard fails when a known kind is no longer found.
 */
class NullNameTest
{
    /** Every kind that has factories by name today: the scan must find each of them. */
    private static final Set<String> KNOWN = Set.of(
        "SharedLong", "SharedInt", "SharedDouble", "SharedLongArray", "SharedIntArray", "SharedDoubleArray",
        "SharedBytes", "SharedCounters", "MessageQueue", "SharedQueue", "JoinableQueue", "Pipe", "Lock", "RLock",
        "Semaphore", "BoundedSemaphore", "Event", "Condition", "Barrier", "CountDownLatch", "Region");

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldFindAFactoryOfEveryKnownKind()
    {
        final Set<String> found = new TreeSet<>();
        factories().forEach((m) -> found.add(m.getDeclaringClass().getSimpleName()));
        assertTrue(found.containsAll(KNOWN), () -> "factories not found by the scan: " + missing(found));
        assertTrue(factories().count() >= 100, () -> "too few factories found: " + factories().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void shouldRefuseNullNameAsInvalidName(final Method factory) throws Exception
    {
        final Object[] args = arguments(factory);
        final Throwable thrown = invoke(factory, null, args);
        assertInvalidNullName(factory, thrown);
    }

    @Test
    void shouldRefuseNullNameInNamespaceCalls()
    {
        final Namespace namespace = Namespace.of(ns.directory());
        assertInvalidNullName("exists", assertThrows(InvalidNameException.class, () -> namespace.exists(null)));
        assertInvalidNullName("header", assertThrows(InvalidNameException.class, () -> namespace.header(null)));
        assertInvalidNullName("unlink", assertThrows(InvalidNameException.class, () -> namespace.unlink(null)));
        assertEquals(List.of(), namespace.list());
    }

    static Stream<Method> factories()
    {
        final List<Method> methods = new ArrayList<>();
        for (final Class<?> type : mmipcClasses())
        {
            if (!Modifier.isPublic(type.getModifiers()))
            {
                continue;
            }
            for (final Method method : type.getDeclaredMethods())
            {
                if (Modifier.isPublic(method.getModifiers()) && Modifier.isStatic(method.getModifiers()) &&
                    nameIndex(method) >= 0)
                {
                    methods.add(method);
                }
            }
        }
        methods.sort(Comparator.comparing(Method::toGenericString));
        return methods.stream();
    }

    /**
     * @return the index of the name: the String right after a namespace, or -1.
     */
    private static int nameIndex(final Method method)
    {
        final Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i + 1 < types.length; i++)
        {
            if ((types[i] == Namespace.class || types[i] == NamespaceDirectory.class) && types[i + 1] == String.class)
            {
                return i + 1;
            }
        }
        return -1;
    }

    private Throwable invoke(final Method factory, final Object receiver, final Object[] args) throws Exception
    {
        try
        {
            final Object result = factory.invoke(receiver, args);
            if (result instanceof AutoCloseable closeable)
            {
                closeable.close();
            }
            return null;
        }
        catch (final InvocationTargetException ex)
        {
            return ex.getCause();
        }
    }

    private void assertInvalidNullName(final Method factory, final Throwable thrown)
    {
        assertNotNull(thrown, () -> "no exception for a null name: " + factory.toGenericString());
        assertTrue(thrown instanceof InvalidNameException, () -> "not an InvalidNameException: " +
            factory.toGenericString() + " threw " + thrown);
        assertInvalidNullName(factory.toGenericString(), (InvalidNameException)thrown);
        assertEquals(List.of(), ns.directory().list(), () -> "created something: " + factory.toGenericString());
    }

    private static void assertInvalidNullName(final String call, final InvalidNameException ex)
    {
        assertTrue(ex.getMessage().startsWith("invalid region name: name=null, length=0, reason=empty"),
            () -> call + ": " + ex.getMessage());
    }

    private Object[] arguments(final Method factory)
    {
        final Class<?>[] types = factory.getParameterTypes();
        final Object[] args = new Object[types.length];
        final int nameIndex = nameIndex(factory);
        for (int i = 0; i < types.length; i++)
        {
            args[i] = i == nameIndex ? null : valueOf(types[i], factory);
        }
        return args;
    }

    /**
     * A valid value for every other parameter, so that only the name can be at fault.
     */
    private Object valueOf(final Class<?> type, final Method factory)
    {
        if (type == Namespace.class)
        {
            return Namespace.of(ns.directory());
        }
        if (type == NamespaceDirectory.class)
        {
            return ns.directory();
        }
        if (type == int.class)
        {
            return 4096;
        }
        if (type == long.class)
        {
            return 1L;
        }
        if (type == double.class)
        {
            return 0.0;
        }
        if (type == boolean.class)
        {
            return false;
        }
        if (type == int[].class)
        {
            return new int[4];
        }
        if (type == long[].class)
        {
            return new long[4];
        }
        if (type == double[].class)
        {
            return new double[4];
        }
        if (type == Codec.class)
        {
            return Codecs.utf8();
        }
        if (type == Region.Initializer.class)
        {
            return Region.ZEROED;
        }
        if (type.isEnum())
        {
            return type.getEnumConstants()[0];
        }
        try
        {
            return type.getMethod("defaults").invoke(null); // QueueOptions, SyncOptions
        }
        catch (final ReflectiveOperationException ignore)
        {
            // no defaults(): try a public no-argument constructor
        }
        try
        {
            return type.getConstructor().newInstance(); // SharedCounters.Options
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new AssertionError("no value for parameter type " + type.getName() + " of " +
                factory.toGenericString() + ": teach NullNameTest.valueOf one", ex);
        }
    }

    private static List<Class<?>> mmipcClasses()
    {
        final Path classes;
        try
        {
            classes = Path.of(Namespace.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
        final List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes))
        {
            for (final Path file : files.filter((p) -> p.toString().endsWith(".class")).toList())
            {
                final String relative = classes.relativize(file).toString();
                final String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                if (!name.endsWith("package-info"))
                {
                    types.add(Class.forName(name, false, NullNameTest.class.getClassLoader()));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final ClassNotFoundException ex)
        {
            throw new IllegalStateException(ex);
        }
        return types;
    }

    private static Set<String> missing(final Set<String> found)
    {
        final Set<String> missing = new TreeSet<>(KNOWN);
        missing.removeAll(found);
        return missing;
    }
}

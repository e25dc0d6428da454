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
package dev.mmipc.shared;

import dev.mmipc.Namespace;
import dev.mmipc.exceptions.RegionKindException;
import dev.mmipc.exceptions.RegionNotFoundException;
import dev.mmipc.exceptions.RegionParameterException;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.Mappings;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Bad input and misuse: out-of-bounds indexes, use after close, wrong kinds, wrong or impossible lengths,
 * missing names, corrupt parameters. Use after close and bounds are checked on every public operation of
 * every type, found by reflection so that a new operation cannot skip its checks.
 */
class SharedMisuseTest
{
    /** Methods that work after close, by design. */
    private static final Set<String> ALLOWED_AFTER_CLOSE = Set.of(
        "name", "isClosed", "close", "unlink", "length", "size", "toString", "equals", "hashCode");

    /** Methods of the arrays whose first argument is not an element index. */
    private static final Set<String> NOT_INDEXED = Set.of("copyTo", "copyFrom");

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    private Namespace namespace;

    @BeforeEach
    void before()
    {
        namespace = Namespace.of(ns.directory());
    }

    enum Type
    {
        LONG(RegionKind.LONG, SharedLong.class, 21),
        INT(RegionKind.INT, SharedInt.class, 21),
        DOUBLE(RegionKind.DOUBLE, SharedDouble.class, 17),
        LONG_ARRAY(RegionKind.LONG_ARRAY, SharedLongArray.class, 21),
        INT_ARRAY(RegionKind.INT_ARRAY, SharedIntArray.class, 21),
        DOUBLE_ARRAY(RegionKind.DOUBLE_ARRAY, SharedDoubleArray.class, 17),
        BYTES(RegionKind.BYTES, SharedBytes.class, 0);

        final RegionKind kind;
        final Class<? extends AutoCloseable> type;
        final int elementOperations;

        /**
         * @param elementOperations how many element operations (get, set, add, update ...) the type has.
         */
        Type(final RegionKind kind, final Class<? extends AutoCloseable> type, final int elementOperations)
        {
            this.kind = kind;
            this.type = type;
            this.elementOperations = elementOperations;
        }

        AutoCloseable create(final Namespace ns, final String name, final int length)
        {
            switch (this)
            {
                case LONG: return SharedLong.create(ns, name);
                case INT: return SharedInt.create(ns, name);
                case DOUBLE: return SharedDouble.create(ns, name);
                case LONG_ARRAY: return SharedLongArray.create(ns, name, length);
                case INT_ARRAY: return SharedIntArray.create(ns, name, length);
                case DOUBLE_ARRAY: return SharedDoubleArray.create(ns, name, length);
                default: return SharedBytes.create(ns, name, length);
            }
        }

        AutoCloseable open(final Namespace ns, final String name)
        {
            switch (this)
            {
                case LONG: return SharedLong.open(ns, name);
                case INT: return SharedInt.open(ns, name);
                case DOUBLE: return SharedDouble.open(ns, name);
                case LONG_ARRAY: return SharedLongArray.open(ns, name);
                case INT_ARRAY: return SharedIntArray.open(ns, name);
                case DOUBLE_ARRAY: return SharedDoubleArray.open(ns, name);
                default: return SharedBytes.open(ns, name);
            }
        }

        AutoCloseable openOrCreate(final Namespace ns, final String name, final int length)
        {
            switch (this)
            {
                case LONG: return SharedLong.openOrCreate(ns, name);
                case INT: return SharedInt.openOrCreate(ns, name);
                case DOUBLE: return SharedDouble.openOrCreate(ns, name);
                case LONG_ARRAY: return SharedLongArray.openOrCreate(ns, name, length);
                case INT_ARRAY: return SharedIntArray.openOrCreate(ns, name, length);
                case DOUBLE_ARRAY: return SharedDoubleArray.openOrCreate(ns, name, length);
                default: return SharedBytes.openOrCreate(ns, name, length);
            }
        }

        boolean isArray()
        {
            return this == LONG_ARRAY || this == INT_ARRAY || this == DOUBLE_ARRAY;
        }
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void shouldThrowOnEveryOperationAfterClose(final Type type) throws Exception
    {
        final AutoCloseable handle = type.create(namespace, "closed", 4);
        handle.close();
        final List<String> checked = new ArrayList<>();
        for (final Method method : operations(type.type))
        {
            if (ALLOWED_AFTER_CLOSE.contains(method.getName()))
            {
                continue;
            }
            final Throwable thrown = invoke(handle, method, 0);
            assertNotNull(thrown, method + " did not throw after close");
            assertEquals(IllegalStateException.class, thrown.getClass(), method.toString());
            assertTrue(thrown.getMessage().startsWith("region closed: name=closed, file="), thrown.getMessage());
            checked.add(method.getName());
        }
        // plus buffer() for bytes, plus copyTo, copyFrom, toArray for arrays
        final int expected = type.elementOperations + (type == Type.BYTES ? 1 : 0) + (type.isArray() ? 3 : 0);
        assertEquals(expected, checked.size(), "operations found: " + checked);
        assertEquals(0, Mappings.count(ns.directory().resolve("closed")), "unmapped after close");
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, names = { "LONG_ARRAY", "INT_ARRAY", "DOUBLE_ARRAY" })
    void shouldThrowOnEveryIndexOutOfBounds(final Type type) throws Exception
    {
        try (AutoCloseable handle = type.create(namespace, "arr", 4))
        {
            final List<String> checked = new ArrayList<>();
            for (final Method method : operations(type.type))
            {
                final Class<?>[] params = method.getParameterTypes();
                if (NOT_INDEXED.contains(method.getName()) || params.length == 0 || params[0] != int.class)
                {
                    continue;
                }
                for (final int index : new int[]{ -1, 4, Integer.MIN_VALUE, Integer.MAX_VALUE })
                {
                    final Throwable thrown = invoke(handle, method, index);
                    assertNotNull(thrown, method + " did not throw for index " + index);
                    assertEquals(IndexOutOfBoundsException.class, thrown.getClass(), method.toString());
                    assertEquals("index out of bounds: name=arr, index=" + index + ", length=4", thrown.getMessage());
                }
                checked.add(method.getName());
            }
            assertEquals(type.elementOperations, checked.size(), "operations found: " + checked);
            final Object array = type.type.getMethod("toArray").invoke(handle);
            assertEquals(4, java.lang.reflect.Array.getLength(array));
            for (int i = 0; i < 4; i++)
            {
                assertEquals(0.0, ((Number)java.lang.reflect.Array.get(array, i)).doubleValue(), "no stray write");
            }
        }
    }

    @Test
    void shouldNameTheIndexWhenOutOfBounds()
    {
        try (SharedLongArray array = SharedLongArray.create(namespace, "name", 4))
        {
            final IndexOutOfBoundsException ex = assertThrows(IndexOutOfBoundsException.class, () -> array.get(5));
            assertEquals("index out of bounds: name=name, index=5, length=4", ex.getMessage());
            final IndexOutOfBoundsException negative = assertThrows(
                IndexOutOfBoundsException.class, () -> array.set(-1, 1));
            assertEquals("index out of bounds: name=name, index=-1, length=4", negative.getMessage());
        }
    }

    @Test
    void shouldRefuseEveryOtherKind()
    {
        int checked = 0;
        for (final Type actual : Type.values())
        {
            final AutoCloseable handle = actual.create(namespace, "r-" + actual, 4);
            try
            {
                for (final Type expected : Type.values())
                {
                    if (expected == actual)
                    {
                        continue;
                    }
                    final RegionKindException ex = assertThrows(
                        RegionKindException.class, () -> expected.open(namespace, "r-" + actual));
                    assertEquals("region kind mismatch: name=r-" + actual + ", expected=" + expected.kind +
                        ", actual=" + actual.kind, ex.getMessage());
                    final RegionKindException ex2 = assertThrows(
                        RegionKindException.class, () -> expected.openOrCreate(namespace, "r-" + actual, 4));
                    assertEquals(ex.getMessage(), ex2.getMessage());
                    checked++;
                }
                assertEquals(1, Mappings.count(ns.directory().resolve("r-" + actual)), "failed opens leave no mapping");
            }
            finally
            {
                close(handle);
            }
            // handles to one file in one JVM share one mapping: a failed open that kept its use would keep it
            assertEquals(0, Mappings.count(ns.directory().resolve("r-" + actual)), "failed opens leave no use behind");
        }
        assertEquals(42, checked);
    }

    @ParameterizedTest
    @EnumSource(value = Type.class, names = { "LONG_ARRAY", "INT_ARRAY", "DOUBLE_ARRAY", "BYTES" })
    void shouldRefuseOpenOrCreateWithAnotherLengthAndUnmap(final Type type)
    {
        final AutoCloseable created = type.create(namespace, "len", 4);
        try
        {
            final Path file = ns.directory().resolve("len");
            assertEquals(1, Mappings.count(file));
            final RegionParameterException ex = assertThrows(
                RegionParameterException.class, () -> type.openOrCreate(namespace, "len", 5));
            assertEquals("shared length mismatch: name=len, kind=" + type.kind + ", expected=5, actual=4", ex.getMessage());
            assertEquals(1, Mappings.count(file), "the refused mapping is closed");
            final AutoCloseable same = type.openOrCreate(namespace, "len", 4);
            assertEquals(1, Mappings.count(file), "handles to one file in one JVM share one mapping");
            close(same);
            assertEquals(1, Mappings.count(file));
        }
        finally
        {
            close(created);
        }
        assertEquals(0, Mappings.count(ns.directory().resolve("len")), "the refused open left no use of the mapping behind");
    }

    @Test
    void shouldRefuseLengthsOutOfRange()
    {
        final IllegalArgumentException zero = assertThrows(
            IllegalArgumentException.class, () -> SharedLongArray.create(namespace, "a", 0));
        assertEquals("shared length out of range: name=a, kind=LONG_ARRAY, length=0, min=1, max=268435439",
            zero.getMessage());
        final IllegalArgumentException empty = assertThrows(
            IllegalArgumentException.class, () -> SharedLongArray.create(namespace, "a", new long[0]));
        assertEquals(zero.getMessage(), empty.getMessage());
        final IllegalArgumentException negative = assertThrows(
            IllegalArgumentException.class, () -> SharedIntArray.create(namespace, "a", -1));
        assertEquals("shared length out of range: name=a, kind=INT_ARRAY, length=-1, min=1, max=536870879",
            negative.getMessage());
        final IllegalArgumentException tooLong = assertThrows(
            IllegalArgumentException.class, () -> SharedDoubleArray.create(namespace, "a", 268435440));
        assertEquals("shared length out of range: name=a, kind=DOUBLE_ARRAY, length=268435440, min=1, max=268435439",
            tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SharedDoubleArray.create(namespace, "a", new double[0]));
        assertThrows(IllegalArgumentException.class, () -> SharedIntArray.create(namespace, "a", new int[0]));
        assertThrows(IllegalArgumentException.class, () -> SharedLongArray.openOrCreate(namespace, "a", -5));
        assertThrows(IllegalArgumentException.class, () -> SharedIntArray.openOrCreate(namespace, "a", 0));
        assertThrows(IllegalArgumentException.class, () -> SharedDoubleArray.openOrCreate(namespace, "a", 0));
        final IllegalArgumentException bytes = assertThrows(
            IllegalArgumentException.class, () -> SharedBytes.create(namespace, "a", 0));
        assertEquals("shared size out of range: name=a, kind=BYTES, size_bytes=0, min=1, max=2147483519",
            bytes.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SharedBytes.create(namespace, "a", Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> SharedBytes.openOrCreate(namespace, "a", -1));
        assertEquals(List.of(), namespace.list(), "nothing created");
    }

    @ParameterizedTest
    @EnumSource(Type.class)
    void shouldReportAMissingName(final Type type)
    {
        final RegionNotFoundException ex = assertThrows(
            RegionNotFoundException.class, () -> type.open(namespace, "missing"));
        assertEquals("region not found: name=missing, dir=" + ns.path(), ex.getMessage());
    }

    @Test
    void shouldRefuseCorruptParametersAndUnmap()
    {
        final Path file = ns.directory().resolve("bad");
        assertCorrupt(file, RegionKind.LONG_ARRAY, 32, 0, 8,
            "shared element count invalid: name=bad, kind=LONG_ARRAY, count=0",
            () -> SharedLongArray.open(namespace, "bad"));
        assertCorrupt(file, RegionKind.LONG_ARRAY, 32, 4, 4,
            "shared element size mismatch: name=bad, kind=LONG_ARRAY, expected=8, actual=4",
            () -> SharedLongArray.open(namespace, "bad"));
        assertCorrupt(file, RegionKind.INT_ARRAY, 32, 9, 4,
            "shared payload too short: name=bad, kind=INT_ARRAY, count=9, element_size=4, payload_length=32",
            () -> SharedIntArray.open(namespace, "bad"));
        assertCorrupt(file, RegionKind.LONG, 8, 2, 8,
            "shared element count invalid: name=bad, kind=LONG, count=2",
            () -> SharedLong.open(namespace, "bad"));
        assertCorrupt(file, RegionKind.DOUBLE, 8, 1, 8, null, () -> SharedDouble.open(namespace, "bad"));
    }

    private void assertCorrupt(
        final Path file, final RegionKind kind, final int payloadLength, final long count, final long elementSize,
        final String message, final org.junit.jupiter.api.function.ThrowingSupplier<AutoCloseable> open)
    {
        try (Region region = Region.create(ns.directory(), "bad", kind, payloadLength, (params, payload) ->
        {
            params.putLong(SharedDescriptor.ELEMENT_COUNT_PARAM_OFFSET, count);
            params.putLong(SharedDescriptor.ELEMENT_SIZE_PARAM_OFFSET, elementSize);
        }))
        {
            assertEquals(kind, region.kind());
            if (message == null)
            {
                final AutoCloseable ok = open.get();
                assertEquals(1, Mappings.count(file), "handles to one file in one JVM share one mapping");
                close(ok);
            }
            else
            {
                final RegionParameterException ex = assertThrows(RegionParameterException.class, open::get);
                assertEquals(message, ex.getMessage());
                assertEquals(1, Mappings.count(file), "the refused mapping is closed");
            }
        }
        catch (final Throwable ex)
        {
            if (ex instanceof AssertionError)
            {
                throw (AssertionError)ex;
            }
            throw new AssertionError(ex);
        }
        assertEquals(0, Mappings.count(file), "a refused open left no use of the shared mapping behind");
        try
        {
            Files.delete(file);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static void close(final AutoCloseable handle)
    {
        try
        {
            handle.close();
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static List<Method> operations(final Class<?> type)
    {
        final List<Method> methods = new ArrayList<>();
        for (final Method method : type.getDeclaredMethods())
        {
            final int modifiers = method.getModifiers();
            if (Modifier.isPublic(modifiers) && !Modifier.isStatic(modifiers))
            {
                methods.add(method);
            }
        }
        return methods;
    }

    /**
     * Invoke with the given int for every int parameter, zero for other numbers, a small array for arrays
     * and null for functions (the checks come before they are used).
     *
     * @return what it threw, or null.
     */
    private static Throwable invoke(final Object target, final Method method, final int intArg)
        throws IllegalAccessException
    {
        final Class<?>[] params = method.getParameterTypes();
        final Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++)
        {
            final Class<?> p = params[i];
            if (p == int.class)
            {
                args[i] = i == 0 ? intArg : 0;
            }
            else if (p == long.class)
            {
                args[i] = 0L;
            }
            else if (p == double.class)
            {
                args[i] = 0.0;
            }
            else if (p.isArray())
            {
                args[i] = java.lang.reflect.Array.newInstance(p.getComponentType(), 1);
            }
            else
            {
                args[i] = null;
            }
        }
        try
        {
            method.invoke(target, args);
            return null;
        }
        catch (final InvocationTargetException ex)
        {
            return ex.getCause();
        }
    }
}

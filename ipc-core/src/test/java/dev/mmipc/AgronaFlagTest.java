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

import dev.mmipc.exceptions.JvmFlagException;
import dev.mmipc.region.JvmFlags;
import dev.mmipc.shared.SharedBytes;
import dev.mmipc.shared.SharedDouble;
import dev.mmipc.shared.SharedDoubleArray;
import dev.mmipc.shared.SharedInt;
import dev.mmipc.shared.SharedIntArray;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.shared.SharedLongArray;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A JVM started without {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} gets a
 * {@link JvmFlagException} naming the flag from the first shared-value call, before Agrona fails on its own.
 */
class AgronaFlagTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Exit code of the child when every factory threw {@link JvmFlagException}. */
    static final int ALL_REFUSED = 42;
    /** Exit code of the child when a factory succeeded. */
    static final int CREATED = 43;
    /** Exit code of the child when something else was thrown. */
    static final int OTHER_FAILURE = 44;

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldNameTheMissingFlag()
    {
        final ChildJvm child = ns.startChild(new ChildJvm.Options().withoutAgronaFlag(), Child.class);
        final int code = child.waitFor(TIMEOUT);
        final String output = child.output();
        assertEquals(ALL_REFUSED, code, output);
        assertEquals(7, output.lines().filter((line) -> line.startsWith("dev.mmipc.exceptions.JvmFlagException: ")).count(), output);
        assertTrue(output.contains("--add-exports java.base/jdk.internal.misc=ALL-UNNAMED"), output);
        assertTrue(output.contains(
            "dev.mmipc.exceptions.JvmFlagException: missing jvm flag: flag=\"" + JvmFlags.AGRONA_FLAG + "\""), output);
        assertEquals(List.of(), Namespace.of(ns.directory()).list(), "no region was created");
    }

    @Test
    void shouldCreateWithTheFlag()
    {
        final ChildJvm child = ns.startChild(Child.class);
        final int code = child.waitFor(TIMEOUT);
        assertEquals(CREATED, code, child.output());
        assertEquals(List.of("flag-check-LONG"), Namespace.of(ns.directory()).list());
    }

    /**
     * Calls every factory of dev.mmipc.shared first thing, and reports by exit code.
     */
    public static final class Child
    {
        private Child()
        {
        }

        /**
         * @param args none.
         */
        public static void main(final String[] args)
        {
            final Namespace ns = Namespace.open();
            final List<Runnable> factories = List.of(
                () -> SharedLong.create(ns, "flag-check-LONG").close(),
                () -> SharedInt.create(ns, "flag-check-INT").close(),
                () -> SharedDouble.create(ns, "flag-check-DOUBLE").close(),
                () -> SharedLongArray.create(ns, "flag-check-LONG_ARRAY", 2).close(),
                () -> SharedIntArray.create(ns, "flag-check-INT_ARRAY", 2).close(),
                () -> SharedDoubleArray.create(ns, "flag-check-DOUBLE_ARRAY", new double[]{ 1.0 }).close(),
                () -> SharedBytes.create(ns, "flag-check-BYTES", 8).close());
            int refused = 0;
            for (final Runnable factory : factories)
            {
                try
                {
                    factory.run();
                    System.out.println("created");
                    System.exit(CREATED);
                }
                catch (final JvmFlagException ex)
                {
                    System.out.println(ex);
                    refused++;
                }
                catch (final Throwable ex)
                {
                    ex.printStackTrace(System.out);
                    System.exit(OTHER_FAILURE);
                }
            }
            System.exit(refused == factories.size() ? ALL_REFUSED : OTHER_FAILURE);
        }
    }
}

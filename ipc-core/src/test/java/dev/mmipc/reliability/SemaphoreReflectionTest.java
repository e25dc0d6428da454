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
package dev.mmipc.reliability;

import dev.mmipc.Namespace;
import dev.mmipc.sync.BoundedSemaphore;
import dev.mmipc.sync.Semaphore;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code Semaphore} and {@code BoundedSemaphore} inherit their methods from a package-private core: from another
 * package, reflection must still reach them through the public classes (the compiler's public bridges).
 */
class SemaphoreReflectionTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldInvokeTheInheritedMethodsReflectively() throws Exception
    {
        final Namespace namespace = Namespace.of(ns.directory());
        try (Semaphore plain = Semaphore.create(namespace, "s", 2);
            BoundedSemaphore bounded = BoundedSemaphore.create(namespace, "b", 2))
        {
            for (final Object sem : new Object[]{ plain, bounded })
            {
                final Class<?> type = sem.getClass();
                assertEquals(type, type.getMethod("availablePermits").getDeclaringClass());
                assertEquals(true, type.getMethod("tryAcquire", long.class, TimeUnit.class).invoke(sem, 1L, TimeUnit.SECONDS));
                type.getMethod("release").invoke(sem);
                assertEquals(2L, type.getMethod("availablePermits").invoke(sem));
                assertEquals(2L, type.getMethod("initialPermits").invoke(sem));
            }
        }
    }
}

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
package dev.mmipc.stress;

import org.junit.jupiter.api.Test;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.infra.results.II_Result;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every {@link QueueOrderingTest} state gives its queue back to its pool in its arbiter: run one after another
 * (actors in turn on one thread, then the arbiter), a hundred states of each test reuse one queue, and each judges
 * what it received as {@link QueueOrderingTest#OK}.
 */
class QueueOrderingPoolTest
{
    private static final int RUNS = 100;

    @Test
    void shouldReuseOneQueuePerPoolWhenStatesRunOneAfterAnother() throws Exception
    {
        final List<Class<?>> states = new ArrayList<>();
        for (final Class<?> nested : QueueOrderingTest.class.getDeclaredClasses())
        {
            if (nested.isAnnotationPresent(JCStressTest.class))
            {
                states.add(nested);
            }
        }
        assertFalse(states.isEmpty());
        for (final Class<?> state : states)
        {
            for (int run = 0; run < RUNS; run++)
            {
                final II_Result result = runOnce(state);
                assertEquals(QueueOrderingTest.OK, result.r2, () -> state.getSimpleName() + ": verdict");
            }
        }
        assertEquals(1, QueueOrderingTest.ONE_TO_ONE.created(), "ONE_TO_ONE queues made");
        assertEquals(1, QueueOrderingTest.MANY_TO_ONE.created(), "MANY_TO_ONE queues made");
        assertEquals(1, QueueOrderingTest.MANY_TO_MANY.created(), "MANY_TO_MANY queues made");
    }

    private static II_Result runOnce(final Class<?> state) throws Exception
    {
        final Object instance = state.getDeclaredConstructor().newInstance();
        final II_Result result = new II_Result();
        Method arbiter = null;
        for (final Method method : state.getMethods())
        {
            if (method.isAnnotationPresent(Actor.class))
            {
                invoke(instance, method, result);
            }
            else if (method.isAnnotationPresent(Arbiter.class))
            {
                arbiter = method;
            }
        }
        assertFalse(arbiter == null, () -> state.getSimpleName() + ": no arbiter");
        invoke(instance, arbiter, result);
        return result;
    }

    private static void invoke(final Object instance, final Method method, final II_Result result) throws Exception
    {
        if (method.getParameterCount() == 0)
        {
            method.invoke(instance);
        }
        else
        {
            method.invoke(instance, result);
        }
    }
}

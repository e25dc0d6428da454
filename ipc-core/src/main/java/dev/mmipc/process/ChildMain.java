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

import dev.mmipc.Namespace;
import dev.mmipc.shared.SharedBytes;
import org.agrona.concurrent.AtomicBuffer;

import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * The main class of every JVM that {@link JvmProcess} starts: it starts the parent watch of a daemon child,
 * then runs the user's main class or decodes and runs the task. Not for direct use.
 * <p>
 * Arguments: {@code main CLASS ARGS...} or {@code task REGION ALLOWLIST}; the parent's identity, the daemon
 * flag and the process name come as system properties.
 */
public final class ChildMain
{
    static final String MODE_MAIN = "main";
    static final String MODE_TASK = "task";

    private ChildMain()
    {
    }

    /**
     * @param args {@code main CLASS ARGS...} or {@code task REGION ALLOWLIST}.
     */
    public static void main(final String[] args)
    {
        if (JvmProcess.isDaemonChild())
        {
            ParentWatch.start(args.length == 3 && MODE_TASK.equals(args[0]) ? args[1] : null);
        }
        if (args.length >= 2 && MODE_MAIN.equals(args[0]))
        {
            runMain(args[1], Arrays.copyOfRange(args, 2, args.length));
        }
        else if (args.length == 3 && MODE_TASK.equals(args[0]))
        {
            runTask(args[1], args[2]);
        }
        else
        {
            System.err.println("mmipc child: bad arguments: args=" + Arrays.toString(args));
            System.exit(JvmProcess.EXIT_LAUNCH_FAILED);
        }
    }

    private static void runMain(final String className, final String[] args)
    {
        final Method main;
        try
        {
            main = Class.forName(className).getMethod("main", String[].class);
            if (!Modifier.isStatic(main.getModifiers()))
            {
                throw new NoSuchMethodException("main not static: class=" + className);
            }
            // as java does: a public static main of a class that is not public (e.g. nested) runs too
            main.trySetAccessible();
        }
        catch (final ReflectiveOperationException | LinkageError ex)
        {
            System.err.println("mmipc child: main class not runnable: class=" + className + ", error=" + ex);
            System.exit(JvmProcess.EXIT_LAUNCH_FAILED);
            return;
        }
        try
        {
            main.invoke(null, (Object)args);
        }
        catch (final InvocationTargetException ex)
        {
            ex.getCause().printStackTrace();
            System.exit(JvmProcess.EXIT_TASK_FAILED);
        }
        catch (final IllegalAccessException ex)
        {
            System.err.println("mmipc child: main method not accessible: class=" + className + ", error=" + ex);
            System.exit(JvmProcess.EXIT_LAUNCH_FAILED);
        }
    }

    private static void runTask(final String region, final String allow)
    {
        final ChildTask task;
        try
        {
            final Namespace ns = Namespace.open();
            final Serializable decoded;
            try (SharedBytes shared = SharedBytes.open(ns, region))
            {
                final AtomicBuffer buffer = shared.buffer();
                final int length = buffer.getIntAcquire(0); // acquire: pairs with the parent's release store
                decoded = TaskCodecs.decodeObject(
                    TaskCodecs.reader(TaskCodecs.splitAllow(allow)), buffer, Integer.BYTES, length);
                shared.unlink();
            }
            task = (ChildTask)decoded;
        }
        catch (final RuntimeException ex)
        {
            System.err.println("mmipc child: task not readable: region=" + region + ", error=" + ex);
            System.exit(JvmProcess.EXIT_LAUNCH_FAILED);
            return;
        }
        try
        {
            task.run();
        }
        catch (final Exception ex)
        {
            ex.printStackTrace();
            System.exit(JvmProcess.EXIT_TASK_FAILED);
        }
        System.exit(0);
    }
}

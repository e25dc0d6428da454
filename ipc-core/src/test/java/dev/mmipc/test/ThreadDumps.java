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
package dev.mmipc.test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Bounded waits that, when their bound passes, print every thread of this JVM (with the locks they hold) and
 * then fail: a test that would hang dumps its threads and fails instead. Child JVMs dump theirs through
 * {@link ChildJvm#dumpThreads()}, which {@link ChildJvm}'s own waits call on timeout.
 */
public final class ThreadDumps
{
    private ThreadDumps()
    {
    }

    /**
     * Print every thread of this JVM, with stacks and held locks, to standard output (the test report).
     *
     * @param reason why, printed first.
     */
    public static void dumpOwnThreads(final String reason)
    {
        final StringBuilder out = new StringBuilder(4096).append("=== thread dump of the test jvm: ").append(reason).append('\n');
        for (final ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true))
        {
            out.append(info);
        }
        System.out.print(out);
        System.out.flush();
    }

    /**
     * Ask another JVM for a thread dump: {@code SIGQUIT}, on which HotSpot prints every thread's stack to that
     * JVM's standard output. The dump is written asynchronously: give it a moment before reading the output.
     *
     * @param pid the JVM's pid.
     * @param who names it in the line printed when the signal cannot be sent.
     */
    public static void askForDump(final long pid, final String who)
    {
        try
        {
            new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start().waitFor(5, TimeUnit.SECONDS);
        }
        catch (final IOException ex)
        {
            System.out.println("no thread dump of " + who + ": " + ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Wait until a condition holds, polling every millisecond; on timeout dump threads and fail.
     *
     * @param what      what is awaited, for the failure message.
     * @param timeout   bound on the wait.
     * @param condition the condition.
     * @param children  child JVMs whose threads to dump too on timeout.
     */
    public static void await(final String what, final Duration timeout, final BooleanSupplier condition,
        final ChildJvm... children)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw timedOut(what, timeout, children);
            }
            ChildJvm.sleepMs(1);
        }
    }

    /**
     * Get a future's outcome within a bound; on timeout dump threads and fail.
     *
     * @param what     what is awaited.
     * @param timeout  bound on the wait.
     * @param future   the future.
     * @param children child JVMs whose threads to dump too on timeout.
     * @param <T>      the result type.
     * @return the result.
     * @throws ExecutionException when the future failed, for the test to inspect.
     */
    public static <T> T get(final String what, final Duration timeout, final Future<T> future,
        final ChildJvm... children) throws ExecutionException
    {
        try
        {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw timedOut(what, timeout, children);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, ex);
        }
    }

    /**
     * Dump the threads of this JVM and of the children, and make the failure to throw.
     *
     * @param what     what was awaited.
     * @param timeout  the bound that passed.
     * @param children child JVMs to dump.
     * @return the failure, for the caller to throw.
     */
    public static AssertionError timedOut(final String what, final Duration timeout, final ChildJvm... children)
    {
        final StringBuilder message = new StringBuilder("timed out after ").append(timeout).append(": ").append(what);
        for (final ChildJvm child : children)
        {
            child.dumpThreads();
        }
        dumpOwnThreads(what);
        for (final ChildJvm child : children)
        {
            message.append("\n--- ").append(child).append(" ---\n").append(child.output());
        }
        return new AssertionError(message.toString());
    }
}

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
import dev.mmipc.pool.PoolOptions;
import dev.mmipc.pool.ProcessPool;
import dev.mmipc.process.JvmProcess;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Child JVM: a user's script with a pool, as a new user writes it, ended in the way {@code args[0]} says.
 * <ul>
 *   <li>{@code close}: the pool is closed by try-with-resources and main returns;</li>
 *   <li>{@code exception}: main throws before {@code close()} (the uncaught exception ends the JVM);</li>
 *   <li>{@code exit}: {@code System.exit(3)} before {@code close()};</li>
 *   <li>{@code wait}: prints {@code ready} and sleeps, to be killed by the test ({@code kill -9} or SIGTERM);</li>
 *   <li>{@code hookclose}: a shutdown hook of the script's own calls {@code pool.close()}, then
 *   {@code System.exit(3)}: mmipc's hook runs beside a {@code close()} in progress;</li>
 *   <li>{@code poolinhook}: a shutdown hook of the script's own creates a second pool half a second after
 *   {@code System.exit(3)}, once mmipc's hook has run: it must be refused and make no region;</li>
 *   <li>{@code exitincallback}: {@code System.exit(3)} from a completion stage that the pool's dispatcher thread
 *   runs: the thread that would tear the pool down is the one blocked in {@code exit}.</li>
 * </ul>
 * With {@code args[1] = true} it first kills one worker with {@code kill -9} and waits until the pool has
 * replaced it and the replacement has served a map. With {@code args[1] = task} it instead starts a daemon
 * {@link JvmProcess} running a task object, whose task region the child has not read yet when the script ends.
 * Prints {@code pool=NAME}, {@code workers=PID,PID} (the current workers) and {@code regions=[...]} before it ends.
 */
public final class PoolOwnerScript
{
    private static final long REPLACE_TIMEOUT_MS = 60_000;

    private PoolOwnerScript()
    {
    }

    /**
     * @param args how the script ends, and whether a worker is replaced first (or a task child started).
     * @throws Exception on a bug of the script, as the user's would.
     */
    public static void main(final String[] args) throws Exception
    {
        final String end = args[0];
        final String extra = args.length > 1 ? args[1] : "false";
        final ProcessPool pool = ProcessPool.create(PoolOptions.defaults().withWorkers(2));
        System.out.println("pool=" + pool.name());
        System.out.println("squares=" + pool.map(x -> x * x, List.of(1, 2, 3), 1));
        if ("true".equals(extra))
        {
            replaceAWorker(pool);
        }
        else if ("task".equals(extra))
        {
            final JvmProcess child = JvmProcess.ofRunnable((Runnable & Serializable)() -> CrashChild.sleepMs(60_000))
                .daemon(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            System.out.println("task_child=" + child.pid());
        }
        System.out.println(
            "workers=" + pool.workerPids().stream().map(String::valueOf).collect(Collectors.joining(",")));
        System.out.println("regions=" + Namespace.open().list());
        System.out.flush();
        switch (end)
        {
            case "close":
                pool.close();
                return;
            case "exception":
                throw new IllegalStateException("a bug in the user's script");
            case "exit":
                System.exit(3);
                return;
            case "hookclose":
                Runtime.getRuntime().addShutdownHook(new Thread(pool::close, "script-closes-pool"));
                System.exit(3);
                return;
            case "poolinhook":
                Runtime.getRuntime().addShutdownHook(new Thread(() ->
                {
                    CrashChild.sleepMs(500);
                    try
                    {
                        ProcessPool.create(1).close();
                        System.out.println("created a pool while exiting");
                    }
                    catch (final IllegalStateException ex)
                    {
                        System.out.println("refused=" + ex.getMessage());
                    }
                    System.out.flush();
                }, "script-makes-pool"));
                System.exit(3);
                return;
            case "exitincallback":
                pool.applyAsync(PoolOwnerScript::slowly, 300).thenAccept(v ->
                {
                    System.out.println("exit_thread=" + Thread.currentThread().getName());
                    System.out.flush();
                    System.exit(3);
                });
                CrashChild.sleepMs(120_000);
                return;
            case "wait":
                System.out.println("ready");
                System.out.flush();
                CrashChild.sleepMs(120_000);
                return;
            default:
                throw new IllegalArgumentException("end unknown: end=" + end);
        }
    }

    private static void replaceAWorker(final ProcessPool pool)
    {
        final long victim = pool.workerPids().get(0);
        ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLACE_TIMEOUT_MS);
        while (pool.workerPids().contains(victim))
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("worker not replaced: pid=" + victim);
            }
            CrashChild.sleepMs(10);
        }
        System.out.println("replaced=" + victim);
        System.out.println("squares=" + pool.map(x -> x + x, List.of(1, 2, 3, 4), 1));
    }

    private static int slowly(final int ms) throws InterruptedException
    {
        Thread.sleep(ms);
        return ms;
    }
}

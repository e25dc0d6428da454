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
package dev.mmipc.examples;

import dev.mmipc.Namespace;
import dev.mmipc.pool.PoolOptions;
import dev.mmipc.pool.ProcessPool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A pool's {@code applyAsync} with a callback that prints each result in order of completion: tasks that
 * sleep longer finish later, whatever order they were submitted in.
 * <p>
 * Argument (optional): the namespace directory.
 */
public final class ApplyAsyncExample
{
    private ApplyAsyncExample()
    {
    }

    /**
     * @param args optional namespace directory.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Namespace ns = args.length > 0 ? Namespace.at(Path.of(args[0])) : Namespace.open();
        try (ProcessPool pool = ProcessPool.create(PoolOptions.defaults().withWorkers(2).withNamespace(ns)))
        {
            final List<CompletableFuture<String>> futures = new ArrayList<>();
            for (final int ms : new int[]{300, 100, 200, 0})
            {
                futures.add(pool.applyAsync(
                    delay ->
                    {
                        Thread.sleep(delay);
                        return "slept " + delay + " ms in pid " + ProcessHandle.current().pid();
                    },
                    ms,
                    result -> System.out.println("done: " + result),
                    error -> System.out.println("failed: " + error)));
            }
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
        }
    }
}

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

import dev.mmipc.pool.ProcessPool;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pools a test made, shut down ({@link ProcessPool#shutdownNow()}) and closed after each test, in the order they
 * were made; {@link #checkingNoChildSurvives()} then also requires that no child process of this JVM is left alive.
 */
public final class PoolsClosed implements AfterEachCallback
{
    private final List<ProcessPool> pools = new ArrayList<>();
    private final boolean checkChildren;

    /** Close the pools after each test. */
    public PoolsClosed()
    {
        this(false);
    }

    private PoolsClosed(final boolean checkChildren)
    {
        this.checkChildren = checkChildren;
    }

    /**
     * @return an extension that also fails a test after which a child process of this JVM is still alive.
     */
    public static PoolsClosed checkingNoChildSurvives()
    {
        return new PoolsClosed(true);
    }

    /**
     * @param pool a pool the test made.
     * @return {@code pool}.
     */
    public ProcessPool track(final ProcessPool pool)
    {
        pools.add(pool);
        return pool;
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        for (final ProcessPool pool : pools)
        {
            pool.shutdownNow();
            pool.close();
        }
        pools.clear();
        if (checkChildren)
        {
            assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList(),
                "no worker survives");
        }
    }
}

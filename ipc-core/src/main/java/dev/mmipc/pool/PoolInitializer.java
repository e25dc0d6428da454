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
package dev.mmipc.pool;

import java.io.Serializable;

/**
 * Runs once in each worker JVM of a {@link ProcessPool}, before its first task (Python's {@code initializer}).
 * If it throws, the pool is broken: every pending task fails with the remote exception and new tasks are
 * refused, rather than starting workers that fail forever.
 */
@FunctionalInterface
public interface PoolInitializer extends Serializable
{
    /**
     * @throws Exception anything; breaks the pool.
     */
    void initialize() throws Exception;
}

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
 * A function a {@link ProcessPool} runs in a worker JVM: serialized in the caller, decoded in the worker.
 * A lambda targeting it is serializable; what it captures must be too, and its classes must be admitted by
 * the pool's allowlist ({@link PoolOptions#withAllow(String...)}).
 *
 * @param <T> argument type.
 * @param <R> result type.
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable
{
    /**
     * @param arg the argument.
     * @return the result, sent back to the caller.
     * @throws Exception anything; it reaches the caller as a {@link dev.mmipc.exceptions.RemoteTaskException}.
     */
    R apply(T arg) throws Exception;
}

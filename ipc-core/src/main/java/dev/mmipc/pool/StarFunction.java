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
 * A function of several arguments, for {@link ProcessPool#starmap}: each item is an {@code Object[]} of
 * arguments, as Python's {@code starmap} unpacks tuples.
 *
 * @param <R> result type.
 */
@FunctionalInterface
public interface StarFunction<R> extends Serializable
{
    /**
     * @param args the arguments of one call.
     * @return the result.
     * @throws Exception anything; it reaches the caller as a {@link dev.mmipc.exceptions.RemoteTaskException}.
     */
    R apply(Object[] args) throws Exception;
}

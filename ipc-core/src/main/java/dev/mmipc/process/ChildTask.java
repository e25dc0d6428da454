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

import java.io.Serializable;

/**
 * Work for a child JVM started with {@link JvmProcess#ofTask(ChildTask)}: serialized in the parent, decoded
 * in the child under an allowlist of exactly the classes the parent wrote, and run there once.
 * <p>
 * A lambda or a class implementing this interface works alike; whatever it captures must be serializable.
 * An exception thrown by {@link #run()} is printed to the child's standard error and makes the child exit
 * with {@link JvmProcess#EXIT_TASK_FAILED}.
 */
@FunctionalInterface
public interface ChildTask extends Serializable
{
    /**
     * Run in the child.
     *
     * @throws Exception anything; the child then exits with {@link JvmProcess#EXIT_TASK_FAILED}.
     */
    void run() throws Exception;
}

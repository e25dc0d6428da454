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

/**
 * One message's worth of work, as the dispatcher holds it from the moment it is cut until its result comes back:
 * a single task, or one chunk of a map. Dispatcher thread only.
 */
final class WorkUnit
{
    final long taskId;
    final PoolJob job;
    final int chunk;
    final int count;

    /** The T_TASK message, its task id still 0 (see {@link PoolMessages#putTaskId}). */
    final byte[] message;

    /**
     * @param taskId  the id the dispatcher gave it, counting up from 0.
     * @param job     the job it belongs to.
     * @param chunk   its chunk number in a map, 0 for a single task.
     * @param count   items.
     * @param message the T_TASK message's image.
     */
    WorkUnit(final long taskId, final PoolJob job, final int chunk, final int count, final byte[] message)
    {
        this.taskId = taskId;
        this.job = job;
        this.chunk = chunk;
        this.count = count;
        this.message = message;
    }
}

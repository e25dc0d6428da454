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

import dev.mmipc.process.JvmProcess;
import org.agrona.collections.IntHashSet;

import java.util.ArrayDeque;

/**
 * One worker JVM (one generation of one worker index), as the dispatcher sees it. Dispatcher thread only.
 */
final class WorkerState
{
    final int index;
    final int generation;
    final WorkerChannel channel;

    /** Units sent and not answered yet, in the order sent: the worker answers in that order. */
    final ArrayDeque<WorkUnit> outstanding = new ArrayDeque<>();

    /** Ids of the map functions this worker was sent and not told to drop. */
    final IntHashSet fns = new IntHashSet();

    JvmProcess process;
    int tasksSent;

    /** It sent R_READY: its initializer ran. */
    boolean ready;

    /** Its task queue is marked closed (max tasks per child): it exits once it has run what it was sent. */
    boolean retiring;

    /** Its task queue had no room at the last send; cleared when it answers. */
    boolean full;

    /** Its exit was handled, or the pool tore it down. */
    boolean dead;

    WorkerState(final int index, final int generation, final WorkerChannel channel)
    {
        this.index = index;
        this.generation = generation;
        this.channel = channel;
    }
}

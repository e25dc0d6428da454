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
package dev.mmipc.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JFR event {@code dev.mmipc.WorkerReplaced}: a process pool started a new worker in place of one that died.
 */
@Name("dev.mmipc.WorkerReplaced")
@Label("Worker Replaced")
@Category("mmipc")
@Description("A process pool started a new worker in place of one that died.")
final class WorkerReplacedEvent extends Event
{
    @Label("Pool")
    @Description("Name of the pool")
    String pool;

    @Label("Worker")
    @Description("Index of the worker in the pool")
    int worker;

    @Label("Dead Pid")
    @Description("Pid of the worker that died")
    long deadPid;

    @Label("New Pid")
    @Description("Pid of the replacement")
    long newPid;
}

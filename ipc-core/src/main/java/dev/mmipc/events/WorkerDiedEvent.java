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
 * JFR event {@code dev.mmipc.WorkerDied}: a process pool worker died (it did not exit because the pool retired or closed it).
 */
@Name("dev.mmipc.WorkerDied")
@Label("Worker Died")
@Category("mmipc")
@Description("A process pool worker died (it did not exit because the pool retired or closed it).")
final class WorkerDiedEvent extends Event
{
    @Label("Pool")
    @Description("Name of the pool")
    String pool;

    @Label("Worker")
    @Description("Index of the worker in the pool")
    int worker;

    @Label("Pid")
    @Description("Pid of the worker")
    long pid;

    @Label("Exit Code")
    @Description("Its exit code (Integer.MIN_VALUE when unknown; 137 after kill -9)")
    int exitCode;

    @Label("Task")
    @Description("The task it was running (-1 for none), which fails with WorkerDiedException")
    long task;

    @Label("Action")
    @Description("What was done")
    String action;
}

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
import jdk.jfr.Timestamp;

/**
 * JFR event {@code dev.mmipc.OrphanRegionsRemoved}: a child process whose parent died removed the regions the parent
 * had made on its own (a pool's queues, a task).
 */
@Name("dev.mmipc.OrphanRegionsRemoved")
@Label("Orphan Regions Removed")
@Category("mmipc")
@Description("A child process whose parent died removed the regions the parent had made on its own (a pool's queues, a task).")
final class OrphanRegionsRemovedEvent extends Event
{
    @Label("Directory")
    @Description("The namespace directory")
    String directory;

    @Label("Dead Pid")
    @Description("Pid of the parent that died")
    long deadPid;

    @Label("Dead Start Time")
    @Description("Start time of the parent")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    long deadStartTime;

    @Label("Count")
    @Description("How many regions this process removed")
    int count;

    @Label("Regions")
    @Description("Their names, comma-separated")
    String regions;
}

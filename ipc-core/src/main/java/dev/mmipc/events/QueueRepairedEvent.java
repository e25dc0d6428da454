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
 * JFR event {@code dev.mmipc.QueueRepaired}: a queue role (producer or consumer lease) was taken over from a dead
 * process, and what it left half-done finished.
 */
@Name("dev.mmipc.QueueRepaired")
@Label("Queue Repaired")
@Category("mmipc")
@Description("A queue role (producer or consumer lease) was taken over from a dead process, and what it left half-done finished.")
final class QueueRepairedEvent extends Event
{
    @Label("Region")
    @Description("Name of the queue region")
    String region;

    @Label("Mode")
    @Description("Queue mode")
    String mode;

    @Label("Role")
    @Description("The role taken over: producer or consumer")
    String role;

    @Label("Dead Pid")
    @Description("Pid of the process that held the role")
    long deadPid;

    @Label("Dead Start Time")
    @Description("Start time of the process that held the role")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    long deadStartTime;

    @Label("Action")
    @Description("What was done")
    String action;
}

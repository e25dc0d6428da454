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
 * JFR event {@code dev.mmipc.TornRecordSkipped}: a queue consumer or producer skipped a record (or slot) that a dead
 * process claimed and never finished.
 */
@Name("dev.mmipc.TornRecordSkipped")
@Label("Torn Record Skipped")
@Category("mmipc")
@Description("A queue consumer or producer skipped a record (or slot) that a dead process claimed and never finished.")
final class TornRecordSkippedEvent extends Event
{
    @Label("Region")
    @Description("Name of the queue region")
    String region;

    @Label("Mode")
    @Description("Queue mode")
    String mode;

    @Label("Dead Pid")
    @Description("Pid that claimed the record (0 when the record does not say)")
    long deadPid;

    @Label("Position")
    @Description("Position of the record or slot")
    long position;

    @Label("Action")
    @Description("What was done")
    String action;
}

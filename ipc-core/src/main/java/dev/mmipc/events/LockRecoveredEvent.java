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
 * JFR event {@code dev.mmipc.LockRecovered}: a waiter took over a lock (owner word) whose owner process died holding
 * it, as a robust mutex reports EOWNERDEAD.
 */
@Name("dev.mmipc.LockRecovered")
@Label("Lock Recovered")
@Category("mmipc")
@Description("A waiter took over a lock (owner word) whose owner process died holding it, as a robust mutex reports EOWNERDEAD.")
final class LockRecoveredEvent extends Event
{
    @Label("Region")
    @Description("Name of the region holding the lock")
    String region;

    @Label("Lock")
    @Description("What the owner word guards: a sync type (LOCK, RLOCK, SEMAPHORE, ...), pipe-end-FIRST/SECOND, counters-allocation")
    String lock;

    @Label("Dead Pid")
    @Description("Pid of the owner that died")
    long deadPid;

    @Label("Dead Start Time")
    @Description("Start time of the owner that died (0 when it died before recording it)")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    long deadStartTime;

    @Label("New Pid")
    @Description("Pid of the process that took the lock over")
    long newPid;

    @Label("Action")
    @Description("What was done")
    String action;
}

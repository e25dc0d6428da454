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
/**
 * What mmipc tells the world about recoveries and lifecycle: {@code System.Logger} messages and JFR events.
 * <p>
 * {@link dev.mmipc.events.Recoveries} has one static method per kind of recovery; each logs one line at
 * {@code WARNING} in the {@code what: key=value, ...} form through {@code System.getLogger("dev.mmipc.AREA")}
 * (AREA the package that recovered: {@code sync}, {@code pipe}, {@code counters}, {@code queue}, {@code process})
 * and commits a JFR event of category {@code mmipc} ({@code dev.mmipc.LockRecovered},
 * {@code dev.mmipc.TornRecordSkipped}, {@code dev.mmipc.QueueRepaired}, {@code dev.mmipc.QueueCorrupted},
 * {@code dev.mmipc.WorkerDied}, {@code dev.mmipc.WorkerReplaced}, {@code dev.mmipc.OrphanRegionsRemoved}).
 * {@link dev.mmipc.events.Lifecycle} logs region and pool lifecycle at {@code DEBUG}.
 * <p>
 * Cost: these methods are called only where a recovery happens (or, for lifecycle, once per create, open, unlink,
 * pool start and close), never on a path that has none. A logger level that is off is one {@code isLoggable}
 * check; a JFR event that no recording enables is one {@code shouldCommit()} check, before any field is filled
 * or any text built. Nothing here throws: a failing log handler or JFR cannot break the recovery it reports.
 * <p>
 * Layer: a leaf, like the exception family: imports only the JDK ({@code java.lang.System.Logger}, {@code jdk.jfr}),
 * nothing of mmipc, so every package may call it.
 */
package dev.mmipc.events;

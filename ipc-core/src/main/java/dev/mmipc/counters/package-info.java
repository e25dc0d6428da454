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
 * Labelled counters shared between processes, in Agrona's counters layout.
 * <p>
 * {@link dev.mmipc.counters.SharedCounters} is one region holding Agrona's metadata and values buffers
 * (layout in {@link dev.mmipc.counters.CountersDescriptor}); any process allocates a
 * {@link dev.mmipc.counters.SharedCounter} and any process reads all counters live through Agrona's
 * {@code CountersReader}. Allocation is made safe between processes by a lock word in the region that a
 * waiter takes over from a dead holder. {@link dev.mmipc.counters.CountersInspector} gives tools a read-only
 * view.
 */
package dev.mmipc.counters;

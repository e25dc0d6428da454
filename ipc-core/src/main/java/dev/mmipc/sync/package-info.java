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
 * Synchronisation primitives between processes, each one {@link dev.mmipc.region.RegionKind#SYNC} region
 * ({@link dev.mmipc.sync.SyncDescriptor}): {@link dev.mmipc.sync.Lock}, {@link dev.mmipc.sync.RLock},
 * {@link dev.mmipc.sync.Semaphore}, {@link dev.mmipc.sync.BoundedSemaphore}, {@link dev.mmipc.sync.Event},
 * {@link dev.mmipc.sync.Condition}, {@link dev.mmipc.sync.Barrier} and {@link dev.mmipc.sync.CountDownLatch},
 * as Python's {@code multiprocessing} has them.
 * <p>
 * Locks are robust: their owner word ({@link dev.mmipc.liveness.LockWord}) records the owner's pid and process
 * start time, a waiter recovers a lock whose owner died after the liveness timeout
 * ({@link dev.mmipc.sync.SyncOptions}) and is told so ({@code wasRecovered()}); a live owner is never overridden.
 * Every blocking call has a timeout form, answers interrupts, and waits through the
 * {@link dev.mmipc.wait.WaitStrategy} of its handle's options.
 */
package dev.mmipc.sync;

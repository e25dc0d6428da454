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
 * The process pool: {@link dev.mmipc.pool.ProcessPool}, Python's {@code Pool} as an
 * {@link java.util.concurrent.ExecutorService} whose tasks and results travel through shared-memory queues and
 * which survives the death of a worker, with its options ({@link dev.mmipc.pool.PoolOptions}) and the function
 * types it runs ({@link dev.mmipc.pool.TaskFunction}, {@link dev.mmipc.pool.StarFunction},
 * {@link dev.mmipc.pool.TaskCallable}, {@link dev.mmipc.pool.PoolInitializer}).
 * <p>
 * Inside: the facade ({@code ProcessPool}) checks and serializes what callers submit ({@code TaskEncoder}) and
 * hands the jobs ({@code SingleJob}, {@code MapJob}) to one dispatcher thread ({@code PoolDispatcher}), which
 * cuts them into {@code WorkUnit}s, sends them to the worker JVMs ({@link dev.mmipc.pool.PoolWorker}) through
 * each worker's {@code WorkerChannel}, gathers results, handles deaths, starts workers ({@code WorkerLauncher})
 * and tears the pool down; {@code PoolRegions} keeps the pool's regions and their removal at exit.
 * Every message's layout is drawn in {@code PoolMessageDescriptor}. The pool is the top layer of
 * {@code ipc-core}: it imports {@code dev.mmipc.process} (to launch workers), never the other way round.
 */
package dev.mmipc.pool;

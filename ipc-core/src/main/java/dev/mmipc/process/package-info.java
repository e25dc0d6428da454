/*
 * Copyright © 2026 the mmipc authors (${email})
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
 * Processes: {@link dev.mmipc.process.JvmProcess},
 * Python's {@code Process} for the JVM (main class or serializable task, daemon children that die with their
 * parent, Python's exit codes); and {@link dev.mmipc.process.ProcessPool}, Python's {@code Pool} as an
 * {@link java.util.concurrent.ExecutorService} whose tasks and results travel through shared-memory queues and
 * which survives the death of a worker. What they make on their own (a pool's queues, a child's task region) is
 * removed however their JVM ends: by them, by one shutdown hook, or by their daemon children after a {@code kill -9}.
 */
package dev.mmipc.process;

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
 * Pipes between two processes, as Python's {@code multiprocessing.Pipe}: a {@link dev.mmipc.pipe.Pipe} region
 * ({@link dev.mmipc.pipe.PipeDescriptor}) with one Agrona one-to-one ring per direction and two ends, each
 * attached by one process as a {@link dev.mmipc.pipe.Connection} that sends objects through a codec or raw bytes,
 * and ends with {@link java.io.EOFException} when the other end is closed or its process dies.
 */
package dev.mmipc.pipe;

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
 * Shared values and arrays between processes: the JVM's {@code multiprocessing.Value}, {@code Array},
 * {@code RawArray} and {@code shared_memory.SharedMemory}.
 * <p>
 * {@link dev.mmipc.shared.SharedLong}, {@link dev.mmipc.shared.SharedInt} and {@link dev.mmipc.shared.SharedDouble}
 * hold one value; {@link dev.mmipc.shared.SharedLongArray}, {@link dev.mmipc.shared.SharedIntArray} and
 * {@link dev.mmipc.shared.SharedDoubleArray} a fixed-length array; {@link dev.mmipc.shared.SharedBytes} raw bytes
 * behind an Agrona {@link org.agrona.concurrent.AtomicBuffer}. Each is one region, named in a
 * {@link dev.mmipc.Namespace}: one process calls {@code create} (or {@code openOrCreate}), the others {@code open}
 * by the same name. Operations are atomic per element, with plain, opaque, acquire/release and volatile
 * flavours; {@link dev.mmipc.shared.SharedDescriptor} draws the layout and
 * {@link dev.mmipc.shared.SharedInspector} describes a region for tools.
 */
package dev.mmipc.shared;

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
 * mmipc: shared state and message passing between processes on one machine, through
 * memory-mapped files.
 * <p>
 * {@link dev.mmipc.Namespace} is the entry point: a directory of named shared objects (regions).
 * {@link dev.mmipc.exceptions.MmipcException} is the root of the exception family; every open-time check on a
 * region file has its own subtype of {@link dev.mmipc.exceptions.RegionFormatException}.
 */
package dev.mmipc;


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
 * jcstress tests of mmipc's lock-free code, each over real regions mapped from files in a namespace
 * directory of its own under {@code /dev/shm} ({@link dev.mmipc.stress.StressNamespace}).
 * <p>
 * Every test names each outcome it can see and ends with a catch-all {@code FORBIDDEN}. A state takes its
 * shared objects from a {@link dev.mmipc.stress.RegionPool} and gives them back in its arbiter, so that
 * jcstress can allocate states by the thousand without creating a file for each.
 */
package dev.mmipc.stress;

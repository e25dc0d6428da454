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
 * One mapped file per shared object: the header layout ({@link dev.mmipc.region.RegionDescriptor}),
 * atomic create, validated open, close and unlink ({@link dev.mmipc.region.Region}), the file locks that keep
 * a region in use from being removed and the JVM-wide table of held files behind them
 * ({@link dev.mmipc.region.RegionFiles}), and the namespace directory that holds region files
 * ({@link dev.mmipc.region.NamespaceDirectory}); the owner word that marks a
 * region mmipc made on its own as internal to the object that made it ({@link dev.mmipc.region.RegionOwner}).
 */
package dev.mmipc.region;

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
 * The {@code mmipc} command line: {@code ls}, {@code stat}, {@code inspect}, {@code rm} and {@code gc} over
 * a namespace directory of region files.
 * <p>
 * {@link dev.mmipc.tools.Main} is the entry point; {@link dev.mmipc.tools.KindInspectors} maps each region
 * kind to the inspector that reads its kind-specific state. Exit codes: {@value dev.mmipc.tools.ExitCodes#OK}
 * ok, {@value dev.mmipc.tools.ExitCodes#FAILED} a named thing not found, a removal refused (a region in use)
 * or an operation failed, {@value dev.mmipc.tools.ExitCodes#USAGE} usage error. Errors go to stderr as
 * {@code what: key=value}.
 */
package dev.mmipc.tools;

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
 * The exception family of mmipc, every one of it: the bottom layer, which imports nothing of mmipc, so every other
 * package may throw any of them without an upward import.
 * <p>
 * Rules: every exception is unchecked and extends {@link dev.mmipc.exceptions.MmipcException} (a
 * {@code RuntimeException}); a type that has subtypes ({@code MmipcException}, {@code RegionFormatException},
 * {@code CodecException}, {@code RefusedMessageException}) is open, every other is final; messages read
 * {@code what: key=value, key=value} and name what was wrong.
 */
package dev.mmipc.exceptions;

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
 * Codecs: objects to bytes and back, for queues and other shared objects that carry messages.
 * <p>
 * {@link dev.mmipc.codec.Codec} encodes into an Agrona buffer at an offset (a claimed ring-buffer slot or
 * a reusable growable buffer) and decodes from {@code (buffer, offset, length)}. {@link dev.mmipc.codec.Codecs}
 * gives the built-ins: byte arrays, strict UTF-8 strings, {@code Long}, {@code Integer}, {@code Double},
 * {@code ByteBuffer}, and {@link dev.mmipc.codec.SerializableCodec}, Java serialization behind an allowlist
 * and limits enforced by an {@link java.io.ObjectInputFilter}. Bad input is a
 * {@link dev.mmipc.exceptions.CodecException}; a refused serialized message a
 * {@link dev.mmipc.exceptions.RefusedClassException} or {@link dev.mmipc.exceptions.RefusedLimitException}.
 */
package dev.mmipc.codec;


/**
 * Codecs: objects to bytes and back, for queues and other shared objects that carry messages.
 * <p>
 * {@link dev.mmipc.codec.Codec} encodes into an Agrona buffer at an offset (a claimed ring-buffer slot or
 * a reusable growable buffer) and decodes from {@code (buffer, offset, length)}. {@link dev.mmipc.codec.Codecs}
 * gives the built-ins: byte arrays, strict UTF-8 strings, {@code Long}, {@code Integer}, {@code Double},
 * {@code ByteBuffer}, and {@link dev.mmipc.codec.SerializableCodec}, Java serialization behind an allowlist
 * and limits enforced by an {@link java.io.ObjectInputFilter}. Bad input is a
 * {@link dev.mmipc.codec.CodecException}; a refused serialized message a
 * {@link dev.mmipc.codec.RefusedClassException} or {@link dev.mmipc.codec.RefusedLimitException}.
 */
package dev.mmipc.codec;

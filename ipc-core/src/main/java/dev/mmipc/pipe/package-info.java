/**
 * Pipes between two processes, as Python's {@code multiprocessing.Pipe}: a {@link dev.mmipc.pipe.Pipe} region
 * ({@link dev.mmipc.pipe.PipeDescriptor}) with one Agrona one-to-one ring per direction and two ends, each
 * attached by one process as a {@link dev.mmipc.pipe.Connection} that sends objects through a codec or raw bytes,
 * and ends with {@link java.io.EOFException} when the other end is closed or its process dies.
 */
package dev.mmipc.pipe;

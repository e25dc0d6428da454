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

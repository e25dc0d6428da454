/**
 * Processes: {@link dev.mmipc.process.JvmProcess},
 * Python's {@code Process} for the JVM (main class or serializable task, daemon children that die with their
 * parent, Python's exit codes); and {@link dev.mmipc.process.ProcessPool}, Python's {@code Pool} as an
 * {@link java.util.concurrent.ExecutorService} whose tasks and results travel through shared-memory queues and
 * which survives the death of a worker.
 */
package dev.mmipc.process;

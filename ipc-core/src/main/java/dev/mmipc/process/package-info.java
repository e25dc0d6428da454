/**
 * Processes: {@link dev.mmipc.process.JvmProcess},
 * Python's {@code Process} for the JVM (main class or serializable task, daemon children that die with their
 * parent, Python's exit codes); and {@link dev.mmipc.process.ProcessPool}, Python's {@code Pool} as an
 * {@link java.util.concurrent.ExecutorService} whose tasks and results travel through shared-memory queues and
 * which survives the death of a worker. What they make on their own (a pool's queues, a child's task region) is
 * removed however their JVM ends: by them, by one shutdown hook, or by their daemon children after a {@code kill -9}.
 */
package dev.mmipc.process;

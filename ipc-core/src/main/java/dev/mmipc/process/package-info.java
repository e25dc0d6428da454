/**
 * Processes: {@link dev.mmipc.process.JvmProcess}, Python's {@code Process} for the JVM (main class or
 * serializable task, daemon children that die with their parent, Python's exit codes). What it makes on its own
 * (a child's task region) is removed however its JVM ends: by it, by one shutdown hook
 * ({@link dev.mmipc.process.ShutdownCleanup}), or by its daemon children after a {@code kill -9}; a daemon child
 * whose parent died also removes the parent's process pools' regions. The process pool itself is one layer up,
 * in {@code dev.mmipc.pool}; nothing here imports it.
 */
package dev.mmipc.process;

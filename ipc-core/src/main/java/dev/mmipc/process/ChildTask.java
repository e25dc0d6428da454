package dev.mmipc.process;

import java.io.Serializable;

/**
 * Work for a child JVM started with {@link JvmProcess#ofTask(ChildTask)}: serialized in the parent, decoded
 * in the child under an allowlist of exactly the classes the parent wrote, and run there once.
 * <p>
 * A lambda or a class implementing this interface works alike; whatever it captures must be serializable.
 * An exception thrown by {@link #run()} is printed to the child's standard error and makes the child exit
 * with {@link JvmProcess#EXIT_TASK_FAILED}.
 */
@FunctionalInterface
public interface ChildTask extends Serializable
{
    /**
     * Run in the child.
     *
     * @throws Exception anything; the child then exits with {@link JvmProcess#EXIT_TASK_FAILED}.
     */
    void run() throws Exception;
}

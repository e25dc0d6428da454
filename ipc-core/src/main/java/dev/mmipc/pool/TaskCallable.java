package dev.mmipc.pool;

import java.io.Serializable;

/**
 * A task without argument that a {@link ProcessPool} runs in a worker JVM.
 *
 * @param <R> result type.
 */
@FunctionalInterface
public interface TaskCallable<R> extends Serializable
{
    /**
     * @return the result, sent back to the caller.
     * @throws Exception anything; it reaches the caller as a {@link dev.mmipc.RemoteTaskException}.
     */
    R call() throws Exception;
}

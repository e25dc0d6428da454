package dev.mmipc.pool;

import java.io.Serializable;

/**
 * A function a {@link ProcessPool} runs in a worker JVM: serialized in the caller, decoded in the worker.
 * A lambda targeting it is serializable; what it captures must be too, and its classes must be admitted by
 * the pool's allowlist ({@link PoolOptions#withAllow(String...)}).
 *
 * @param <T> argument type.
 * @param <R> result type.
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable
{
    /**
     * @param arg the argument.
     * @return the result, sent back to the caller.
     * @throws Exception anything; it reaches the caller as a {@link dev.mmipc.RemoteTaskException}.
     */
    R apply(T arg) throws Exception;
}

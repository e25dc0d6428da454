package dev.mmipc.pool;

import java.io.Serializable;

/**
 * Runs once in each worker JVM of a {@link ProcessPool}, before its first task (Python's {@code initializer}).
 * If it throws, the pool is broken: every pending task fails with the remote exception and new tasks are
 * refused, rather than starting workers that fail forever.
 */
@FunctionalInterface
public interface PoolInitializer extends Serializable
{
    /**
     * @throws Exception anything; breaks the pool.
     */
    void initialize() throws Exception;
}

package dev.mmipc.pool;

import java.io.Serializable;

/**
 * A function of several arguments, for {@link ProcessPool#starmap}: each item is an {@code Object[]} of
 * arguments, as Python's {@code starmap} unpacks tuples.
 *
 * @param <R> result type.
 */
@FunctionalInterface
public interface StarFunction<R> extends Serializable
{
    /**
     * @param args the arguments of one call.
     * @return the result.
     * @throws Exception anything; it reaches the caller as a {@link dev.mmipc.RemoteTaskException}.
     */
    R apply(Object[] args) throws Exception;
}

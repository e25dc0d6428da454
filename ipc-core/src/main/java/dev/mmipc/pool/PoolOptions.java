/*
 * Copyright © 2026 the mmipc authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package dev.mmipc.pool;

import dev.mmipc.Namespace;
import dev.mmipc.codec.SerializableCodec;
import dev.mmipc.liveness.Timeouts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Options of a {@link ProcessPool}. Immutable: every {@code withXxx} returns a copy.
 * <p>
 * <b>Allowlist.</b> Workers decode functions and arguments, and the pool decodes results, with
 * {@link SerializableCodec} under one allowlist, fixed when the pool starts and passed to every worker on
 * its command line (never through the queues). It holds {@link #DEFAULT_ALLOW}, the package of the first class
 * outside {@code dev.mmipc.pool} that called {@link #defaults()} (so lambdas written there and their own classes just work), and whatever
 * {@link #withAllow(String...)} adds. The pool checks each function and task object before sending it: every
 * class its serialization would write must be admitted, else the call fails at once with
 * {@link dev.mmipc.exceptions.RefusedClassException} naming the class. Arguments and results of the types
 * {@code Integer, Long, Double, Boolean, String, byte[], Object[]} need no allowlist entry (they travel in a
 * compact form); other arguments and results are checked by the reader, and a refusal fails that task.
 */
public final class PoolOptions
{
    /** Always admitted: basic JDK value types, serialized lambdas, and common JDK collections. */
    public static final List<String> DEFAULT_ALLOW;

    static
    {
        final List<String> allow = new ArrayList<>(SerializableCodec.BASIC_JDK_TYPES);
        allow.addAll(Arrays.asList(
            "java.lang.Object", "java.lang.invoke.SerializedLambda", "dev.mmipc.pool.*",
            "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet", "java.util.TreeSet",
            "java.util.Arrays$ArrayList", "java.util.CollSer", "java.util.ImmutableCollections$*",
            "java.util.Collections$Unmodifiable*", "java.util.Collections$Empty*", "java.util.Collections$Singleton*",
            "java.util.Map$Entry", "java.util.AbstractMap$Simple*"));
        DEFAULT_ALLOW = Collections.unmodifiableList(allow);
    }

    /** Default bytes of each queue of each worker. */
    public static final int DEFAULT_QUEUE_CAPACITY_BYTES = 1 << 20;

    /** Default tasks (chunks) sent ahead to each worker. */
    public static final int DEFAULT_PREFETCH = 8;

    /** Default bound on {@link ProcessPool#close()} waiting for queued tasks. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final int workers;
    private final int maxTasksPerChild;
    private final PoolInitializer initializer;
    private final List<String> allow;
    private final List<String> jvmArgs;
    private final Namespace namespace;
    private final int queueCapacityBytes;
    private final int prefetch;
    private final Duration closeTimeout;
    private final ProcessBuilder.Redirect workerOutput;

    private PoolOptions(
        final int workers, final int maxTasksPerChild, final PoolInitializer initializer, final List<String> allow,
        final List<String> jvmArgs, final Namespace namespace, final int queueCapacityBytes, final int prefetch,
        final Duration closeTimeout, final ProcessBuilder.Redirect workerOutput)
    {
        this.workers = workers;
        this.maxTasksPerChild = maxTasksPerChild;
        this.initializer = initializer;
        this.allow = allow;
        this.jvmArgs = jvmArgs;
        this.namespace = namespace;
        this.queueCapacityBytes = queueCapacityBytes;
        this.prefetch = prefetch;
        this.closeTimeout = closeTimeout;
        this.workerOutput = workerOutput;
    }

    /**
     * @return the defaults: one worker per available processor, no task limit, no initializer, the caller's
     * package admitted, {@code -XX:+ExitOnOutOfMemoryError} for workers, the default namespace, 1 MiB queues,
     * prefetch 8, a 30 s close timeout, worker output inherited.
     */
    public static PoolOptions defaults()
    {
        final String own = PoolOptions.class.getPackageName();
        final String callerPackage = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(frames -> frames.map(f -> f.getDeclaringClass().getPackageName())
                .filter(pkg -> !pkg.equals(own)).findFirst().orElse(""));
        final List<String> allow = new ArrayList<>();
        if (!callerPackage.isEmpty())
        {
            allow.add(callerPackage + ".*");
        }
        return new PoolOptions(
            Runtime.getRuntime().availableProcessors(), 0, null, List.copyOf(allow),
            List.of("-XX:+ExitOnOutOfMemoryError"), null, DEFAULT_QUEUE_CAPACITY_BYTES, DEFAULT_PREFETCH,
            DEFAULT_CLOSE_TIMEOUT, ProcessBuilder.Redirect.INHERIT);
    }

    /**
     * @param workers worker JVMs, at least 1.
     * @return a copy.
     */
    public PoolOptions withWorkers(final int workers)
    {
        if (workers < 1)
        {
            throw new IllegalArgumentException("workers below 1: workers=" + workers);
        }
        return new PoolOptions(workers, maxTasksPerChild, initializer, allow, jvmArgs, namespace, queueCapacityBytes,
            prefetch, closeTimeout, workerOutput);
    }

    /**
     * @param maxTasksPerChild tasks (chunks) a worker runs before it is replaced by a fresh JVM; 0 for no limit.
     * @return a copy.
     */
    public PoolOptions withMaxTasksPerChild(final int maxTasksPerChild)
    {
        if (maxTasksPerChild < 0)
        {
            throw new IllegalArgumentException("max tasks per child negative: max_tasks_per_child=" + maxTasksPerChild);
        }
        return new PoolOptions(workers, maxTasksPerChild, initializer, allow, jvmArgs, namespace, queueCapacityBytes,
            prefetch, closeTimeout, workerOutput);
    }

    /**
     * @param initializer run once in each worker before its first task; null for none.
     * @return a copy.
     */
    public PoolOptions withInitializer(final PoolInitializer initializer)
    {
        return new PoolOptions(workers, maxTasksPerChild, initializer, allow, jvmArgs, namespace, queueCapacityBytes,
            prefetch, closeTimeout, workerOutput);
    }

    /**
     * @param patterns more allowlist patterns ({@code com.acme.Order}, {@code com.acme.*}, {@code com.acme.**}).
     * @return a copy.
     */
    public PoolOptions withAllow(final String... patterns)
    {
        final List<String> more = new ArrayList<>(allow);
        for (final String pattern : patterns)
        {
            if (pattern.indexOf(',') >= 0)
            {
                throw new IllegalArgumentException("allowlist pattern has a comma: pattern=" + pattern);
            }
            more.add(pattern);
        }
        return new PoolOptions(workers, maxTasksPerChild, initializer, List.copyOf(more), jvmArgs, namespace,
            queueCapacityBytes, prefetch, closeTimeout, workerOutput);
    }

    /**
     * @param classes classes to admit.
     * @return a copy.
     */
    public PoolOptions withAllowClasses(final Class<?>... classes)
    {
        return withAllow(Arrays.stream(classes).map(Class::getName).toArray(String[]::new));
    }

    /**
     * @param jvmArgs JVM arguments of every worker, replacing the default {@code -XX:+ExitOnOutOfMemoryError}.
     * @return a copy.
     */
    public PoolOptions withJvmArgs(final String... jvmArgs)
    {
        return new PoolOptions(workers, maxTasksPerChild, initializer, allow, List.of(jvmArgs), namespace,
            queueCapacityBytes, prefetch, closeTimeout, workerOutput);
    }

    /**
     * @param namespace where the pool's queues live (default {@link Namespace#open()}).
     * @return a copy.
     */
    public PoolOptions withNamespace(final Namespace namespace)
    {
        return new PoolOptions(workers, maxTasksPerChild, initializer, allow, jvmArgs,
            Objects.requireNonNull(namespace, "namespace"), queueCapacityBytes, prefetch, closeTimeout, workerOutput);
    }

    /**
     * @param queueCapacityBytes bytes of each worker's task queue and of its result queue, a power of two; a
     *                           message (one chunk of tasks, or its results) may take up to an eighth of it.
     * @return a copy.
     */
    public PoolOptions withQueueCapacityBytes(final int queueCapacityBytes)
    {
        if (queueCapacityBytes < 4096 || Integer.bitCount(queueCapacityBytes) != 1)
        {
            throw new IllegalArgumentException(
                "queue capacity not a power of two >= 4096: capacity=" + queueCapacityBytes);
        }
        return new PoolOptions(workers, maxTasksPerChild, initializer, allow, jvmArgs, namespace, queueCapacityBytes,
            prefetch, closeTimeout, workerOutput);
    }

    /**
     * @param prefetch tasks (chunks) sent ahead to each worker, at least 1: more hides queue latency for tiny
     *                 tasks, fewer balances long tasks better.
     * @return a copy.
     */
    public PoolOptions withPrefetch(final int prefetch)
    {
        if (prefetch < 1)
        {
            throw new IllegalArgumentException("prefetch below 1: prefetch=" + prefetch);
        }
        return new PoolOptions(workers, maxTasksPerChild, initializer, allow, jvmArgs, namespace, queueCapacityBytes,
            prefetch, closeTimeout, workerOutput);
    }

    /**
     * @param closeTimeout how long {@link ProcessPool#close()} lets queued tasks finish before it terminates;
     *                     positive, at most {@link Timeouts#MAX_TIMEOUT}.
     * @return a copy.
     * @throws IllegalArgumentException when null, not positive or too long.
     */
    public PoolOptions withCloseTimeout(final Duration closeTimeout)
    {
        return new PoolOptions(workers, maxTasksPerChild, initializer, allow, jvmArgs, namespace, queueCapacityBytes,
            prefetch, Timeouts.checkPositive("closeTimeout", closeTimeout), workerOutput);
    }

    /**
     * @param workerOutput where workers' standard output and error go (default inherited).
     * @return a copy.
     */
    public PoolOptions withWorkerOutput(final ProcessBuilder.Redirect workerOutput)
    {
        return new PoolOptions(workers, maxTasksPerChild, initializer, allow, jvmArgs, namespace, queueCapacityBytes,
            prefetch, closeTimeout, Objects.requireNonNull(workerOutput, "workerOutput"));
    }

    /**
     * @return worker JVMs.
     */
    public int workers()
    {
        return workers;
    }

    /**
     * @return tasks a worker runs before replacement, 0 for no limit.
     */
    public int maxTasksPerChild()
    {
        return maxTasksPerChild;
    }

    /**
     * @return the initializer, or null.
     */
    public PoolInitializer initializer()
    {
        return initializer;
    }

    /**
     * @return the allowlist: {@link #DEFAULT_ALLOW} followed by the caller's package and added patterns.
     */
    public List<String> allow()
    {
        final List<String> all = new ArrayList<>(DEFAULT_ALLOW);
        all.addAll(allow);
        return all;
    }

    /**
     * @return the workers' JVM arguments.
     */
    public List<String> jvmArgs()
    {
        return jvmArgs;
    }

    /**
     * @return the namespace, or null for the default.
     */
    public Namespace namespace()
    {
        return namespace;
    }

    /**
     * @return bytes of each queue.
     */
    public int queueCapacityBytes()
    {
        return queueCapacityBytes;
    }

    /**
     * @return tasks sent ahead to each worker.
     */
    public int prefetch()
    {
        return prefetch;
    }

    /**
     * @return the close timeout.
     */
    public Duration closeTimeout()
    {
        return closeTimeout;
    }

    /**
     * @return where workers' output goes.
     */
    public ProcessBuilder.Redirect workerOutput()
    {
        return workerOutput;
    }
}

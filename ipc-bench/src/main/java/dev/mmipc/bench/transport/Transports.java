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
package dev.mmipc.bench.transport;

import dev.mmipc.queue.QueueMode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every transport, in report order: the one place a transport is registered, with what the harness and the report
 * know of it before an instance exists ({@link Entry}: how the report reads it, the JVM flags its processes need,
 * whether it keeps a journal, what its fork costs beyond the others'). Adding a transport is one class implementing
 * {@link Transport} and one line in {@link #ALL}; {@code TransportsTest} then fails until JMH's {@code @Param} list
 * and {@code @Fork} flags in {@code TransportBenchmark} name it too (annotations take constants only).
 * <p>
 * Names of the form {@code fault-KIND-AT:INNER} make a {@link FaultInjectingTransport} (never listed in
 * {@link #names()}); it answers as its inner transport does here.
 */
public final class Transports
{
    /** mmipc's one-to-one queue: the transport that stands for mmipc in the report. */
    public static final String MMIPC_ONE_TO_ONE = "mmipc-one-to-one";
    /** mmipc's many-to-many queue, the analogue of Python's {@code multiprocessing.Queue}. */
    public static final String MMIPC_MANY_TO_MANY = "mmipc-many-to-many";
    /** mmipc's {@code Pipe}, built on Agrona's ring. */
    public static final String MMIPC_PIPE = "mmipc-pipe";
    /** Agrona's bare one-to-one ring buffer: what mmipc's ring-based transports are built on. */
    public static final String AGRONA = "agrona";

    /** Chronicle's flags on Java 17+ (its parent pom's {@code jvm.requiredArgs}); constants, for {@code @Fork}. */
    public static final String CHRONICLE_EXPORT_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    /** See {@link #CHRONICLE_EXPORT_REF}. */
    public static final String CHRONICLE_EXPORT_UTIL = "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED";
    /** See {@link #CHRONICLE_EXPORT_REF}. */
    public static final String CHRONICLE_EXPORT_NIO = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    /** See {@link #CHRONICLE_EXPORT_REF}. */
    public static final String CHRONICLE_EXPORT_JAVAC_FILE = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";
    /** See {@link #CHRONICLE_EXPORT_REF}. */
    public static final String CHRONICLE_EXPORT_MISC = "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED";
    /** See {@link #CHRONICLE_EXPORT_REF}. */
    public static final String CHRONICLE_OPEN_IO = "--add-opens=java.base/java.io=ALL-UNNAMED";
    /** See {@link #CHRONICLE_EXPORT_REF}. */
    public static final String CHRONICLE_OPEN_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    /** See {@link #CHRONICLE_EXPORT_REF}. */
    public static final String CHRONICLE_OPEN_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    /** See {@link #CHRONICLE_EXPORT_REF}. */
    public static final String CHRONICLE_OPEN_UTIL = "--add-opens=java.base/java.util=ALL-UNNAMED";
    /** See {@link #CHRONICLE_EXPORT_REF}. */
    public static final String CHRONICLE_OPEN_JAVAC = "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED";
    /** Chronicle's analytics off. */
    public static final String CHRONICLE_NO_ANALYTICS = "-Dchronicle.analytics.disable=true";
    /** Chronicle's announcer off. */
    public static final String CHRONICLE_NO_ANNOUNCER = "-Dchronicle.announcer.disable=true";
    /** SLF4J's own messages off (Chronicle logs through it). */
    public static final String CHRONICLE_QUIET_SLF4J = "-Dslf4j.internal.verbosity=ERROR";
    /** Every Chronicle flag above, in order: what its peer and the benchmark JVM need beyond mmipc's own flag. */
    public static final List<String> CHRONICLE_FLAGS = List.of(CHRONICLE_EXPORT_REF, CHRONICLE_EXPORT_UTIL,
        CHRONICLE_EXPORT_NIO, CHRONICLE_EXPORT_JAVAC_FILE, CHRONICLE_EXPORT_MISC, CHRONICLE_OPEN_IO, CHRONICLE_OPEN_LANG,
        CHRONICLE_OPEN_REFLECT, CHRONICLE_OPEN_UTIL, CHRONICLE_OPEN_JAVAC, CHRONICLE_NO_ANALYTICS, CHRONICLE_NO_ANNOUNCER,
        CHRONICLE_QUIET_SLF4J);

    /** How the report reads a transport in its ratio tables. */
    public enum Role
    {
        /**
         * One of mmipc's own queues that the ratios are about: each is read against the C ring and every
         * {@link #BASELINE}, and every {@link #COMPARED} transport is read against each. The first one registered
         * stands for mmipc (and is also read against the C floor).
         */
        SUBJECT,
        /** What the subjects are built on: each subject is read against it. */
        BASELINE,
        /** Read against each subject (and against the names in {@link Entry#against()}). */
        COMPARED
    }

    /**
     * One registered transport.
     *
     * @param name             its name in parameters and reports.
     * @param factory          makes an instance.
     * @param role             how the report reads it.
     * @param against          transports it is read against beyond what its role gives (what it is built on).
     * @param jvmFlags         JVM flags its peer and the benchmark JVM need beyond mmipc's own.
     * @param journal          true when it keeps every message (never full; a streaming trial writes its whole volume).
     * @param extraForkSeconds what one of its forks costs beyond an ordinary fork, for the run's time estimate.
     */
    public record Entry(
        String name, Supplier<Transport> factory, Role role, List<String> against, List<String> jvmFlags, boolean journal,
        double extraForkSeconds)
    {
        /**
         * @param others transports this one is also read against.
         * @return a copy with them.
         */
        Entry against(final String... others)
        {
            return new Entry(name, factory, role, List.of(others), jvmFlags, journal, extraForkSeconds);
        }

        /**
         * @param flags JVM flags its processes need.
         * @return a copy with them.
         */
        Entry flags(final List<String> flags)
        {
            return new Entry(name, factory, role, against, List.copyOf(flags), journal, extraForkSeconds);
        }

        /**
         * @return a copy that keeps a journal.
         */
        Entry keepsJournal()
        {
            return new Entry(name, factory, role, against, jvmFlags, true, extraForkSeconds);
        }

        /**
         * @param seconds what a fork costs beyond an ordinary one (measured on the project's 2-core machine).
         * @return a copy with it.
         */
        Entry forkSeconds(final double seconds)
        {
            return new Entry(name, factory, role, against, jvmFlags, journal, seconds);
        }
    }

    /** The registry: one line per transport, in report order. */
    private static final List<Entry> ALL = List.of(
        entry(MMIPC_ONE_TO_ONE, () -> new MmipcQueueTransport(QueueMode.ONE_TO_ONE), Role.SUBJECT),
        entry("mmipc-many-to-one", () -> new MmipcQueueTransport(QueueMode.MANY_TO_ONE), Role.COMPARED),
        entry(MMIPC_MANY_TO_MANY, () -> new MmipcQueueTransport(QueueMode.MANY_TO_MANY), Role.SUBJECT),
        entry(MMIPC_PIPE, MmipcPipeTransport::new, Role.COMPARED).against(AGRONA),
        entry(AGRONA, AgronaRingTransport::new, Role.BASELINE),
        entry("pipe", () -> new PipeTransport(false), Role.COMPARED),
        entry("pipe-batched", () -> new PipeTransport(true), Role.COMPARED),
        entry("uds", () -> new SocketTransport(false, false), Role.COMPARED),
        entry("uds-batched", () -> new SocketTransport(false, true), Role.COMPARED),
        entry("tcp", () -> new SocketTransport(true, false), Role.COMPARED),
        entry("tcp-batched", () -> new SocketTransport(true, true), Role.COMPARED),
        entry("chronicle", ChronicleTransport::new, Role.COMPARED).flags(CHRONICLE_FLAGS).keepsJournal().forkSeconds(1.5),
        entry("aeron", AeronTransport::new, Role.COMPARED).forkSeconds(0.6));

    private Transports()
    {
    }

    private static Entry entry(final String name, final Supplier<Transport> factory, final Role role)
    {
        return new Entry(name, factory, role, List.of(), List.of(), false, 0);
    }

    /**
     * @return every registered transport, in report order.
     */
    public static List<Entry> entries()
    {
        return ALL;
    }

    /**
     * @return the names of every transport, in report order.
     */
    public static List<String> names()
    {
        return ALL.stream().map(Entry::name).toList();
    }

    /**
     * @param role a role.
     * @return the names of the transports of that role, in report order.
     */
    public static List<String> withRole(final Role role)
    {
        return ALL.stream().filter(e -> e.role() == role).map(Entry::name).toList();
    }

    /**
     * @return every JVM flag some transport needs, each once, in registry order: what the benchmark JVM is given.
     */
    public static List<String> allJvmFlags()
    {
        final List<String> flags = new ArrayList<>();
        for (final Entry e : ALL)
        {
            e.jvmFlags().stream().filter(f -> !flags.contains(f)).forEach(flags::add);
        }
        return flags;
    }

    /**
     * @param name a transport name, or a fault-injecting name (then its inner transport's entry).
     * @return its entry.
     * @throws IllegalArgumentException when there is no such transport.
     */
    public static Entry entry(final String name)
    {
        final String base = name.startsWith(FaultInjectingTransport.PREFIX) && name.indexOf(':') > 0 ?
            name.substring(name.indexOf(':') + 1) : name;
        for (final Entry e : ALL)
        {
            if (e.name().equals(base))
            {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown transport: name=" + name + ", known=" + names());
    }

    /**
     * @param name a transport name.
     * @return a new instance of it.
     * @throws IllegalArgumentException when there is no such transport.
     */
    public static Transport create(final String name)
    {
        if (name.startsWith(FaultInjectingTransport.PREFIX))
        {
            return FaultInjectingTransport.parse(name);
        }
        return entry(name).factory().get();
    }

    static String writes(final boolean batched)
    {
        return (batched ? "writes gathered into batches of 64 KiB" : "one write system call per message") +
            ", reads of up to 64 KiB";
    }

    static void closeQuietly(final AutoCloseable closeable)
    {
        if (null != closeable)
        {
            try
            {
                closeable.close();
            }
            catch (final Exception ignore)
            {
                // releasing
            }
        }
    }
}

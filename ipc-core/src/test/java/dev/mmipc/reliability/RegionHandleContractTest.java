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
package dev.mmipc.reliability;

import dev.mmipc.Namespace;
import dev.mmipc.codec.Codecs;
import dev.mmipc.counters.SharedCounter;
import dev.mmipc.counters.SharedCounters;
import dev.mmipc.exceptions.RegionNotFoundException;
import dev.mmipc.pipe.Connection;
import dev.mmipc.pipe.Pipe;
import dev.mmipc.pipe.PipeEnd;
import dev.mmipc.pool.ProcessPool;
import dev.mmipc.queue.JoinableQueue;
import dev.mmipc.queue.JoinableQueueDescriptor;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.queue.SharedQueue;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionHandle;
import dev.mmipc.region.RegionKind;
import dev.mmipc.shared.SharedBytes;
import dev.mmipc.shared.SharedDouble;
import dev.mmipc.shared.SharedDoubleArray;
import dev.mmipc.shared.SharedInt;
import dev.mmipc.shared.SharedIntArray;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.shared.SharedLongArray;
import dev.mmipc.sync.Barrier;
import dev.mmipc.sync.BoundedSemaphore;
import dev.mmipc.sync.Condition;
import dev.mmipc.sync.CountDownLatch;
import dev.mmipc.sync.Event;
import dev.mmipc.sync.Lock;
import dev.mmipc.sync.RLock;
import dev.mmipc.sync.Semaphore;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One handle contract ({@link RegionHandle}) for every handle to a named region: every public closeable class of
 * ipc-core implements it (but the two that are not region handles, each with its reason), every region kind has
 * one, and each handle type keeps it: close twice is fine, use after close is an {@link IllegalStateException},
 * unlink removes the name so that opening it again is a {@link RegionNotFoundException}.
 */
class RegionHandleContractTest
{
    /** Public closeable classes of ipc-core that are not handles to one named region, and why. */
    private static final Map<Class<?>, String> NOT_REGION_HANDLES = Map.of(
        SharedCounter.class, "one counter inside a counters region; its close frees the counter id",
        ProcessPool.class, "a pool of processes; the regions it makes are internal to it");

    @FunctionalInterface
    interface Maker
    {
        RegionHandle make(Namespace ns, String name);
    }

    @FunctionalInterface
    interface Use
    {
        void use(RegionHandle handle) throws Exception;
    }

    /**
     * One handle type: how to make one, a call that needs the handle open, how to open the name again.
     */
    record Case(Class<? extends RegionHandle> type, RegionKind kind, Maker create, Use use, Maker open)
    {
        @Override
        public String toString()
        {
            return type.getSimpleName();
        }
    }

    static final List<Case> CASES = List.of(
        new Case(Region.class, RegionKind.LONG,
            (ns, name) -> Region.create(ns.directory(), name, RegionKind.LONG, 8, Region.ZEROED),
            h -> ((Region)h).payload(), (ns, name) -> Region.open(ns.directory(), name, RegionKind.LONG)),
        new Case(SharedLong.class, RegionKind.LONG, SharedLong::create, h -> ((SharedLong)h).get(), SharedLong::open),
        new Case(SharedInt.class, RegionKind.INT, SharedInt::create, h -> ((SharedInt)h).get(), SharedInt::open),
        new Case(SharedDouble.class, RegionKind.DOUBLE, SharedDouble::create, h -> ((SharedDouble)h).get(),
            SharedDouble::open),
        new Case(SharedLongArray.class, RegionKind.LONG_ARRAY, (ns, name) -> SharedLongArray.create(ns, name, 4),
            h -> ((SharedLongArray)h).get(0), SharedLongArray::open),
        new Case(SharedIntArray.class, RegionKind.INT_ARRAY, (ns, name) -> SharedIntArray.create(ns, name, 4),
            h -> ((SharedIntArray)h).get(0), SharedIntArray::open),
        new Case(SharedDoubleArray.class, RegionKind.DOUBLE_ARRAY, (ns, name) -> SharedDoubleArray.create(ns, name, 4),
            h -> ((SharedDoubleArray)h).get(0), SharedDoubleArray::open),
        new Case(SharedBytes.class, RegionKind.BYTES, (ns, name) -> SharedBytes.create(ns, name, 16),
            h -> ((SharedBytes)h).buffer(), SharedBytes::open),
        new Case(SharedCounters.class, RegionKind.COUNTERS, (ns, name) -> SharedCounters.create(ns, name, 4),
            h -> ((SharedCounters)h).lockTakeovers(), SharedCounters::open),
        new Case(MessageQueue.class, RegionKind.QUEUE, (ns, name) -> MessageQueue.create(ns, name, QueueMode.MANY_TO_ONE, 1024),
            h -> ((MessageQueue)h).size(), MessageQueue::open),
        new Case(SharedQueue.class, RegionKind.QUEUE,
            (ns, name) -> SharedQueue.create(ns, name, QueueMode.MANY_TO_MANY, 4096, Codecs.utf8()),
            h -> ((SharedQueue<?>)h).size(), (ns, name) -> SharedQueue.open(ns, name, Codecs.utf8())),
        new Case(JoinableQueue.class, RegionKind.QUEUE_TASKS,
            (ns, name) -> JoinableQueue.create(ns, name, QueueMode.MANY_TO_MANY, 4096, Codecs.utf8()),
            h -> ((JoinableQueue<?>)h).unfinishedTasks(), (ns, name) -> JoinableQueue.open(ns, name, Codecs.utf8())),
        new Case(Pipe.class, RegionKind.PIPE, Pipe::create, h -> ((Pipe)h).capacity(), Pipe::open),
        new Case(Connection.class, RegionKind.PIPE,
            (ns, name) ->
            {
                Pipe.create(ns, name).close();
                return Pipe.connect(ns, name, PipeEnd.FIRST, Codecs.utf8());
            },
            h -> ((Connection<?>)h).poll(), (ns, name) -> Pipe.connect(ns, name, PipeEnd.SECOND, Codecs.utf8())),
        new Case(Lock.class, RegionKind.SYNC, Lock::create, h -> ((Lock)h).isLocked(), Lock::open),
        new Case(RLock.class, RegionKind.SYNC, RLock::create, h -> ((RLock)h).tryLock(), RLock::open),
        new Case(Condition.class, RegionKind.SYNC, Condition::create, h -> ((Condition)h).waiters(), Condition::open),
        new Case(Semaphore.class, RegionKind.SYNC, (ns, name) -> Semaphore.create(ns, name, 1),
            h -> ((Semaphore)h).availablePermits(), Semaphore::open),
        new Case(BoundedSemaphore.class, RegionKind.SYNC, (ns, name) -> BoundedSemaphore.create(ns, name, 1),
            h -> ((BoundedSemaphore)h).availablePermits(), BoundedSemaphore::open),
        new Case(Event.class, RegionKind.SYNC, Event::create, h -> ((Event)h).isSet(), Event::open),
        new Case(CountDownLatch.class, RegionKind.SYNC, (ns, name) -> CountDownLatch.create(ns, name, 2),
            h -> ((CountDownLatch)h).getCount(), CountDownLatch::open),
        new Case(Barrier.class, RegionKind.SYNC, (ns, name) -> Barrier.create(ns, name, 2),
            h -> ((Barrier)h).numberWaiting(), Barrier::open));

    @RegisterExtension
    final TestNamespace tns = new TestNamespace();

    static Stream<Case> cases()
    {
        return CASES.stream();
    }

    private Namespace ns()
    {
        return Namespace.of(tns.directory());
    }

    @Test
    void shouldImplementTheContractInEveryPublicCloseableClassOfIpcCore() throws Exception
    {
        final Set<String> notHandles = new TreeSet<>();
        final Set<String> closeables = new TreeSet<>();
        for (final Class<?> type : ipcCoreClasses())
        {
            if (!Modifier.isPublic(type.getModifiers()) || !AutoCloseable.class.isAssignableFrom(type) ||
                NOT_REGION_HANDLES.containsKey(type))
            {
                continue;
            }
            closeables.add(type.getName());
            if (!RegionHandle.class.isAssignableFrom(type))
            {
                notHandles.add(type.getName());
            }
        }
        assertEquals(Set.of(), notHandles, "closeable ipc-core classes that do not implement RegionHandle");
        final Set<String> tested = CASES.stream().map(c -> c.type().getName()).collect(Collectors.toCollection(TreeSet::new));
        final Set<String> concrete = new TreeSet<>();
        for (final String name : closeables)
        {
            final Class<?> type = Class.forName(name);
            if (!Modifier.isAbstract(type.getModifiers()) && !type.isInterface())
            {
                concrete.add(name);
            }
        }
        assertEquals(concrete, tested, "every concrete handle type has a case in the behaviour test");
    }

    @Test
    void shouldHaveAHandleForEveryRegionKind()
    {
        final Map<RegionKind, List<String>> byKind = new EnumMap<>(RegionKind.class);
        for (final Case c : CASES)
        {
            byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c.toString());
        }
        final Set<RegionKind> missing = EnumSet.allOf(RegionKind.class);
        missing.removeAll(byKind.keySet());
        assertEquals(Set.of(), missing, "region kinds without a RegionHandle type");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldCloseTwiceAndRefuseUseAfterClose(final Case c) throws Exception
    {
        final RegionHandle handle = c.create().make(ns(), "h");
        c.use().use(handle);
        assertFalse(handle.isClosed());

        handle.close();
        handle.close();

        assertTrue(handle.isClosed());
        assertEquals("h", handle.name());
        assertThrows(IllegalStateException.class, () -> c.use().use(handle));
        assertTrue(handle.unlink(), "unlink is allowed after close");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldRemoveTheNameOnlyOnUnlink(final Case c) throws Exception
    {
        try (RegionHandle handle = c.create().make(ns(), "h"))
        {
            assertTrue(handle.unlink());
            assertFalse(handle.unlink(), "the name is gone already");

            c.use().use(handle); // the mapping outlives the name
            assertFalse(handle.isClosed());
            assertThrows(RegionNotFoundException.class, () -> c.open().make(ns(), "h"));
        }
        assertEquals(List.of(), tns.filesButLivenessTable(), "every name of the handle removed");
    }

    @Test
    void shouldRemoveBothNamesOfAJoinableQueue() throws Exception
    {
        try (JoinableQueue<String> q = JoinableQueue.create(ns(), "jobs", QueueMode.MANY_TO_MANY, 4096, Codecs.utf8()))
        {
            assertEquals(List.of("jobs", JoinableQueueDescriptor.tasksRegionName("jobs")),
                tns.filesButLivenessTable().stream().sorted().toList());
            assertTrue(q.unlink());
            assertEquals(List.of(), tns.filesButLivenessTable());
            assertThrows(RegionNotFoundException.class,
                () -> Region.open(tns.directory(), JoinableQueueDescriptor.tasksRegionName("jobs"), RegionKind.QUEUE_TASKS));
        }
    }

    private static List<Class<?>> ipcCoreClasses() throws IOException, URISyntaxException, ClassNotFoundException
    {
        final Path root = Path.of(RegionHandle.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isDirectory(root.resolve("dev/mmipc/region")), "ipc-core classes not found at " + root);
        final List<String> names;
        try (Stream<Path> files = Files.walk(root))
        {
            names = files
                .filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("package-info.class"))
                .map(f -> root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                .sorted()
                .toList();
        }
        final List<Class<?>> classes = new ArrayList<>();
        for (final String name : names)
        {
            classes.add(Class.forName(name, false, RegionHandleContractTest.class.getClassLoader()));
        }
        assertTrue(classes.size() > 100, "too few ipc-core classes found: " + classes.size());
        return classes;
    }
}

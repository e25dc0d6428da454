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
package dev.mmipc.exceptions;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exception hierarchy callers catch by (every exception an {@link MmipcException}, the region format and codec
 * refusals grouped under their parents), each constructor keeping message and cause, each extra field kept through
 * its accessor and through Java serialization (exceptions cross JVMs in logs and RMI-like tools).
 */
class ExceptionsTest
{
    /** Every exception of the package and the class it extends: a new exception fails the test until listed. */
    private static final Map<Class<?>, Class<?>> PARENTS = Map.ofEntries(
        entry(MmipcException.class, RuntimeException.class),
        entry(BarrierBrokenException.class, MmipcException.class),
        entry(BrokenPipeException.class, MmipcException.class),
        entry(BufferTooShortException.class, MmipcException.class),
        entry(CodecException.class, MmipcException.class),
        entry(CountersFullException.class, MmipcException.class),
        entry(CountersLockException.class, MmipcException.class),
        entry(InvalidNameException.class, MmipcException.class),
        entry(JoinableQueueTaskDoneException.class, MmipcException.class),
        entry(JvmFlagException.class, MmipcException.class),
        entry(LivenessException.class, MmipcException.class),
        entry(MessageTooLongException.class, MmipcException.class),
        entry(NamespaceException.class, MmipcException.class),
        entry(QueueClosedException.class, MmipcException.class),
        entry(RefusedMessageException.class, CodecException.class),
        entry(RefusedClassException.class, RefusedMessageException.class),
        entry(RefusedLimitException.class, RefusedMessageException.class),
        entry(RegionExistsException.class, MmipcException.class),
        entry(RegionFormatException.class, MmipcException.class),
        entry(RegionIoException.class, MmipcException.class),
        entry(RegionKindException.class, RegionFormatException.class),
        entry(RegionLengthException.class, RegionFormatException.class),
        entry(RegionMagicException.class, RegionFormatException.class),
        entry(RegionNotFoundException.class, MmipcException.class),
        entry(RegionNotReadyException.class, RegionFormatException.class),
        entry(RegionParameterException.class, RegionFormatException.class),
        entry(RegionTooShortException.class, RegionFormatException.class),
        entry(RegionVersionException.class, RegionFormatException.class),
        entry(RemoteTaskException.class, MmipcException.class),
        entry(SemaphoreBoundException.class, MmipcException.class),
        entry(WorkerDiedException.class, MmipcException.class));

    @Test
    void shouldListEveryExceptionOfThePackageWithItsParent() throws IOException, URISyntaxException
    {
        final Path dir = Path.of(MmipcException.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve("dev/mmipc/exceptions");
        final TreeSet<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir))
        {
            files.map(p -> p.getFileName().toString())
                .filter(n -> n.endsWith(".class") && !n.equals("package-info.class") && !n.contains("$"))
                .forEach(n -> found.add(n.substring(0, n.length() - ".class".length())));
        }
        final TreeSet<String> listed = new TreeSet<>();
        PARENTS.keySet().forEach(c -> listed.add(c.getSimpleName()));
        assertEquals(listed, found, "exceptions of dev.mmipc.exceptions vs PARENTS");
        final Map<String, String> actual = new TreeMap<>();
        final Map<String, String> expected = new TreeMap<>();
        PARENTS.forEach((c, p) ->
        {
            actual.put(c.getSimpleName(), c.getSuperclass().getSimpleName());
            expected.put(c.getSimpleName(), p.getSimpleName());
        });
        assertEquals(expected, actual);
    }

    @Test
    void shouldKeepMessageAndCauseThroughEveryMessageConstructor() throws Exception
    {
        int constructors = 0;
        for (final Class<?> type : PARENTS.keySet())
        {
            for (final Constructor<?> constructor : type.getConstructors())
            {
                final Class<?>[] params = constructor.getParameterTypes();
                final String message = type.getSimpleName() + ": key=value";
                final IllegalStateException cause = new IllegalStateException("the cause");
                final Throwable made;
                if (params.length == 1 && params[0] == String.class)
                {
                    made = (Throwable)constructor.newInstance(message);
                    assertNull(made.getCause(), type.getName());
                }
                else if (params.length == 2 && params[0] == String.class && params[1] == Throwable.class)
                {
                    made = (Throwable)constructor.newInstance(message, cause);
                    assertSame(cause, made.getCause(), type.getName());
                    final Throwable copy = roundTrip(made);
                    assertEquals("the cause", copy.getCause().getMessage(), type.getName());
                }
                else
                {
                    continue; // the exceptions with fields, below
                }
                constructors++;
                assertEquals(message, made.getMessage(), type.getName());
                assertInstanceOf(MmipcException.class, made);
                final Throwable copy = roundTrip(made);
                assertSame(type, copy.getClass());
                assertEquals(message, copy.getMessage(), type.getName());
            }
            assertTrue(Modifier.isPublic(type.getModifiers()), type.getName());
        }
        assertEquals(47, constructors, "message and (message, cause) constructors");
    }

    @Test
    void shouldKeepTheFieldsOfEveryExceptionThatCarriesThem() throws Exception
    {
        final BufferTooShortException tooShort = roundTrip(new BufferTooShortException("buffer too short: length=9", 9));
        assertEquals(9, tooShort.messageLength());
        assertEquals("buffer too short: length=9", tooShort.getMessage());

        final MessageTooLongException tooLong = roundTrip(new MessageTooLongException("message too long", 70, 64));
        assertEquals(70, tooLong.length());
        assertEquals(64, tooLong.maxLength());

        final ClassNotFoundException missing = new ClassNotFoundException("x.Y");
        final RefusedClassException refused = roundTrip(new RefusedClassException("class refused: class=x.Y", "x.Y", missing));
        assertEquals("x.Y", refused.className());
        assertEquals("x.Y", refused.getCause().getMessage());
        assertInstanceOf(CodecException.class, refused);

        final RefusedLimitException limit = roundTrip(new RefusedLimitException("limit: maxDepth", "maxDepth", 65, 64, null));
        assertEquals("maxDepth", limit.limit());
        assertEquals(65, limit.value());
        assertEquals(64, limit.max());
        assertNull(limit.getCause());
        assertInstanceOf(RefusedMessageException.class, limit);

        final WorkerDiedException died = roundTrip(new WorkerDiedException("worker died: pid=42, exit_code=-9", 42, -9));
        assertEquals(42, died.pid());
        assertEquals(-9, died.exitCode());

        final StackTraceElement[] remoteFrames = {new StackTraceElement("app.Job", "run", "Job.java", 17)};
        final StackTraceElement[] causeFrames = {new StackTraceElement("app.Io", "read", "Io.java", 3)};
        final RemoteTaskException remoteCause = new RemoteTaskException(
            "task failed: class=java.io.IOException", "java.io.IOException", null, 7, causeFrames, null);
        final RemoteTaskException remote = roundTrip(new RemoteTaskException(
            "task failed: class=java.lang.IllegalStateException, message=bad", "java.lang.IllegalStateException", "bad", 7,
            remoteFrames, remoteCause));
        assertEquals("java.lang.IllegalStateException", remote.remoteClassName());
        assertEquals("bad", remote.remoteMessage());
        assertEquals(7, remote.pid());
        assertArrayEquals(remoteFrames, remote.getStackTrace(), "the remote frames, not the ones of this JVM");
        final RemoteTaskException copiedCause = assertInstanceOf(RemoteTaskException.class, remote.getCause());
        assertEquals("java.io.IOException", copiedCause.remoteClassName());
        assertNull(copiedCause.remoteMessage());
        assertArrayEquals(causeFrames, copiedCause.getStackTrace());

        final RefusedMessageException message = new RefusedMessageException("refused", null);
        assertNull(message.getCause());
        assertInstanceOf(CodecException.class, message);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T roundTrip(final T exception) throws IOException, ClassNotFoundException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(exception);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())))
        {
            return (T)in.readObject();
        }
    }
}

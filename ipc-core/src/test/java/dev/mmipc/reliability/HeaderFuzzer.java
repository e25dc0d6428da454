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
import dev.mmipc.exceptions.MmipcException;
import dev.mmipc.exceptions.RegionNotReadyException;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionDescriptor;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.ThreadDumps;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.mmipc.region.RegionDescriptor.*;

/**
 * Child JVM of {@link HeaderFuzzTest}: creates valid regions of every kind in {@link RegionTargets}, corrupts
 * each (targeted values in every header field and parameter slot, edge values in the payload words a target names,
 * truncations, random bytes from a seed), then opens and reads it through every public read operation and the
 * inspectors.
 * <p>
 * Allowed answers: success, or an exception of the mmipc family ({@link MmipcException}), or the documented
 * {@link IllegalArgumentException}, {@link IndexOutOfBoundsException}, {@link IllegalStateException}. Anything
 * else (an {@code InternalError}, an {@code OutOfMemoryError}, a {@code NegativeArraySizeException} ...) is a
 * failure, printed with the case so it can be replayed; a case running longer than {@value #CASE_TIMEOUT_S} s
 * is a hang: threads are dumped and the JVM exits 3. A JVM crash shows as the child's exit status.
 * <p>
 * <b>Payload words</b> ({@link RegionTargets.PayloadField}: record lengths and types, positions, claim and slot
 * words, end states, leases of the queues of every mode and of the pipe) get every int within 8 of
 * {@code Integer.MAX_VALUE} and {@code Integer.MIN_VALUE}, -1, 0, 1, the ring capacity - 1 to + 8 and their
 * negations; every long within 8 of {@code Long.MAX_VALUE} and {@code Long.MIN_VALUE}, the edges of 2^31 and 2^32
 * (and their negations), -1, 0, 1, the capacity - 1 to + 8, and the original value shifted by 1, 8, the capacity,
 * 2^31 and 2^32 (an int: by 1 and 8, and negated); and values of the word's own shape where a target gives them
 * (MANY_TO_MANY slot words of every state and lap). Their answers are held to more: only mmipc exceptions and {@link
 * IllegalStateException} (a lease or
 * end held by a live process), and every call of the API returns or throws within its bound
 * ({@link RegionTargets#bounded}: its own timeout or the handles' 20 ms unblock and liveness timeouts, whichever is
 * longer, plus {@value RegionTargets#CALL_MARGIN_MS} ms).
 * <p>
 * Usage: {@code HeaderFuzzer SEED RANDOM_CASES_PER_KIND}; prints {@code fuzz: cases=...} and exits 0 when all
 * answers were allowed, 1 otherwise.
 */
public final class HeaderFuzzer
{
    static final int CASE_TIMEOUT_S = 20;
    static final int THREADS = 2;

    private record Field(String name, int offset, int width)
    {
    }

    /**
     * One corruption of one region.
     *
     * @param strict only mmipc exceptions and {@link IllegalStateException} are allowed answers.
     */
    record Case(int id, String target, String what, Mutation mutation, boolean fullApiWhenNotReady, boolean strict)
    {
    }

    @FunctionalInterface
    interface Mutation
    {
        void apply(FileChannel channel) throws IOException;
    }

    private static final List<Field> FIELDS = List.of(
        new Field("magic", MAGIC_OFFSET, 8),
        new Field("major_version", MAJOR_VERSION_OFFSET, 2),
        new Field("minor_version", MINOR_VERSION_OFFSET, 2),
        new Field("kind", KIND_OFFSET, 2),
        new Field("state", STATE_OFFSET, 2),
        new Field("header_length", HEADER_LENGTH_OFFSET, 8),
        new Field("payload_length", PAYLOAD_LENGTH_OFFSET, 8),
        new Field("creator_pid", CREATOR_PID_OFFSET, 8),
        new Field("creator_start", CREATOR_START_OFFSET, 8),
        new Field("created_ms", CREATED_MS_OFFSET, 8),
        new Field("owner", OWNER_OFFSET, 8),
        new Field("param0", paramOffset(0), 8),
        new Field("param1", paramOffset(1), 8),
        new Field("param2", paramOffset(2), 8),
        new Field("param3", paramOffset(3), 8),
        new Field("param4", paramOffset(4), 8),
        new Field("param5", paramOffset(5), 8),
        new Field("param6", paramOffset(6), 8),
        new Field("param7", paramOffset(7), 8));

    private final Namespace ns;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final Map<Integer, Long> running = new ConcurrentHashMap<>();
    private volatile List<Case> cases = List.of();

    private HeaderFuzzer(final Namespace ns)
    {
        this.ns = ns;
    }

    /**
     * @param args seed, random cases per kind.
     * @throws Exception on a failure of the harness itself.
     */
    public static void main(final String[] args) throws Exception
    {
        final long seed = Long.parseLong(args[0]);
        final int randomPerKind = Integer.parseInt(args[1]);
        final HeaderFuzzer fuzzer = new HeaderFuzzer(Namespace.open());
        final List<Case> cases = new ArrayList<>();
        int index = 0;
        for (final String target : RegionTargets.TARGETS.keySet())
        {
            // index + 1 keeps the seeds of the first eight targets what they were when they were keyed by kind code
            fuzzer.addCases(cases, target, ++index, seed, randomPerKind);
        }
        final long startNs = System.nanoTime();
        fuzzer.run(cases);
        final long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        System.out.println("fuzz: seed=" + seed + ", targets=" + RegionTargets.TARGETS.size() + ", cases=" + cases.size() +
            ", failures=" + fuzzer.failures.size() + ", ms=" + ms + ", outcomes=" + fuzzer.outcomes);
        System.out.flush();
        System.exit(fuzzer.failures.isEmpty() ? 0 : 1);
    }

    /**
     * The cases for one target: targeted values in every field, truncations, random corruption, then edge values in
     * the payload words the target names.
     */
    void addCases(final List<Case> cases, final String targetId, final int number, final long seed, final int randomPerKind)
        throws IOException
    {
        // a sample region of the kind gives the original field values and the file length
        final RegionTargets.Target target = RegionTargets.TARGETS.get(targetId);
        final String sample = "sample-" + number;
        target.create(ns, sample);
        final Path samplePath = ns.path().resolve(target.fuzzed(sample));
        final ByteBuffer contents;
        final long fileLength;
        try (FileChannel channel = FileChannel.open(samplePath, StandardOpenOption.READ))
        {
            fileLength = channel.size();
            contents = ByteBuffer.allocate((int)fileLength).order(ByteOrder.nativeOrder());
            channel.read(contents, 0);
        }
        for (final String file : target.files(sample))
        {
            Files.delete(ns.path().resolve(file));
        }

        for (final Field field : FIELDS)
        {
            final long original = field.width == 8 ? contents.getLong(field.offset) : contents.getShort(field.offset);
            final Set<Long> values = new LinkedHashSet<>(List.of(
                0L, -1L, 1L, original + 1, original - 1, original + 8, original - 8, original * 2, original / 2,
                field.width == 8 ? Long.MAX_VALUE : Short.MAX_VALUE,
                field.width == 8 ? Long.MIN_VALUE : Short.MIN_VALUE,
                field.width == 8 ? (long)Integer.MAX_VALUE : 0xFFFFL,
                field.width == 8 ? (long)Integer.MIN_VALUE : 0x8000L,
                field.width == 8 ? (long)Integer.MAX_VALUE + 1 : 0x7FFEL));
            if (field.offset == KIND_OFFSET)
            {
                for (final RegionKind other : RegionKind.values())
                {
                    values.add((long)other.code());
                }
            }
            if (field.offset == HEADER_LENGTH_OFFSET || field.offset == PAYLOAD_LENGTH_OFFSET)
            {
                values.add(fileLength);
                values.add(fileLength + 1);
                values.add(fileLength - HEADER_LENGTH + 1);
                values.add(fileLength - HEADER_LENGTH - 1);
            }
            for (final long value : values)
            {
                if (value == original)
                {
                    continue;
                }
                final boolean full = field.offset == STATE_OFFSET && value == 0;
                cases.add(new Case(cases.size(), targetId, field.name + "=" + value, (channel) -> put(channel, field, value),
                    full, false));
            }
        }

        for (final long length : new long[] {0, 1, 8, 14, 16, 63, 64, HEADER_LENGTH - 1, HEADER_LENGTH,
            HEADER_LENGTH + 1, fileLength - 1, fileLength - 8, fileLength / 2, fileLength + 4096})
        {
            if (length >= 0 && length != fileLength)
            {
                cases.add(new Case(cases.size(), targetId, "file_length=" + length, (channel) -> resize(channel, length),
                    false, false));
            }
        }

        for (int i = 0; i < randomPerKind; i++)
        {
            final long caseSeed = seed * 1_000_003L + number * 100_003L + i;
            if (i % 4 == 2)
            {
                // a quarter write whole words of telling values into the payload: the kind's layout
                cases.add(new Case(cases.size(), targetId, "random seed=" + caseSeed + " payload_words",
                    (channel) -> payloadWords(channel, caseSeed), false, false));
                continue;
            }
            final boolean wholeFile = i % 4 == 3; // a quarter also corrupt the payload bytes
            cases.add(new Case(cases.size(), targetId, "random seed=" + caseSeed + (wholeFile ? " whole_file" : ""),
                (channel) -> randomBytes(channel, caseSeed, wholeFile), false, false));
        }

        for (final RegionTargets.PayloadField field : target.payloadFields())
        {
            final int offset = HEADER_LENGTH + field.offset();
            final long original = field.width() == Long.BYTES ? contents.getLong(offset) : contents.getInt(offset);
            for (final long value : edgeValues(field, original))
            {
                if (value != original)
                {
                    cases.add(new Case(cases.size(), targetId, field.name() + "=" + value,
                        (channel) -> putWord(channel, offset, field.width(), value), false, true));
                }
            }
        }
    }

    /**
     * The values a payload word is set to: see the class documentation.
     */
    static Set<Long> edgeValues(final RegionTargets.PayloadField field, final long original)
    {
        final Set<Long> values = new LinkedHashSet<>();
        final boolean wide = field.width() == Long.BYTES;
        final long max = wide ? Long.MAX_VALUE : Integer.MAX_VALUE;
        final long min = wide ? Long.MIN_VALUE : Integer.MIN_VALUE;
        for (int i = 0; i <= 8; i++)
        {
            values.add(max - i);
            values.add(min + i);
        }
        values.add(-1L);
        values.add(0L);
        values.add(1L);
        for (int i = -1; i <= 8; i++)
        {
            values.add((long)field.capacity() + i);
            values.add(-((long)field.capacity() + i));
        }
        if (wide)
        {
            for (final long edge : new long[] {1L << 31, 1L << 32})
            {
                for (int i = -1; i <= 1; i++)
                {
                    values.add(edge + i);
                    values.add(-(edge + i));
                }
            }
            for (final long shift : new long[] {1, 8, field.capacity(), 1L << 31, 1L << 32})
            {
                values.add(original + shift);
                values.add(original - shift);
            }
        }
        else
        {
            for (final long shift : new long[] {1, 8})
            {
                values.add((long)(int)(original + shift));
                values.add((long)(int)(original - shift));
            }
            values.add((long)(int)-original); // a committed record length turned into a claim's
        }
        values.addAll(field.extra());
        return values;
    }

    private void run(final List<Case> cases) throws InterruptedException
    {
        this.cases = cases;
        final Thread watchdog = new Thread(this::watch, "fuzz-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        final ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        final List<Future<?>> futures = new ArrayList<>();
        for (final Case c : cases)
        {
            futures.add(executor.submit(() -> runCase(c)));
        }
        for (final Future<?> future : futures)
        {
            try
            {
                future.get();
            }
            catch (final Exception ex)
            {
                synchronized (this)
                {
                    failures.add("harness: " + stackTrace(ex));
                }
            }
        }
        executor.shutdown();
        executor.awaitTermination(CASE_TIMEOUT_S, TimeUnit.SECONDS);
    }

    private void runCase(final Case c)
    {
        running.put(c.id, System.nanoTime());
        final String name = "case-" + c.id;
        final RegionTargets.Target target = RegionTargets.TARGETS.get(c.target);
        try
        {
            target.create(ns, name);
            try (FileChannel channel = FileChannel.open(ns.path().resolve(target.fuzzed(name)), StandardOpenOption.READ,
                StandardOpenOption.WRITE))
            {
                c.mutation.apply(channel);
            }
            for (final Throwable result : attempt(c, name))
            {
                record(c, result);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            try
            {
                for (final String file : target.files(name))
                {
                    Files.deleteIfExists(ns.path().resolve(file));
                }
            }
            catch (final IOException ignore)
            {
                // the namespace is removed by the test
            }
            running.remove(c.id);
        }
    }

    /**
     * Open through the kind's API and read everything, then inspect as the tools do.
     *
     * @return what each of the two steps ended with, null for success; null for the whole case when it was
     * answered by the probe alone.
     */
    private List<Throwable> attempt(final Case c, final String name)
    {
        final RegionTargets.Target target = RegionTargets.TARGETS.get(c.target);
        // a probe that does not wait: a region that is not ready costs the full API a 1 s wait per open,
        // so only the targeted state=0 case of each kind goes through the full API when not ready
        try (Region probe = Region.open(ns.directory(), target.fuzzed(name), null, 0))
        {
            RegionTargets.consume(probe.payload().capacity());
        }
        catch (final RegionNotReadyException ex)
        {
            if (!c.fullApiWhenNotReady)
            {
                return Collections.singletonList(ex);
            }
        }
        catch (final Throwable ex)
        {
            // the full API must answer as well as the probe: go on
        }
        final List<Throwable> results = new ArrayList<>(2);
        results.add(step(() -> target.exercise(ns, name)));
        results.add(step(() -> RegionTargets.inspect(ns, target.fuzzed(name))));
        return results;
    }

    @FunctionalInterface
    private interface Step
    {
        void run() throws Exception;
    }

    private static Throwable step(final Step step)
    {
        try
        {
            step.run();
            return null;
        }
        catch (final Throwable ex)
        {
            return ex;
        }
    }

    private synchronized void record(final Case c, final Throwable ex)
    {
        final String key;
        if (ex == null)
        {
            key = "ok";
        }
        else if (ex instanceof MmipcException || ex instanceof IllegalStateException ||
            !c.strict && (ex instanceof IllegalArgumentException || ex instanceof IndexOutOfBoundsException))
        {
            key = ex.getClass().getSimpleName();
            if (ex.getMessage() == null || ex.getMessage().isEmpty())
            {
                failures.add("case " + c.id + " target=" + c.target + " " + c.what + ": exception without a message: " +
                    stackTrace(ex));
                System.out.println("FAIL case " + c.id + " target=" + c.target + " " + c.what + "\n" + stackTrace(ex));
            }
        }
        else
        {
            key = "FORBIDDEN " + ex.getClass().getName();
            failures.add("case " + c.id + " target=" + c.target + " " + c.what + ": " + ex);
            System.out.println("FAIL case " + c.id + " target=" + c.target + " " + c.what + "\n" + stackTrace(ex));
        }
        outcomes.merge(key, 1, Integer::sum);
    }

    private void watch()
    {
        while (true)
        {
            final long now = System.nanoTime();
            for (final Map.Entry<Integer, Long> entry : running.entrySet())
            {
                if (now - entry.getValue() > TimeUnit.SECONDS.toNanos(CASE_TIMEOUT_S))
                {
                    final Case c = cases.get(entry.getKey());
                    System.out.println("HANG case " + c.id + " target=" + c.target + " " + c.what + " ran longer than " +
                        CASE_TIMEOUT_S + " s");
                    ThreadDumps.dumpOwnThreads("case " + c.id + " hangs");
                    Runtime.getRuntime().halt(3);
                }
            }
            try
            {
                Thread.sleep(200);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
        }
    }

    private static void put(final FileChannel channel, final Field field, final long value) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(field.width).order(ByteOrder.nativeOrder());
        if (field.width == 8)
        {
            buffer.putLong(0, value);
        }
        else
        {
            buffer.putShort(0, (short)value);
        }
        channel.write(buffer, field.offset);
    }

    private static void putWord(final FileChannel channel, final long offset, final int width, final long value)
        throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(width).order(ByteOrder.nativeOrder());
        if (width == Long.BYTES)
        {
            buffer.putLong(0, value);
        }
        else
        {
            buffer.putInt(0, (int)value);
        }
        channel.write(buffer, offset);
    }

    private static void resize(final FileChannel channel, final long length) throws IOException
    {
        if (length < channel.size())
        {
            channel.truncate(length);
        }
        else
        {
            channel.write(ByteBuffer.allocate(1), length - 1);
        }
    }

    private static void payloadWords(final FileChannel channel, final long seed) throws IOException
    {
        final Random random = new Random(seed);
        final long payloadWords = (channel.size() - RegionDescriptor.HEADER_LENGTH) / 4;
        if (payloadWords <= 0)
        {
            return;
        }
        final int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++)
        {
            // mostly the first words: control fields and the first records live there
            final long word = random.nextBoolean() ? random.nextInt((int)Math.min(payloadWords, 64)) :
                (long)(random.nextDouble() * payloadWords);
            final long offset = RegionDescriptor.HEADER_LENGTH + word * 4;
            final int[] telling = {0, -1, 1, 8, -8, 7, 4096, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 7,
                random.nextInt(), random.nextInt(1 << 16)};
            final int value = telling[random.nextInt(telling.length)];
            final ByteBuffer buffer = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value);
            channel.write(buffer, offset);
        }
    }

    private static void randomBytes(final FileChannel channel, final long seed, final boolean wholeFile)
        throws IOException
    {
        final Random random = new Random(seed);
        final long limit = wholeFile ? channel.size() : RegionDescriptor.HEADER_LENGTH;
        final int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++)
        {
            final long offset = (long)(random.nextDouble() * limit);
            channel.write(ByteBuffer.wrap(new byte[] {(byte)random.nextInt(256)}), offset);
        }
    }

    private static String stackTrace(final Throwable ex)
    {
        final StringWriter out = new StringWriter();
        ex.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}

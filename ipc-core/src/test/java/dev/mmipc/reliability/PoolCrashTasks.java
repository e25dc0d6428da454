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

import dev.mmipc.pool.TaskFunction;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * What {@link PoolCrashTest} sends to pool workers: objects that stop a worker at one exact point of a task
 * (decoding it, running it, encoding its result, half way through a large result) by writing the worker's pid
 * into a marker file and then sleeping, so that the test can {@code kill -9} the worker right there; and
 * objects that end the worker themselves while they are decoded. No hook in the pool: each point is reached
 * through the ordinary serialization callbacks of the objects the pool carries.
 */
final class PoolCrashTasks
{
    /** How long a stalled worker sleeps: far longer than any test waits, so only the kill ends it. */
    static final long STALL_MS = TimeUnit.SECONDS.toMillis(120);

    private PoolCrashTasks()
    {
    }

    /**
     * Write this process's pid into {@code marker}, atomically (a reader sees no file or the whole pid).
     *
     * @param marker path of the marker file.
     */
    static void mark(final String marker)
    {
        final long pid = ProcessHandle.current().pid();
        final Path tmp = Path.of(marker + ".tmp-" + pid);
        try
        {
            Files.writeString(tmp, Long.toString(pid));
            Files.move(tmp, Path.of(marker), StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param marker path of a marker file.
     * @return true for exactly one caller across all processes: the one that created {@code marker.claim}.
     */
    static boolean claim(final String marker)
    {
        try
        {
            Files.createFile(Path.of(marker + ".claim"));
            return true;
        }
        catch (final FileAlreadyExistsException ex)
        {
            return false;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static void stall()
    {
        try
        {
            Thread.sleep(STALL_MS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param seed seed.
     * @param size bytes.
     * @return {@code size} pseudo-random bytes, the same for the same seed in every JVM.
     */
    static byte[] payload(final long seed, final int size)
    {
        final byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    static long crc(final byte[] bytes)
    {
        final CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /**
     * A task argument whose decoding, in the worker, marks and stalls.
     */
    static final class StallOnDecode implements Serializable
    {
        private static final long serialVersionUID = 1L;

        final String marker;
        final int value;

        StallOnDecode(final String marker, final int value)
        {
            this.marker = marker;
            this.value = value;
        }

        private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
        {
            in.defaultReadObject();
            mark(marker);
            stall();
        }
    }

    /**
     * A task object (for {@code submit}) whose own decoding, in the worker, marks and stalls.
     */
    static final class StallOnDecodeCallable implements Callable<Integer>, Serializable
    {
        private static final long serialVersionUID = 1L;

        final String marker;

        StallOnDecodeCallable(final String marker)
        {
            this.marker = marker;
        }

        @Override
        public Integer call()
        {
            return -1;
        }

        private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
        {
            in.defaultReadObject();
            mark(marker);
            stall();
        }
    }

    /**
     * A task argument whose decoding ends the worker JVM with {@code System.exit(status)}.
     */
    static final class ExitOnDecode implements Serializable
    {
        private static final long serialVersionUID = 1L;

        final int status;

        ExitOnDecode(final int status)
        {
            this.status = status;
        }

        private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
        {
            in.defaultReadObject();
            System.exit(status);
        }
    }

    /**
     * A result whose encoding, in the worker, marks and stalls before it writes anything.
     */
    static final class StallOnEncode implements Serializable
    {
        private static final long serialVersionUID = 1L;

        final String marker;
        final int value;

        StallOnEncode(final String marker, final int value)
        {
            this.marker = marker;
            this.value = value;
        }

        private void writeObject(final ObjectOutputStream out) throws IOException
        {
            mark(marker);
            stall();
            out.defaultWriteObject();
        }
    }

    /**
     * A large result whose encoding, in the worker, writes half of its bytes, then marks and stalls.
     */
    static final class HalfWritten implements Serializable
    {
        private static final long serialVersionUID = 1L;

        final String marker;
        transient byte[] data;

        HalfWritten(final String marker, final byte[] data)
        {
            this.marker = marker;
            this.data = data;
        }

        private void writeObject(final ObjectOutputStream out) throws IOException
        {
            out.defaultWriteObject();
            out.writeInt(data.length);
            final int half = data.length / 2;
            out.write(data, 0, half);
            out.flush();
            mark(marker);
            stall();
            out.write(data, half, data.length - half);
        }

        private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
        {
            in.defaultReadObject();
            data = new byte[in.readInt()];
            in.readFully(data);
        }
    }

    /**
     * A map function that squares; the first worker to decode it (across all processes) marks and stalls
     * while it decodes, every later decoding is quick.
     */
    static final class StallOnceFunction implements TaskFunction<Integer, Integer>
    {
        private static final long serialVersionUID = 1L;

        final String marker;

        StallOnceFunction(final String marker)
        {
            this.marker = marker;
        }

        @Override
        public Integer apply(final Integer x)
        {
            return x * x;
        }

        private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
        {
            in.defaultReadObject();
            if (claim(marker))
            {
                mark(marker);
                stall();
            }
        }
    }

    /**
     * A poison map function: every worker that decodes it writes {@code DIR/fn-PID} and halts with
     * {@code status}.
     */
    static final class HaltOnDecodeFunction implements TaskFunction<Integer, Integer>
    {
        private static final long serialVersionUID = 1L;

        final String dir;
        final int status;

        HaltOnDecodeFunction(final String dir, final int status)
        {
            this.dir = dir;
            this.status = status;
        }

        @Override
        public Integer apply(final Integer x)
        {
            return x;
        }

        private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
        {
            in.defaultReadObject();
            mark(Path.of(dir, "fn-" + ProcessHandle.current().pid()).toString());
            Runtime.getRuntime().halt(status);
        }
    }
}

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

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Chronicle Queue, one queue per direction in the trial directory (tmpfs), raw bytes in each excerpt, read in
 * place where Chronicle gives an address (else copied out), the tailer busy polling. Chronicle keeps every
 * message (it is a journal): a streaming trial writes its rate times its duration into tmpfs, removed with the
 * trial directory, so {@link #create} refuses to start with less than {@value #MIN_FREE_GIB} GiB free there. Its JVM
 * flags are in its line of {@link Transports}.
 */
public final class ChronicleTransport implements Transport
{
    /** Least free space in the trial directory's file system before a trial starts. */
    static final int MIN_FREE_GIB = 4;

    @Override
    public String name()
    {
        return "chronicle";
    }

    @Override
    public int maxMessageLength()
    {
        return 1 << 20;
    }

    @Override
    public long capacityMessages(final int length)
    {
        return -1;
    }

    @Override
    public String describe(final int length)
    {
        return "SingleChronicleQueue per direction on tmpfs (a journal: never full), raw bytes per excerpt, " +
            "read in place, tailer busy polling";
    }

    @Override
    public void create(final Path dir, final int maxMessageLength) throws IOException
    {
        final long free = Files.getFileStore(dir).getUsableSpace();
        if (free < ((long)MIN_FREE_GIB << 30))
        {
            throw new IllegalStateException("not enough free space for a chronicle journal: dir=" + dir + ", free_mib=" +
                (free >> 20) + ", needed_mib=" + (MIN_FREE_GIB << 10));
        }
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer)
    {
        return new ChronicleEndpoint(dir.resolve("cq-to-peer"), dir.resolve("cq-to-bench"), maxMessageLength);
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
    {
        return new ChronicleEndpoint(dir.resolve("cq-to-bench"), dir.resolve("cq-to-peer"), maxMessageLength);
    }

    private static final class ChronicleEndpoint implements Endpoint
    {
        private final ChronicleQueue outQueue;
        private final ChronicleQueue inQueue;
        private final ExcerptAppender appender;
        private final ExcerptTailer tailer;
        private final UnsafeBuffer inPlace = new UnsafeBuffer(0, 0);
        private final byte[] copy;
        private final UnsafeBuffer copyBuffer;

        ChronicleEndpoint(final Path out, final Path in, final int maxMessageLength)
        {
            outQueue = SingleChronicleQueueBuilder.binary(out).build();
            inQueue = SingleChronicleQueueBuilder.binary(in).build();
            appender = outQueue.createAppender();
            tailer = inQueue.createTailer();
            copy = new byte[maxMessageLength];
            copyBuffer = new UnsafeBuffer(copy);
        }

        @Override
        public void send(final DirectBuffer src, final int offset, final int length)
        {
            try (DocumentContext dc = appender.writingDocument())
            {
                final Bytes<?> bytes = dc.wire().bytes();
                final byte[] array = src.byteArray();
                if (null != array)
                {
                    bytes.write(array, src.wrapAdjustment() + offset, length);
                }
                else
                {
                    bytes.unsafeWrite(src.addressOffset() + offset, length);
                }
            }
        }

        @Override
        public int poll(final MessageSink sink, final int limit)
        {
            int count = 0;
            while (count < limit)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final int length = (int)bytes.readRemaining();
                    if (bytes.isDirectMemory())
                    {
                        inPlace.wrap(bytes.addressForRead(bytes.readPosition(), length), length);
                        sink.onMessage(inPlace, 0, length);
                    }
                    else
                    {
                        bytes.read(copy, 0, length);
                        sink.onMessage(copyBuffer, 0, length);
                    }
                    count++;
                }
            }
            return count;
        }

        @Override
        public void close()
        {
            tailer.close();
            appender.close();
            outQueue.close();
            inQueue.close();
        }
    }
}

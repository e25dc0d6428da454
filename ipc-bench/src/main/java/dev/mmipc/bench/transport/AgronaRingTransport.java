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

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * The yardstick: Agrona's bare {@link OneToOneRingBuffer} over a mapped file in each direction, busy spinning,
 * with none of mmipc's header, liveness or closing logic. A poll reads up to its limit in one
 * {@link RingBuffer#read(MessageHandler, int)}.
 */
public final class AgronaRingTransport implements Transport
{
    /** Bytes of message storage in each direction; every ring of the benchmarks has this capacity. */
    public static final int CAPACITY = 4 << 20;
    private static final int MSG_TYPE = 1;

    @Override
    public String name()
    {
        return "agrona";
    }

    @Override
    public int maxMessageLength()
    {
        return CAPACITY / 8;
    }

    @Override
    public long capacityMessages(final int length)
    {
        return ringCapacityMessages(CAPACITY, length);
    }

    /**
     * @param capacityBytes a ring's capacity.
     * @param length        a message length.
     * @return how many records of that length an Agrona ring of that capacity holds (header 8 bytes, records
     *         aligned to 8).
     */
    public static long ringCapacityMessages(final int capacityBytes, final int length)
    {
        return capacityBytes / BitUtil.align(length + RecordDescriptor.HEADER_LENGTH, RecordDescriptor.ALIGNMENT);
    }

    @Override
    public String describe(final int length)
    {
        return "OneToOneRingBuffer of " + (CAPACITY >> 20) + " MiB per direction over a mapped file in /dev/shm, busy spin";
    }

    @Override
    public void create(final Path dir, final int maxMessageLength) throws Exception
    {
        for (final String name : new String[]{ "to-peer", "to-bench" })
        {
            try (RandomAccessFile file = new RandomAccessFile(dir.resolve(name).toFile(), "rw"))
            {
                file.setLength(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH);
            }
        }
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer)
    {
        return new RingEndpoint(dir.resolve("to-peer"), dir.resolve("to-bench"), Side.bench(peer));
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
    {
        return new RingEndpoint(dir.resolve("to-bench"), dir.resolve("to-peer"), Side.PEER);
    }

    private static final class RingEndpoint implements Endpoint, MessageHandler
    {
        private final MappedByteBuffer outMap;
        private final MappedByteBuffer inMap;
        private final RingBuffer out;
        private final RingBuffer in;
        private final Wait sendWait;
        private MessageSink sink;

        RingEndpoint(final Path outFile, final Path inFile, final Side side)
        {
            outMap = IoUtil.mapExistingFile(outFile.toFile(), "agrona out");
            inMap = IoUtil.mapExistingFile(inFile.toFile(), "agrona in");
            out = new OneToOneRingBuffer(new UnsafeBuffer(outMap));
            in = new OneToOneRingBuffer(new UnsafeBuffer(inMap));
            sendWait = Wait.of("agrona send: side=" + side.label(), side);
        }

        @Override
        public void send(final DirectBuffer src, final int offset, final int length)
        {
            sendWait.reset();
            while (!out.write(MSG_TYPE, src, offset, length))
            {
                sendWait.idle();
            }
        }

        @Override
        public int poll(final MessageSink sink, final int limit)
        {
            this.sink = sink;
            return in.read(this, limit);
        }

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            sink.onMessage(buffer, index, length);
        }

        @Override
        public void close()
        {
            IoUtil.unmap(outMap);
            IoUtil.unmap(inMap);
        }
    }
}

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

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * OS pipes: the benchmark writes to the peer's standard input and reads its standard output, with a 4-byte
 * length before each message; {@code pipe} writes each message with its own system call, {@code pipe-batched}
 * gathers them into writes of 64 KiB ({@link FramedEndpoint}).
 */
public final class PipeTransport implements Transport
{
    /** Bytes a Linux pipe holds by default. */
    static final int PIPE_BYTES = 1 << 16;

    private final boolean batched;

    /**
     * @param batched true to gather writes.
     */
    public PipeTransport(final boolean batched)
    {
        this.batched = batched;
    }

    @Override
    public String name()
    {
        return batched ? "pipe-batched" : "pipe";
    }

    @Override
    public int maxMessageLength()
    {
        return 1 << 20;
    }

    @Override
    public long capacityMessages(final int length)
    {
        return PIPE_BYTES / (FramedEndpoint.FRAME_HEADER + length);
    }

    @Override
    public String describe(final int length)
    {
        return "the peer's stdin/stdout (64 KiB pipe buffer), 4-byte length prefix, " + Transports.writes(batched);
    }

    @Override
    public boolean batchesWrites()
    {
        return batched;
    }

    @Override
    public void create(final Path dir, final int maxMessageLength)
    {
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer)
    {
        return FramedEndpoint.overStreams(peer.getInputStream(), peer.getOutputStream(), maxMessageLength, batched);
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
    {
        return FramedEndpoint.overStreams(stdin, stdout, maxMessageLength, batched);
    }
}

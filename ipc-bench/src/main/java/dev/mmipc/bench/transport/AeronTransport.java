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

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.Configuration;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.aeron.protocol.DataHeaderFlyweight;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentInvoker;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Aeron IPC ({@code aeron:ipc}), one exclusive publication per direction, with a media driver embedded in the
 * benchmark JVM.
 * <p>
 * <b>No third spinning thread.</b> Two busy-spinning ends already take both CPUs of a 2-core machine, so the
 * driver runs in {@link ThreadingMode#INVOKER} mode: the benchmark's thread runs one duty cycle of the driver on
 * every {@value #INVOKE_EVERY}th poll that finds nothing and every {@value #INVOKE_EVERY}th offer that is back
 * pressured (the driver moves the publishers' limits; a window of {@value #WINDOW_LENGTH} bytes lets them run
 * far ahead of it); a helper thread runs it, parking 50 µs between cycles, only while the ends connect and
 * close. The clients' own conductor threads sleep between their cycles (Aeron's default).
 * <p>
 * <b>Sized for the message.</b> Term {@value #TERM_LENGTH} bytes, publication window {@value #WINDOW_LENGTH}
 * bytes (the 4 MiB of the rings), MTU the message plus Aeron's 32-byte header, up to the largest MTU (larger
 * messages are fragmented and reassembled with a {@link FragmentAssembler}); a poll reads up to its limit of
 * fragments, in place.
 */
public final class AeronTransport implements Transport
{
    /** Term buffer length of every publication. */
    public static final int TERM_LENGTH = 8 << 20;
    /** Publication window: how far a publisher may run ahead of its subscriber. */
    public static final int WINDOW_LENGTH = 4 << 20;
    /** The benchmark thread runs one driver duty cycle every this many idle polls or offers. */
    public static final int INVOKE_EVERY = 1024;

    private static final String CHANNEL = "aeron:ipc";
    private static final int TO_PEER_STREAM = 1001;
    private static final int TO_BENCH_STREAM = 1002;
    private static final int MAX_MTU = Configuration.MAX_UDP_PAYLOAD_LENGTH & ~(DataHeaderFlyweight.HEADER_LENGTH - 1);

    private MediaDriver driver;
    private DriverHelper helper;

    @Override
    public String name()
    {
        return "aeron";
    }

    @Override
    public int maxMessageLength()
    {
        return TERM_LENGTH / 8;
    }

    /**
     * @param length a message length.
     * @return the MTU used for it: the message and its header in one frame, up to the largest MTU.
     */
    static int mtu(final int length)
    {
        return Math.min(MAX_MTU, BitUtil.align(length + DataHeaderFlyweight.HEADER_LENGTH, DataHeaderFlyweight.HEADER_LENGTH));
    }

    @Override
    public long capacityMessages(final int length)
    {
        final int payloadPerFrame = mtu(length) - DataHeaderFlyweight.HEADER_LENGTH;
        final int fragments = (length + payloadPerFrame - 1) / payloadPerFrame;
        final int frameBytes = BitUtil.align(length + fragments * DataHeaderFlyweight.HEADER_LENGTH, DataHeaderFlyweight.HEADER_LENGTH);
        return WINDOW_LENGTH / frameBytes;
    }

    @Override
    public String describe(final int length)
    {
        return "aeron:ipc, embedded driver in INVOKER mode run by the benchmark thread every " + INVOKE_EVERY +
            "th idle poll or back-pressured offer (a helper thread only while connecting and closing), term " +
            (TERM_LENGTH >> 20) + " MiB, window " + (WINDOW_LENGTH >> 20) + " MiB, MTU " + mtu(length) +
            " B, poll limit = the trial's, in place";
    }

    @Override
    public void create(final Path dir, final int maxMessageLength)
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName(aeronDir(dir))
            .threadingMode(ThreadingMode.INVOKER)
            .ipcTermBufferLength(TERM_LENGTH)
            .ipcPublicationTermWindowLength(WINDOW_LENGTH)
            .ipcMtuLength(mtu(maxMessageLength))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        helper = new DriverHelper(driver.sharedAgentInvoker());
        helper.start();
    }

    @Override
    public Endpoint benchEnd(final Path dir, final int maxMessageLength, final Process peer)
    {
        final AeronEndpoint endpoint = new AeronEndpoint(aeronDir(dir), TO_PEER_STREAM, TO_BENCH_STREAM, Side.bench(peer), helper);
        helper.stop();
        return endpoint;
    }

    @Override
    public Endpoint peerEnd(final Path dir, final int maxMessageLength, final InputStream stdin, final OutputStream stdout)
    {
        return new AeronEndpoint(aeronDir(dir), TO_BENCH_STREAM, TO_PEER_STREAM, Side.PEER, null);
    }

    @Override
    public void destroy(final Path dir)
    {
        if (null != helper)
        {
            helper.stop();
        }
        if (null != driver)
        {
            driver.close();
        }
    }

    private static String aeronDir(final Path dir)
    {
        return dir.resolve("aeron").toString();
    }

    /**
     * Runs the driver's duty cycle on its own thread while the benchmark thread cannot (connecting, closing).
     * Only one thread at a time runs the invoker: {@link #stop()} joins the helper before the benchmark thread
     * invokes again (the join orders the two).
     */
    private static final class DriverHelper
    {
        private final AgentInvoker invoker;
        private volatile boolean running;
        private Thread thread;

        DriverHelper(final AgentInvoker invoker)
        {
            this.invoker = invoker;
        }

        AgentInvoker invoker()
        {
            return invoker;
        }

        void start()
        {
            if (null != thread)
            {
                return;
            }
            running = true;
            thread = new Thread(() ->
            {
                while (running) // volatile read: stop() below ends the loop
                {
                    if (invoker.invoke() == 0)
                    {
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
                    }
                }
            }, "aeron-driver-helper");
            thread.setDaemon(true);
            thread.start();
        }

        void stop()
        {
            if (null == thread)
            {
                return;
            }
            running = false; // volatile write: the helper leaves its loop
            try
            {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    private static final class AeronEndpoint implements Endpoint, FragmentHandler
    {
        private final Aeron aeron;
        private final ExclusivePublication publication;
        private final Subscription subscription;
        private final FragmentAssembler assembler = new FragmentAssembler(this);
        private final Wait sendWait;
        private final DriverHelper helper;
        private final AgentInvoker invoker;
        private MessageSink sink;
        private int messages;
        private int idle;

        AeronEndpoint(final String aeronDir, final int outStream, final int inStream, final Side side, final DriverHelper helper)
        {
            this.helper = helper;
            invoker = null == helper ? null : helper.invoker();
            aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            publication = aeron.addExclusivePublication(CHANNEL, outStream);
            subscription = aeron.addSubscription(CHANNEL, inStream);
            sendWait = Wait.of("aeron send: side=" + side.label(), side);
            final Wait connect = Wait.of("aeron connect: side=" + side.label(), side);
            while (!publication.isConnected() || !subscription.isConnected())
            {
                connect.idle();
            }
        }

        @Override
        public void send(final DirectBuffer src, final int offset, final int length)
        {
            sendWait.reset();
            long result;
            while ((result = publication.offer(src, offset, length)) < 0)
            {
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                {
                    throw new IllegalStateException("aeron offer failed: result=" + result);
                }
                runDriverNowAndThen();
                sendWait.idle();
            }
        }

        @Override
        public int poll(final MessageSink sink, final int limit)
        {
            this.sink = sink;
            messages = 0;
            if (subscription.poll(assembler, limit) == 0)
            {
                runDriverNowAndThen();
            }
            return messages;
        }

        private void runDriverNowAndThen()
        {
            if (null != invoker && ++idle % INVOKE_EVERY == 0)
            {
                invoker.invoke();
            }
        }

        @Override
        public void onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
        {
            messages++;
            sink.onMessage(buffer, offset, length);
        }

        @Override
        public void close()
        {
            if (null != helper)
            {
                helper.start(); // the clients' closing talks to the driver
            }
            aeron.close();
        }
    }
}

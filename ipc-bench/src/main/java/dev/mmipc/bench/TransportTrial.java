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
package dev.mmipc.bench;

import dev.mmipc.bench.run.Placement;
import dev.mmipc.bench.transport.DeliveryCheck;
import dev.mmipc.bench.transport.Endpoint;
import dev.mmipc.bench.transport.MessageDescriptor;
import dev.mmipc.bench.transport.Messages;
import dev.mmipc.bench.transport.Side;
import dev.mmipc.bench.transport.Transport;
import dev.mmipc.bench.transport.TransportPeer;
import dev.mmipc.bench.transport.Transports;
import dev.mmipc.bench.transport.Wait;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One transport between this JVM and a peer JVM, set up for one kind of measurement, with every message checked
 * ({@link DeliveryCheck}): what {@link TransportBenchmark} measures and what the tests drive without JMH.
 * <ul>
 *   <li>{@link TransportPeer.Role#ECHO}: {@link #roundTrip()} sends one message and waits for its echo, whose
 *   length, kind, sequence number and checksum are checked on return.</li>
 *   <li>{@link TransportPeer.Role#PRODUCE}: the peer streams from the end of {@link #start} until {@link #close};
 *   {@link #pollStream(int)} takes what has arrived, checks every message (continuity and checksum of every
 *   byte) and counts it.</li>
 * </ul>
 * Setup makes the transport's resources in a fresh directory, starts the peer (pinned to a CPU when asked), and
 * connects; {@link #close()} stops the peer (a producer is killed, an echo peer is told to stop), closes and
 * removes everything, and never throws.
 */
public final class TransportTrial implements AutoCloseable
{
    /** Most messages one poll hands over ({@link Endpoint#POLL_LIMIT}). */
    public static final int POLL_LIMIT = Endpoint.POLL_LIMIT;
    /** Longest {@link #catchUp()}. */
    public static final long CATCH_UP_MS = 200;

    private final String name;
    private final Transport transport;
    private final int length;
    private final TransportPeer.Role role;
    private final String peerCpus;
    private final DeliveryCheck check;
    private final UnsafeBuffer message;
    private final Map<String, Object> setup = new LinkedHashMap<>();
    private long payloadSum;
    private Path dir;
    private PeerProcess peer;
    private Endpoint endpoint;
    private Wait wait;
    private long sequence;
    private int peerExit = Integer.MIN_VALUE;
    private boolean closed;

    private TransportTrial(final String name, final int length, final TransportPeer.Role role, final String peerCpus)
    {
        this.name = name;
        this.transport = Transports.create(name);
        this.length = length;
        this.role = role;
        this.peerCpus = peerCpus;
        MessageDescriptor.checkLength(name, length, transport.maxMessageLength());
        check = new DeliveryCheck(name, length,
            TransportPeer.Role.ECHO == role ? MessageDescriptor.ECHO : MessageDescriptor.DATA, 1);
        message = new UnsafeBuffer(new byte[length]);
    }

    /**
     * @param transport a transport name ({@link Transports}).
     * @param length    the length of every message.
     * @param role      what the peer does.
     * @param peerCpus  the CPUs the peer is pinned to, or null.
     * @return the trial, connected; for a round trip one echo was exchanged and checked, for streaming the first
     *         message arrived and was checked.
     * @throws Exception when the transport cannot be set up; everything made so far is released.
     */
    public static TransportTrial start(
        final String transport, final int length, final TransportPeer.Role role, final String peerCpus) throws Exception
    {
        final TransportTrial trial = new TransportTrial(transport, length, role, peerCpus);
        try
        {
            trial.setUp();
            return trial;
        }
        catch (final Exception | Error ex)
        {
            trial.close();
            throw ex;
        }
    }

    private void setUp() throws Exception
    {
        dir = PeerProcess.tempNamespace();
        transport.create(dir, length);
        final List<String> flags = new ArrayList<>(Transports.entry(name).jvmFlags());
        if (Boolean.getBoolean("agrona.disable.bounds.checks"))
        {
            flags.add("-Dagrona.disable.bounds.checks=true"); // as in this JVM: both ends run the same code
        }
        peer = PeerProcess.start(flags, true, peerCpus, TransportPeer.class, name, dir.toString(),
            Integer.toString(length), role.arg());
        endpoint = transport.benchEnd(dir, length, peer.process());
        wait = Wait.of("trial receive: transport=" + name, Side.bench(peer.process()));
        setup.put("transport", name);
        setup.put("size", length);
        setup.put("role", role.arg());
        setup.put("setup", transport.describe(length));
        setup.put("capacityMessages", transport.capacityMessages(length));
        setup.put("wraps", transport.wraps());
        setup.put("benchPid", ProcessHandle.current().pid());
        setup.put("benchAffinity", Placement.currentAffinity());
        setup.put("peerPid", peer.process().pid());
        setup.put("peerAffinity", Placement.affinity(peer.process().pid()));
        if (TransportPeer.Role.ECHO == role)
        {
            Messages.fill(message, length, MessageDescriptor.ECHO, 0);
            payloadSum = Messages.payloadSum(message, 0, length);
            roundTrip();
        }
        else
        {
            Messages.fill(message, length, MessageDescriptor.START, 0);
            endpoint.send(message, 0, length);
            endpoint.flush();
            while (pollStream(1) == 0)
            {
                // the peer JVM may still be starting: measurement begins once the stream flows
            }
        }
    }

    /**
     * One round trip: send the next sequence number and wait for its echo, checked.
     *
     * @return the sequence number that made the trip.
     * @throws dev.mmipc.bench.transport.DeliveryCheckException when the echo is not the message sent.
     */
    public long roundTrip()
    {
        final long seq = ++sequence;
        Messages.stamp(message, length, MessageDescriptor.ECHO, seq, payloadSum);
        endpoint.send(message, 0, length);
        endpoint.flush();
        check.expect(seq);
        wait.reset();
        while (endpoint.poll(check, 1) == 0)
        {
            wait.idle();
        }
        return seq;
    }

    /**
     * Take what has arrived of the stream, up to {@code limit} messages, each checked.
     *
     * @param limit most messages to take.
     * @return messages taken; 0 after a bounded spin when none arrived.
     * @throws dev.mmipc.bench.transport.DeliveryCheckException when a message was lost, repeated, reordered or
     *                                                           corrupted.
     * @throws IllegalStateException when the peer is gone or nothing arrived for the wait timeout.
     */
    public int pollStream(final int limit)
    {
        final int n = endpoint.poll(check, limit);
        if (n == 0)
        {
            wait.idle();
        }
        else
        {
            wait.reset();
        }
        return n;
    }

    /**
     * Take (and check) what the producer stored while nobody consumed, so that a measurement starts in the stream's
     * steady state: until a poll finds fewer than {@value #POLL_LIMIT} messages waiting (the consumer has caught
     * up), or one buffer's worth has been taken (the consumer is the slower side: the buffer stays full anyway), or
     * {@value #CATCH_UP_MS} ms have passed.
     *
     * @return messages taken.
     */
    public long catchUp()
    {
        final long capacity = transport.capacityMessages(length);
        final long bound = capacity > 0 ? capacity : Long.MAX_VALUE;
        final long deadlineNs = System.nanoTime() + CATCH_UP_MS * 1_000_000L;
        long taken = 0;
        int n;
        do
        {
            n = endpoint.poll(check, POLL_LIMIT);
            taken += n;
        }
        while (n == POLL_LIMIT && taken < bound && System.nanoTime() - deadlineNs < 0);
        return taken;
    }

    /**
     * @return messages delivered and checked so far (the round trips' echoes, or the stream).
     */
    public long delivered()
    {
        return check.delivered();
    }

    /**
     * @return the transport's name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the peer's pid, or -1 before it started.
     */
    public long peerPid()
    {
        return null == peer ? -1 : peer.process().pid();
    }

    /**
     * @return what the report records about this trial: the transport's setup and capacity, where both
     *         processes ran (read once connected), the messages checked, and the peer's exit code once closed.
     */
    public Map<String, Object> record()
    {
        final Map<String, Object> r = new LinkedHashMap<>(setup);
        r.put("delivered", check.delivered());
        if (peerExit != Integer.MIN_VALUE)
        {
            r.put("peerExit", peerExit);
        }
        return r;
    }

    /**
     * Stop the peer (kill a producer; tell an echo peer to stop), close this end, release and remove everything;
     * a second call does nothing.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (null != peer && TransportPeer.Role.PRODUCE == role)
        {
            peerExit = peer.kill();
        }
        else if (null != endpoint && null != peer)
        {
            try
            {
                Messages.fill(message, length, MessageDescriptor.STOP, 0);
                endpoint.send(message, 0, length);
                endpoint.flush();
            }
            catch (final RuntimeException ignore)
            {
                // the peer is stopped below either way
            }
        }
        if (null != endpoint)
        {
            endpoint.close();
        }
        if (null != peer && peerExit == Integer.MIN_VALUE)
        {
            peerExit = peer.stop(10_000);
        }
        transport.destroy(dir);
        if (null != dir)
        {
            PeerProcess.deleteRecursively(dir);
        }
        endpoint = null;
        peer = null;
        dir = null;
    }
}

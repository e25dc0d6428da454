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

import com.google.gson.GsonBuilder;
import dev.mmipc.Namespace;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.queue.QueueOptions;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Waiting with the default wait strategy, between two JVMs over a {@link QueueMode#ONE_TO_ONE} queue:
 * <ul>
 *     <li>idle CPU share: a consumer ({@link IdleConsumerPeer}) blocked in {@code take} on an empty queue for
 *     {@code IDLE_SECONDS}; the CPU time of its thread (and of its whole JVM) over the wall time;</li>
 *     <li>wake-up latency: after each pause of {@code GAP_MS} (long enough for the consumer to be parked), the
 *     time from {@code offer} to the consumer's handler running, recorded in an HdrHistogram as Aeron's
 *     {@code EmbeddedPingPong} does.</li>
 * </ul>
 * Arguments: {@code OUT_JSON IDLE_SECONDS WAKEUPS GAP_MS}. Writes one JSON object.
 */
public final class IdleConsumerProbe
{
    private IdleConsumerProbe()
    {
    }

    /**
     * @param args {@code OUT_JSON IDLE_SECONDS WAKEUPS GAP_MS}.
     * @throws Exception when the probe fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Map<String, Object> result = run(Double.parseDouble(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]));
        Files.writeString(Path.of(args[0]), new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(result) + "\n",
            StandardCharsets.UTF_8);
    }

    /**
     * @param idleSeconds how long the consumer idles for the CPU share.
     * @param wakeUps     wake-ups to time.
     * @param gapMs       pause before each wake-up.
     * @return the figures: {@code idleCpuShareThread}, {@code idleCpuShareProcess}, {@code wakeUpP50Ns} ... .
     * @throws Exception when the probe fails.
     */
    public static Map<String, Object> run(final double idleSeconds, final int wakeUps, final long gapMs) throws Exception
    {
        final Path dir = PeerProcess.tempNamespace();
        PeerProcess peer = null;
        try
        {
            final Namespace ns = Namespace.at(dir);
            final QueueOptions options = QueueOptions.defaults();
            try (MessageQueue toPeer = MessageQueue.create(ns, "to-peer", QueueMode.ONE_TO_ONE, 1 << 16, options);
                MessageQueue toBench = MessageQueue.create(ns, "to-bench", QueueMode.ONE_TO_ONE, 1 << 16, options))
            {
                peer = PeerProcess.start(IdleConsumerPeer.class, dir.toString());
                final UnsafeBuffer msg = new UnsafeBuffer(new byte[IdleConsumerPeer.LENGTH]);
                final long[] reply = new long[3];
                // warm up the path (and wait for the peer to start)
                for (int i = 0; i < 1000; i++)
                {
                    exchange(toPeer, toBench, msg, reply, peer);
                }

                final ProcessHandle handle = peer.process().toHandle();
                final Duration cpu0 = handle.info().totalCpuDuration().orElse(Duration.ZERO);
                final long wall0 = System.nanoTime();
                Thread.sleep((long)(idleSeconds * 1000));
                final Duration cpu1 = handle.info().totalCpuDuration().orElse(Duration.ZERO);
                final long wall1 = System.nanoTime();
                exchange(toPeer, toBench, msg, reply, peer);
                final double threadShare = (double)reply[1] / reply[2];
                final double processShare = (double)cpu1.minus(cpu0).toNanos() / (wall1 - wall0);

                final Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
                for (int i = 0; i < wakeUps; i++)
                {
                    Thread.sleep(gapMs);
                    exchange(toPeer, toBench, msg, reply, peer);
                    histogram.recordValue(Math.max(0, reply[0]));
                }

                msg.putLong(0, IdleConsumerPeer.STOP);
                toPeer.put(msg, 0, IdleConsumerPeer.LENGTH, 10, TimeUnit.SECONDS);

                final Map<String, Object> result = new LinkedHashMap<>();
                result.put("waitStrategy", options.waitStrategy().toString());
                result.put("idleSeconds", idleSeconds);
                result.put("idleCpuShareThread", threadShare);
                result.put("idleCpuShareProcess", processShare);
                result.put("wakeUps", wakeUps);
                result.put("gapMs", gapMs);
                result.put("wakeUpP50Ns", histogram.getValueAtPercentile(50));
                result.put("wakeUpP90Ns", histogram.getValueAtPercentile(90));
                result.put("wakeUpP99Ns", histogram.getValueAtPercentile(99));
                result.put("wakeUpP999Ns", histogram.getValueAtPercentile(99.9));
                result.put("wakeUpMaxNs", histogram.getMaxValue());
                return result;
            }
        }
        finally
        {
            if (null != peer)
            {
                peer.stop(10_000);
            }
            PeerProcess.deleteRecursively(dir);
        }
    }

    private static void exchange(
        final MessageQueue out, final MessageQueue in, final UnsafeBuffer msg, final long[] reply, final PeerProcess peer)
        throws Exception
    {
        msg.putLong(0, System.nanoTime());
        out.put(msg, 0, IdleConsumerPeer.LENGTH, 10, TimeUnit.SECONDS);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!in.poll((buffer, offset, length) ->
        {
            reply[0] = buffer.getLong(offset);
            reply[1] = buffer.getLong(offset + 8);
            reply[2] = buffer.getLong(offset + 16);
        }))
        {
            if (System.nanoTime() > deadline || !peer.isAlive())
            {
                throw new IllegalStateException("idle consumer peer did not reply: alive=" + peer.isAlive());
            }
            Thread.onSpinWait();
        }
    }
}

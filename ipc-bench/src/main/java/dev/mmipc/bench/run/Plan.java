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
package dev.mmipc.bench.run;

import dev.mmipc.bench.transport.MessageDescriptor;
import dev.mmipc.bench.transport.Transport;
import dev.mmipc.bench.transport.Transports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order of a run's trials. The things compared are measured in interleaved rounds: for each size and
 * benchmark, every round runs the C ring and each transport once, in one order in even rounds and in the reverse
 * order in odd ones (A B C, C B A, A B C ...), so drift over the minutes of a run and the place in a round weigh
 * the same on everything; a ratio is then taken within each round. Counters and lock operations are interleaved
 * the same way. A transport that writes in batches is measured streaming only; a size a transport cannot carry is
 * left out with a note.
 */
public final class Plan
{
    /** Round trip, by {@code TransportBenchmark}. */
    public static final String ROUND_TRIP = "roundTrip";
    /** One-way streaming, by {@code TransportBenchmark}. */
    public static final String STREAM = "stream";
    /** The JMH class of the transports. */
    public static final String TRANSPORT_BENCHMARK = "dev.mmipc.bench.TransportBenchmark";
    /** The JMH class of the counters. */
    public static final String COUNTER_BENCHMARK = "dev.mmipc.bench.CounterBenchmark";
    /** The JMH class of the lock. */
    public static final String LOCK_BENCHMARK = "dev.mmipc.bench.LockBenchmark";
    /** The counter benchmarks, by method. */
    public static final List<String> COUNTERS = List.of("atomicLong2Threads", "sharedLong2Threads", "sharedLongCrossJvm");
    /** The lock benchmarks, by method. */
    public static final List<String> LOCKS = List.of("acquireRelease", "lockedIncrement");

    private final List<TrialSpec> trials;
    private final List<String> notes;

    private Plan(final List<TrialSpec> trials, final List<String> notes)
    {
        this.trials = List.copyOf(trials);
        this.notes = List.copyOf(notes);
    }

    /**
     * @param transports transports measured.
     * @param sizes      message sizes.
     * @param rounds     interleaved rounds (forks per figure).
     * @param cRing      true to put the C ring in every round.
     * @param others     true to measure counters and the lock.
     * @return the plan.
     */
    public static Plan of(
        final List<String> transports, final List<Integer> sizes, final int rounds, final boolean cRing, final boolean others)
    {
        if (rounds < 1)
        {
            throw new IllegalArgumentException("rounds below 1: rounds=" + rounds);
        }
        final List<TrialSpec> trials = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, Transport> byName = new LinkedHashMap<>();
        transports.forEach(name -> byName.put(name, Transports.create(name)));
        for (final int size : sizes)
        {
            for (final String benchmark : List.of(ROUND_TRIP, STREAM))
            {
                final List<TrialSpec> subjects = new ArrayList<>();
                for (final Transport t : byName.values())
                {
                    if (size < MessageDescriptor.MIN_LENGTH || size > t.maxMessageLength())
                    {
                        if (ROUND_TRIP.equals(benchmark))
                        {
                            notes.add("transport " + t.name() + " cannot carry " + size + " B messages (min " +
                                MessageDescriptor.MIN_LENGTH + " B, max " + t.maxMessageLength() + " B): not measured");
                        }
                        continue;
                    }
                    if (ROUND_TRIP.equals(benchmark) && t.batchesWrites())
                    {
                        continue;
                    }
                    subjects.add(new TrialSpec(0, 0, benchmark, t.name(), size, TrialSpec.Kind.TRANSPORT,
                        TRANSPORT_BENCHMARK, Map.of("transport", t.name(), "size", Integer.toString(size))));
                }
                if (cRing && !subjects.isEmpty())
                {
                    subjects.add(0, new TrialSpec(0, 0, benchmark, TrialSpec.C_RING, size, TrialSpec.Kind.C_RING, null, Map.of()));
                }
                interleave(trials, subjects, rounds);
            }
        }
        if (others)
        {
            final List<TrialSpec> subjects = new ArrayList<>();
            for (final String counter : COUNTERS)
            {
                subjects.add(new TrialSpec(0, 0, counter, counter, 0, TrialSpec.Kind.OTHER, COUNTER_BENCHMARK, Map.of()));
            }
            for (final String lock : LOCKS)
            {
                for (final String peer : List.of("none", "jvm"))
                {
                    subjects.add(new TrialSpec(0, 0, lock, lock + "/" + ("jvm".equals(peer) ? "contended" : "uncontended"),
                        0, TrialSpec.Kind.OTHER, LOCK_BENCHMARK, Map.of("peer", peer)));
                }
            }
            interleave(trials, subjects, rounds);
        }
        if (transports.isEmpty() && !others)
        {
            notes.add("no transport and no counter measured");
        }
        return new Plan(trials, notes);
    }

    private static void interleave(final List<TrialSpec> trials, final List<TrialSpec> subjects, final int rounds)
    {
        for (int round = 0; round < rounds; round++)
        {
            final List<TrialSpec> order = new ArrayList<>(subjects);
            if ((round & 1) == 1)
            {
                Collections.reverse(order);
            }
            for (final TrialSpec s : order)
            {
                trials.add(new TrialSpec(trials.size(), round, s.benchmark(), s.subject(), s.size(), s.kind(), s.jmhClass(),
                    s.params()));
            }
        }
    }

    /**
     * @return every trial, in run order.
     */
    public List<TrialSpec> trials()
    {
        return trials;
    }

    /**
     * @return sentences for the report: sizes a transport cannot carry.
     */
    public List<String> notes()
    {
        return notes;
    }

    /**
     * @param kind a kind.
     * @return how many trials of that kind the plan holds.
     */
    public int count(final TrialSpec.Kind kind)
    {
        return (int)trials.stream().filter(t -> t.kind() == kind).count();
    }
}

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
package dev.mmipc.stress;

import dev.mmipc.Namespace;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Record ordering in each {@link QueueMode}: writers offer numbered 8-byte messages while a reader polls
 * (never waiting); after the race the arbiter drains what is left. Result: (messages the reader got during
 * the race, verdict over everything received), the verdict being
 * {@value #OK} all messages once each with every writer's order kept, {@value #OUT_OF_ORDER} one writer's
 * messages out of order, {@value #LOST} a message missing, {@value #DUPLICATED} a message twice or one never
 * sent, {@value #REFUSED} an offer refused by a queue with room.
 * <p>
 * Three shapes per mode: {@code Writers} races two writers (A sends 11, 12; B sends 21, 22) and the arbiter
 * reads, its result naming the interleaving received; {@code WriterReader} races one writer (11, 12, 13, 14)
 * against a reader; {@code WritersAndReader} puts all three roles on two threads (writer A; writer B who polls
 * between its two offers, so its reads race A's offers); {@code ThreeActors} races both writers against a reader
 * on three threads. ONE_TO_ONE allows one producer by contract, so it has only {@code WriterReader}. jcstress
 * cannot schedule three actors on two CPUs (it refuses even a faked CPU count: it reads the topology from
 * {@code /sys}), so the CI filter leaves out the {@code ThreeActors} tests; {@code WritersAndReader} runs
 * everywhere, and a machine with 3 CPUs or more runs both (see the README).
 */
public final class QueueOrderingTest
{
    /** Every message received once, each writer's in order. */
    static final int OK = 1;
    /** A writer's messages received out of their order. */
    static final int OUT_OF_ORDER = 2;
    /** Fewer messages received than sent. */
    static final int LOST = 3;
    /** A message received twice, or one that was never sent. */
    static final int DUPLICATED = 4;
    /** An offer refused although the queue had room. */
    static final int REFUSED = 5;

    static final int CAPACITY = 1024;
    static final Namespace NS = StressNamespace.create("QueueOrderingTest");
    static final RegionPool<MessageQueue> ONE_TO_ONE = pool(QueueMode.ONE_TO_ONE);
    static final RegionPool<MessageQueue> MANY_TO_ONE = pool(QueueMode.MANY_TO_ONE);
    static final RegionPool<MessageQueue> MANY_TO_MANY = pool(QueueMode.MANY_TO_MANY);

    private QueueOrderingTest()
    {
    }

    private static RegionPool<MessageQueue> pool(final QueueMode mode)
    {
        return new RegionPool<>(NS, mode.name().toLowerCase() + "-",
            (ns, name) -> MessageQueue.create(ns, name, mode, CAPACITY), MessageQueue::unlink);
    }

    /** What one race sent and received; the queue is taken empty from its pool and given back empty. */
    static final class Race
    {
        final RegionPool<MessageQueue> pool;
        final MessageQueue queue;
        final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
        final UnsafeBuffer messageB = new UnsafeBuffer(new byte[8]);
        final long[] received = new long[16];
        int count;
        int duringRace;
        boolean refused;
        final MessageHandler handler = (buffer, offset, length) ->
            received[count++ & 15] = length == 8 ? buffer.getLong(offset) : -length;

        Race(final RegionPool<MessageQueue> pool)
        {
            this.pool = pool;
            this.queue = pool.take();
        }

        void send(final UnsafeBuffer buffer, final long value)
        {
            buffer.putLong(0, value);
            if (!queue.offer(buffer, 0, 8))
            {
                refused = true;
            }
        }

        void read()
        {
            for (int i = 0; i < 4; i++)
            {
                queue.poll(handler);
            }
        }

        /**
         * Drain, judge, give the queue back.
         *
         * @param r    the result.
         * @param sent each writer's messages in the order sent.
         */
        void judge(final II_Result r, final long[]... sent)
        {
            drain();
            r.r1 = duringRace;
            r.r2 = verdict(sent);
        }

        /**
         * Drain, judge, give the queue back; the first result is the interleaving received, as the writer
         * (1 or 2) of each message in turn, e.g. 1212.
         *
         * @param r the result.
         */
        void judgeInterleaving(final II_Result r)
        {
            drain();
            r.r2 = verdict(A, B);
            int order = 0;
            for (int i = 0; i < Math.min(count, 8); i++)
            {
                order = order * 10 + (int)(received[i] / 10);
            }
            r.r1 = order;
        }

        /**
         * Take what is left (everything the writers sent is committed by the time the arbiter runs) and give the
         * queue back, empty, to its pool: every judging path comes through here, so no race keeps its queue. A
         * queue whose drain throws (a corrupt record) is closed instead, never given to the next race.
         */
        private void drain()
        {
            duringRace = count;
            try
            {
                while (queue.drain(handler, 16) > 0)
                {
                    // until empty
                }
            }
            catch (final RuntimeException | Error ex)
            {
                queue.close();
                throw ex;
            }
            pool.give(queue);
        }

        private int verdict(final long[]... sent)
        {
            if (refused)
            {
                return REFUSED;
            }
            int total = 0;
            for (final long[] writer : sent)
            {
                total += writer.length;
            }
            if (count > total)
            {
                return DUPLICATED;
            }
            for (int i = 0; i < count; i++)
            {
                if (indexIn(sent, received[i]) < 0)
                {
                    return DUPLICATED;
                }
                for (int j = 0; j < i; j++)
                {
                    if (received[j] == received[i])
                    {
                        return DUPLICATED;
                    }
                }
            }
            if (count < total)
            {
                return LOST;
            }
            for (final long[] writer : sent)
            {
                int next = 0;
                for (int i = 0; i < count; i++)
                {
                    final int index = indexOf(writer, received[i]);
                    if (index >= 0)
                    {
                        if (index != next)
                        {
                            return OUT_OF_ORDER;
                        }
                        next++;
                    }
                }
            }
            return OK;
        }

        private static int indexIn(final long[][] sent, final long value)
        {
            for (final long[] writer : sent)
            {
                if (indexOf(writer, value) >= 0)
                {
                    return 0;
                }
            }
            return -1;
        }

        private static int indexOf(final long[] writer, final long value)
        {
            for (int i = 0; i < writer.length; i++)
            {
                if (writer[i] == value)
                {
                    return i;
                }
            }
            return -1;
        }
    }

    static final long[] A = {11, 12};
    static final long[] B = {21, 22};
    static final long[] SINGLE = {11, 12, 13, 14};

    /** ONE_TO_ONE: one writer, one reader. */
    @JCStressTest
    @Description("ONE_TO_ONE queue: a writer offers 11, 12, 13, 14 while a reader polls 4 times; the arbiter drains")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "reader got nothing during the race; all in order after")
    @Outcome(id = {"1, 1", "2, 1", "3, 1"}, expect = ACCEPTABLE_INTERESTING, desc = "reader got part during the race; all in order")
    @Outcome(id = "4, 1", expect = ACCEPTABLE, desc = "reader got all four during the race, in order")
    @Outcome(id = {"0, 2", "1, 2", "2, 2", "3, 2", "4, 2"}, expect = FORBIDDEN, desc = "a writer's messages out of order")
    @Outcome(id = {"0, 3", "1, 3", "2, 3", "3, 3", "4, 3"}, expect = FORBIDDEN, desc = "a message lost")
    @Outcome(id = {"0, 4", "1, 4", "2, 4", "3, 4", "4, 4"}, expect = FORBIDDEN, desc = "duplicated or invented")
    @Outcome(expect = FORBIDDEN, desc = "anything else (an offer refused with room)")
    @State
    public static class OneToOneWriterReader
    {
        final Race race = new Race(ONE_TO_ONE);

        /** The writer. */
        @Actor
        public void writer()
        {
            for (final long value : SINGLE)
            {
                race.send(race.message, value);
            }
        }

        /**
         * The reader.
         *
         * @param r unused during the race.
         */
        @Actor
        public void reader(final II_Result r)
        {
            race.read();
        }

        /**
         * Drain and judge.
         *
         * @param r see the outcomes.
         */
        @Arbiter
        public void arbiter(final II_Result r)
        {
            race.judge(r, SINGLE);
        }
    }

    /** MANY_TO_ONE: one writer, one reader. */
    @JCStressTest
    @Description("MANY_TO_ONE queue: a writer offers 11, 12, 13, 14 while a reader polls 4 times; the arbiter drains")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "reader got nothing during the race; all in order after")
    @Outcome(id = {"1, 1", "2, 1", "3, 1"}, expect = ACCEPTABLE_INTERESTING, desc = "reader got part during the race; all in order")
    @Outcome(id = "4, 1", expect = ACCEPTABLE, desc = "reader got all four during the race, in order")
    @Outcome(id = {"0, 2", "1, 2", "2, 2", "3, 2", "4, 2"}, expect = FORBIDDEN, desc = "a writer's messages out of order")
    @Outcome(id = {"0, 3", "1, 3", "2, 3", "3, 3", "4, 3"}, expect = FORBIDDEN, desc = "a message lost")
    @Outcome(id = {"0, 4", "1, 4", "2, 4", "3, 4", "4, 4"}, expect = FORBIDDEN, desc = "duplicated or invented")
    @Outcome(expect = FORBIDDEN, desc = "anything else (an offer refused with room)")
    @State
    public static class ManyToOneWriterReader
    {
        final Race race = new Race(MANY_TO_ONE);

        /** The writer. */
        @Actor
        public void writer()
        {
            for (final long value : SINGLE)
            {
                race.send(race.message, value);
            }
        }

        /**
         * The reader.
         *
         * @param r unused during the race.
         */
        @Actor
        public void reader(final II_Result r)
        {
            race.read();
        }

        /**
         * Drain and judge.
         *
         * @param r see the outcomes.
         */
        @Arbiter
        public void arbiter(final II_Result r)
        {
            race.judge(r, SINGLE);
        }
    }

    /** MANY_TO_ONE: two writers race; the arbiter reads. */
    @JCStressTest
    @Description("MANY_TO_ONE queue: writer A offers 11, 12 while writer B offers 21, 22; the arbiter drains")
    @Outcome(id = {"1122, 1", "2211, 1"}, expect = ACCEPTABLE, desc = "one writer's messages all first, each writer in order")
    @Outcome(id = {"1212, 1", "1221, 1", "2112, 1", "2121, 1"}, expect = ACCEPTABLE_INTERESTING,
        desc = "interleaved, each writer in order")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a writer out of order (verdict 2), lost (3), duplicated (4), refused (5)")
    @State
    public static class ManyToOneWriters
    {
        final Race race = new Race(MANY_TO_ONE);

        /** Writer A. */
        @Actor
        public void writerA()
        {
            race.send(race.message, A[0]);
            race.send(race.message, A[1]);
        }

        /** Writer B. */
        @Actor
        public void writerB()
        {
            race.send(race.messageB, B[0]);
            race.send(race.messageB, B[1]);
        }

        /**
         * Drain and judge.
         *
         * @param r see the outcomes.
         */
        @Arbiter
        public void arbiter(final II_Result r)
        {
            race.judgeInterleaving(r);
        }
    }

    /** MANY_TO_ONE: two writers and a reader on two threads (the reader's thread is also writer B). */
    @JCStressTest
    @Description("MANY_TO_ONE queue: writer A offers 11, 12 while the other thread offers 21, polls 4 times, offers 22")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "reader got nothing during the race; all, each writer in order after")
    @Outcome(id = {"1, 1", "2, 1"}, expect = ACCEPTABLE_INTERESTING, desc = "reader got part during the race; all, each writer in order")
    @Outcome(id = "3, 1", expect = ACCEPTABLE_INTERESTING, desc = "reader got 11, 12 and 21 during the race, each writer in order")
    @Outcome(id = {"0, 2", "1, 2", "2, 2", "3, 2"}, expect = FORBIDDEN, desc = "a writer's messages out of order")
    @Outcome(id = {"0, 3", "1, 3", "2, 3", "3, 3"}, expect = FORBIDDEN, desc = "a message lost")
    @Outcome(id = {"0, 4", "1, 4", "2, 4", "3, 4"}, expect = FORBIDDEN, desc = "duplicated or invented")
    @Outcome(expect = FORBIDDEN, desc = "anything else (an offer refused with room)")
    @State
    public static class ManyToOneWritersAndReader
    {
        final Race race = new Race(MANY_TO_ONE);

        /** Writer A. */
        @Actor
        public void writerA()
        {
            race.send(race.message, A[0]);
            race.send(race.message, A[1]);
        }

        /**
         * Writer B, reading between its two offers: its poll races writer A's offers, its offers race them too.
         *
         * @param r unused during the race.
         */
        @Actor
        public void writerBThenReader(final II_Result r)
        {
            race.send(race.messageB, B[0]);
            race.read();
            race.send(race.messageB, B[1]);
        }

        /**
         * Drain and judge.
         *
         * @param r see the outcomes.
         */
        @Arbiter
        public void arbiter(final II_Result r)
        {
            race.judge(r, A, B);
        }
    }

    /** MANY_TO_ONE: two writers and a reader race (needs 3 CPUs). */
    @JCStressTest
    @Description("MANY_TO_ONE queue: writer A offers 11, 12 and writer B 21, 22 while a reader polls 4 times")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "reader got nothing during the race; all, each writer in order after")
    @Outcome(id = {"1, 1", "2, 1", "3, 1"}, expect = ACCEPTABLE_INTERESTING,
        desc = "reader got part during the race; all, each writer in order")
    @Outcome(id = "4, 1", expect = ACCEPTABLE, desc = "reader got all four during the race, each writer in order")
    @Outcome(id = {"0, 2", "1, 2", "2, 2", "3, 2", "4, 2"}, expect = FORBIDDEN, desc = "a writer's messages out of order")
    @Outcome(id = {"0, 3", "1, 3", "2, 3", "3, 3", "4, 3"}, expect = FORBIDDEN, desc = "a message lost")
    @Outcome(id = {"0, 4", "1, 4", "2, 4", "3, 4", "4, 4"}, expect = FORBIDDEN, desc = "duplicated or invented")
    @Outcome(expect = FORBIDDEN, desc = "anything else (an offer refused with room)")
    @State
    public static class ManyToOneThreeActors
    {
        final Race race = new Race(MANY_TO_ONE);

        /** Writer A. */
        @Actor
        public void writerA()
        {
            race.send(race.message, A[0]);
            race.send(race.message, A[1]);
        }

        /** Writer B. */
        @Actor
        public void writerB()
        {
            race.send(race.messageB, B[0]);
            race.send(race.messageB, B[1]);
        }

        /**
         * The reader.
         *
         * @param r unused during the race.
         */
        @Actor
        public void reader(final II_Result r)
        {
            race.read();
        }

        /**
         * Drain and judge.
         *
         * @param r see the outcomes.
         */
        @Arbiter
        public void arbiter(final II_Result r)
        {
            race.judge(r, A, B);
        }
    }

    /** MANY_TO_MANY: one writer, one reader. */
    @JCStressTest
    @Description("MANY_TO_MANY queue: a writer offers 11, 12, 13, 14 while a reader polls 4 times; the arbiter drains")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "reader got nothing during the race; all in order after")
    @Outcome(id = {"1, 1", "2, 1", "3, 1"}, expect = ACCEPTABLE_INTERESTING, desc = "reader got part during the race; all in order")
    @Outcome(id = "4, 1", expect = ACCEPTABLE, desc = "reader got all four during the race, in order")
    @Outcome(id = {"0, 2", "1, 2", "2, 2", "3, 2", "4, 2"}, expect = FORBIDDEN, desc = "a writer's messages out of order")
    @Outcome(id = {"0, 3", "1, 3", "2, 3", "3, 3", "4, 3"}, expect = FORBIDDEN, desc = "a message lost")
    @Outcome(id = {"0, 4", "1, 4", "2, 4", "3, 4", "4, 4"}, expect = FORBIDDEN, desc = "duplicated or invented")
    @Outcome(expect = FORBIDDEN, desc = "anything else (an offer refused with room)")
    @State
    public static class ManyToManyWriterReader
    {
        final Race race = new Race(MANY_TO_MANY);

        /** The writer. */
        @Actor
        public void writer()
        {
            for (final long value : SINGLE)
            {
                race.send(race.message, value);
            }
        }

        /**
         * The reader.
         *
         * @param r unused during the race.
         */
        @Actor
        public void reader(final II_Result r)
        {
            race.read();
        }

        /**
         * Drain and judge.
         *
         * @param r see the outcomes.
         */
        @Arbiter
        public void arbiter(final II_Result r)
        {
            race.judge(r, SINGLE);
        }
    }

    /** MANY_TO_MANY: two writers race; the arbiter reads. */
    @JCStressTest
    @Description("MANY_TO_MANY queue: writer A offers 11, 12 while writer B offers 21, 22; the arbiter drains")
    @Outcome(id = {"1122, 1", "2211, 1"}, expect = ACCEPTABLE, desc = "one writer's messages all first, each writer in order")
    @Outcome(id = {"1212, 1", "1221, 1", "2112, 1", "2121, 1"}, expect = ACCEPTABLE_INTERESTING,
        desc = "interleaved, each writer in order")
    @Outcome(expect = FORBIDDEN, desc = "anything else: a writer out of order (verdict 2), lost (3), duplicated (4), refused (5)")
    @State
    public static class ManyToManyWriters
    {
        final Race race = new Race(MANY_TO_MANY);

        /** Writer A. */
        @Actor
        public void writerA()
        {
            race.send(race.message, A[0]);
            race.send(race.message, A[1]);
        }

        /** Writer B. */
        @Actor
        public void writerB()
        {
            race.send(race.messageB, B[0]);
            race.send(race.messageB, B[1]);
        }

        /**
         * Drain and judge.
         *
         * @param r see the outcomes.
         */
        @Arbiter
        public void arbiter(final II_Result r)
        {
            race.judgeInterleaving(r);
        }
    }

    /** MANY_TO_MANY: two writers and a reader on two threads (the reader's thread is also writer B). */
    @JCStressTest
    @Description("MANY_TO_MANY queue: writer A offers 11, 12 while the other thread offers 21, polls 4 times, offers 22")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "reader got nothing during the race; all, each writer in order after")
    @Outcome(id = {"1, 1", "2, 1"}, expect = ACCEPTABLE_INTERESTING, desc = "reader got part during the race; all, each writer in order")
    @Outcome(id = "3, 1", expect = ACCEPTABLE_INTERESTING, desc = "reader got 11, 12 and 21 during the race, each writer in order")
    @Outcome(id = {"0, 2", "1, 2", "2, 2", "3, 2"}, expect = FORBIDDEN, desc = "a writer's messages out of order")
    @Outcome(id = {"0, 3", "1, 3", "2, 3", "3, 3"}, expect = FORBIDDEN, desc = "a message lost")
    @Outcome(id = {"0, 4", "1, 4", "2, 4", "3, 4"}, expect = FORBIDDEN, desc = "duplicated or invented")
    @Outcome(expect = FORBIDDEN, desc = "anything else (an offer refused with room)")
    @State
    public static class ManyToManyWritersAndReader
    {
        final Race race = new Race(MANY_TO_MANY);

        /** Writer A. */
        @Actor
        public void writerA()
        {
            race.send(race.message, A[0]);
            race.send(race.message, A[1]);
        }

        /**
         * Writer B, reading between its two offers: its poll races writer A's offers, its offers race them too.
         *
         * @param r unused during the race.
         */
        @Actor
        public void writerBThenReader(final II_Result r)
        {
            race.send(race.messageB, B[0]);
            race.read();
            race.send(race.messageB, B[1]);
        }

        /**
         * Drain and judge.
         *
         * @param r see the outcomes.
         */
        @Arbiter
        public void arbiter(final II_Result r)
        {
            race.judge(r, A, B);
        }
    }

    /** MANY_TO_MANY: two writers and a reader race (needs 3 CPUs). */
    @JCStressTest
    @Description("MANY_TO_MANY queue: writer A offers 11, 12 and writer B 21, 22 while a reader polls 4 times")
    @Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "reader got nothing during the race; all, each writer in order after")
    @Outcome(id = {"1, 1", "2, 1", "3, 1"}, expect = ACCEPTABLE_INTERESTING,
        desc = "reader got part during the race; all, each writer in order")
    @Outcome(id = "4, 1", expect = ACCEPTABLE, desc = "reader got all four during the race, each writer in order")
    @Outcome(id = {"0, 2", "1, 2", "2, 2", "3, 2", "4, 2"}, expect = FORBIDDEN, desc = "a writer's messages out of order")
    @Outcome(id = {"0, 3", "1, 3", "2, 3", "3, 3", "4, 3"}, expect = FORBIDDEN, desc = "a message lost")
    @Outcome(id = {"0, 4", "1, 4", "2, 4", "3, 4", "4, 4"}, expect = FORBIDDEN, desc = "duplicated or invented")
    @Outcome(expect = FORBIDDEN, desc = "anything else (an offer refused with room)")
    @State
    public static class ManyToManyThreeActors
    {
        final Race race = new Race(MANY_TO_MANY);

        /** Writer A. */
        @Actor
        public void writerA()
        {
            race.send(race.message, A[0]);
            race.send(race.message, A[1]);
        }

        /** Writer B. */
        @Actor
        public void writerB()
        {
            race.send(race.messageB, B[0]);
            race.send(race.messageB, B[1]);
        }

        /**
         * The reader.
         *
         * @param r unused during the race.
         */
        @Actor
        public void reader(final II_Result r)
        {
            race.read();
        }

        /**
         * Drain and judge.
         *
         * @param r see the outcomes.
         */
        @Arbiter
        public void arbiter(final II_Result r)
        {
            race.judge(r, A, B);
        }
    }
}

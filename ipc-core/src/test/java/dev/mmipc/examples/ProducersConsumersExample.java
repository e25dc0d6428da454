package dev.mmipc.examples;

import dev.mmipc.Namespace;
import dev.mmipc.process.JvmProcess;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueMode;
import dev.mmipc.shared.SharedLong;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Five producer and five consumer processes over one {@link QueueMode#MANY_TO_MANY} queue: each producer
 * puts 1..1000, the parent then puts one poison pill (-1) per consumer, and each consumer adds what it takes
 * to a shared sum until it takes a pill.
 * <p>
 * Needs the queue implementation of the {@code queues} branch. Argument (optional): the namespace directory.
 */
public final class ProducersConsumersExample
{
    static final int PER_PRODUCER = 1000;
    static final int PRODUCERS = 5;
    static final int CONSUMERS = 5;

    private ProducersConsumersExample()
    {
    }

    /**
     * @param args optional namespace directory.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Namespace ns = args.length > 0 ? Namespace.at(Path.of(args[0])) : Namespace.open();
        final String queueName = "jobs-" + ProcessHandle.current().pid();
        final String sumName = "sum-" + ProcessHandle.current().pid();
        try (MessageQueue queue = MessageQueue.create(ns, queueName, QueueMode.MANY_TO_MANY, 1 << 16);
            SharedLong sum = SharedLong.create(ns, sumName))
        {
            final List<JvmProcess> producers = new ArrayList<>();
            final List<JvmProcess> consumers = new ArrayList<>();
            for (int c = 0; c < CONSUMERS; c++)
            {
                consumers.add(JvmProcess.ofTask(() -> consume(queueName, sumName)).namespace(ns).daemon(true).start());
            }
            for (int p = 0; p < PRODUCERS; p++)
            {
                producers.add(JvmProcess.ofTask(() -> produce(queueName)).namespace(ns).daemon(true).start());
            }
            for (final JvmProcess p : producers)
            {
                p.join(60, TimeUnit.SECONDS);
            }
            for (int c = 0; c < CONSUMERS; c++)
            {
                put(queue, -1); // one poison pill per consumer
            }
            for (final JvmProcess c : consumers)
            {
                c.join(60, TimeUnit.SECONDS);
            }
            final long expected = (long)PRODUCERS * PER_PRODUCER * (PER_PRODUCER + 1) / 2;
            System.out.println("sum=" + sum.get() + " expected=" + expected);
            queue.unlink();
            sum.unlink();
        }
    }

    private static void produce(final String queueName) throws Exception
    {
        try (MessageQueue queue = MessageQueue.open(Namespace.open(), queueName))
        {
            for (int i = 1; i <= PER_PRODUCER; i++)
            {
                put(queue, i);
            }
        }
    }

    private static void consume(final String queueName, final String sumName) throws Exception
    {
        final long[] last = {0};
        try (MessageQueue queue = MessageQueue.open(Namespace.open(), queueName);
            SharedLong sum = SharedLong.open(Namespace.open(), sumName))
        {
            while (true)
            {
                if (queue.take((buffer, offset, length) -> last[0] = buffer.getLong(offset), 60, TimeUnit.SECONDS))
                {
                    if (last[0] < 0)
                    {
                        return;
                    }
                    sum.getAndAdd(last[0]);
                }
            }
        }
    }

    private static void put(final MessageQueue queue, final long value) throws Exception
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[8]);
        message.putLong(0, value);
        queue.put(message, 0, 8, 60, TimeUnit.SECONDS);
    }
}

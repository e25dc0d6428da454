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
package dev.mmipc.pool;

import dev.mmipc.Namespace;
import dev.mmipc.codec.SerializableCodec;
import dev.mmipc.exceptions.QueueClosedException;
import dev.mmipc.process.JvmProcess;
import dev.mmipc.process.TaskCodecs;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.wait.WaitStrategy;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.Serializable;
import java.util.Arrays;
import java.util.concurrent.Callable;

import static dev.mmipc.pool.PoolMessageDescriptor.APPLY;
import static dev.mmipc.pool.PoolMessageDescriptor.CALL;
import static dev.mmipc.pool.PoolMessageDescriptor.FUNCTION_BYTES_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.FUNCTION_ID_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.INIT_INITIALIZER_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.INLINE_FN;
import static dev.mmipc.pool.PoolMessageDescriptor.RESULT_TASK_ID_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.RESULT_VALUES_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.R_OK;
import static dev.mmipc.pool.PoolMessageDescriptor.STAR;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_CALL_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_COUNT_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_FUNCTION_ID_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_ID_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_INLINE_FUNCTION_LENGTH_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_INLINE_FUNCTION_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_VALUES_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TYPE_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.T_DROP;
import static dev.mmipc.pool.PoolMessageDescriptor.T_FN;
import static dev.mmipc.pool.PoolMessageDescriptor.T_INIT;
import static dev.mmipc.pool.PoolMessageDescriptor.T_TASK;

/**
 * The main class of a {@link ProcessPool} worker JVM: takes tasks from its task queue, runs them, and puts
 * results on its result queue, until the pool marks the task queue closed and every task sent before the mark
 * is done. Started by the pool as a daemon {@link JvmProcess}, so it also exits when the pool's JVM dies. Not
 * for direct use.
 * <p>
 * Arguments: the channel's base name, the pool's slots array name, the worker index, then the allowlist
 * patterns joined by commas. The messages it reads and writes are drawn in {@link PoolMessageDescriptor}.
 * <p>
 * Idle: the worker polls its task queue through {@link #TASK_WAIT}, a short spin then yields then parks of up to
 * {@link WaitStrategy#DEFAULT_MAX_PARK_NS} ns; it waits for room in a full result queue through
 * {@link #RESULT_QUEUE_FULL_WAIT}.
 */
public final class PoolWorker implements MessageHandler
{
    /** Empty polls of the task queue before the worker starts to yield, then to park. */
    static final int WORKER_SPINS = 10;

    /** Yields after the spins, before the worker parks. */
    static final int WORKER_YIELDS = 20;

    /**
     * How an idle worker polls its task queue: few spins, because an empty poll of a {@link MessageQueue} costs tens
     * of nanoseconds, so ten of them already span the time a task takes to arrive when the pool keeps this worker
     * fed; on a machine with fewer cores than busy threads, a longer spin only keeps the dispatcher off the CPU.
     * Then parks from {@link WaitStrategy#DEFAULT_MIN_PARK_NS} up to {@link WaitStrategy#DEFAULT_MAX_PARK_NS} ns.
     */
    static final WaitStrategy TASK_WAIT = WaitStrategy.backoff(
        WORKER_SPINS, WORKER_YIELDS, WaitStrategy.DEFAULT_MIN_PARK_NS, WaitStrategy.DEFAULT_MAX_PARK_NS);

    /** Yields, after the default spins, while the result queue is full. */
    static final int RESULT_QUEUE_FULL_YIELDS = 10;

    /** How the worker waits for room in a full result queue: the pool drains it unless the pool is gone. */
    static final WaitStrategy RESULT_QUEUE_FULL_WAIT = WaitStrategy.backoff(
        WaitStrategy.DEFAULT_MAX_SPINS, RESULT_QUEUE_FULL_YIELDS, WaitStrategy.DEFAULT_MIN_PARK_NS,
        WaitStrategy.DEFAULT_MAX_PARK_NS);

    /** First capacity of the buffer results are written into; it grows to the largest result. */
    private static final int OUT_INITIAL_BYTES = 4096;

    private final WorkerChannel channel;
    private final MessageQueue results;
    private final SerializableCodec<Serializable> codec;
    private final WireFormat.Reader reader;
    private final ExpandableArrayBuffer out = new ExpandableArrayBuffer(OUT_INITIAL_BYTES);
    private final Int2ObjectHashMap<Object> functions = new Int2ObjectHashMap<>();
    private final IdleStrategy resultIdle = RESULT_QUEUE_FULL_WAIT.newIdleStrategy();
    private final long pid = ProcessHandle.current().pid();
    private boolean running = true;

    private PoolWorker(final WorkerChannel channel, final SerializableCodec<Serializable> codec)
    {
        this.channel = channel;
        this.results = channel.results();
        this.codec = codec;
        this.reader = new WireFormat.Reader(codec);
    }

    /**
     * @param args channel base name, slots array name, worker index, allowlist patterns joined by commas.
     */
    public static void main(final String[] args)
    {
        final Namespace ns = Namespace.open();
        final SerializableCodec<Serializable> codec = TaskCodecs.reader(TaskCodecs.splitAllow(args[3]));
        try (WorkerChannel channel = WorkerChannel.open(ns, args[0], args[1], Integer.parseInt(args[2])))
        {
            new PoolWorker(channel, codec).run();
        }
        System.exit(0);
    }

    private void run()
    {
        final MessageQueue tasks = channel.tasks();
        final IdleStrategy idle = TASK_WAIT.newIdleStrategy();
        try
        {
            while (running)
            {
                idle.idle(tasks.drain(this, 1));
            }
        }
        catch (final QueueClosedException ex)
        {
            // end of stream: the pool retired this worker, and every task it sent is done
        }
    }

    /**
     * Handles one message of the task queue.
     *
     * @param buffer holds it.
     * @param offset where it starts.
     * @param length its bytes.
     */
    @Override
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final int msgTypeId = buffer.getInt(offset + TYPE_OFFSET);
        switch (msgTypeId)
        {
            case T_INIT:
                initialize(buffer, offset + INIT_INITIALIZER_OFFSET, length - INIT_INITIALIZER_OFFSET);
                break;
            case T_FN:
            {
                // kept encoded: decoded by the first task that uses it (see runTask), never here, where no task
                // is named in the slot and a death could not be charged to any
                final byte[] bytes = new byte[length - FUNCTION_BYTES_OFFSET];
                buffer.getBytes(offset + FUNCTION_BYTES_OFFSET, bytes);
                functions.put(buffer.getInt(offset + FUNCTION_ID_OFFSET), new Encoded(bytes));
                break;
            }
            case T_DROP:
                functions.remove(buffer.getInt(offset + FUNCTION_ID_OFFSET));
                break;
            case T_TASK:
                runTask(buffer, offset);
                break;
            default:
                throw new IllegalStateException("pool message unknown: queue=" + channel.tasks().name() + ", type=" +
                    PoolMessageDescriptor.typeName(msgTypeId));
        }
    }

    private Object decodeFunction(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            return codec.decode(buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            return new Undecodable(ex);
        }
    }

    private void initialize(final DirectBuffer buffer, final int index, final int length)
    {
        try
        {
            if (length > 0)
            {
                final Object initializer = codec.decode(buffer, index, length);
                ((PoolInitializer)initializer).initialize();
            }
        }
        catch (final Throwable ex)
        {
            send(PoolMessages.putInitFailed(out, ex));
            running = false;
            return;
        }
        send(PoolMessages.putReady(out, pid));
    }

    private void runTask(final DirectBuffer buffer, final int offset)
    {
        final long taskId = buffer.getLong(offset + TASK_ID_OFFSET);
        channel.currentTask(taskId);
        int item = 0;
        try
        {
            final int fnId = buffer.getInt(offset + TASK_FUNCTION_ID_OFFSET);
            final byte call = buffer.getByte(offset + TASK_CALL_OFFSET);
            final int count = buffer.getInt(offset + TASK_COUNT_OFFSET);
            final Object fn;
            final int valuesOffset;
            if (fnId == INLINE_FN)
            {
                final int fnLength = buffer.getInt(offset + TASK_INLINE_FUNCTION_LENGTH_OFFSET);
                fn = decodeFunction(buffer, offset + TASK_INLINE_FUNCTION_OFFSET, fnLength);
                valuesOffset = PoolMessageDescriptor.inlineTaskValuesOffset(fnLength);
            }
            else
            {
                fn = decodeOnFirstUse(fnId, taskId);
                valuesOffset = TASK_VALUES_OFFSET;
            }
            if (fn instanceof Undecodable)
            {
                throw ((Undecodable)fn).cause;
            }
            if (fn == null)
            {
                throw new IllegalStateException(
                    "pool function unknown: queue=" + channel.tasks().name() + ", fn=" + fnId);
            }
            final WireFormat.Reader in = reader.wrap(buffer, offset + valuesOffset);
            PoolMessages.putResultHeader(out, R_OK, taskId, count);
            int at = RESULT_VALUES_OFFSET;
            for (item = 0; item < count; item++)
            {
                final Object result = call(fn, call, in);
                at += WireFormat.putValue(out, at, result);
            }
            send(at);
        }
        catch (final Throwable ex)
        {
            send(PoolMessages.putError(out, taskId, item, ex));
        }
        finally
        {
            channel.currentTask(WorkerChannel.NO_TASK);
        }
    }

    /**
     * A map's function, decoded when the first task that uses it starts: the slot names that task, flagged with
     * {@link WorkerChannel#DECODING_FUNCTION}, while the function is decoded, so that if this process dies in
     * the decoding (killed, or a {@code readObject} that exits or halts) the pool charges the death to that
     * task and knows that none of its items ran.
     */
    private Object decodeOnFirstUse(final int fnId, final long taskId)
    {
        final Object fn = functions.get(fnId);
        if (!(fn instanceof Encoded))
        {
            return fn;
        }
        final byte[] bytes = ((Encoded)fn).bytes;
        channel.currentTask(taskId | WorkerChannel.DECODING_FUNCTION);
        final Object decoded = decodeFunction(new UnsafeBuffer(bytes), 0, bytes.length);
        channel.currentTask(taskId);
        functions.put(fnId, decoded);
        return decoded;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object call(final Object fn, final byte call, final WireFormat.Reader in) throws Exception
    {
        switch (call)
        {
            case CALL:
                if (fn instanceof TaskCallable)
                {
                    return ((TaskCallable)fn).call();
                }
                if (fn instanceof Callable)
                {
                    return ((Callable)fn).call();
                }
                ((Runnable)fn).run();
                return null;
            case APPLY:
                return ((TaskFunction)fn).apply(in.getValue());
            case STAR:
                return ((StarFunction)fn).apply((Object[])in.getValue());
            default:
                throw new IllegalStateException("pool call unknown: call=" + call);
        }
    }

    /**
     * Put the message in {@code out} (at 0, type included) on the result queue, waiting while it is full: the pool
     * reads it unless it is gone, and then this daemon process is killed or exits with its parent. A message too
     * large for the queue is replaced by the task's failure, naming the fix.
     */
    private void send(final int length)
    {
        if (length > results.maxMessageLength())
        {
            final long taskId = out.getLong(RESULT_TASK_ID_OFFSET);
            sendNow(PoolMessages.putError(out, taskId, 0, new IllegalStateException(
                "result too large for the result queue: queue=" + results.name() + ", length=" + length +
                ", max=" + results.maxMessageLength() + ", fix=PoolOptions.withQueueCapacityBytes")));
            return;
        }
        sendNow(length);
    }

    private void sendNow(final int length)
    {
        resultIdle.reset();
        while (!results.offer(out, 0, length))
        {
            resultIdle.idle();
        }
    }

    /**
     * A map's function as the pool sent it, not decoded yet.
     */
    private static final class Encoded
    {
        final byte[] bytes;

        Encoded(final byte[] bytes)
        {
            this.bytes = bytes;
        }
    }

    /**
     * A function the worker could not decode: every task that uses it fails with the reason.
     */
    private static final class Undecodable
    {
        final RuntimeException cause;

        Undecodable(final RuntimeException cause)
        {
            this.cause = cause;
        }
    }

    @Override
    public String toString()
    {
        return "PoolWorker{channel=" + channel.name() + ", functions=" + Arrays.toString(functions.keySet().toArray()) + '}';
    }
}

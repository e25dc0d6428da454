/*
 * Copyright © 2026 the mmipc authors (${email})
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
package dev.mmipc.process;

import dev.mmipc.Namespace;
import dev.mmipc.codec.SerializableCodec;
import dev.mmipc.queue.MessageHandler;
import dev.mmipc.queue.MessageQueue;
import dev.mmipc.queue.QueueClosedException;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.Serializable;
import java.util.Arrays;
import java.util.concurrent.Callable;

import static dev.mmipc.process.WorkerChannel.BODY_OFFSET;

/**
 * The main class of a {@link ProcessPool} worker JVM: takes tasks from its task queue, runs them, and puts
 * results on its result queue, until the pool marks the task queue closed and every task sent before the mark
 * is done. Started by the pool as a daemon {@link JvmProcess}, so it also exits when the pool's JVM dies. Not
 * for direct use.
 * <p>
 * Arguments: the channel's base name, the pool's slots array name, the worker index, then the allowlist
 * patterns joined by commas.
 */
public final class PoolWorker implements MessageHandler
{
    /** Empty polls of the task queue before the worker starts to yield, then to park. */
    static final int WORKER_SPINS = 10;

    private final WorkerChannel channel;
    private final MessageQueue results;
    private final SerializableCodec<Serializable> codec;
    private final WireFormat.Reader reader;
    private final WireFormat.Reader valueReader;
    private final ExpandableArrayBuffer out = new ExpandableArrayBuffer(4096);
    private final Int2ObjectHashMap<Object> functions = new Int2ObjectHashMap<>();
    private final IdleStrategy resultIdle = new BackoffIdleStrategy(100, 10, 1_000, 1_000_000);
    private final long pid = ProcessHandle.current().pid();
    private boolean running = true;

    private PoolWorker(final WorkerChannel channel, final SerializableCodec<Serializable> codec)
    {
        this.channel = channel;
        this.results = channel.results();
        this.codec = codec;
        this.reader = new WireFormat.Reader(codec);
        this.valueReader = new WireFormat.Reader(codec);
    }

    /**
     * @param args channel base name, slots array name, worker index, allowlist patterns joined by commas.
     */
    public static void main(final String[] args)
    {
        final Namespace ns = Namespace.open();
        final SerializableCodec<Serializable> codec = TaskCodecs.reader(JvmProcess.splitAllow(args[3]));
        try (WorkerChannel channel = WorkerChannel.open(ns, args[0], args[1], Integer.parseInt(args[2])))
        {
            new PoolWorker(channel, codec).run();
        }
        System.exit(0);
    }

    private void run()
    {
        final MessageQueue tasks = channel.tasks();
        // few spins: an empty poll of a MessageQueue costs tens of nanoseconds, so ten of them already span
        // the time a task takes to arrive when the pool keeps this worker fed; on a machine with fewer cores
        // than busy threads, a longer spin only keeps the dispatcher off the CPU
        final IdleStrategy idle = new BackoffIdleStrategy(WORKER_SPINS, 20, 1_000, 1_000_000);
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
        final int msgTypeId = buffer.getInt(offset);
        final int index = offset + BODY_OFFSET;
        final int bodyLength = length - BODY_OFFSET;
        switch (msgTypeId)
        {
            case WireFormat.T_INIT:
                initialize(buffer, index, bodyLength);
                break;
            case WireFormat.T_FN:
            {
                // kept encoded: decoded by the first task that uses it (see runTask), never here, where no task
                // is named in the slot and a death could not be charged to any
                final byte[] bytes = new byte[bodyLength - 4];
                buffer.getBytes(index + 4, bytes);
                functions.put(buffer.getInt(index), new Encoded(bytes));
                break;
            }
            case WireFormat.T_DROP:
                functions.remove(buffer.getInt(index));
                break;
            case WireFormat.T_TASK:
                runTask(buffer, index);
                break;
            default:
                throw new IllegalStateException(
                    "pool message unknown: queue=" + channel.tasks().name() + ", type=" + msgTypeId);
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
            final int written = WireFormat.putThrowable(out, BODY_OFFSET, ex);
            send(WireFormat.R_INIT_FAILED, BODY_OFFSET + written);
            running = false;
            return;
        }
        out.putLong(BODY_OFFSET, pid);
        send(WireFormat.R_READY, BODY_OFFSET + 8);
    }

    private void runTask(final DirectBuffer buffer, final int index)
    {
        final WireFormat.Reader in = reader.wrap(buffer, index);
        final long taskId = in.getLong();
        channel.currentTask(taskId);
        int item = 0;
        try
        {
            final int fnId = in.getInt();
            final byte call = in.getByte();
            final int count = in.getInt();
            final Object fn;
            if (fnId == WireFormat.INLINE_FN)
            {
                final int fnLength = in.getInt();
                fn = decodeFunction(buffer, in.offset, fnLength);
                in.offset += fnLength;
            }
            else
            {
                fn = decodeOnFirstUse(fnId, taskId);
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
            out.putLong(BODY_OFFSET, taskId);
            out.putInt(BODY_OFFSET + 8, count);
            int at = BODY_OFFSET + 12;
            for (item = 0; item < count; item++)
            {
                final Object result = call(fn, call, in);
                at += WireFormat.putValue(out, at, result);
            }
            send(WireFormat.R_OK, at);
        }
        catch (final Throwable ex)
        {
            out.putLong(BODY_OFFSET, taskId);
            out.putInt(BODY_OFFSET + 8, item);
            final int written = WireFormat.putThrowable(out, BODY_OFFSET + 12, ex);
            send(WireFormat.R_ERR, BODY_OFFSET + 12 + written);
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
            case WireFormat.CALL:
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
            case WireFormat.APPLY:
                return ((TaskFunction)fn).apply(in.getValue());
            case WireFormat.STAR:
                return ((StarFunction)fn).apply((Object[])in.getValue());
            default:
                throw new IllegalStateException("pool call unknown: call=" + call);
        }
    }

    /**
     * Put the message in {@code out} (type at 0, body after it) on the result queue, waiting while it is full:
     * the pool reads it unless it is gone, and then this daemon process is killed or exits with its parent.
     */
    private void send(final int type, final int length)
    {
        if (length > results.maxMessageLength())
        {
            final long taskId = out.getLong(BODY_OFFSET);
            final int written = WireFormat.putThrowable(out, BODY_OFFSET + 12, new IllegalStateException(
                "result too large for the result queue: queue=" + results.name() + ", length=" + length +
                ", max=" + results.maxMessageLength() + ", fix=PoolOptions.withQueueCapacityBytes"));
            out.putLong(BODY_OFFSET, taskId);
            out.putInt(BODY_OFFSET + 8, 0);
            sendNow(WireFormat.R_ERR, BODY_OFFSET + 12 + written);
            return;
        }
        sendNow(type, length);
    }

    private void sendNow(final int type, final int length)
    {
        out.putInt(0, type);
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

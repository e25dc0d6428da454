package dev.mmipc.process;

import dev.mmipc.Namespace;
import dev.mmipc.codec.SerializableCodec;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.io.Serializable;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The main class of a {@link ProcessPool} worker JVM: takes tasks from its task queue, runs them, and puts
 * results on its result queue, until told to stop. Started by the pool as a daemon {@link JvmProcess}, so it
 * also exits when the pool's JVM dies. Not for direct use.
 * <p>
 * Arguments: the channel region's name, then the allowlist patterns joined by commas.
 */
public final class PoolWorker implements MessageHandler
{
    private final WorkerChannel channel;
    private final RingBuffer results;
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
     * @param args channel region name, allowlist patterns joined by commas.
     */
    public static void main(final String[] args)
    {
        final Namespace ns = Namespace.open();
        final SerializableCodec<Serializable> codec = TaskCodecs.reader(JvmProcess.splitAllow(args[1]));
        try (WorkerChannel channel = WorkerChannel.open(ns, args[0]))
        {
            channel.workerPid(ProcessHandle.current().pid());
            new PoolWorker(channel, codec).run();
        }
        System.exit(0);
    }

    private void run()
    {
        final RingBuffer tasks = channel.tasks();
        final IdleStrategy idle = new BackoffIdleStrategy(100, 20, 1_000, 1_000_000);
        while (running)
        {
            idle.idle(tasks.read(this, 1));
        }
    }

    /**
     * Handles one message of the task queue.
     *
     * @param msgTypeId message type.
     * @param buffer    holds it.
     * @param index     where it starts.
     * @param length    its bytes.
     */
    @Override
    public void onMessage(final int msgTypeId, final org.agrona.MutableDirectBuffer buffer, final int index, final int length)
    {
        switch (msgTypeId)
        {
            case WireFormat.T_INIT:
                initialize(buffer, index, length);
                break;
            case WireFormat.T_FN:
            {
                final int fnId = buffer.getInt(index);
                functions.put(fnId, decodeFunction(buffer, index + 4, length - 4));
                break;
            }
            case WireFormat.T_DROP:
                functions.remove(buffer.getInt(index));
                break;
            case WireFormat.T_TASK:
                runTask(buffer, index);
                break;
            case WireFormat.T_STOP:
                running = false;
                break;
            default:
                throw new IllegalStateException("pool message unknown: type=" + msgTypeId + ", channel=" + channel.name());
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
            final int written = WireFormat.putThrowable(out, 0, ex);
            send(WireFormat.R_INIT_FAILED, written);
            running = false;
            return;
        }
        out.putLong(0, pid);
        send(WireFormat.R_READY, 8);
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
                fn = functions.get(fnId);
            }
            if (fn instanceof Undecodable)
            {
                throw ((Undecodable)fn).cause;
            }
            if (fn == null)
            {
                throw new IllegalStateException("pool function unknown: fn=" + fnId + ", channel=" + channel.name());
            }
            out.putLong(0, taskId);
            out.putInt(8, count);
            int at = 12;
            for (item = 0; item < count; item++)
            {
                final Object result = call(fn, call, in);
                at += WireFormat.putValue(out, at, result);
            }
            send(WireFormat.R_OK, at);
        }
        catch (final Throwable ex)
        {
            out.putLong(0, taskId);
            out.putInt(8, item);
            final int written = WireFormat.putThrowable(out, 12, ex);
            send(WireFormat.R_ERR, 12 + written);
        }
        finally
        {
            channel.currentTask(WorkerChannel.NO_TASK);
        }
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

    private void send(final int type, final int length)
    {
        if (length > results.maxMsgLength())
        {
            final int written = WireFormat.putThrowable(out, 12, new IllegalStateException(
                "result too large for the result queue: length=" + length + ", max=" + results.maxMsgLength() +
                ", channel=" + channel.name()));
            out.putInt(8, 0);
            sendNow(WireFormat.R_ERR, 12 + written);
            return;
        }
        sendNow(type, length);
    }

    private void sendNow(final int type, final int length)
    {
        resultIdle.reset();
        while (!results.write(type, out, 0, length))
        {
            resultIdle.idle();
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

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

import static org.agrona.BitUtil.SIZE_OF_BYTE;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of the pool's messages: what the dispatcher writes into a worker's task queue and what the worker writes
 * back into its result queue (see {@code WorkerChannel}). Each message is one record of an mmipc
 * {@link dev.mmipc.queue.MessageQueue}; offsets are relative to the record's first byte; integers are
 * little-endian, as Agrona writes them. Every message starts with its type, an int at {@link #TYPE_OFFSET}:
 * {@code T_*} from the pool to a worker, {@code R_*} back. Values and exceptions inside a message are written as
 * {@code WireFormat} writes them (a tag byte, then the value; an exception as its cause chain of class name,
 * message and frames). A worker's end of work is not a message: the pool marks the worker's task queue closed
 * ({@link dev.mmipc.queue.MessageQueue#markClosed()}) and the worker exits once it has taken every task sent
 * before the mark.
 * <p>
 * <b>Pool to worker.</b> {@link #T_INIT}, the first message of every task queue, carries the serialized
 * {@link PoolInitializer}, or nothing when there is none:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         Type (T_INIT)                         |  0
 *  +---------------------------------------------------------------+
 *  |        Serialized initializer (to the end; may be empty)     ...  4
 *  +---------------------------------------------------------------+
 * </pre>
 * {@link #T_FN} gives a worker a {@code map}'s function once, under an id its tasks name; the worker keeps it
 * encoded until the first task that uses it. {@link #T_DROP} (8 bytes) lets the worker forget it once the map is
 * done:
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                    Type (T_FN or T_DROP)                      |  0
 *  +---------------------------------------------------------------+
 *  |                       Function id (int)                       |  4
 *  +---------------------------------------------------------------+
 *  |          Serialized function (T_FN only, to the end)         ...  8
 *  +---------------------------------------------------------------+
 * </pre>
 * {@link #T_TASK} is one task: one {@code apply}/{@code submit}, or one chunk of a {@code map}. Its task id is
 * what the worker publishes in its slot while it runs it, and what its result names. A task whose function
 * travels inline ({@link #INLINE_FN}: every single task) carries it after the count; a map chunk names a function
 * sent before with {@link #T_FN}. The arguments follow: none for {@link #CALL}, one value per item for
 * {@link #APPLY}, one {@code Object[]} per item for {@link #STAR}.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                         Type (T_TASK)                         |  0
 *  +---------------------------------------------------------------+
 *  |                                                               |  4
 *  +                         Task id (long)                        +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |           Function id (int; INLINE_FN = -1: inline)           | 12
 *  +---------------+-----------------------------------------------+
 *  |  Call (byte)  |            Item count (int) ...               | 16
 *  +---------------+---------------+-------------------------------+
 *  | ... count     |  by id: arguments, one value per item        ...  20
 *  +---------------+-----------------------------------------------+
 *
 *  INLINE_FN, from offset 21 on:
 *  +---------------+-----------------------------------------------+
 *  | ... count     |        Function length (int) ...              | 20
 *  +---------------+---------------+-------------------------------+
 *  | ... length    |  Serialized function (length bytes), then    ...  24
 *  |               |  the arguments, one value per item           ...
 *  +---------------+-----------------------------------------------+
 * </pre>
 * <b>Worker to pool.</b> {@link #R_READY} ({@value #READY_LENGTH} bytes) says the initializer ran and the worker
 * takes tasks; {@link #R_INIT_FAILED} says the initializer threw, which breaks the pool:
 * <pre>
 *  +---------------------------------------------------------------+
 *  |                 Type (R_READY or R_INIT_FAILED)               |  0
 *  +---------------------------------------------------------------+
 *  |          R_READY: the worker's pid (long)                     |  4
 *  |          R_INIT_FAILED: the exception, to the end            ...
 *  +---------------------------------------------------------------+
 * </pre>
 * {@link #R_OK} carries the results of one task, in item order; {@link #R_ERR} its failure, after the items that
 * had run (their results are not sent). A worker answers its tasks in the order it took them.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                     Type (R_OK or R_ERR)                      |  0
 *  +---------------------------------------------------------------+
 *  |                                                               |  4
 *  +                  Task id (long, as the task's)                +
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |      R_OK: result count (int); R_ERR: items that ran (int)    | 12
 *  +---------------------------------------------------------------+
 *  |      R_OK: one value per item; R_ERR: the exception          ... 16
 *  +---------------------------------------------------------------+
 * </pre>
 * {@code PoolMessages} writes every message at these offsets; the dispatcher and {@link PoolWorker} read them
 * from here. {@code PoolMessageDescriptorTest} pins every offset and round-trips each message kind.
 */
public final class PoolMessageDescriptor
{
    // ------------------------------------------------------------------ message types

    /** Pool to worker: the initializer, the first message of every task queue. */
    public static final int T_INIT = 1;
    /** Pool to worker: a map's function, under the id its chunks name. */
    public static final int T_FN = 2;
    /** Pool to worker: forget a map's function, the map is done. */
    public static final int T_DROP = 3;
    /** Pool to worker: one task, or one chunk of a map. */
    public static final int T_TASK = 4;

    /** Worker to pool: the initializer ran, the worker takes tasks. */
    public static final int R_READY = 11;
    /** Worker to pool: a task's results. */
    public static final int R_OK = 12;
    /** Worker to pool: a task's failure. */
    public static final int R_ERR = 13;
    /** Worker to pool: the initializer threw. */
    public static final int R_INIT_FAILED = 14;

    // ------------------------------------------------------------------ how a task's function is called

    /** Call a {@link TaskCallable}, a {@link java.util.concurrent.Callable} or a {@link Runnable}: no argument. */
    public static final byte CALL = 0;
    /** Apply a {@link TaskFunction} to each item. */
    public static final byte APPLY = 1;
    /** Apply a {@link StarFunction} to each item, an {@code Object[]} of arguments. */
    public static final byte STAR = 2;

    /** Function id of a task whose function travels inline, in the task message. */
    public static final int INLINE_FN = -1;

    // ------------------------------------------------------------------ every message

    /** Offset of every message's type (int). */
    public static final int TYPE_OFFSET = 0;
    /** Where every message's body starts, after its type. */
    public static final int BODY_OFFSET = TYPE_OFFSET + SIZE_OF_INT;

    // ------------------------------------------------------------------ pool to worker

    /** T_INIT: the serialized initializer, to the end of the message (empty: none). */
    public static final int INIT_INITIALIZER_OFFSET = BODY_OFFSET;

    /** T_FN and T_DROP: the function id (int). */
    public static final int FUNCTION_ID_OFFSET = BODY_OFFSET;
    /** T_FN: the serialized function, to the end of the message. */
    public static final int FUNCTION_BYTES_OFFSET = FUNCTION_ID_OFFSET + SIZE_OF_INT;
    /** T_DROP: length of the message. */
    public static final int DROP_LENGTH = FUNCTION_ID_OFFSET + SIZE_OF_INT;

    /** T_TASK: the task id (long). */
    public static final int TASK_ID_OFFSET = BODY_OFFSET;
    /** T_TASK: the function id (int), {@link #INLINE_FN} or the id of a T_FN sent before. */
    public static final int TASK_FUNCTION_ID_OFFSET = TASK_ID_OFFSET + SIZE_OF_LONG;
    /** T_TASK: how the function is called (byte): {@link #CALL}, {@link #APPLY} or {@link #STAR}. */
    public static final int TASK_CALL_OFFSET = TASK_FUNCTION_ID_OFFSET + SIZE_OF_INT;
    /** T_TASK: items (int): 1 for a single task, the chunk's size for a map. */
    public static final int TASK_COUNT_OFFSET = TASK_CALL_OFFSET + SIZE_OF_BYTE;
    /** T_TASK with a function by id: the first argument. */
    public static final int TASK_VALUES_OFFSET = TASK_COUNT_OFFSET + SIZE_OF_INT;
    /** T_TASK with {@link #INLINE_FN}: the length of the serialized function (int). */
    public static final int TASK_INLINE_FUNCTION_LENGTH_OFFSET = TASK_COUNT_OFFSET + SIZE_OF_INT;
    /** T_TASK with {@link #INLINE_FN}: the serialized function; the arguments follow it. */
    public static final int TASK_INLINE_FUNCTION_OFFSET = TASK_INLINE_FUNCTION_LENGTH_OFFSET + SIZE_OF_INT;

    // ------------------------------------------------------------------ worker to pool

    /** R_READY: the worker's pid (long). */
    public static final int READY_PID_OFFSET = BODY_OFFSET;
    /** R_READY: length of the message. */
    public static final int READY_LENGTH = READY_PID_OFFSET + SIZE_OF_LONG;
    /** R_INIT_FAILED: the exception, to the end of the message. */
    public static final int INIT_FAILED_ERROR_OFFSET = BODY_OFFSET;

    /** R_OK and R_ERR: the task id (long). */
    public static final int RESULT_TASK_ID_OFFSET = BODY_OFFSET;
    /** R_OK: results (int); R_ERR: items that ran before the failure (int). */
    public static final int RESULT_COUNT_OFFSET = RESULT_TASK_ID_OFFSET + SIZE_OF_LONG;
    /** R_OK: the first result. */
    public static final int RESULT_VALUES_OFFSET = RESULT_COUNT_OFFSET + SIZE_OF_INT;
    /** R_ERR: the exception, to the end of the message. */
    public static final int RESULT_ERROR_OFFSET = RESULT_COUNT_OFFSET + SIZE_OF_INT;

    private PoolMessageDescriptor()
    {
    }

    /**
     * @param initializerLength bytes of the serialized initializer (0 for none).
     * @return length of the T_INIT message.
     */
    public static int initLength(final int initializerLength)
    {
        return INIT_INITIALIZER_OFFSET + initializerLength;
    }

    /**
     * @param functionLength bytes of the serialized function.
     * @return length of the T_FN message.
     */
    public static int functionLength(final int functionLength)
    {
        return FUNCTION_BYTES_OFFSET + functionLength;
    }

    /**
     * @param functionLength bytes of the inline function.
     * @return offset of the first argument of a T_TASK with {@link #INLINE_FN}.
     */
    public static int inlineTaskValuesOffset(final int functionLength)
    {
        return TASK_INLINE_FUNCTION_OFFSET + functionLength;
    }

    /**
     * @param type a message type.
     * @return its name ({@code T_TASK}, {@code R_OK}, ...), or {@code UNKNOWN(type)}: for error messages.
     */
    public static String typeName(final int type)
    {
        switch (type)
        {
            case T_INIT:
                return "T_INIT";
            case T_FN:
                return "T_FN";
            case T_DROP:
                return "T_DROP";
            case T_TASK:
                return "T_TASK";
            case R_READY:
                return "R_READY";
            case R_OK:
                return "R_OK";
            case R_ERR:
                return "R_ERR";
            case R_INIT_FAILED:
                return "R_INIT_FAILED";
            default:
                return "UNKNOWN(" + type + ")";
        }
    }
}

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

import dev.mmipc.process.TaskCodecs;
import org.agrona.MutableDirectBuffer;

import java.io.Serializable;

import static dev.mmipc.pool.PoolMessageDescriptor.DROP_LENGTH;
import static dev.mmipc.pool.PoolMessageDescriptor.FUNCTION_BYTES_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.FUNCTION_ID_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.INIT_FAILED_ERROR_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.INIT_INITIALIZER_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.INLINE_FN;
import static dev.mmipc.pool.PoolMessageDescriptor.READY_LENGTH;
import static dev.mmipc.pool.PoolMessageDescriptor.READY_PID_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.RESULT_COUNT_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.RESULT_ERROR_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.RESULT_TASK_ID_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.R_ERR;
import static dev.mmipc.pool.PoolMessageDescriptor.R_INIT_FAILED;
import static dev.mmipc.pool.PoolMessageDescriptor.R_READY;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_CALL_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_COUNT_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_FUNCTION_ID_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_ID_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_INLINE_FUNCTION_LENGTH_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TASK_INLINE_FUNCTION_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.TYPE_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.T_DROP;
import static dev.mmipc.pool.PoolMessageDescriptor.T_FN;
import static dev.mmipc.pool.PoolMessageDescriptor.T_INIT;
import static dev.mmipc.pool.PoolMessageDescriptor.T_TASK;

/**
 * Writes the pool's messages at the offsets of {@link PoolMessageDescriptor}: the dispatcher's side (tasks,
 * functions, the initializer) and the worker's (ready, results, failures). Each method writes one whole message,
 * type included, from {@code offset} on and returns its length, except where a caller appends values.
 */
final class PoolMessages
{
    private PoolMessages()
    {
    }

    /**
     * @param buffer      where to write.
     * @param initializer the serialized initializer, empty for none.
     * @return length of the T_INIT message, written at 0.
     */
    static int putInit(final MutableDirectBuffer buffer, final byte[] initializer)
    {
        buffer.putInt(TYPE_OFFSET, T_INIT);
        buffer.putBytes(INIT_INITIALIZER_OFFSET, initializer);
        return PoolMessageDescriptor.initLength(initializer.length);
    }

    /**
     * @param buffer   where to write (a claimed record).
     * @param offset   where the message starts.
     * @param fnId     the function's id.
     * @param function the serialized function.
     * @return length of the T_FN message.
     */
    static int putFunction(final MutableDirectBuffer buffer, final int offset, final int fnId, final byte[] function)
    {
        buffer.putInt(offset + TYPE_OFFSET, T_FN);
        buffer.putInt(offset + FUNCTION_ID_OFFSET, fnId);
        buffer.putBytes(offset + FUNCTION_BYTES_OFFSET, function);
        return PoolMessageDescriptor.functionLength(function.length);
    }

    /**
     * @param buffer where to write.
     * @param offset where the message starts.
     * @param fnId   the function to forget.
     * @return length of the T_DROP message.
     */
    static int putDrop(final MutableDirectBuffer buffer, final int offset, final int fnId)
    {
        buffer.putInt(offset + TYPE_OFFSET, T_DROP);
        buffer.putInt(offset + FUNCTION_ID_OFFSET, fnId);
        return DROP_LENGTH;
    }

    /**
     * The image of a single task's T_TASK message, at 0, its function inline; the task id is left 0 for
     * {@link #putTaskId} once the dispatcher sends it.
     *
     * @param buffer   where to write.
     * @param call     {@link PoolMessageDescriptor#CALL} or {@link PoolMessageDescriptor#APPLY}.
     * @param function the task's function or callable.
     * @param hasArg   whether an argument follows.
     * @param arg      the argument.
     * @return length of the message.
     */
    static int putInlineTask(
        final MutableDirectBuffer buffer, final byte call, final Serializable function, final boolean hasArg,
        final Object arg)
    {
        putTaskHeader(buffer, INLINE_FN, call, 1);
        final int fnLength = TaskCodecs.encodeObject(function, buffer, TASK_INLINE_FUNCTION_OFFSET);
        buffer.putInt(TASK_INLINE_FUNCTION_LENGTH_OFFSET, fnLength);
        int length = PoolMessageDescriptor.inlineTaskValuesOffset(fnLength);
        if (hasArg)
        {
            length += WireFormat.putValue(buffer, length, arg);
        }
        return length;
    }

    /**
     * The header of a T_TASK message's image, at 0, task id 0; a map chunk's arguments go from
     * {@link PoolMessageDescriptor#TASK_VALUES_OFFSET} on.
     *
     * @param buffer where to write.
     * @param fnId   the function's id, or {@link PoolMessageDescriptor#INLINE_FN}.
     * @param call   how it is called.
     * @param count  items.
     */
    static void putTaskHeader(final MutableDirectBuffer buffer, final int fnId, final byte call, final int count)
    {
        buffer.putInt(TYPE_OFFSET, T_TASK);
        buffer.putLong(TASK_ID_OFFSET, 0L);
        buffer.putInt(TASK_FUNCTION_ID_OFFSET, fnId);
        buffer.putByte(TASK_CALL_OFFSET, call);
        buffer.putInt(TASK_COUNT_OFFSET, count);
    }

    /**
     * @param buffer where a T_TASK message was copied.
     * @param offset where it starts.
     * @param taskId the id the dispatcher gave it.
     */
    static void putTaskId(final MutableDirectBuffer buffer, final int offset, final long taskId)
    {
        buffer.putLong(offset + TASK_ID_OFFSET, taskId);
    }

    /**
     * @param buffer where to write.
     * @param pid    the worker's pid.
     * @return length of the R_READY message, written at 0.
     */
    static int putReady(final MutableDirectBuffer buffer, final long pid)
    {
        buffer.putInt(TYPE_OFFSET, R_READY);
        buffer.putLong(READY_PID_OFFSET, pid);
        return READY_LENGTH;
    }

    /**
     * @param buffer where to write.
     * @param error  what the initializer threw.
     * @return length of the R_INIT_FAILED message, written at 0.
     */
    static int putInitFailed(final MutableDirectBuffer buffer, final Throwable error)
    {
        buffer.putInt(TYPE_OFFSET, R_INIT_FAILED);
        return INIT_FAILED_ERROR_OFFSET + WireFormat.putThrowable(buffer, INIT_FAILED_ERROR_OFFSET, error);
    }

    /**
     * The header of an R_OK (or R_ERR) message, at 0; results go from
     * {@link PoolMessageDescriptor#RESULT_VALUES_OFFSET} on.
     *
     * @param buffer where to write.
     * @param type   R_OK or R_ERR.
     * @param taskId the task's id.
     * @param count  results, or items that ran.
     */
    static void putResultHeader(final MutableDirectBuffer buffer, final int type, final long taskId, final int count)
    {
        buffer.putInt(TYPE_OFFSET, type);
        buffer.putLong(RESULT_TASK_ID_OFFSET, taskId);
        buffer.putInt(RESULT_COUNT_OFFSET, count);
    }

    /**
     * @param buffer    where to write.
     * @param taskId    the task's id.
     * @param itemsDone items that ran before the failure.
     * @param error     the failure.
     * @return length of the R_ERR message, written at 0.
     */
    static int putError(final MutableDirectBuffer buffer, final long taskId, final int itemsDone, final Throwable error)
    {
        putResultHeader(buffer, R_ERR, taskId, itemsDone);
        return RESULT_ERROR_OFFSET + WireFormat.putThrowable(buffer, RESULT_ERROR_OFFSET, error);
    }
}

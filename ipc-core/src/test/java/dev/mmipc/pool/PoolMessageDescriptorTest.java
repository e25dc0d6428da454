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

import dev.mmipc.codec.SerializableCodec;
import dev.mmipc.exceptions.RemoteTaskException;
import dev.mmipc.process.TaskCodecs;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.mmipc.pool.PoolMessageDescriptor.APPLY;
import static dev.mmipc.pool.PoolMessageDescriptor.BODY_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.CALL;
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
import static dev.mmipc.pool.PoolMessageDescriptor.RESULT_VALUES_OFFSET;
import static dev.mmipc.pool.PoolMessageDescriptor.R_ERR;
import static dev.mmipc.pool.PoolMessageDescriptor.R_INIT_FAILED;
import static dev.mmipc.pool.PoolMessageDescriptor.R_OK;
import static dev.mmipc.pool.PoolMessageDescriptor.R_READY;
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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

class PoolMessageDescriptorTest
{
    /** Where messages are written in the tests that take an offset: not 0, so a missing offset shows. */
    private static final int AT = 64;

    private final SerializableCodec<Serializable> reader = TaskCodecs.reader(PoolOptions.DEFAULT_ALLOW);
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);

    @Test
    void shouldMatchTheDiagrams()
    {
        assertEquals(0, TYPE_OFFSET);
        assertEquals(4, BODY_OFFSET);

        assertEquals(4, INIT_INITIALIZER_OFFSET);
        assertEquals(4 + 100, PoolMessageDescriptor.initLength(100));

        assertEquals(4, FUNCTION_ID_OFFSET);
        assertEquals(8, FUNCTION_BYTES_OFFSET);
        assertEquals(8 + 100, PoolMessageDescriptor.functionLength(100));
        assertEquals(8, DROP_LENGTH);

        assertEquals(4, TASK_ID_OFFSET);
        assertEquals(12, TASK_FUNCTION_ID_OFFSET);
        assertEquals(16, TASK_CALL_OFFSET);
        assertEquals(17, TASK_COUNT_OFFSET);
        assertEquals(21, TASK_VALUES_OFFSET);
        assertEquals(21, TASK_INLINE_FUNCTION_LENGTH_OFFSET);
        assertEquals(25, TASK_INLINE_FUNCTION_OFFSET);
        assertEquals(25 + 100, PoolMessageDescriptor.inlineTaskValuesOffset(100));

        assertEquals(4, READY_PID_OFFSET);
        assertEquals(12, READY_LENGTH);
        assertEquals(4, INIT_FAILED_ERROR_OFFSET);

        assertEquals(4, RESULT_TASK_ID_OFFSET);
        assertEquals(12, RESULT_COUNT_OFFSET);
        assertEquals(16, RESULT_VALUES_OFFSET);
        assertEquals(16, RESULT_ERROR_OFFSET);

        assertEquals(-1, INLINE_FN);
        assertEquals(0, CALL);
        assertEquals(1, APPLY);
        assertEquals(2, STAR);
    }

    @Test
    void shouldGiveEveryTypeItsOwnCodeAndName()
    {
        final int[] types = {T_INIT, T_FN, T_DROP, T_TASK, R_READY, R_OK, R_ERR, R_INIT_FAILED};
        assertArrayEquals(new int[]{1, 2, 3, 4, 11, 12, 13, 14}, types);
        final Set<String> names = new HashSet<>();
        for (final int type : types)
        {
            names.add(PoolMessageDescriptor.typeName(type));
        }
        assertEquals(Set.of("T_INIT", "T_FN", "T_DROP", "T_TASK", "R_READY", "R_OK", "R_ERR", "R_INIT_FAILED"), names);
        assertEquals("UNKNOWN(99)", PoolMessageDescriptor.typeName(99));
    }

    @Test
    void shouldRoundTripInit()
    {
        final byte[] initializer = encode((PoolInitializer)() -> System.setProperty("k", "v"));
        final int length = PoolMessages.putInit(buffer, initializer);

        assertEquals(INIT_INITIALIZER_OFFSET + initializer.length, length);
        assertEquals(T_INIT, buffer.getInt(TYPE_OFFSET));
        final Object decoded = reader.decode(buffer, INIT_INITIALIZER_OFFSET, length - INIT_INITIALIZER_OFFSET);
        assertInstanceOf(PoolInitializer.class, decoded);

        assertEquals(INIT_INITIALIZER_OFFSET, PoolMessages.putInit(buffer, new byte[0]), "no initializer");
    }

    @Test
    void shouldRoundTripFunctionAndDrop()
    {
        final byte[] fn = encode((TaskFunction<Integer, Integer>)x -> x + 1);
        final int length = PoolMessages.putFunction(buffer, AT, 7, fn);

        assertEquals(FUNCTION_BYTES_OFFSET + fn.length, length);
        assertEquals(T_FN, buffer.getInt(AT + TYPE_OFFSET));
        assertEquals(7, buffer.getInt(AT + FUNCTION_ID_OFFSET));
        final byte[] read = new byte[length - FUNCTION_BYTES_OFFSET];
        buffer.getBytes(AT + FUNCTION_BYTES_OFFSET, read);
        assertArrayEquals(fn, read);

        assertEquals(DROP_LENGTH, PoolMessages.putDrop(buffer, AT, 9));
        assertEquals(T_DROP, buffer.getInt(AT + TYPE_OFFSET));
        assertEquals(9, buffer.getInt(AT + FUNCTION_ID_OFFSET));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldRoundTripASingleTaskWithItsFunctionInline() throws Exception
    {
        final TaskFunction<Integer, Integer> fn = x -> x * 3;
        final int length = PoolMessages.putInlineTask(buffer, APPLY, fn, true, 14);
        final byte[] message = new byte[length];
        buffer.getBytes(0, message);

        // as the dispatcher sends it: copied into a claimed record, then given its task id
        final ExpandableArrayBuffer record = new ExpandableArrayBuffer(AT + length);
        record.putBytes(AT, message);
        PoolMessages.putTaskId(record, AT, 42L);

        assertEquals(T_TASK, record.getInt(AT + TYPE_OFFSET));
        assertEquals(42L, record.getLong(AT + TASK_ID_OFFSET));
        assertEquals(INLINE_FN, record.getInt(AT + TASK_FUNCTION_ID_OFFSET));
        assertEquals(APPLY, record.getByte(AT + TASK_CALL_OFFSET));
        assertEquals(1, record.getInt(AT + TASK_COUNT_OFFSET));
        final int fnLength = record.getInt(AT + TASK_INLINE_FUNCTION_LENGTH_OFFSET);
        final Object decoded = reader.decode(record, AT + TASK_INLINE_FUNCTION_OFFSET, fnLength);
        final Object arg = new WireFormat.Reader(reader)
            .wrap(record, AT + PoolMessageDescriptor.inlineTaskValuesOffset(fnLength)).getValue();
        assertEquals(14, arg);
        assertEquals(42, ((TaskFunction<Object, Object>)decoded).apply(arg));
        assertEquals(PoolMessageDescriptor.inlineTaskValuesOffset(fnLength) + 5, length, "tag and int");
    }

    @Test
    void shouldRoundTripACallWithoutArgument() throws Exception
    {
        final TaskCallable<String> task = () -> "done";
        final int length = PoolMessages.putInlineTask(buffer, CALL, task, false, null);

        assertEquals(CALL, buffer.getByte(TASK_CALL_OFFSET));
        assertEquals(0L, buffer.getLong(TASK_ID_OFFSET), "left for the dispatcher");
        final int fnLength = buffer.getInt(TASK_INLINE_FUNCTION_LENGTH_OFFSET);
        assertEquals(PoolMessageDescriptor.inlineTaskValuesOffset(fnLength), length);
        assertEquals("done", ((TaskCallable<?>)reader.decode(buffer, TASK_INLINE_FUNCTION_OFFSET, fnLength)).call());
    }

    @Test
    void shouldRoundTripAMapChunk()
    {
        int at = TASK_VALUES_OFFSET;
        at += WireFormat.putValue(buffer, at, new Object[]{1, "a"});
        at += WireFormat.putValue(buffer, at, new Object[]{2, null});
        PoolMessages.putTaskHeader(buffer, 5, STAR, 2);

        assertEquals(T_TASK, buffer.getInt(TYPE_OFFSET));
        assertEquals(5, buffer.getInt(TASK_FUNCTION_ID_OFFSET));
        assertEquals(STAR, buffer.getByte(TASK_CALL_OFFSET));
        assertEquals(2, buffer.getInt(TASK_COUNT_OFFSET));
        final WireFormat.Reader in = new WireFormat.Reader(reader).wrap(buffer, TASK_VALUES_OFFSET);
        assertArrayEquals(new Object[]{1, "a"}, (Object[])in.getValue());
        assertArrayEquals(new Object[]{2, null}, (Object[])in.getValue());
        assertEquals(at, in.offset, "the chunk ends where its last value does");
    }

    @Test
    void shouldRoundTripReady()
    {
        assertEquals(READY_LENGTH, PoolMessages.putReady(buffer, 4242L));
        assertEquals(R_READY, buffer.getInt(TYPE_OFFSET));
        assertEquals(4242L, buffer.getLong(READY_PID_OFFSET));
    }

    @Test
    void shouldRoundTripInitFailed()
    {
        final int length = PoolMessages.putInitFailed(buffer, new IllegalStateException("no config"));

        assertEquals(R_INIT_FAILED, buffer.getInt(TYPE_OFFSET));
        final WireFormat.Reader in = new WireFormat.Reader(reader).wrap(buffer, INIT_FAILED_ERROR_OFFSET);
        final RemoteTaskException ex = in.getThrowable("pool-1-1", 77);
        assertEquals(IllegalStateException.class.getName(), ex.remoteClassName());
        assertEquals("no config", ex.remoteMessage());
        assertEquals(77, ex.pid());
        assertEquals(length, in.offset);
    }

    @Test
    void shouldRoundTripResults()
    {
        PoolMessages.putResultHeader(buffer, R_OK, 9L, 3);
        int at = RESULT_VALUES_OFFSET;
        for (final Object value : List.of(1L, "two", 3.0))
        {
            at += WireFormat.putValue(buffer, at, value);
        }

        assertEquals(R_OK, buffer.getInt(TYPE_OFFSET));
        assertEquals(9L, buffer.getLong(RESULT_TASK_ID_OFFSET));
        assertEquals(3, buffer.getInt(RESULT_COUNT_OFFSET));
        final WireFormat.Reader in = new WireFormat.Reader(reader).wrap(buffer, RESULT_VALUES_OFFSET);
        assertEquals(1L, in.getValue());
        assertEquals("two", in.getValue());
        assertEquals(3.0, in.getValue());
        assertEquals(at, in.offset);
    }

    @Test
    void shouldRoundTripAnErrorWithItsCause()
    {
        final int length = PoolMessages.putError(
            buffer, 11L, 2, new IllegalArgumentException("bad item", new ArithmeticException("/ by zero")));

        assertEquals(R_ERR, buffer.getInt(TYPE_OFFSET));
        assertEquals(11L, buffer.getLong(RESULT_TASK_ID_OFFSET));
        assertEquals(2, buffer.getInt(RESULT_COUNT_OFFSET), "items that ran");
        final WireFormat.Reader in = new WireFormat.Reader(reader).wrap(buffer, RESULT_ERROR_OFFSET);
        final RemoteTaskException ex = in.getThrowable("pool-1-1", 5);
        assertEquals(IllegalArgumentException.class.getName(), ex.remoteClassName());
        assertEquals("bad item", ex.remoteMessage());
        final RemoteTaskException cause = assertInstanceOf(RemoteTaskException.class, ex.getCause());
        assertEquals(ArithmeticException.class.getName(), cause.remoteClassName());
        assertNull(cause.getCause());
        assertEquals(length, in.offset);
    }

    private static byte[] encode(final Serializable object)
    {
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(256);
        final int length = TaskCodecs.encodeObject(object, out, 0);
        final byte[] bytes = new byte[length];
        out.getBytes(0, bytes);
        return bytes;
    }
}

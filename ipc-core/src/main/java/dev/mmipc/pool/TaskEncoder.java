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
import dev.mmipc.exceptions.RefusedClassException;
import dev.mmipc.process.TaskCodecs;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.io.Serializable;
import java.util.Objects;

/**
 * Turns what a caller submits into bytes, on the caller's thread: checks every class a function or task object
 * would write against the pool's allowlist before anything is sent (so a refusal fails the call at once, naming
 * the class, instead of a worker), then serializes it.
 */
final class TaskEncoder
{
    private static final int ENCODE_INITIAL_BYTES = 256;

    private final String pool;
    private final SerializableCodec<Serializable> reader;

    /**
     * @param pool   the pool's name, for messages.
     * @param reader the reader workers decode with: its allowlist is the one checked.
     */
    TaskEncoder(final String pool, final SerializableCodec<Serializable> reader)
    {
        this.pool = pool;
        this.reader = reader;
    }

    /**
     * @param object a function, task or initializer.
     * @return its serialized form.
     * @throws RefusedClassException when a class it would write is not in the allowlist.
     */
    byte[] encode(final Serializable object)
    {
        checkAllowed(object);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(ENCODE_INITIAL_BYTES);
        return copy(buffer, TaskCodecs.encodeObject(object, buffer, 0));
    }

    /**
     * @param call   {@link PoolMessageDescriptor#CALL} or {@link PoolMessageDescriptor#APPLY}.
     * @param fn     the function or callable.
     * @param hasArg whether an argument follows.
     * @param arg    the argument.
     * @return the T_TASK message's image, function inline, task id 0.
     * @throws RefusedClassException when a class {@code fn} would write is not in the allowlist.
     */
    byte[] inlineTask(final byte call, final Serializable fn, final boolean hasArg, final Object arg)
    {
        Objects.requireNonNull(fn, "task");
        checkAllowed(fn);
        final ExpandableArrayBuffer image = new ExpandableArrayBuffer(ENCODE_INITIAL_BYTES);
        return copy(image, PoolMessages.putInlineTask(image, call, fn, hasArg, arg));
    }

    private void checkAllowed(final Serializable object)
    {
        for (final String cls : TaskCodecs.classesOf(object))
        {
            final String probe = cls.endsWith("*") ? cls.substring(0, cls.length() - 1) + "/0x0" : cls;
            if (!reader.isAllowed(probe))
            {
                final String shown = cls.endsWith("*") ? cls.substring(0, cls.length() - 1) : cls;
                throw new RefusedClassException(
                    "task class not in pool allowlist: class=" + shown + ", task=" + object.getClass().getName() +
                    ", pool=" + pool + ", fix=PoolOptions.withAllow", shown, null);
            }
        }
    }

    /**
     * @param task what an {@link java.util.concurrent.ExecutorService} method was given.
     * @return it, as {@link Serializable}.
     * @throws IllegalArgumentException when it is not.
     */
    static Serializable serializable(final Object task)
    {
        Objects.requireNonNull(task, "task");
        if (!(task instanceof Serializable))
        {
            throw new IllegalArgumentException(
                "task not serializable: class=" + task.getClass().getName() +
                ", fix=(Callable<T> & Serializable) or TaskCallable");
        }
        return (Serializable)task;
    }

    private static byte[] copy(final DirectBuffer buffer, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return bytes;
    }
}

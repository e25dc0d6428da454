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
package dev.mmipc.exceptions;

/**
 * A serialized message went beyond one of the limits of a {@link dev.mmipc.codec.SerializableCodec}: its length in bytes,
 * the nesting depth of its object graph, the number of object references, or an array length.
 */
public final class RefusedLimitException extends RefusedMessageException
{
    private static final long serialVersionUID = 1L;

    /** @serial which limit the message went beyond */
    private final String limit;
    /** @serial the value found */
    private final long value;
    /** @serial the limit */
    private final long max;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param limit   the limit's name: {@code maxBytes}, {@code maxDepth}, {@code maxReferences} or {@code maxArrayLength}.
     * @param value   the value found.
     * @param max     the limit's value.
     * @param cause   the underlying failure, or null.
     */
    public RefusedLimitException(
        final String message, final String limit, final long value, final long max, final Throwable cause)
    {
        super(message, cause);
        this.limit = limit;
        this.value = value;
        this.max = max;
    }

    /**
     * @return the limit's name: {@code maxBytes}, {@code maxDepth}, {@code maxReferences} or {@code maxArrayLength}.
     */
    public String limit()
    {
        return limit;
    }

    /**
     * @return the value found in the message, at the point it was refused.
     */
    public long value()
    {
        return value;
    }

    /**
     * @return the limit's value.
     */
    public long max()
    {
        return max;
    }
}

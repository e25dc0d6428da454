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
 * A serialized message was refused by the deserialization filter of {@link dev.mmipc.codec.SerializableCodec} before any
 * object of a refused class was constructed: see {@link RefusedClassException} and
 * {@link RefusedLimitException}.
 */
public class RefusedMessageException extends CodecException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RefusedMessageException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

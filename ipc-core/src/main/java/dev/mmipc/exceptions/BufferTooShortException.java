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
 * A message did not fit the buffer given to receive it (Python's {@code BufferTooShort}). The message stays
 * in the pipe, so a call with a large enough buffer receives it; {@link #messageLength()} says how large.
 */
public final class BufferTooShortException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /** @serial length in bytes of the message that did not fit */
    private final int messageLength;

    /**
     * @param message       what went wrong, in {@code what: key=value} form.
     * @param messageLength length of the message left in the pipe.
     */
    public BufferTooShortException(final String message, final int messageLength)
    {
        super(message);
        this.messageLength = messageLength;
    }

    /**
     * @return length of the message left in the pipe, in bytes.
     */
    public int messageLength()
    {
        return messageLength;
    }
}

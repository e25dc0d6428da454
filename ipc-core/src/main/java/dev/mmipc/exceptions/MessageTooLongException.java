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
 * A message is longer than the queue's {@link dev.mmipc.queue.MessageQueue#maxMessageLength()}. It is refused whole,
 * never truncated, and the queue is unchanged.
 */
public final class MessageTooLongException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /** @serial the message's length in bytes */
    private final int length;
    /** @serial the queue's longest message in bytes */
    private final int maxLength;

    /**
     * @param message   what happened, in {@code what: key=value} form.
     * @param length    bytes of the refused message.
     * @param maxLength the queue's maximum message length.
     */
    public MessageTooLongException(final String message, final int length, final int maxLength)
    {
        super(message);
        this.length = length;
        this.maxLength = maxLength;
    }

    /**
     * @return bytes of the refused message.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return the queue's maximum message length.
     */
    public int maxLength()
    {
        return maxLength;
    }
}

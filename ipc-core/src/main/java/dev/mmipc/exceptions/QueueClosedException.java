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
 * End of stream: the queue was marked closed with {@link dev.mmipc.queue.MessageQueue#markClosed()}.
 * <p>
 * Producers get it from every {@code offer}, {@code put} and {@code tryClaim} after the mark. Consumers
 * get it only once the queue is also empty: every message committed before the mark is delivered first.
 */
public final class QueueClosedException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what happened, in {@code what: key=value} form.
     */
    public QueueClosedException(final String message)
    {
        super(message);
    }
}

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
package dev.mmipc.queue;

import org.agrona.DirectBuffer;

/**
 * Receives one message from a {@link MessageQueue}, in place: no copy, no allocation.
 * <p>
 * The bytes are valid only during the call; copy out what must outlive it. If the handler throws, the
 * message counts as consumed and the exception propagates to the caller of {@code poll}/{@code take}/
 * {@code drain}.
 */
@FunctionalInterface
public interface MessageHandler
{
    /**
     * @param buffer holds the message; valid only during this call, and not to be written.
     * @param offset where the message starts in {@code buffer}.
     * @param length bytes of the message.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);
}

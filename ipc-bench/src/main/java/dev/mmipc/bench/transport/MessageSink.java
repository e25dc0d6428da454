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
package dev.mmipc.bench.transport;

import org.agrona.DirectBuffer;

/**
 * Receives one message from {@link Endpoint#poll}, in place where the transport allows it: the bytes are valid
 * only during the call.
 */
@FunctionalInterface
public interface MessageSink
{
    /**
     * @param buffer holds the message; not to be written.
     * @param offset where it starts.
     * @param length its bytes.
     */
    void onMessage(DirectBuffer buffer, int offset, int length);
}

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

/**
 * A message arrived that the sender did not send: lost, repeated or reordered (its sequence number is not the
 * next one), corrupted (its checksum does not match its bytes), of another length or of another kind. The trial
 * that sees it fails: a figure is only reported for messages that were all delivered and checked.
 */
public final class DeliveryCheckException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String check;

    /**
     * @param check   which check failed: {@code length}, {@code kind}, {@code sequence} or {@code checksum}.
     * @param message the whole message, {@code delivery check failed: check=..., ...}.
     */
    DeliveryCheckException(final String check, final String message)
    {
        super(message);
        this.check = check;
    }

    /**
     * @return which check failed: {@code length}, {@code kind}, {@code sequence} or {@code checksum}.
     */
    public String check()
    {
        return check;
    }
}

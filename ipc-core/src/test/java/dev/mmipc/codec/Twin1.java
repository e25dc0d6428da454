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
package dev.mmipc.codec;

import java.io.Serializable;

/**
 * Same serial shape and name length as {@link Evil1}: serialized, then renamed in the bytes.
 */
final class Twin1 implements Serializable
{
    private static final long serialVersionUID = 1L;

    int payload;

    Twin1(final int payload)
    {
        this.payload = payload;
    }
}

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
package dev.mmipc.pipe;

/**
 * The two ends of a pipe. In a one-way pipe, as with Python's {@code Pipe(duplex=False)}, {@link #FIRST} only
 * receives and {@link #SECOND} only sends; in a duplex pipe both do both.
 */
public enum PipeEnd
{
    /** The first end: receive-only in a one-way pipe. */
    FIRST,
    /** The second end: send-only in a one-way pipe. */
    SECOND;

    /**
     * @return the other end.
     */
    public PipeEnd peer()
    {
        return this == FIRST ? SECOND : FIRST;
    }
}

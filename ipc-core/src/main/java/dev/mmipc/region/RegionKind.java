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
package dev.mmipc.region;

import dev.mmipc.exceptions.RegionKindException;

/**
 * What a region holds. The code is stored in the header; codes are never reused.
 */
public enum RegionKind
{
    /** Raw named bytes ({@code SharedBytes}). */
    BYTES(1),
    /** One 64-bit integer ({@code SharedLong}). */
    LONG(2),
    /** One 32-bit integer ({@code SharedInt}). */
    INT(3),
    /** One double ({@code SharedDouble}). */
    DOUBLE(4),
    /** An array of 64-bit integers. */
    LONG_ARRAY(5),
    /** An array of 32-bit integers. */
    INT_ARRAY(6),
    /** An array of doubles. */
    DOUBLE_ARRAY(7),
    /** Labelled counters (Agrona counters layout). */
    COUNTERS(8),
    /** A ring-buffer queue. */
    QUEUE(9),
    /** A pipe (two connection ends). */
    PIPE(10),
    /** A synchronisation primitive. */
    SYNC(11),
    /** The unfinished-task count of a joinable queue, beside its queue region. */
    QUEUE_TASKS(12);

    private static final RegionKind[] BY_CODE = new RegionKind[16];

    static
    {
        for (final RegionKind kind : values())
        {
            BY_CODE[kind.code] = kind;
        }
    }

    private final int code;

    RegionKind(final int code)
    {
        this.code = code;
    }

    /**
     * @return the code stored in the header.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code a code read from a header.
     * @return the kind, or null when the code is unknown.
     */
    public static RegionKind fromCodeOrNull(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    /**
     * @param code   a code read from a header.
     * @param region the region's name, for the message.
     * @return the kind.
     * @throws RegionKindException when the code is unknown.
     */
    public static RegionKind fromCode(final int code, final String region)
    {
        final RegionKind kind = fromCodeOrNull(code);
        if (kind == null)
        {
            throw new RegionKindException("region kind unknown: name=" + region + ", code=" + code);
        }
        return kind;
    }
}

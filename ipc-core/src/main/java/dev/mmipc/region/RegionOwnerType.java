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

/**
 * What kind of object made a region on its own (see {@link RegionDescriptor#OWNER_OFFSET}). The code is stored in
 * the header; codes are never reused.
 */
public enum RegionOwnerType
{
    /** A process pool: its slots array and its workers' task and result queues. */
    POOL(1, "pool", "pool"),
    /** A child process started with a task object: the region the task travels in. */
    PROCESS(2, "process", "jvmprocess");

    private static final RegionOwnerType[] BY_CODE = new RegionOwnerType[4];

    static
    {
        for (final RegionOwnerType type : values())
        {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final String label;
    private final String prefix;

    RegionOwnerType(final int code, final String label, final String prefix)
    {
        this.code = code;
        this.label = label;
        this.prefix = prefix;
    }

    /**
     * @return the code stored in the owner word.
     */
    public int code()
    {
        return code;
    }

    /**
     * @return what tools call such an owner, e.g. {@code pool}.
     */
    public String label()
    {
        return label;
    }

    /**
     * @return the first part of the owner's name, {@code PREFIX-PID-NUMBER}.
     */
    public String prefix()
    {
        return prefix;
    }

    /**
     * @param code a type code read from an owner word, any value.
     * @return the type, or null when the code is unknown (0 included: a region its user named).
     */
    public static RegionOwnerType fromCodeOrNull(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}

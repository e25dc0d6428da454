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
package dev.mmipc.sync;

/**
 * Which primitive a {@link dev.mmipc.region.RegionKind#SYNC} region holds, stored in its parameters
 * ({@link SyncDescriptor#TYPE_PARAM_OFFSET}); codes are never reused.
 */
public enum SyncType
{
    /** {@link Lock}. */
    LOCK(1),
    /** {@link RLock}. */
    RLOCK(2),
    /** {@link Semaphore}. */
    SEMAPHORE(3),
    /** {@link BoundedSemaphore}. */
    BOUNDED_SEMAPHORE(4),
    /** {@link Event}. */
    EVENT(5),
    /** {@link Condition}. */
    CONDITION(6),
    /** {@link Barrier}. */
    BARRIER(7),
    /** {@link CountDownLatch}. */
    COUNT_DOWN_LATCH(8);

    private final int code;

    SyncType(final int code)
    {
        this.code = code;
    }

    /**
     * @return the code stored in the region's parameters.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code a stored code.
     * @return the type, or null when the code is unknown.
     */
    public static SyncType fromCodeOrNull(final long code)
    {
        for (final SyncType type : values())
        {
            if (type.code == code)
            {
                return type;
            }
        }
        return null;
    }
}

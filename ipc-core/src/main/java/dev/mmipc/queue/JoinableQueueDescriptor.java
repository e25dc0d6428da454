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

import dev.mmipc.region.RegionDescriptor;

/**
 * Layout of the companion region that holds a joinable queue's unfinished-task count.
 * <p>
 * A joinable queue named {@code jobs} is two regions: the queue {@code jobs} (kind {@code QUEUE}, laid out by
 * the byte queue) and the companion {@code jobs.tasks} (kind {@code QUEUE_TASKS}), laid out here. Keeping the
 * count out of the queue region leaves the byte queue's layout untouched and puts the count on a cache line
 * of its own, away from the producers' and consumers' positions.
 * <pre>
 * Parameters (the region header's 64 bytes of kind-specific parameters):
 *   0                   8                                                   64
 *   +-------------------+---------------------------------------------------+
 *   | layout version    | reserved (zero)                                   |
 *   +-------------------+---------------------------------------------------+
 *
 * Payload (128 bytes, cache-line aligned by the region):
 *   0                   8                                                  128
 *   +-------------------+---------------------------------------------------+
 *   | unfinished tasks  | padding: the count has its 128 bytes to itself    |
 *   +-------------------+---------------------------------------------------+
 * </pre>
 * The unfinished-task count is a signed 64-bit integer, changed only by atomic adds and compare-and-set
 * (volatile semantics), read with acquire loads.
 */
public final class JoinableQueueDescriptor
{
    /** Suffix of the companion region's name: queue {@code jobs} has companion {@code jobs.tasks}. */
    public static final String TASKS_SUFFIX = ".tasks";

    /** Layout version stored in parameter 0. */
    public static final long LAYOUT_VERSION = 1;

    /** Offset in the parameters of the layout version. */
    public static final int LAYOUT_VERSION_PARAM_OFFSET = 0;

    /** Offset in the payload of the unfinished-task count. */
    public static final int UNFINISHED_OFFSET = 0;

    /** Payload length: the count alone on 128 bytes. */
    public static final int PAYLOAD_LENGTH = 128;

    /** Longest queue name a joinable queue accepts, so that its companion's name is valid. */
    public static final int MAX_QUEUE_NAME_LENGTH = 128 - TASKS_SUFFIX.length();

    static
    {
        if (PAYLOAD_LENGTH % RegionDescriptor.PAYLOAD_ALIGNMENT != 0)
        {
            throw new AssertionError("payload length not aligned: length=" + PAYLOAD_LENGTH);
        }
    }

    private JoinableQueueDescriptor()
    {
    }

    /**
     * @param queueName the queue's region name.
     * @return the companion region's name.
     */
    public static String tasksRegionName(final String queueName)
    {
        return queueName + TASKS_SUFFIX;
    }
}

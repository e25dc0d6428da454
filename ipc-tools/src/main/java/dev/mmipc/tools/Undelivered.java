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
package dev.mmipc.tools;

import dev.mmipc.pipe.PipeInspector;
import dev.mmipc.queue.JoinableQueueDescriptor;
import dev.mmipc.queue.QueueInspector;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;

import java.util.Map;
import java.util.Optional;

/**
 * What a region still holds for someone, so that {@code mmipc gc} keeps it unless {@code --force}: a queue's
 * undelivered messages ({@code QUEUE}, every mode), a pipe's unread bytes ({@code PIPE}, both directions), a joinable
 * queue's unfinished tasks ({@code QUEUE_TASKS}). Live waiters are not looked for here: a waiter holds the region
 * open, so gc already keeps it as in use. Other kinds hold nothing to deliver.
 */
final class Undelivered
{
    /**
     * @param reason what is left, e.g. {@code undelivered messages}.
     * @param key    its unit as a key, e.g. {@code messages}.
     * @param count  how many.
     */
    record Pending(String reason, String key, long count)
    {
        /**
         * @return e.g. {@code undelivered messages=12}.
         */
        String text()
        {
            return reason + "=" + count;
        }
    }

    private Undelivered()
    {
    }

    /**
     * Open the region read-only in spirit (nothing is written), read what it holds, close it.
     *
     * @param ns   the namespace.
     * @param name a region whose header was read.
     * @param kind its kind.
     * @return what it still holds, or empty when nothing (or when it cannot be read: a broken region holds nothing
     * that can be delivered).
     */
    static Optional<Pending> find(final NamespaceDirectory ns, final String name, final RegionKind kind)
    {
        if (kind != RegionKind.QUEUE && kind != RegionKind.PIPE && kind != RegionKind.QUEUE_TASKS)
        {
            return Optional.empty();
        }
        try (Region region = Region.open(ns, name, kind, 0))
        {
            final long count;
            final Pending pending;
            switch (kind)
            {
                case QUEUE ->
                {
                    count = number(QueueInspector.describe(region), "depth_messages");
                    pending = new Pending("undelivered messages", "messages", count);
                }
                case PIPE ->
                {
                    final Map<String, String> described = PipeInspector.describe(region);
                    count = number(described, "to_first_bytes") + number(described, "to_second_bytes");
                    pending = new Pending("unread bytes", "bytes", count);
                }
                default ->
                {
                    count = region.payload().getLongVolatile(JoinableQueueDescriptor.UNFINISHED_OFFSET);
                    pending = new Pending("unfinished tasks", "tasks", count);
                }
            }
            return count > 0 ? Optional.of(pending) : Optional.empty();
        }
        catch (final RuntimeException ex)
        {
            return Optional.empty(); // gone, broken or corrupt: nothing in it can be delivered
        }
    }

    private static long number(final Map<String, String> described, final String key)
    {
        final String value = described.get(key);
        return value == null ? 0 : Long.parseLong(value);
    }
}

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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what {@link EvilTask} did in this JVM: its static initialiser, constructor and readObject.
 */
final class QueueMarkers
{
    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private QueueMarkers()
    {
    }

    static void record(final String event)
    {
        EVENTS.add(event);
    }

    static List<String> events()
    {
        return List.copyOf(EVENTS);
    }
}

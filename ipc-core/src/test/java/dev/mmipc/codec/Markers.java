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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what the test's hostile classes did: their static initialisers, constructors, readObject and
 * readResolve each add an event here, so that a test can assert none of them ran.
 */
final class Markers
{
    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private Markers()
    {
    }

    static void record(final String event)
    {
        EVENTS.add(event);
    }

    static List<String> events(final String prefix)
    {
        return EVENTS.stream().filter(e -> e.startsWith(prefix)).toList();
    }
}

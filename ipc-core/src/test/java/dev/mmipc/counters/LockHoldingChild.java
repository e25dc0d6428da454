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
package dev.mmipc.counters;

import dev.mmipc.Namespace;

/**
 * Child JVM: opens a counters region, allocates {@value #BEFORE}, then allocates {@value #VICTIM} with a test
 * hook that stops inside the allocation lock, after the record is published and before the high-water mark
 * is stored, prints {@value #HOLDING} and sleeps (up to 60 s) until the test kills it with kill -9.
 * <p>
 * Arguments: region name.
 */
public final class LockHoldingChild
{
    static final String BEFORE = "before";
    static final String VICTIM = "victim";
    static final String HOLDING = "holding counters lock";

    private LockHoldingChild()
    {
    }

    /**
     * @param args region name.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final SharedCounters.Options options = SharedCounters.Options.defaults().withAfterPublishHook(() ->
        {
            System.out.println(HOLDING + " pid=" + ProcessHandle.current().pid());
            System.out.flush();
            try
            {
                Thread.sleep(60_000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            System.exit(3); // never reached when the test kills us, as it must
        });

        try (SharedCounters counters = SharedCounters.open(Namespace.open(), args[0]);
            SharedCounters stopping = SharedCounters.open(Namespace.open(), args[0], options))
        {
            counters.allocate(BEFORE).set(1);
            stopping.allocate(VICTIM);
        }
    }
}

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

/**
 * For tests in other packages: {@link SharedCounters.Options} whose allocation runs a hook inside the allocation
 * lock (after the record is published, before the high-water mark is stored).
 */
public final class CountersTestHooks
{
    private CountersTestHooks()
    {
    }

    /**
     * @param hook runs inside the allocation lock of every {@code allocate} through these options.
     * @return the options.
     */
    public static SharedCounters.Options insideAllocationLock(final Runnable hook)
    {
        return SharedCounters.Options.defaults().withAfterPublishHook(hook);
    }
}

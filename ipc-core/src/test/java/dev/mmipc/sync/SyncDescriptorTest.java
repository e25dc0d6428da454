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

import org.junit.jupiter.api.Test;

import static dev.mmipc.sync.SyncDescriptor.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SyncDescriptorTest
{
    @Test
    void shouldMatchTheDiagram()
    {
        assertEquals(0, TYPE_PARAM_OFFSET);
        assertEquals(8, VERSION_PARAM_OFFSET);
        assertEquals(16, INITIAL_PARAM_OFFSET);
        assertEquals(24, BOUND_PARAM_OFFSET);

        assertEquals(0, OWNER_WORD_OFFSET);
        assertEquals(8, OWNER_START_OFFSET);
        assertEquals(16, OWNER_CONFIRM_OFFSET);
        assertEquals(24, OWNER_THREAD_OFFSET);
        assertEquals(32, HOLD_COUNT_OFFSET);
        assertEquals(40, RECOVERIES_OFFSET);
        assertEquals(128, OWNER_SECTION_LENGTH);
        assertEquals(128, STATE_OFFSET);
        assertEquals(136, CONDITION_OFFSET);
        assertEquals(256, PAYLOAD_LENGTH);
    }

    @Test
    void shouldPackTheConditionWord()
    {
        final long word = conditionWord(3, 2);
        assertEquals(3L << 32 | 2, word);
        assertEquals(3, conditionWaitSeq(word));
        assertEquals(2, conditionWakeSeq(word));
        assertEquals(1, conditionWaiters(word));
    }

    @Test
    void shouldKeepTypeCodes()
    {
        assertEquals(1, SyncType.LOCK.code());
        assertEquals(2, SyncType.RLOCK.code());
        assertEquals(3, SyncType.SEMAPHORE.code());
        assertEquals(4, SyncType.BOUNDED_SEMAPHORE.code());
        assertEquals(5, SyncType.EVENT.code());
        assertEquals(6, SyncType.CONDITION.code());
        assertEquals(7, SyncType.BARRIER.code());
        assertEquals(8, SyncType.COUNT_DOWN_LATCH.code());
        assertEquals(SyncType.BARRIER, SyncType.fromCodeOrNull(7));
        assertEquals(null, SyncType.fromCodeOrNull(99));
    }
}

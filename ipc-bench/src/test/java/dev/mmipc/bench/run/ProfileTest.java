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
package dev.mmipc.bench.run;

import dev.mmipc.bench.transport.Transports;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The profiles keep to their budgets on the project's 2-core machine, by the estimate the run prints (forks ×
 * iterations × cells plus measured overheads), and meet the forks per figure.
 */
class ProfileTest
{
    private static double estimate(final Profile p)
    {
        return p.estimateSeconds(Plan.of(Transports.names(), p.sizes(), p.rounds(), true, true), true, true, true);
    }

    @Test
    void shouldKeepTheQuickProfileWithinTenMinutesAndThreeForksPerFigure()
    {
        assertEquals(3, Profile.QUICK.rounds());
        final double s = estimate(Profile.QUICK);
        assertTrue(s <= 600, "quick: " + Profile.minutes(s));
    }

    @Test
    void shouldKeepTheFullProfileWithinThirtyFiveMinutesAndFiveForksPerFigure()
    {
        assertEquals(5, Profile.FULL.rounds());
        assertEquals(4, Profile.FULL.sizes().size());
        final double s = estimate(Profile.FULL);
        assertTrue(s <= 35 * 60, "full: " + Profile.minutes(s));
    }

    @Test
    void shouldWriteMinutes()
    {
        assertEquals("9 min 05 s", Profile.minutes(545.2));
        assertEquals("0 min 00 s", Profile.minutes(0));
    }
}

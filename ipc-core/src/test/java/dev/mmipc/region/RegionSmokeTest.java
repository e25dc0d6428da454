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

import dev.mmipc.exceptions.RegionExistsException;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.*;

class RegionSmokeTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldCreateOpenCloseUnlink()
    {
        try (Region created = Region.create(ns.directory(), "r1", RegionKind.BYTES, 256,
            (params, payload) -> payload.putLong(0, 42L)))
        {
            assertThrows(RegionExistsException.class,
                () -> Region.create(ns.directory(), "r1", RegionKind.BYTES, 8, Region.ZEROED));
            try (Region opened = Region.open(ns.directory(), "r1", RegionKind.BYTES))
            {
                assertEquals(42L, opened.payload().getLong(0));
                assertEquals(256, opened.payload().capacity());
                assertEquals(ProcessHandle.current().pid(), opened.header().creatorPid());
                assertTrue(opened.header().creatorAlive());
            }
            assertTrue(created.unlink());
            assertFalse(Files.exists(created.path()));
            assertEquals(42L, created.payload().getLong(0));
        }
    }
}

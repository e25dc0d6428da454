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

import dev.mmipc.events.Lifecycle;
import dev.mmipc.events.RecordedEvents;
import dev.mmipc.exceptions.RegionNotReadyException;
import dev.mmipc.test.Mappings;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import static dev.mmipc.region.HeaderPatch.patch;
import static org.junit.jupiter.api.Assertions.*;

/**
 * What a region's life shows to others: its lifecycle lines, and what a create or an open that fails leaves behind.
 */
class RegionLifecycleTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldLogEveryCreateOpenAndUnlinkAtDebug()
    {
        final Logger logger = Logger.getLogger(Lifecycle.REGION_LOGGER); // held: JUL keeps loggers weakly
        final Level before = logger.getLevel();
        try (RecordedEvents recorded = new RecordedEvents(ns.scratch(), List.of(), List.of(Lifecycle.REGION_LOGGER)))
        {
            logger.setLevel(Level.FINE);
            try (Region created = Region.create(ns.directory(), "r", RegionKind.LONG, Long.BYTES, Region.ZEROED);
                Region opened = Region.open(ns.directory(), "r", RegionKind.LONG);
                Region again = Region.openOrCreate(ns.directory(), "r", RegionKind.LONG, Long.BYTES, Region.ZEROED))
            {
                assertTrue(opened.unlink());
                assertFalse(again.unlink(), "the name is gone: nothing removed, nothing logged");
                assertFalse(created.isClosed());
            }
            final String dir = ns.directory().path().toString();
            assertEquals(List.of(
                "region created: name=r, kind=LONG, dir=" + dir,
                "region opened: name=r, kind=LONG, dir=" + dir,
                "region opened: name=r, kind=LONG, dir=" + dir,
                "region unlinked: name=r, dir=" + dir), recorded.lines(Lifecycle.REGION_LOGGER, Level.FINE));
        }
        finally
        {
            logger.setLevel(before);
        }
    }

    @Test
    void shouldHoldAndLeaveNothingWhenTheInitializerFails()
    {
        final IllegalStateException failure = new IllegalStateException("initializer failed");
        assertSame(failure, assertThrows(IllegalStateException.class, () -> Region.create(
            ns.directory(), "r", RegionKind.BYTES, 4096, (params, payload) ->
            {
                throw failure;
            })));
        assertEquals(0, Mappings.count(ns.path().resolve("r")), "the temporary file is mapped nowhere");
        assertEquals(List.of(), ns.filesButLivenessTable(), "nor left in the directory");
        try (Region region = Region.create(ns.directory(), "r", RegionKind.BYTES, 4096, Region.ZEROED))
        {
            assertEquals(1, Mappings.count(region.path()));
        }
        assertEquals(0, Mappings.count(ns.path().resolve("r")));
    }

    @Test
    void shouldKeepTheInterruptOfAnOpenWaitingForReady() throws IOException
    {
        try (Region held = Region.create(ns.directory(), "r", RegionKind.BYTES, 64, Region.ZEROED))
        {
            // a held file: the second open maps nothing, so no interruptible channel call comes before the wait
            patch(held.path(), RegionDescriptor.STATE_OFFSET, Short.BYTES, RegionDescriptor.STATE_INITIALIZING);
            Thread.currentThread().interrupt();
            final RegionNotReadyException ex;
            final boolean interrupted;
            try
            {
                ex = assertThrows(RegionNotReadyException.class,
                    () -> Region.open(ns.directory(), "r", RegionKind.BYTES, 10_000));
            }
            finally
            {
                interrupted = Thread.interrupted();
            }
            assertTrue(interrupted, "the interrupt is kept for the caller");
            assertEquals("interrupted waiting for region to become ready: name=r, file=" + held.path(), ex.getMessage());
            assertEquals(1, Mappings.count(held.path()), "the refused open gave its use of the mapping back");
        }
    }
}

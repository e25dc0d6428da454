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

import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.ChildJvm;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RmCommandTest
{
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldRefuseARegionAnotherProcessHoldsUnlessForced()
    {
        Region.create(ns.directory(), "a", RegionKind.LONG, 8, Region.ZEROED).close();
        Region.create(ns.directory(), "b", RegionKind.LONG, 8, Region.ZEROED).close();
        final ChildJvm holder = ns.startChild(OpenAndHold.class, "a");
        holder.awaitOutput("opened a", CHILD_TIMEOUT);

        final Cli.Result refused = Cli.run(ns.path(), "rm", "a", "b");

        assertEquals(1, refused.exitCode(), refused::toString);
        assertEquals("removed b\n", refused.out());
        assertEquals("region in use, not removed: name=a, dir=" + ns.path() +
            ", reason=locked by another process, hint=--force removes the name anyway\n", refused.err());
        assertTrue(Files.exists(ns.path().resolve("a")));
        assertFalse(Files.exists(ns.path().resolve("b")));

        final Cli.Result forced = Cli.run(ns.path(), "rm", "--force", "a");

        assertEquals(0, forced.exitCode(), forced::toString);
        assertEquals("removed a, in use: processes that map it keep working\n", forced.out());
        assertEquals("", forced.err());
        assertFalse(Files.exists(ns.path().resolve("a")));
        assertTrue(holder.isAlive());
    }

    @Test
    void shouldRefuseARegionThisProcessHoldsAndKeepItWorkingWhenForced()
    {
        try (Region held = Region.create(ns.directory(), "a", RegionKind.LONG, 8, Region.ZEROED))
        {
            final Cli.Result refused = Cli.run(ns.path(), "rm", "a");

            assertEquals(1, refused.exitCode(), refused::toString);
            assertEquals("region in use, not removed: name=a, dir=" + ns.path() +
                ", reason=held by this process, hint=--force removes the name anyway\n", refused.err());
            assertTrue(Files.exists(ns.path().resolve("a")));

            final Cli.Result forced = Cli.run(ns.path(), "rm", "-f", "a");

            assertEquals(0, forced.exitCode(), forced::toString);
            assertEquals("removed a, in use: processes that map it keep working\n", forced.out());
            assertFalse(Files.exists(ns.path().resolve("a")));
            held.payload().putLongVolatile(0, 7);
            assertEquals(7, held.payload().getLongVolatile(0));
        }
    }

    @Test
    void shouldRemoveASymbolicLinkWithoutFollowingIt() throws Exception
    {
        final Path target = Files.writeString(ns.scratch().resolve("target"), "kept");
        Files.createSymbolicLink(ns.path().resolve("link"), target);

        final Cli.Result result = Cli.run(ns.path(), "rm", "link");

        assertEquals(0, result.exitCode(), result::toString);
        assertEquals("removed link\n", result.out());
        assertFalse(Files.exists(ns.path().resolve("link"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("kept", Files.readString(target));
    }

    @Test
    void shouldRemoveBrokenFiles() throws Exception
    {
        Files.write(ns.path().resolve("bad"), new byte[3]);

        final Cli.Result result = Cli.run(ns.path(), "rm", "bad");

        assertEquals(0, result.exitCode(), result::toString);
        assertFalse(Files.exists(ns.path().resolve("bad")));
    }

    @Test
    void shouldExitOneForAMissingNameAndStillRemoveTheOthers()
    {
        Region.create(ns.directory(), "here", RegionKind.LONG, 8, Region.ZEROED).close();

        final Cli.Result result = Cli.run(ns.path(), "rm", "gone", "here");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("removed here\n", result.out());
        assertEquals("region not found: name=gone, dir=" + ns.path() + "\n", result.err());
        assertFalse(Files.exists(ns.path().resolve("here")));
    }

    @Test
    void shouldExitTwoOnAnInvalidNameAndRemoveNothing()
    {
        Region.create(ns.directory(), "here", RegionKind.LONG, 8, Region.ZEROED).close();

        final Cli.Result result = Cli.run(ns.path(), "rm", "here", "../x");

        assertEquals(2, result.exitCode(), result::toString);
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("invalid region name: name=\"../x\", length=4, reason=contains a path separator"),
            result::toString);
        assertTrue(Files.exists(ns.path().resolve("here")));
    }

    @Test
    void shouldExitTwoWithoutNames()
    {
        final Cli.Result result = Cli.run(ns.path(), "rm");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("Missing required parameter: 'NAME'"), result::toString);
    }
}

package dev.mmipc.tools;

import dev.mmipc.region.Region;
import dev.mmipc.region.RegionKind;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RmCommandTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldRemoveRegionsWhileMappersKeepWorking()
    {
        try (Region held = Region.create(ns.directory(), "a", RegionKind.LONG, 8, Region.ZEROED))
        {
            Region.create(ns.directory(), "b", RegionKind.LONG, 8, Region.ZEROED).close();

            final Cli.Result result = Cli.run(ns.path(), "rm", "a", "b");

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals("removed a\nremoved b\n", result.out());
            assertEquals("", result.err());
            assertFalse(Files.exists(ns.path().resolve("a")));
            assertFalse(Files.exists(ns.path().resolve("b")));
            held.payload().putLongVolatile(0, 7);
            assertEquals(7, held.payload().getLongVolatile(0));
        }
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

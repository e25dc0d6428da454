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
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MmipcCommandTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldPrintHelpWithEveryCommand()
    {
        final Cli.Result result = Cli.runRaw("--help");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("Usage: mmipc [-hV] [--dir=DIR] COMMAND"), result::toString);
        for (final String command : new String[]{ "ls", "stat", "inspect", "rm", "gc" })
        {
            assertTrue(result.out().contains("\n  " + command + " "), () -> command + " missing\n" + result);
        }
        assertTrue(result.out().contains("Exit codes: 0 ok, 1 not found or failed, 2 usage error."), result::toString);
    }

    @Test
    void shouldPrintVersion()
    {
        final Cli.Result result = Cli.runRaw("--version");

        assertEquals(0, result.exitCode(), result::toString);
        assertTrue(result.out().startsWith("mmipc " + VersionProvider.projectVersion() + "\n"), result::toString);
        assertTrue(result.out().contains("region layout 1.0"), result::toString);
        assertTrue(VersionProvider.projectVersion().matches("\\d+\\.\\d+\\.\\d+.*"), VersionProvider.projectVersion());
    }

    @Test
    void shouldPrintHelpAndVersionOfEachSubcommand()
    {
        for (final String command : new String[]{ "ls", "stat", "inspect", "rm", "gc" })
        {
            final Cli.Result result = Cli.runRaw(command, "--help");

            assertEquals(0, result.exitCode(), result::toString);
            assertTrue(result.out().startsWith("Usage: mmipc " + command + " "), result::toString);
            assertTrue(result.out().contains("--dir=DIR"), result::toString);

            final Cli.Result version = Cli.runRaw(command, "--version");
            assertEquals(0, version.exitCode(), version::toString);
            assertTrue(version.out().startsWith("mmipc " + VersionProvider.projectVersion() + "\n"), version::toString);
        }
    }

    @Test
    void shouldExitTwoWithoutCommand()
    {
        final Cli.Result result = Cli.runRaw();

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.err().startsWith("missing command: expected one of [ls, stat, inspect, rm, gc]"), result::toString);
        assertTrue(result.err().contains("Usage: mmipc"), result::toString);
    }

    @Test
    void shouldExitTwoOnUnknownCommandOrOption()
    {
        final Cli.Result unknownCommand = Cli.run(ns.path(), "frobnicate");
        assertEquals(2, unknownCommand.exitCode(), unknownCommand::toString);
        assertTrue(unknownCommand.err().contains("Unmatched argument at index 2: 'frobnicate'"), unknownCommand::toString);

        final Cli.Result unknownOption = Cli.run(ns.path(), "ls", "--frob");
        assertEquals(2, unknownOption.exitCode(), unknownOption::toString);
        assertTrue(unknownOption.err().contains("Unknown option: '--frob'"), unknownOption::toString);

        final Cli.Result missingArgument = Cli.run(ns.path(), "inspect");
        assertEquals(2, missingArgument.exitCode(), missingArgument::toString);
        assertTrue(missingArgument.err().contains("Missing required parameter: 'NAME'"), missingArgument::toString);
    }

    @Test
    void shouldAcceptDirBeforeOrAfterCommand()
    {
        Region.create(ns.directory(), "hits", RegionKind.LONG, 8, Region.ZEROED).close();

        final Cli.Result before = Cli.runRaw("--dir", ns.path().toString(), "ls");
        final Cli.Result after = Cli.runRaw("ls", "--dir", ns.path().toString());

        assertEquals(0, before.exitCode(), before::toString);
        assertTrue(before.out().contains("\nhits "), before::toString);
        assertEquals(0, after.exitCode(), after::toString);
        assertTrue(after.out().contains("\nhits "), after::toString);
    }

    @Test
    void shouldReportUnsafeNamespaceDirectory() throws Exception
    {
        final java.nio.file.Path open = ns.scratch().resolve("open");
        java.nio.file.Files.createDirectory(open);
        java.nio.file.Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));

        final Cli.Result result = Cli.run(open, "ls");

        assertEquals(1, result.exitCode(), result::toString);
        assertEquals("namespace directory writable by group or others: dir=" + open + ", mode=rwxrwxrwx\n", result.err());
    }
}

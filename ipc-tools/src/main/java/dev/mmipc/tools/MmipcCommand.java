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

import dev.mmipc.region.NamespaceDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The top {@code mmipc} command: the global {@code --dir} option and the subcommands.
 */
@Command(
    name = "mmipc",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Look at and clean up the shared regions of an mmipc namespace.",
    synopsisSubcommandLabel = "COMMAND",
    subcommands = {
        LsCommand.class,
        StatCommand.class,
        InspectCommand.class,
        RmCommand.class,
        GcCommand.class
    },
    footer = {
        "",
        "The namespace is --dir, else -Dmmipc.dir, else $MMIPC_DIR, else /dev/shm/mmipc-$USER.",
        "Exit codes: 0 ok, 1 not found or failed, 2 usage error."
    })
public final class MmipcCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    private Path dir;

    /**
     * @param dir the namespace directory given on the command line.
     */
    @Option(
        names = "--dir",
        paramLabel = "DIR",
        scope = ScopeType.INHERIT,
        description = "Namespace directory (default: -Dmmipc.dir, $MMIPC_DIR, /dev/shm/mmipc-$USER).")
    public void setDir(final Path dir)
    {
        // an inherited option may be given before or after the subcommand: keep any value given
        if (dir != null)
        {
            this.dir = dir;
        }
    }

    /**
     * Without a subcommand there is nothing to do: a usage error.
     *
     * @return never returns normally.
     */
    @Override
    public Integer call()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: expected one of " +
            spec.subcommands().keySet());
    }

    /**
     * @return the namespace path: {@code --dir}, else property, environment or default; not checked.
     */
    public Path namespacePath()
    {
        final Path path = dir != null ? dir : NamespaceDirectory.defaultPath(
            System.getProperty(NamespaceDirectory.DIR_PROPERTY), System.getenv());
        return path.toAbsolutePath().normalize();
    }

    /**
     * The namespace, checked, when its directory exists; a tool never creates it.
     *
     * @return the namespace directory, or empty when the directory does not exist.
     * @throws dev.mmipc.exceptions.NamespaceException when it exists but is not safe to use.
     */
    public Optional<NamespaceDirectory> existingNamespace()
    {
        final Path path = namespacePath();
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS))
        {
            return Optional.empty();
        }
        return Optional.of(NamespaceDirectory.of(path));
    }
}

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

import dev.mmipc.Namespace;
import dev.mmipc.exceptions.RegionIoException;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.RegionFiles;
import dev.mmipc.region.RegionFiles.Removal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code mmipc rm NAME...}: remove regions by name.
 * <p>
 * A region that no process holds is removed under an exclusive file lock ({@link RegionFiles#removeIfUnused}).
 * A region in use (some process, in any PID namespace, holds a handle to it, or is creating it) is refused:
 * the name stays, an error names it, and the exit code is 1. With {@code --force} its name is removed anyway;
 * the processes that map it keep working on their copy, and a later open by that name finds no region (or
 * a new one). A name that is not a regular file (a symbolic link, say) is removed as it is: nothing can hold it.
 * {@code --json} prints a JSON array, one object per name: {@code name}, {@code removed} (true/false), {@code in_use}
 * and, when not removed, {@code error}; errors go to stderr too, and the exit code is the same.
 */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Remove regions by name. A region in use (held open by some process) is refused unless " +
        "--force is given; processes that still map a removed region keep working, and its memory is freed " +
        "when the last one unmaps it.")
final class RmCommand extends ToolCommand
{
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Region names.")
    List<String> names;

    @Option(names = { "-f", "--force" }, description = "Remove the name even while a process holds the region.")
    boolean force;

    @Option(names = "--json", description = "Print a JSON array: name, removed, in_use, error.")
    boolean json;

    private final List<String> results = new ArrayList<>();

    @Override
    int run()
    {
        if (!validNames(names))
        {
            return ExitCodes.USAGE;
        }
        final Optional<NamespaceDirectory> ns = parent.existingNamespace();
        int exitCode = ExitCodes.OK;
        for (final String name : names)
        {
            if (ns.isEmpty())
            {
                failed(name, false, notFound(name));
                exitCode = ExitCodes.FAILED;
            }
            else if (!remove(ns.get(), name))
            {
                exitCode = ExitCodes.FAILED;
            }
        }
        if (json)
        {
            out().println(Json.array(results, "  "));
        }
        return exitCode;
    }

    private void removed(final String name, final boolean inUse, final String text)
    {
        if (json)
        {
            results.add(new Json.Obj().put("name", name).put("removed", true).put("in_use", inUse).toString());
        }
        else
        {
            out().println(text);
        }
    }

    private void failed(final String name, final boolean inUse, final String error)
    {
        results.add(new Json.Obj().put("name", name).put("removed", false).put("in_use", inUse).put("error", error)
            .toString());
        err().println(error);
    }

    /**
     * @return true when the name was removed.
     */
    private boolean remove(final NamespaceDirectory ns, final String name)
    {
        final Path path = ns.resolve(name);
        try
        {
            final Removal removal = RegionFiles.removeIfUnused(path, null, false);
            if (removal == Removal.REMOVED)
            {
                removed(name, false, "removed " + name);
                return true;
            }
            if (removal == Removal.IN_USE || removal == Removal.HELD_HERE)
            {
                if (!force)
                {
                    failed(name, true, "region in use, not removed: name=" + name + ", dir=" + ns.path() + ", reason=" +
                        (removal == Removal.IN_USE ? "locked by another process" : "held by this process") +
                        ", hint=--force removes the name anyway");
                    return false;
                }
                if (Namespace.of(ns).unlink(name))
                {
                    removed(name, true, "removed " + name + ", in use: processes that map it keep working");
                    return true;
                }
            }
            else if (removal == Removal.NOT_A_FILE && Namespace.of(ns).unlink(name))
            {
                removed(name, false, "removed " + name); // a symbolic link or the like: no process can hold it
                return true;
            }
            failed(name, false, notFound(name)); // gone (REPLACED and UNUSED need an expected file or a dry run)
            return false;
        }
        catch (final IOException ex)
        {
            failed(name, false, "region not removable: name=" + name + ", file=" + path + ", error=" + ex);
            return false;
        }
        catch (final RegionIoException ex)
        {
            failed(name, false, ex.getMessage());
            return false;
        }
    }
}

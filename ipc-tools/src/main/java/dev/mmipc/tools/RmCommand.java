package dev.mmipc.tools;

import dev.mmipc.Namespace;
import dev.mmipc.RegionIoException;
import dev.mmipc.region.NamespaceDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Optional;

/**
 * {@code mmipc rm NAME...}: remove regions by name. Processes that map one keep working.
 */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Remove regions by name. Processes that still map one keep working; its memory is freed " +
        "when the last one unmaps it.")
final class RmCommand extends ToolCommand
{
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Region names.")
    List<String> names;

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
            try
            {
                if (ns.isPresent() && Namespace.of(ns.get()).unlink(name))
                {
                    out().println("removed " + name);
                }
                else
                {
                    err().println(notFound(name));
                    exitCode = ExitCodes.FAILED;
                }
            }
            catch (final RegionIoException ex)
            {
                err().println(ex.getMessage());
                exitCode = ExitCodes.FAILED;
            }
        }
        return exitCode;
    }
}

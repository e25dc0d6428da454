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

import dev.mmipc.exceptions.InvalidNameException;
import dev.mmipc.region.NamespaceDirectory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What every {@code mmipc} subcommand shares: the parent's namespace and the output streams.
 */
abstract class ToolCommand implements Callable<Integer>
{
    @ParentCommand
    MmipcCommand parent;

    @Spec
    CommandSpec spec;

    PrintWriter out()
    {
        return spec.commandLine().getOut();
    }

    PrintWriter err()
    {
        return spec.commandLine().getErr();
    }

    /**
     * Check every name before acting on any.
     *
     * @param names region names from the command line.
     * @return true when all are valid; otherwise the first problem is on stderr.
     */
    boolean validNames(final List<String> names)
    {
        for (final String name : names)
        {
            try
            {
                NamespaceDirectory.validateName(name);
            }
            catch (final InvalidNameException ex)
            {
                err().println(ex.getMessage());
                return false;
            }
        }
        return true;
    }

    String notFound(final String name)
    {
        return "region not found: name=" + name + ", dir=" + parent.namespacePath();
    }

    @Override
    public final Integer call()
    {
        try
        {
            return run();
        }
        finally
        {
            out().flush();
            err().flush();
        }
    }

    abstract int run();
}

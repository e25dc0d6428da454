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

import dev.mmipc.exceptions.MmipcException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Entry point of the {@code mmipc} command line.
 */
public final class Main
{
    private Main()
    {
    }

    /**
     * Run {@code mmipc} and exit with its exit code.
     *
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(newCommandLine().execute(args));
    }

    /**
     * @return a command line for {@code mmipc} writing to {@code System.out} and {@code System.err}.
     */
    public static CommandLine newCommandLine()
    {
        return configure(new CommandLine(new MmipcCommand()));
    }

    /**
     * A command line for {@code mmipc} writing to the given streams, for running it in-process.
     *
     * @param out where results go.
     * @param err where errors and usage help go.
     * @return the command line; call {@link CommandLine#execute(String...)} on it.
     */
    public static CommandLine newCommandLine(final PrintWriter out, final PrintWriter err)
    {
        final CommandLine commandLine = newCommandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine;
    }

    private static CommandLine configure(final CommandLine commandLine)
    {
        commandLine.setExecutionExceptionHandler(Main::handleExecutionException);
        return commandLine;
    }

    private static int handleExecutionException(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final PrintWriter err = commandLine.getErr();
        if (ex instanceof MmipcException)
        {
            // expected failures of shared state carry a complete `what: key=value` message
            err.println(ex.getMessage());
        }
        else
        {
            err.println("mmipc failed: command=" + commandLine.getCommandName() + ", error=" + ex);
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILED;
    }
}

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

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Child JVM: runs several {@code mmipc} command lines one after another in this JVM (namespace from
 * {@code -Dmmipc.dir}) and prints, for each, {@code ran COMMAND exit=N} and what it printed.
 * <pre>
 * RunTools "ls" "inspect hits" "gc --dry-run" ...
 * </pre>
 */
public final class RunTools
{
    private RunTools()
    {
    }

    /**
     * @param args command lines, each one argument split at spaces.
     */
    public static void main(final String[] args)
    {
        for (final String commandLine : args)
        {
            final StringWriter out = new StringWriter();
            final int exitCode;
            try (PrintWriter writer = new PrintWriter(out, true))
            {
                exitCode = Main.newCommandLine(writer, writer).execute(commandLine.split(" "));
            }
            System.out.print(out);
            System.out.println("ran " + commandLine + " exit=" + exitCode);
        }
        System.out.println("all ran");
    }
}

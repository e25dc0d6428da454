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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs {@code mmipc} in-process with captured output.
 */
final class Cli
{
    /**
     * What a run printed and returned.
     *
     * @param exitCode the exit code.
     * @param out      standard output.
     * @param err      standard error.
     */
    record Result(int exitCode, String out, String err)
    {
        @Override
        public String toString()
        {
            return "exit=" + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    private Cli()
    {
    }

    /**
     * @param dir  namespace directory, passed as {@code --dir}.
     * @param args the command and its arguments.
     * @return the result.
     */
    static Result run(final Path dir, final String... args)
    {
        final List<String> all = new ArrayList<>();
        all.add("--dir");
        all.add(dir.toString());
        all.addAll(Arrays.asList(args));
        return runRaw(all.toArray(new String[0]));
    }

    /**
     * @param args the whole command line.
     * @return the result.
     */
    static Result runRaw(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exitCode;
        try (PrintWriter outWriter = new PrintWriter(out, true); PrintWriter errWriter = new PrintWriter(err, true))
        {
            exitCode = Main.newCommandLine(outWriter, errWriter).execute(args);
        }
        return new Result(exitCode, out.toString(), err.toString());
    }
}

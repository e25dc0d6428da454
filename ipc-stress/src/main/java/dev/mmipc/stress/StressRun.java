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
package dev.mmipc.stress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs jcstress ({@code org.openjdk.jcstress.Main}) in a child JVM from the same jar, bounded in time, and
 * fails (exit status 1) unless it exited 0 (jcstress throws at the end when any outcome was FORBIDDEN or any
 * test failed), wrote a result for every mmipc test in the jar that {@code -t} selects, and left no {@code mmipc-jcstress-*} directory
 * behind.
 * <p>
 * Usage: {@code java -cp jcstress.jar dev.mmipc.stress.StressRun TIMEOUT_S RESULTS_DIR [jcstress options]};
 * the results directory is emptied first and passed to jcstress as {@code -r}.
 */
public final class StressRun
{
    private static final Pattern TEST_ENTRY = Pattern.compile("^JCTEST(\\d+)S");

    private StressRun()
    {
    }

    /**
     * @param args timeout in seconds, results directory, then the options for jcstress.
     * @throws Exception when the run cannot be started.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length < 2)
        {
            System.err.println("usage: StressRun TIMEOUT_S RESULTS_DIR [jcstress options]");
            System.exit(2);
        }
        final long timeoutS = Long.parseLong(args[0]);
        final Path results = Path.of(args[1]).toAbsolutePath();
        StressNamespace.deleteRecursively(results);
        Files.createDirectories(results);

        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.openjdk.jcstress.Main");
        for (int i = 2; i < args.length; i++)
        {
            command.add(args[i]);
        }
        command.add("-r");
        command.add(results.toString());

        final long startNs = System.nanoTime();
        // jcstress writes its result blob into its working directory: keep it beside the results, not in the sources
        final Process process = new ProcessBuilder(command).directory(results.getParent().toFile()).inheritIO().start();
        final List<String> failures = new ArrayList<>();
        if (!process.waitFor(timeoutS, TimeUnit.SECONDS))
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            failures.add("jcstress did not finish: timeout_s=" + timeoutS);
        }
        else if (process.exitValue() != 0)
        {
            failures.add("jcstress failed: exit_status=" + process.exitValue() + " (see TEST FAILURES above)");
        }

        Pattern filter = null;
        for (int i = 2; i < args.length - 1; i++)
        {
            if ("-t".equals(args[i]))
            {
                filter = Pattern.compile(args[i + 1]);
            }
        }
        final List<String> tests = new ArrayList<>();
        for (final String test : testNames())
        {
            if (filter == null || filter.matcher(test).find())
            {
                tests.add(test);
            }
        }
        if (tests.isEmpty())
        {
            failures.add("no mmipc tests selected");
        }
        for (final String test : tests)
        {
            if (!Files.exists(results.resolve(test + ".html")))
            {
                failures.add("no result for test: test=" + test + ", dir=" + results);
            }
        }

        StressNamespace.removeStale(StressNamespace.base());
        try (DirectoryStream<Path> left = Files.newDirectoryStream(StressNamespace.base(), StressNamespace.PREFIX + "*"))
        {
            for (final Path dir : left)
            {
                failures.add("namespace left behind: dir=" + dir);
            }
        }

        final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNs);
        if (!failures.isEmpty())
        {
            failures.forEach((f) -> System.err.println("mmipc jcstress: " + f));
            System.exit(1);
        }
        System.out.println("mmipc jcstress: " + tests.size() + " tests passed in " + seconds + " s, results in " + results);
    }

    private static List<String> testNames() throws IOException
    {
        final List<String> names = new ArrayList<>();
        try (InputStream in = StressRun.class.getResourceAsStream("/META-INF/TestList"))
        {
            if (in == null)
            {
                return names;
            }
            for (final String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
            {
                final Matcher m = TEST_ENTRY.matcher(line);
                if (m.find())
                {
                    final int length = Integer.parseInt(m.group(1));
                    final String name = line.substring(m.end(), m.end() + length);
                    if (name.startsWith("dev.mmipc."))
                    {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }
}

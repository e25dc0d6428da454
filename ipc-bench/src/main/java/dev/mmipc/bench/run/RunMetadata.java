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
package dev.mmipc.bench.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a run records about itself in {@code run.json}: when, on which commit and with which command, on which
 * JDK, CPU and kernel, pinned how, under which load.
 */
public final class RunMetadata
{
    private RunMetadata()
    {
    }

    /**
     * @param command the arguments the run was started with.
     * @param profile its profile.
     * @return the run's description, to be completed with {@code elapsedSeconds}, {@code notes} and the load at
     *         the end.
     */
    public static Map<String, Object> collect(final List<String> command, final Profile profile)
    {
        final Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        meta.put("command", "bin/bench" + (command.isEmpty() ? "" : " " + String.join(" ", command)));
        meta.put("profile", profile.name());
        meta.put("commit", git("rev-parse", "HEAD"));
        final String status = git("status", "--porcelain", "--untracked-files=no");
        meta.put("commitDirty", null == status ? null : !status.isBlank());
        meta.put("cpu", cpuModel());
        meta.put("cores", Runtime.getRuntime().availableProcessors());
        meta.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        meta.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " (" +
            System.getProperty("java.vendor") + ")");
        meta.put("loadAverageAtStart", loadAverage());
        return meta;
    }

    /**
     * @return the one-minute load average rounded to two decimals (a number: {@code run.json} and
     *         {@code summary.json} keep numbers as numbers), or -1 where the OS does not tell.
     */
    public static double loadAverage()
    {
        final double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? -1 : Math.round(load * 100) / 100.0;
    }

    private static String cpuModel()
    {
        try
        {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst().orElse(System.getProperty("os.arch"));
        }
        catch (final IOException ex)
        {
            return System.getProperty("os.arch");
        }
    }

    /**
     * @param args git's arguments.
     * @return git's output in the working directory, trimmed, or null when git cannot tell.
     */
    static String git(final String... args)
    {
        final String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        try
        {
            final Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        }
        catch (final IOException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

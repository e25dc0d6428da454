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
package dev.mmipc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every main source file of every module ({@code <module>/src/main/java/**.java}, licence header included) stays
 * under {@value #MAX_LINES} lines, as issue #14 asks: a class a reader can hold. Fails the build naming each file
 * over the limit and its length; split it by responsibility into package-private helpers.
 */
final class MainClassLengthTest
{
    /** A main source file must have fewer lines than this. */
    static final int MAX_LINES = 800;

    @Test
    void shouldKeepEveryMainClassOfEveryModuleUnderTheLimit()
    {
        final Path root = projectRoot();
        final Set<String> modules = modulesWithMainSources(root);
        // not vacuous: the scan sees the four modules the build has
        assertTrue(modules.containsAll(List.of("ipc-core", "ipc-tools", "ipc-bench", "ipc-stress")),
            "modules with main sources: root=" + root + ", found=" + modules);
        assertEquals(List.of(), tooLong(root), "main source files of " + MAX_LINES + " lines or more");
    }

    @Test
    void shouldReportAFileOfTheLimitAndNotOneLineShorter(@TempDir final Path root) throws IOException
    {
        final Path pkg = Files.createDirectories(root.resolve("m/src/main/java/p"));
        Files.writeString(pkg.resolve("Long.java"), "x\n".repeat(MAX_LINES), StandardCharsets.UTF_8);
        Files.writeString(pkg.resolve("Short.java"), "x\n".repeat(MAX_LINES - 1), StandardCharsets.UTF_8);
        Files.createDirectories(root.resolve("m/src/test/java/p"));
        Files.writeString(root.resolve("m/src/test/java/p/LongTest.java"), "x\n".repeat(2 * MAX_LINES));

        assertEquals(List.of("main class too long: file=m/src/main/java/p/Long.java, lines=800, max=799"),
            tooLong(root));
    }

    /**
     * @param root the project's root directory.
     * @return one line per main source file of {@link #MAX_LINES} lines or more, sorted.
     */
    static List<String> tooLong(final Path root)
    {
        final List<String> found = new ArrayList<>();
        for (final String module : modulesWithMainSources(root))
        {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java")))
            {
                for (final Path file : files.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList()))
                {
                    final int lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
                    if (lines >= MAX_LINES)
                    {
                        found.add("main class too long: file=" + root.relativize(file).toString().replace('\\', '/') +
                            ", lines=" + lines + ", max=" + (MAX_LINES - 1));
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        Collections.sort(found);
        return found;
    }

    private static Set<String> modulesWithMainSources(final Path root)
    {
        try (Stream<Path> dirs = Files.list(root))
        {
            return dirs.filter(d -> Files.isDirectory(d.resolve("src/main/java")))
                .map(d -> d.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return the directory holding ipc-core and the parent pom (surefire runs in the module's directory).
     */
    private static Path projectRoot()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("ipc-core")) && Files.isRegularFile(dir.resolve("pom.xml"))))
        {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "project root not found above: dir=" + Path.of("").toAbsolutePath());
        return dir;
    }
}

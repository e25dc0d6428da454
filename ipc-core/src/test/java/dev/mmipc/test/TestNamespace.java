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
package dev.mmipc.test;

import dev.mmipc.liveness.LivenessDescriptor;
import dev.mmipc.region.NamespaceDirectory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * JUnit 5 extension: a fresh namespace directory for each test (under {@code /dev/shm} where it
 * exists), children started through it, and after each test every child killed and reaped and the
 * directory removed. A test that fails while children still run (a bounded wait that ran out, say) prints
 * their thread dumps and output, and this JVM's threads, before they are killed. Register with {@code
 * @RegisterExtension final TestNamespace ns = new TestNamespace();}.
 */
public final class TestNamespace implements BeforeEachCallback, AfterEachCallback, TestExecutionExceptionHandler
{
    private static final Path BASE = Files.isDirectory(Path.of("/dev/shm")) ?
        Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));

    private final List<ChildJvm> children = new ArrayList<>();
    private Path root;
    private NamespaceDirectory directory;

    @Override
    public void beforeEach(final ExtensionContext context) throws IOException
    {
        root = Files.createTempDirectory(BASE, "mmipc-test-");
        directory = NamespaceDirectory.of(root.resolve("ns"));
    }

    @Override
    public void handleTestExecutionException(final ExtensionContext context, final Throwable failure) throws Throwable
    {
        boolean anyAlive = false;
        for (final ChildJvm child : children)
        {
            if (child.isAlive())
            {
                anyAlive = true;
                child.dumpThreads();
                System.out.println("=== output of " + child + " (alive when the test failed) ===\n" + child.output());
            }
        }
        if (anyAlive || failure instanceof TimeoutException)
        {
            ThreadDumps.dumpOwnThreads(context.getDisplayName() + " failed: " + failure);
        }
        throw failure;
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        AssertionError failure = null;
        for (final ChildJvm child : children)
        {
            try
            {
                child.close();
            }
            catch (final AssertionError ex)
            {
                failure = ex;
            }
        }
        children.clear();
        deleteRecursively(root);
        if (failure != null)
        {
            throw failure;
        }
    }

    /**
     * @return the namespace directory of the running test.
     */
    public NamespaceDirectory directory()
    {
        return directory;
    }

    /**
     * @return the namespace directory's path.
     */
    public Path path()
    {
        return directory.path();
    }

    /**
     * @return the name of every file in the namespace directory, temporary files included, sorted, but the
     * namespace's liveness table, which stays for the next process that uses the directory.
     */
    public List<String> filesButLivenessTable()
    {
        try (Stream<Path> files = Files.list(path()))
        {
            return files.map((file) -> file.getFileName().toString())
                .filter((name) -> !name.equals(LivenessDescriptor.FILE_NAME)).sorted().toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return a scratch directory beside the namespace, removed with it.
     */
    public Path scratch()
    {
        try
        {
            return Files.createDirectories(root.resolve("scratch"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Start a child JVM that runs {@code mainClass.main(args)} with {@code -Dmmipc.dir} set to this namespace.
     *
     * @param mainClass class with a main method, on the test classpath.
     * @param args      its arguments.
     * @return the running child, reaped after the test.
     */
    public ChildJvm startChild(final Class<?> mainClass, final String... args)
    {
        return startChild(new ChildJvm.Options(), mainClass, args);
    }

    /**
     * @param options   JVM options.
     * @param mainClass class with a main method, on the test classpath.
     * @param args      its arguments.
     * @return the running child, reaped after the test.
     */
    public ChildJvm startChild(final ChildJvm.Options options, final Class<?> mainClass, final String... args)
    {
        final ChildJvm child = ChildJvm.start(directory, root.resolve("logs"), options, mainClass, args);
        children.add(child);
        return child;
    }

    private static void deleteRecursively(final Path dir)
    {
        if (dir == null || !Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p ->
            {
                try
                {
                    Files.deleteIfExists(p);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

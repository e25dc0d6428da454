package dev.mmipc.examples;

import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ExamplesTest
{
    @RegisterExtension
    final TestNamespace ns = new TestNamespace();

    @Test
    void shouldRunApplyAsyncExample() throws Exception
    {
        ApplyAsyncExample.main(new String[]{ns.path().toString()});
        assertEquals(List.of(), ns.directory().list());
    }

    @Test
    void shouldCopyFolderOnPool() throws Exception
    {
        final Path source = Files.createDirectories(ns.scratch().resolve("src/a/b"));
        for (int i = 0; i < 20; i++)
        {
            Files.write(source.resolve("f" + i), new byte[1000 * i]);
        }
        Files.writeString(ns.scratch().resolve("src/top.txt"), "hello");
        final Path target = ns.scratch().resolve("dst");
        FolderCopyExample.main(new String[]{ns.scratch().resolve("src").toString(), target.toString(), ns.path().toString()});
        for (int i = 0; i < 20; i++)
        {
            assertArrayEquals(new byte[1000 * i], Files.readAllBytes(target.resolve("a/b/f" + i)));
        }
        assertEquals("hello", Files.readString(target.resolve("top.txt")));
        assertEquals(List.of(), ns.directory().list());
    }
}

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
package dev.mmipc.examples;

import dev.mmipc.Namespace;
import dev.mmipc.test.TestNamespace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void shouldConsumeEveryItemExactlyOnceWithFiveProducersAndFiveConsumers() throws Exception
    {
        final ProducersConsumersExample.Outcome outcome = ProducersConsumersExample.run(Namespace.at(ns.path()));
        final long[] counts = outcome.counts();
        assertEquals(ProducersConsumersExample.PRODUCERS * ProducersConsumersExample.PER_PRODUCER, counts.length);
        for (int item = 0; item < counts.length; item++)
        {
            assertEquals(1, counts[item], "item taken exactly once: item=" + item);
        }
        assertEquals(ProducersConsumersExample.CONSUMERS, outcome.pills(), "each consumer took one pill");
        assertEquals(Collections.nCopies(ProducersConsumersExample.PRODUCERS + ProducersConsumersExample.CONSUMERS, 0),
            outcome.exitCodes());
        assertEquals(List.of(), ns.directory().list());
    }

    @Test
    void shouldCopyFolderOnPoolWithProgressFedByQueue() throws Exception
    {
        final Path source = Files.createDirectories(ns.scratch().resolve("src/a/b"));
        long total = 0;
        for (int i = 0; i < 20; i++)
        {
            Files.write(source.resolve("f" + i), filled(10_000 * i, i));
            total += 10_000 * i;
        }
        Files.writeString(ns.scratch().resolve("src/top.txt"), "hello");
        total += 5;
        final Path target = ns.scratch().resolve("dst");
        final ByteArrayOutputStream shown = new ByteArrayOutputStream();
        final long bytes;
        try (PrintStream out = new PrintStream(shown, true, StandardCharsets.UTF_8))
        {
            bytes = FolderCopyExample.copy(ns.scratch().resolve("src"), target, Namespace.at(ns.path()), out);
        }
        assertEquals(total, bytes, "every byte reported through the progress queue");
        for (int i = 0; i < 20; i++)
        {
            assertArrayEquals(filled(10_000 * i, i), Files.readAllBytes(target.resolve("a/b/f" + i)));
        }
        assertEquals("hello", Files.readString(target.resolve("top.txt")));
        final String text = shown.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\r[" + " ".repeat(30) + "] 0% 0/21 files\r"), text);
        assertTrue(text.endsWith("\r[" + "#".repeat(30) + "] 100% 21/21 files" + System.lineSeparator()), text);
        assertEquals(List.of(), ns.directory().list());
    }

    private static byte[] filled(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 31 + seed);
        }
        return bytes;
    }
}

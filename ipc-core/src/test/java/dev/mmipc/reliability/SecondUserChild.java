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
package dev.mmipc.reliability;

import dev.mmipc.Namespace;
import dev.mmipc.shared.SharedLong;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Child JVM of {@link SecondUserTest}, run as another user: tries every way into a region of ours and prints
 * one line per attempt ({@code open} through mmipc, the others through the file system), {@code WHAT=refused CLASS:
 * MESSAGE} or {@code WHAT=ALLOWED}.
 * <pre>
 * SecondUserChild NAMESPACE_DIR REGION_NAME
 * </pre>
 */
public final class SecondUserChild
{
    @FunctionalInterface
    private interface Attempt
    {
        void run() throws Exception;
    }

    private SecondUserChild()
    {
    }

    /**
     * @param args namespace directory, region name.
     * @throws Exception on a harness failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[0]);
        final Path file = dir.resolve(args[1]);
        System.out.println("uid=" + Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        final Consumer<String> out = System.out::println;
        attempt(out, "namespace", () -> Namespace.at(dir).list());
        attempt(out, "open", () -> SharedLong.open(Namespace.at(dir), args[1]).close());
        attempt(out, "read", () ->
        {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
            {
                channel.size();
            }
        });
        attempt(out, "write", () ->
        {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
            {
                channel.size();
            }
        });
        attempt(out, "list", () ->
        {
            try (var stream = Files.list(dir))
            {
                stream.count();
            }
        });
        attempt(out, "delete", () -> Files.delete(file));
        attempt(out, "plant", () -> Files.createFile(dir.resolve("planted")));
        System.out.flush();
    }

    private static void attempt(final Consumer<String> out, final String what, final Attempt attempt)
    {
        try
        {
            attempt.run();
            out.accept(what + "=ALLOWED");
        }
        catch (final Exception ex)
        {
            out.accept(what + "=refused " + ex.getClass().getName() + ": " + ex.getMessage());
        }
    }
}

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

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Child JVM: maps a region file the way mmipc did before region locks (map, close the descriptor, no lock),
 * prints {@code mapped}, keeps the mapping until killed (or 120 s pass).
 */
public final class MapWithoutLock
{
    private MapWithoutLock()
    {
    }

    /**
     * @param args the region file.
     * @throws Exception when it cannot be mapped.
     */
    public static void main(final String[] args) throws Exception
    {
        final MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
        }
        System.out.println("mapped " + mapped.capacity());
        System.out.flush();
        Thread.sleep(120_000);
        System.out.println(mapped.get(0));
    }
}

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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes words into a file in native byte order, as a foreign process writing into a mapped region would: the
 * writes reach every process that maps the file (tmpfs and page cache are shared). As a child JVM it is "another
 * process"; {@link #write} does the same from the test JVM.
 * <p>
 * Usage: {@code WriteWords FILE OFFSET:WIDTH:VALUE ...}, width 4 or 8; prints {@code WRITTEN} and exits 0.
 */
public final class WriteWords
{
    private WriteWords()
    {
    }

    /**
     * @param args the file, then one {@code offset:width:value} per word.
     * @throws IOException when the file cannot be written.
     */
    public static void main(final String[] args) throws IOException
    {
        final long[] words = new long[(args.length - 1) * 3];
        for (int i = 1; i < args.length; i++)
        {
            final String[] parts = args[i].split(":");
            words[(i - 1) * 3] = Long.parseLong(parts[0]);
            words[(i - 1) * 3 + 1] = Integer.parseInt(parts[1]);
            words[(i - 1) * 3 + 2] = Long.parseLong(parts[2]);
        }
        write(Path.of(args[0]), words);
        System.out.println("WRITTEN");
    }

    /**
     * @param offset file offset.
     * @param width  4 or 8 bytes.
     * @param value  the word (the low 32 bits when the width is 4).
     * @return the {@code offset:width:value} argument of {@link #main}.
     */
    public static String arg(final long offset, final int width, final long value)
    {
        return offset + ":" + width + ":" + value;
    }

    /**
     * @param file  the file.
     * @param words triples of offset, width (4 or 8), value.
     * @throws IOException when the file cannot be written.
     */
    public static void write(final Path file, final long... words) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            for (int i = 0; i < words.length; i += 3)
            {
                final int width = (int)words[i + 1];
                final ByteBuffer buffer = ByteBuffer.allocate(width).order(ByteOrder.nativeOrder());
                if (width == Long.BYTES)
                {
                    buffer.putLong(0, words[i + 2]);
                }
                else if (width == Integer.BYTES)
                {
                    buffer.putInt(0, (int)words[i + 2]);
                }
                else
                {
                    throw new IllegalArgumentException("word width invalid: width=" + width);
                }
                channel.write(buffer, words[i]);
            }
        }
    }
}

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
package dev.mmipc.region;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * For tests: writes one header field of a region file through a descriptor of its own, as another process (or a
 * corrupting tool) would. Closing that descriptor drops this JVM's lock on a file a handle holds; the tests that
 * patch a held file do not rely on the lock.
 */
final class HeaderPatch
{
    private HeaderPatch()
    {
    }

    /**
     * @param file   the region file.
     * @param offset the field's offset.
     * @param width  {@link Long#BYTES} or {@link Short#BYTES}.
     * @param value  the value, in the platform's byte order as the library writes it.
     * @throws IOException when the file cannot be written.
     */
    static void patch(final Path file, final int offset, final int width, final long value) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.allocate(width).order(ByteOrder.nativeOrder());
        if (width == Long.BYTES)
        {
            bytes.putLong(0, value);
        }
        else
        {
            bytes.putShort(0, (short)value);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(bytes, offset);
        }
    }
}

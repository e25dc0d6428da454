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

import dev.mmipc.region.RegionFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static dev.mmipc.region.RegionDescriptor.*;

/**
 * The fixed header fields of a file read as they are, without any check and without mapping it: what
 * {@code inspect} shows of a broken file, how {@code ls}, {@code stat} and {@code inspect} find a truncated
 * one before they map anything, and how {@code gc} reads a temporary file.
 *
 * @param fileLength     bytes of the file.
 * @param complete       true when the file holds all the fixed fields; otherwise the others are 0.
 * @param magic          first eight bytes.
 * @param majorVersion   layout major version.
 * @param minorVersion   layout minor version.
 * @param kindCode       kind code.
 * @param state          state.
 * @param headerLength   header length.
 * @param payloadLength  payload length.
 * @param creatorPid     creator pid.
 * @param creatorStartMs creator start time, epoch ms.
 * @param createdMs      creation time, epoch ms.
 * @param ownerWord      owner word: 0 for a region its user named.
 */
record RawHeader(
    long fileLength,
    boolean complete,
    long magic,
    int majorVersion,
    int minorVersion,
    int kindCode,
    int state,
    long headerLength,
    long payloadLength,
    long creatorPid,
    long creatorStartMs,
    long createdMs,
    long ownerWord)
{
    /**
     * @return true when the magic is mmipc's.
     */
    boolean magicOk()
    {
        return complete && magic == MAGIC;
    }

    /**
     * Header length + payload length as stored: the file length the header says the region has.
     *
     * @return that sum (at most {@link Long#MAX_VALUE}), or -1 when the fields are missing or negative.
     */
    long expectedLength()
    {
        if (!complete || headerLength < 0 || payloadLength < 0)
        {
            return -1;
        }
        return headerLength > Long.MAX_VALUE - payloadLength ? Long.MAX_VALUE : headerLength + payloadLength;
    }

    /**
     * A region file that lost bytes: shorter than any region's header, or, its magic being mmipc's, shorter
     * than its header length + payload length. A process that maps it can die with SIGBUS when it touches the
     * lost pages, so the tools flag it and never map it.
     *
     * @return true when truncated.
     */
    boolean truncated()
    {
        return fileLength < HEADER_LENGTH || (magicOk() && expectedLength() > fileLength);
    }

    /**
     * @param name region name.
     * @param path region file.
     * @return what is wrong, as {@code what: key=value}; call only when {@link #truncated()}.
     */
    String truncation(final String name, final Path path)
    {
        if (fileLength < HEADER_LENGTH)
        {
            return "region file shorter than header: name=" + name + ", file=" + path + ", length=" + fileLength +
                ", required=" + HEADER_LENGTH;
        }
        return "region file shorter than its header says: name=" + name + ", file=" + path + ", file_length=" +
            fileLength + ", header_length=" + headerLength + ", payload_length=" + payloadLength +
            ", expected_length=" + expectedLength();
    }

    /**
     * Read with {@code pread}, never mapping the file, so a truncated file cannot fault the tool.
     *
     * @param path a file.
     * @return its fixed header fields as stored (native byte order, as regions are written).
     * @throws IOException when the file cannot be read, is a symbolic link or is not a regular file (a FIFO
     *                     would block the open).
     */
    static RawHeader read(final Path path) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.allocate(FIXED_LENGTH).order(ByteOrder.nativeOrder());
        // never a descriptor of its own on a file this process holds: closing it would drop the lock
        final long fileLength = RegionFiles.readPrefix(path, buffer);
        if (buffer.hasRemaining())
        {
            return new RawHeader(fileLength, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new RawHeader(
            fileLength,
            true,
            buffer.getLong(MAGIC_OFFSET),
            buffer.getShort(MAJOR_VERSION_OFFSET) & 0xFFFF,
            buffer.getShort(MINOR_VERSION_OFFSET) & 0xFFFF,
            buffer.getShort(KIND_OFFSET) & 0xFFFF,
            buffer.getShort(STATE_OFFSET) & 0xFFFF,
            buffer.getLong(HEADER_LENGTH_OFFSET),
            buffer.getLong(PAYLOAD_LENGTH_OFFSET),
            buffer.getLong(CREATOR_PID_OFFSET),
            buffer.getLong(CREATOR_START_OFFSET),
            buffer.getLong(CREATED_MS_OFFSET),
            buffer.getLong(OWNER_OFFSET));
    }
}

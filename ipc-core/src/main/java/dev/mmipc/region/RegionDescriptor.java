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

/**
 * Layout of a region file, version 1. Every shared object is one such file.
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                          Magic (64)                           |  0
 *  |                                                               |
 *  +-------------------------------+-------------------------------+
 *  |        Major Version          |         Minor Version         |  8
 *  +-------------------------------+-------------------------------+
 *  |            Kind               |    State (volatile, last)     | 12
 *  +-------------------------------+-------------------------------+
 *  |                      Header Length (64)                       | 16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                      Payload Length (64)                      | 24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                        Creator Pid (64)                       | 32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                Creator Start Time, epoch ms (64)              | 40
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                    Created At, epoch ms (64)                  | 48
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                          Owner (64)                           | 56
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |        Kind-specific parameters (element type, capacity,      | 64
 *  |        mode ...), 64 bytes, laid out by each kind's own       |
 *  |        descriptor                                            ...
 *  +---------------------------------------------------------------+
 *  |        Payload, starting at Header Length (128, so on its     | 128
 *  |        own pair of cache lines)                              ...
 *  +---------------------------------------------------------------+
 * </pre>
 * All fields are in native (little-endian) byte order. A creator writes every field, then the
 * state {@link #STATE_READY} with a volatile store, and only then renames the file into place; an
 * opener reads the state with a volatile load before it trusts anything else.
 * <p>
 * The <b>owner</b> word is 0 for a region its user named. A region that mmipc made on its own (a pool's slots
 * and queues, a child process's task) holds who it belongs to, so that tools can tell it from the user's and
 * {@code mmipc gc} can remove it once its owner is dead: the owner is the creator process (pid and start time
 * above), and the word names the object of that process that made it:
 * <pre>
 *   63              48 47                                              0
 *  +------------------+------------------------------------------------+
 *  | Owner Type (16)  |                Owner Number (48)               |
 *  +------------------+------------------------------------------------+
 * </pre>
 * Type 1 is a process pool, 2 a child process's task ({@link RegionOwnerType}); the number is the object's
 * number in its process, so the pool {@code pool-PID-N} owns the regions of type 1, number N, created by PID.
 * The word was "reserved" and written as 0 before, so every older file reads as its user's: no version change.
 */
public final class RegionDescriptor
{
    /** "MMIPC-RG" as a little-endian long: the first eight bytes of every region file. */
    public static final long MAGIC = 0x47522D4350494D4DL;

    /** Major layout version: another major is refused on open. */
    public static final int MAJOR_VERSION = 1;

    /** Minor layout version: additions that readers of the same major may ignore. */
    public static final int MINOR_VERSION = 0;

    /** State while the creator is still writing the header. */
    public static final int STATE_INITIALIZING = 0;

    /** State once the header and initial payload are complete. */
    public static final int STATE_READY = 1;

    /** Offset of the magic. */
    public static final int MAGIC_OFFSET;
    /** Offset of the major version (16 bits). */
    public static final int MAJOR_VERSION_OFFSET;
    /** Offset of the minor version (16 bits). */
    public static final int MINOR_VERSION_OFFSET;
    /** Offset of the kind code (16 bits). */
    public static final int KIND_OFFSET;
    /** Offset of the state (16 bits, written last with a volatile store). */
    public static final int STATE_OFFSET;
    /** Offset of the header length: where the payload starts. */
    public static final int HEADER_LENGTH_OFFSET;
    /** Offset of the payload length. */
    public static final int PAYLOAD_LENGTH_OFFSET;
    /** Offset of the creator's pid. */
    public static final int CREATOR_PID_OFFSET;
    /** Offset of the creator's process start time. */
    public static final int CREATOR_START_OFFSET;
    /** Offset of the creation time. */
    public static final int CREATED_MS_OFFSET;
    /** Offset of the owner word: 0 for a region its user named, else see {@link #ownerWord(int, long)}. */
    public static final int OWNER_OFFSET;
    /** Offset of the kind-specific parameters. */
    public static final int PARAMS_OFFSET;
    /** Bytes of the fixed fields, before the kind-specific parameters. */
    public static final int FIXED_LENGTH;
    /** Bytes available for kind-specific parameters. */
    public static final int PARAMS_LENGTH = 64;
    /** Header length written by this version: the payload starts here. */
    public static final int HEADER_LENGTH;

    /** Bits of the owner word that hold the owner's number; its type sits above them. */
    public static final int OWNER_NUMBER_BITS = 48;

    /** Largest owner number. */
    public static final long MAX_OWNER_NUMBER = (1L << OWNER_NUMBER_BITS) - 1;

    /** Largest owner type code. */
    public static final int MAX_OWNER_TYPE = 0xFFFF;

    /** Alignment of the payload and of the header length (two cache lines, against adjacent-line prefetch). */
    public static final int PAYLOAD_ALIGNMENT = 128;

    static
    {
        int offset = 0;
        MAGIC_OFFSET = offset;
        offset += Long.BYTES;
        MAJOR_VERSION_OFFSET = offset;
        offset += Short.BYTES;
        MINOR_VERSION_OFFSET = offset;
        offset += Short.BYTES;
        KIND_OFFSET = offset;
        offset += Short.BYTES;
        STATE_OFFSET = offset;
        offset += Short.BYTES;
        HEADER_LENGTH_OFFSET = offset;
        offset += Long.BYTES;
        PAYLOAD_LENGTH_OFFSET = offset;
        offset += Long.BYTES;
        CREATOR_PID_OFFSET = offset;
        offset += Long.BYTES;
        CREATOR_START_OFFSET = offset;
        offset += Long.BYTES;
        CREATED_MS_OFFSET = offset;
        offset += Long.BYTES;
        OWNER_OFFSET = offset;
        offset += Long.BYTES;
        FIXED_LENGTH = offset;
        PARAMS_OFFSET = offset;
        offset += PARAMS_LENGTH;
        HEADER_LENGTH = offset;
    }

    private RegionDescriptor()
    {
    }

    /**
     * @param paramIndex index of an 8-byte slot in the kind-specific parameters (0..7).
     * @return its offset in the header.
     */
    public static int paramOffset(final int paramIndex)
    {
        if (paramIndex < 0 || paramIndex >= PARAMS_LENGTH / Long.BYTES)
        {
            throw new IndexOutOfBoundsException("param index out of range: index=" + paramIndex + ", slots=8");
        }
        return PARAMS_OFFSET + paramIndex * Long.BYTES;
    }

    /**
     * @param typeCode owner type, 1..{@value #MAX_OWNER_TYPE}.
     * @param number   the owning object's number in its process, 0..{@link #MAX_OWNER_NUMBER}.
     * @return the owner word: never 0.
     * @throws IllegalArgumentException when either is out of range.
     */
    public static long ownerWord(final int typeCode, final long number)
    {
        if (typeCode < 1 || typeCode > MAX_OWNER_TYPE)
        {
            throw new IllegalArgumentException(
                "owner type out of range: type=" + typeCode + ", min=1, max=" + MAX_OWNER_TYPE);
        }
        if (number < 0 || number > MAX_OWNER_NUMBER)
        {
            throw new IllegalArgumentException(
                "owner number out of range: number=" + number + ", min=0, max=" + MAX_OWNER_NUMBER);
        }
        return ((long)typeCode << OWNER_NUMBER_BITS) | number;
    }

    /**
     * @param ownerWord an owner word as stored, any value.
     * @return its type code (0 for a region its user named), 0..{@value #MAX_OWNER_TYPE}.
     */
    public static int ownerType(final long ownerWord)
    {
        return (int)(ownerWord >>> OWNER_NUMBER_BITS);
    }

    /**
     * @param ownerWord an owner word as stored, any value.
     * @return its owner number, 0..{@link #MAX_OWNER_NUMBER}.
     */
    public static long ownerNumber(final long ownerWord)
    {
        return ownerWord & MAX_OWNER_NUMBER;
    }
}

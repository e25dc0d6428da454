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

import java.util.Objects;

/**
 * The object of a process that made a region on its own, as recorded in the region's owner word (see
 * {@link RegionDescriptor#OWNER_OFFSET}); the process is the region's creator.
 *
 * @param type   what kind of object.
 * @param number its number in its process, 0..{@link RegionDescriptor#MAX_OWNER_NUMBER}.
 */
public record RegionOwner(RegionOwnerType type, long number)
{
    /**
     * @param type   what kind of object.
     * @param number its number in its process.
     * @throws IllegalArgumentException when the number is out of range.
     */
    public RegionOwner
    {
        Objects.requireNonNull(type, "type");
        RegionDescriptor.ownerWord(type.code(), number);
    }

    /**
     * @return the owner word stored in the header: never 0.
     */
    public long word()
    {
        return RegionDescriptor.ownerWord(type.code(), number);
    }

    /**
     * @param pid the creator's pid.
     * @return the owner's name, {@code PREFIX-PID-NUMBER}, e.g. {@code pool-4242-1}.
     */
    public String name(final long pid)
    {
        return type.prefix() + "-" + pid + "-" + number;
    }
}

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
package dev.mmipc.process;

import dev.mmipc.liveness.ProcessIdentity;
import dev.mmipc.region.NamespaceDirectory;
import dev.mmipc.region.Region;
import dev.mmipc.region.RegionHeader;
import dev.mmipc.region.RegionOwner;
import dev.mmipc.region.RegionOwnerType;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes regions that a dead process made on its own: what a daemon child does for its parent before it exits
 * (see {@link ParentWatch}). A region is removed only when its header says it is internal to an owner of the
 * given type and its creator is exactly that process (pid and start time); any other region, a region that is
 * gone, broken or not ready, is left alone. Several children may sweep at once: each name is removed by one of
 * them, the others find it gone.
 */
final class OrphanRegions
{
    private OrphanRegions()
    {
    }

    /**
     * @param dir     the namespace directory.
     * @param creator the dead process.
     * @param type    which of its owners' regions to remove.
     * @return the names this call removed.
     */
    static List<String> unlinkAll(
        final NamespaceDirectory dir, final ProcessIdentity creator, final RegionOwnerType type)
    {
        final List<String> removed = new ArrayList<>();
        for (final String name : dir.list())
        {
            if (unlinkIfOwned(dir, name, creator, type))
            {
                removed.add(name);
            }
        }
        return removed;
    }

    /**
     * @param dir     the namespace directory.
     * @param name    a region name.
     * @param creator the dead process.
     * @param type    the owner type the region must have.
     * @return true if this call removed the region.
     */
    static boolean unlinkIfOwned(
        final NamespaceDirectory dir, final String name, final ProcessIdentity creator, final RegionOwnerType type)
    {
        try (Region region = Region.open(dir, name, null, 0))
        {
            final RegionHeader header = region.header();
            final RegionOwner owner = header.owner();
            if (owner == null || owner.type() != type || header.creatorPid() != creator.pid() ||
                header.creatorStartMs() != creator.startTimeMs())
            {
                return false;
            }
            return region.unlink(); // false when the name was removed, or taken by a new region, meanwhile
        }
        catch (final RuntimeException ex)
        {
            return false; // gone since listed, broken, not ready or not ours to open: not this sweep's to judge
        }
    }
}

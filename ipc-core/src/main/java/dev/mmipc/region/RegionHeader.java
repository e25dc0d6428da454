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

import dev.mmipc.liveness.Liveness;

import java.nio.file.Path;

/**
 * The fixed header fields of a region, as read from its file.
 *
 * @param name           the region's name.
 * @param path           its file.
 * @param kind           what it holds.
 * @param majorVersion   layout major version.
 * @param minorVersion   layout minor version.
 * @param state          {@link RegionDescriptor#STATE_READY} once complete.
 * @param headerLength   bytes before the payload.
 * @param payloadLength  bytes of payload.
 * @param fileLength     bytes of the file.
 * @param creatorPid     pid of the process that created it.
 * @param creatorStartMs start time of that process, epoch ms.
 * @param createdMs      creation time, epoch ms.
 * @param ownerWord      0 for a region its user named, else the object of the creator that made it on its own
 *                       (see {@link RegionDescriptor#OWNER_OFFSET}).
 */
public record RegionHeader(
    String name,
    Path path,
    RegionKind kind,
    int majorVersion,
    int minorVersion,
    int state,
    long headerLength,
    long payloadLength,
    long fileLength,
    long creatorPid,
    long creatorStartMs,
    long createdMs,
    long ownerWord)
{
    /**
     * @return true if the creating process (same pid and start time) still runs, as the namespace's
     * {@link Liveness} judges it: by the OS in this PID namespace, by its heartbeat in another.
     */
    public boolean creatorAlive()
    {
        return liveness().isAlive(creatorPid, creatorStartMs, Liveness.DEFAULT_STALE_AFTER_NS);
    }

    /**
     * @return the inode of the creator's PID namespace as the namespace's liveness table records it, 0 when it
     * does not (a creator that is gone, or that never registered).
     */
    public long creatorPidNamespace()
    {
        return liveness().pidNamespaceOf(creatorPid, creatorStartMs);
    }

    private Liveness liveness()
    {
        return Liveness.of(path.toAbsolutePath().getParent());
    }

    /**
     * @return true when mmipc made the region on its own (a pool's queue, a task): its owner removes it.
     */
    public boolean internal()
    {
        return ownerWord != 0;
    }

    /**
     * @return the owner, or null for a region its user named or an owner type this version does not know.
     */
    public RegionOwner owner()
    {
        final RegionOwnerType type = RegionOwnerType.fromCodeOrNull(RegionDescriptor.ownerType(ownerWord));
        return type == null ? null : new RegionOwner(type, RegionDescriptor.ownerNumber(ownerWord));
    }

    /**
     * @return the owner's name, e.g. {@code pool-4242-1} ({@code owner7-4242-1} for an unknown type 7), or null for
     * a region its user named.
     */
    public String ownerName()
    {
        if (!internal())
        {
            return null;
        }
        final RegionOwner owner = owner();
        return owner != null ? owner.name(creatorPid) :
            "owner" + RegionDescriptor.ownerType(ownerWord) + "-" + creatorPid + "-" +
            RegionDescriptor.ownerNumber(ownerWord);
    }

    /**
     * @return whose the region is, e.g. {@code internal to pool pool-4242-1 of pid 4242}, or
     * {@code none (named by its user)}.
     */
    public String ownerDescription()
    {
        if (!internal())
        {
            return "none (named by its user)";
        }
        final RegionOwner owner = owner();
        final String label = owner != null ?
            owner.type().label() : "owner of unknown type " + RegionDescriptor.ownerType(ownerWord);
        return "internal to " + label + " " + ownerName() + " of pid " + creatorPid;
    }
}

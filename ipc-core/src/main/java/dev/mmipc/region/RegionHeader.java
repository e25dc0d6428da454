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
    long createdMs)
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
}

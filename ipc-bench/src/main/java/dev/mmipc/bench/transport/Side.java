package dev.mmipc.bench.transport;

/**
 * Which JVM an endpoint lives in, and the other process when the benchmark side knows it.
 *
 * @param isPeer true in the peer JVM.
 * @param peer   the peer process seen from the benchmark JVM, or null in the peer.
 */
public record Side(boolean isPeer, ProcessHandle peer)
{
    /** The peer JVM's side. */
    public static final Side PEER = new Side(true, null);

    /**
     * @param peer the peer process.
     * @return the benchmark JVM's side.
     */
    public static Side bench(final Process peer)
    {
        return new Side(false, peer.toHandle());
    }

    /**
     * @return "bench" or "peer".
     */
    public String label()
    {
        return isPeer ? "peer" : "bench";
    }
}

package dev.mmipc.bench.transport;

/**
 * The first byte of every message says what the peer does with it.
 */
public final class Protocol
{
    /** Drop it (streaming). */
    public static final byte DATA = 0;
    /** Send it back unchanged (ping-pong, and the last message of a streaming batch). */
    public static final byte ECHO = 1;
    /** Stop: the peer closes its end and exits 0. */
    public static final byte STOP = 2;
    /** The shortest message the protocol sends. */
    public static final int MIN_LENGTH = 16;

    private Protocol()
    {
    }
}

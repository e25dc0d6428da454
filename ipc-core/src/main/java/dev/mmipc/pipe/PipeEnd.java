package dev.mmipc.pipe;

/**
 * The two ends of a pipe. In a one-way pipe, as with Python's {@code Pipe(duplex=False)}, {@link #FIRST} only
 * receives and {@link #SECOND} only sends; in a duplex pipe both do both.
 */
public enum PipeEnd
{
    /** The first end: receive-only in a one-way pipe. */
    FIRST,
    /** The second end: send-only in a one-way pipe. */
    SECOND;

    /**
     * @return the other end.
     */
    public PipeEnd peer()
    {
        return this == FIRST ? SECOND : FIRST;
    }
}

package dev.mmipc;

/**
 * A message did not fit the buffer given to receive it (Python's {@code BufferTooShort}). The message stays
 * in the pipe, so a call with a large enough buffer receives it; {@link #messageLength()} says how large.
 */
public class BufferTooShortException extends MmipcException
{
    private static final long serialVersionUID = 1L;

    /** @serial length in bytes of the message that did not fit */
    private final int messageLength;

    /**
     * @param message       what went wrong, in {@code what: key=value} form.
     * @param messageLength length of the message left in the pipe.
     */
    public BufferTooShortException(final String message, final int messageLength)
    {
        super(message);
        this.messageLength = messageLength;
    }

    /**
     * @return length of the message left in the pipe, in bytes.
     */
    public int messageLength()
    {
        return messageLength;
    }
}

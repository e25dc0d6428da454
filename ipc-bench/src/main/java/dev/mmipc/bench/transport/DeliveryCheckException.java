package dev.mmipc.bench.transport;

/**
 * A message arrived that the sender did not send: lost, repeated or reordered (its sequence number is not the
 * next one), corrupted (its checksum does not match its bytes), of another length or of another kind. The trial
 * that sees it fails: a figure is only reported for messages that were all delivered and checked.
 */
public final class DeliveryCheckException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final String check;

    /**
     * @param check   which check failed: {@code length}, {@code kind}, {@code sequence} or {@code checksum}.
     * @param message the whole message, {@code delivery check failed: check=..., ...}.
     */
    DeliveryCheckException(final String check, final String message)
    {
        super(message);
        this.check = check;
    }

    /**
     * @return which check failed: {@code length}, {@code kind}, {@code sequence} or {@code checksum}.
     */
    public String check()
    {
        return check;
    }
}

package dev.mmipc.codec;

/**
 * A serialized message was refused by the deserialization filter of {@link SerializableCodec} before any
 * object of a refused class was constructed: see {@link RefusedClassException} and
 * {@link RefusedLimitException}.
 */
public class RefusedMessageException extends CodecException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, in {@code what: key=value} form.
     * @param cause   the underlying failure.
     */
    public RefusedMessageException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

package dev.mmipc.codec;

/**
 * A serialized message named a class outside the allowlist of a {@link SerializableCodec}. The class may
 * have been loaded to learn its name's shape, but it was never initialised and no instance of it was made.
 */
public final class RefusedClassException extends RefusedMessageException
{
    private static final long serialVersionUID = 1L;

    /** @serial name of the class outside the allowlist */
    private final String className;

    /**
     * @param message   what went wrong, in {@code what: key=value} form.
     * @param className the refused class, as {@link Class#getName()} gives it.
     * @param cause     the underlying failure.
     */
    public RefusedClassException(final String message, final String className, final Throwable cause)
    {
        super(message, cause);
        this.className = className;
    }

    /**
     * @return the refused class, as {@link Class#getName()} gives it (arrays as {@code [Lcom.acme.X;}).
     */
    public String className()
    {
        return className;
    }
}

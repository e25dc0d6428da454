package dev.mmipc.region;

import dev.mmipc.MmipcException;

import java.nio.file.Path;

/**
 * Child JVM of {@link PathSafetyTest}: checks (and creates) a namespace directory with this JVM's umask and
 * system properties, prints {@code path=PATH} or {@code error=CLASS message=MESSAGE} (exit 3).
 * <pre>
 * NamespaceChild DIR
 * </pre>
 */
public final class NamespaceChild
{
    private NamespaceChild()
    {
    }

    /**
     * @param args the namespace directory.
     */
    public static void main(final String[] args)
    {
        try
        {
            System.out.println("path=" + NamespaceDirectory.of(Path.of(args[0])).path());
        }
        catch (final MmipcException ex)
        {
            System.out.println("error=" + ex.getClass().getSimpleName() + " message=" + ex.getMessage());
            System.exit(3);
        }
    }
}

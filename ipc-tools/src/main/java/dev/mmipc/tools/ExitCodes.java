package dev.mmipc.tools;

/**
 * Exit codes of every {@code mmipc} command.
 */
public final class ExitCodes
{
    /** Everything went as asked. */
    public static final int OK = 0;

    /** A named region was not found, or an operation failed (e.g. a broken file, a removal refused). */
    public static final int FAILED = 1;

    /** The command line was wrong: unknown option, missing argument, invalid region name (picocli's default). */
    public static final int USAGE = 2;

    private ExitCodes()
    {
    }
}

package dev.mmipc.tools;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Child JVM: runs several {@code mmipc} command lines one after another in this JVM (namespace from
 * {@code -Dmmipc.dir}) and prints, for each, {@code ran COMMAND exit=N} and what it printed.
 * <pre>
 * RunTools "ls" "inspect hits" "gc --dry-run" ...
 * </pre>
 */
public final class RunTools
{
    private RunTools()
    {
    }

    /**
     * @param args command lines, each one argument split at spaces.
     */
    public static void main(final String[] args)
    {
        for (final String commandLine : args)
        {
            final StringWriter out = new StringWriter();
            final int exitCode;
            try (PrintWriter writer = new PrintWriter(out, true))
            {
                exitCode = Main.newCommandLine(writer, writer).execute(commandLine.split(" "));
            }
            System.out.print(out);
            System.out.println("ran " + commandLine + " exit=" + exitCode);
        }
        System.out.println("all ran");
    }
}

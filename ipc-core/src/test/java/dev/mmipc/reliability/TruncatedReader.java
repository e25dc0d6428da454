package dev.mmipc.reliability;

import dev.mmipc.Namespace;
import dev.mmipc.shared.SharedLongArray;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM of {@link TruncationTest}: maps a shared long array, says so, waits until another process has
 * truncated the file under it, then reads (or writes) past the new end in one of several ways. Prints
 * {@code caught CLASS: MESSAGE} and exits 0 when the read throws; prints {@code read VALUE} and exits 0 when it
 * does not (it cannot: the page is gone); dies with the JVM when the JVM does.
 * <pre>
 * TruncatedReader NAME MODE      MODE: plain | volatile | copy | loop | write
 * </pre>
 */
public final class TruncatedReader
{
    private TruncatedReader()
    {
    }

    /**
     * @param args name, mode.
     * @throws Exception on a harness failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final String name = args[0];
        final String mode = args[1];
        final Namespace ns = Namespace.open();
        final Path file = ns.path().resolve(name);
        try (SharedLongArray array = SharedLongArray.open(ns, name))
        {
            final int last = array.length() - 1;
            long sum = 0;
            for (int round = 0; round < 20_000; round++) // warm: the loop mode then runs JIT-compiled code
            {
                sum += read(array, mode, round % array.length());
            }
            final long mappedLength = Files.size(file);
            System.out.println("mapped length=" + mappedLength + " warm=" + sum);
            System.out.flush();
            final long deadline = System.nanoTime() + 60_000_000_000L;
            while (Files.size(file) == mappedLength)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    System.out.println("never truncated");
                    System.exit(2);
                }
                Thread.sleep(5);
            }
            System.out.println("truncated length=" + Files.size(file));
            System.out.flush();
            try
            {
                long value = 0;
                for (int i = 0; i < 1_000; i++)
                {
                    value += read(array, mode, last - (i % 8));
                }
                System.out.println("read " + value);
            }
            catch (final Throwable ex)
            {
                System.out.println("caught " + ex.getClass().getName() + ": " + ex.getMessage());
            }
            System.out.flush();
        }
        System.exit(0);
    }

    private static long read(final SharedLongArray array, final String mode, final int index)
    {
        switch (mode)
        {
            case "plain":
                return array.getPlain(index);
            case "volatile":
                return array.get(index);
            case "copy":
            {
                final long[] copy = new long[8];
                array.copyTo(index - 7 < 0 ? 0 : index - 7, copy, 0, index - 7 < 0 ? 1 : 8);
                return copy[0];
            }
            case "loop":
            {
                long sum = 0;
                for (int i = 0; i < 64; i++)
                {
                    sum += array.getPlain(Math.max(0, index - i));
                }
                return sum;
            }
            case "write":
                array.setPlain(index, index);
                return index;
            default:
                throw new IllegalArgumentException("mode unknown: mode=" + mode);
        }
    }
}

package dev.mmipc.region;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Child JVM that locks a file the way another process would, to see the locks region handles hold.
 * <ul>
 * <li>{@code try-exclusive FILE}: prints {@code free} when an exclusive lock could be taken (then drops it),
 * {@code busy} when some process holds a lock on the file; exits.</li>
 * <li>{@code hold-exclusive FILE} / {@code hold-shared FILE}: takes the lock, prints {@code holding}, keeps it
 * until killed (or 120 s pass): a remover stopped half-way, or a process holding a region.</li>
 * </ul>
 */
public final class LockProbe
{
    private LockProbe()
    {
    }

    /**
     * @param args mode and file.
     * @throws Exception when the file cannot be opened.
     */
    public static void main(final String[] args) throws Exception
    {
        final String mode = args[0];
        try (FileChannel channel = FileChannel.open(Path.of(args[1]), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final FileLock lock = channel.tryLock(0, Long.MAX_VALUE, mode.equals("hold-shared"));
            if (mode.equals("try-exclusive"))
            {
                System.out.println(lock == null ? "busy" : "free");
                return;
            }
            if (lock == null)
            {
                System.out.println("busy");
                System.exit(3);
            }
            System.out.println("holding");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}

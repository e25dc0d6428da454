package dev.mmipc.reliability;

import dev.mmipc.Namespace;
import dev.mmipc.shared.SharedLong;
import dev.mmipc.sync.Lock;

/**
 * A child JVM of {@link PidNamespaceTest}, run as pid 1 of a PID namespace of its own: {@code PidNamespaceChild
 * KIND NAME CMD}. It takes the object {@code NAME} of kind {@code KIND} (see {@link Holding}), prints
 * {@value #HOLDING} 1, waits until the {@link SharedLong} {@code CMD} is 1, releases it and prints
 * {@value #RELEASED} (or {@value #FAILED} and the error), takes it again, prints {@value #HOLDING} 2, and waits to be
 * killed. It halts by itself after {@value #CAP_S} s.
 */
public final class PidNamespaceChild
{
    static final String HOLDING = "holding ";
    static final String RELEASED = "released ok";
    static final String FAILED = "release failed: ";
    static final long CAP_S = 120;

    private PidNamespaceChild()
    {
    }

    /**
     * What the child holds, one implementation per kind.
     */
    interface Holding extends AutoCloseable
    {
        void take() throws Exception;

        void release() throws Exception;

        @Override
        void close();
    }

    /**
     * @param args kind, object name, command value name.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Namespace ns = Namespace.open();
        System.out.println("pid=" + ProcessHandle.current().pid());
        try (SharedLong cmd = SharedLong.open(ns, args[2]); Holding holding = holding(ns, args[0], args[1]))
        {
            final long capNs = System.nanoTime() + CAP_S * 1_000_000_000L;
            holding.take();
            say(HOLDING + 1);
            while (cmd.get() != 1)
            {
                pause(capNs);
            }
            try
            {
                holding.release();
                say(RELEASED);
            }
            catch (final Exception | Error ex)
            {
                say(FAILED + ex);
            }
            holding.take();
            say(HOLDING + 2);
            while (true)
            {
                pause(capNs);
            }
        }
    }

    private static Holding holding(final Namespace ns, final String kind, final String name)
    {
        switch (kind)
        {
            case "lock":
            {
                final Lock lock = Lock.open(ns, name);
                return new Holding()
                {
                    @Override
                    public void take()
                    {
                        lock.lock();
                    }

                    @Override
                    public void release()
                    {
                        lock.unlock();
                    }

                    @Override
                    public void close()
                    {
                        lock.close();
                    }
                };
            }
            default:
                throw new IllegalArgumentException("unknown kind: " + kind);
        }
    }

    private static void say(final String line)
    {
        System.out.println(line);
        System.out.flush();
    }

    private static void pause(final long capNs) throws InterruptedException
    {
        if (System.nanoTime() - capNs > 0)
        {
            say("cap reached: halting");
            Runtime.getRuntime().halt(3);
        }
        Thread.sleep(5);
    }
}

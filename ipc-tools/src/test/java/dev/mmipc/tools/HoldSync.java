package dev.mmipc.tools;

import dev.mmipc.Namespace;
import dev.mmipc.sync.Lock;
import dev.mmipc.sync.RLock;

/**
 * Child JVM: opens the lock or reentrant lock NAME of the namespace {@code -Dmmipc.dir}, takes it (a reentrant one
 * twice), prints {@code held}, and keeps it until killed (or 120 s pass).
 */
public final class HoldSync
{
    private HoldSync()
    {
    }

    /**
     * @param args {@code lock NAME} or {@code rlock NAME}.
     * @throws InterruptedException never expected.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final Namespace ns = Namespace.open();
        if ("rlock".equals(args[0]))
        {
            final RLock lock = RLock.open(ns, args[1]);
            lock.lock();
            lock.lock();
        }
        else
        {
            final Lock lock = Lock.open(ns, args[1]);
            lock.lock();
        }
        System.out.println("held");
        System.out.flush();
        Thread.sleep(120_000);
    }
}

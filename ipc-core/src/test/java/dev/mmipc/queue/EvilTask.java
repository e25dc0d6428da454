package dev.mmipc.queue;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A class outside the job codec's allowlist. Only the child producer ever makes one; the test JVM that
 * consumes must never initialise or construct it, which {@link QueueMarkers} would show.
 */
public final class EvilTask implements Serializable
{
    private static final long serialVersionUID = 1L;

    static
    {
        QueueMarkers.record("EvilTask.<clinit>");
    }

    final String command;

    /**
     * @param command anything.
     */
    public EvilTask(final String command)
    {
        QueueMarkers.record("EvilTask.<init>");
        this.command = command;
    }

    private void readObject(final ObjectInputStream in) throws IOException, ClassNotFoundException
    {
        QueueMarkers.record("EvilTask.readObject");
        in.defaultReadObject();
    }
}

package dev.mmipc.queue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what {@link EvilTask} did in this JVM: its static initialiser, constructor and readObject.
 */
final class QueueMarkers
{
    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private QueueMarkers()
    {
    }

    static void record(final String event)
    {
        EVENTS.add(event);
    }

    static List<String> events()
    {
        return List.copyOf(EVENTS);
    }
}

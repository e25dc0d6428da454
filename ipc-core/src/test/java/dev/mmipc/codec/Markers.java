package dev.mmipc.codec;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what the test's hostile classes did: their static initialisers, constructors, readObject and
 * readResolve each add an event here, so that a test can assert none of them ran.
 */
final class Markers
{
    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private Markers()
    {
    }

    static void record(final String event)
    {
        EVENTS.add(event);
    }

    static List<String> events(final String prefix)
    {
        return EVENTS.stream().filter(e -> e.startsWith(prefix)).toList();
    }
}

package dev.mmipc.counters;

/**
 * Receives each allocated counter from {@link SharedCounters#forEach(CounterVisitor)}.
 */
@FunctionalInterface
public interface CounterVisitor
{
    /**
     * @param id     counter id.
     * @param typeId its type id.
     * @param label  its label.
     * @param value  its value when visited (volatile load).
     */
    void accept(int id, int typeId, String label, long value);
}

package dev.mmipc.counters;

/**
 * One allocated counter as read at one moment, for tools.
 *
 * @param id     counter id.
 * @param typeId its type id.
 * @param label  its label.
 * @param value  its value (volatile load).
 */
public record CounterSnapshot(int id, int typeId, String label, long value)
{
}

/**
 * Labelled counters shared between processes, in Agrona's counters layout.
 * <p>
 * {@link dev.mmipc.counters.SharedCounters} is one region holding Agrona's metadata and values buffers
 * (layout in {@link dev.mmipc.counters.CountersDescriptor}); any process allocates a
 * {@link dev.mmipc.counters.SharedCounter} and any process reads all counters live through Agrona's
 * {@code CountersReader}. Allocation is made safe between processes by a lock word in the region that a
 * waiter takes over from a dead holder. {@link dev.mmipc.counters.CountersInspector} gives tools a read-only
 * view.
 */
package dev.mmipc.counters;

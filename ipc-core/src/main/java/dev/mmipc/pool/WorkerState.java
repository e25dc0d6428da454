package dev.mmipc.pool;

import dev.mmipc.process.JvmProcess;
import org.agrona.collections.IntHashSet;

import java.util.ArrayDeque;

/**
 * One worker JVM (one generation of one worker index), as the dispatcher sees it. Dispatcher thread only.
 */
final class WorkerState
{
    final int index;
    final int generation;
    final WorkerChannel channel;

    /** Units sent and not answered yet, in the order sent: the worker answers in that order. */
    final ArrayDeque<WorkUnit> outstanding = new ArrayDeque<>();

    /** Ids of the map functions this worker was sent and not told to drop. */
    final IntHashSet fns = new IntHashSet();

    JvmProcess process;
    int tasksSent;

    /** It sent R_READY: its initializer ran. */
    boolean ready;

    /** Its task queue is marked closed (max tasks per child): it exits once it has run what it was sent. */
    boolean retiring;

    /** Its task queue had no room at the last send; cleared when it answers. */
    boolean full;

    /** Its exit was handled, or the pool tore it down. */
    boolean dead;

    WorkerState(final int index, final int generation, final WorkerChannel channel)
    {
        this.index = index;
        this.generation = generation;
        this.channel = channel;
    }
}

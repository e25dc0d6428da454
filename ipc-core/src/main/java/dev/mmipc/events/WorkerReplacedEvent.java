package dev.mmipc.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * JFR event {@code dev.mmipc.WorkerReplaced}: a process pool started a new worker in place of one that died.
 */
@Name("dev.mmipc.WorkerReplaced")
@Label("Worker Replaced")
@Category("mmipc")
@Description("A process pool started a new worker in place of one that died.")
final class WorkerReplacedEvent extends Event
{
    @Label("Pool")
    @Description("Name of the pool")
    String pool;

    @Label("Worker")
    @Description("Index of the worker in the pool")
    int worker;

    @Label("Dead Pid")
    @Description("Pid of the worker that died")
    long deadPid;

    @Label("New Pid")
    @Description("Pid of the replacement")
    long newPid;
}

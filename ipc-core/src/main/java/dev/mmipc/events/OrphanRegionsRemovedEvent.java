package dev.mmipc.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timestamp;

/**
 * JFR event {@code dev.mmipc.OrphanRegionsRemoved}: a child process whose parent died removed the regions the parent had made on its own (a pool's queues, a task).
 */
@Name("dev.mmipc.OrphanRegionsRemoved")
@Label("Orphan Regions Removed")
@Category("mmipc")
@Description("A child process whose parent died removed the regions the parent had made on its own (a pool's queues, a task).")
final class OrphanRegionsRemovedEvent extends Event
{
    @Label("Directory")
    @Description("The namespace directory")
    String directory;

    @Label("Dead Pid")
    @Description("Pid of the parent that died")
    long deadPid;

    @Label("Dead Start Time")
    @Description("Start time of the parent")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    long deadStartTime;

    @Label("Count")
    @Description("How many regions this process removed")
    int count;

    @Label("Regions")
    @Description("Their names, comma-separated")
    String regions;
}
